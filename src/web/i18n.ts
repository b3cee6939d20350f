// Locale strings live in JSON files per language and namespace: locales/<lang>/<namespace>.json.
// A key is "<namespace>.<path.inside.file>". Which languages a namespace must exist in is stated once,
// in NAMESPACE_LANGUAGES; test/web/locales.test.ts fails when a file, a key or a placeholder differs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LANGUAGES = ['nb', 'nn', 'en', 'se'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nb';

/** The portal speaks these on every page. */
export const PORTAL_LANGUAGES: readonly Language[] = ['nb', 'nn', 'en'];
/** Northern Sámi covers the start page, its guidance and emergency box, and the contact page. */
export const START_LANGUAGES: readonly Language[] = ['nb', 'nn', 'en', 'se'];
/** Caseworkers: both written standards of Norwegian. */
export const MOTTAK_LANGUAGES: readonly Language[] = ['nb', 'nn'];

/**
 * The languages each namespace is written in. Machine-facing texts (API messages, which receiving
 * systems and Fiks read) and the development stand-ins are Norwegian only.
 */
export const NAMESPACE_LANGUAGES: Readonly<Record<string, readonly Language[]>> = {
  common: START_LANGUAGES,
  start: START_LANGUAGES,
  // What the registry lacks (a missing barnevernvakt number or postcode) and a city's districts:
  // not yet in Sámi, so a Sámi contact page reads these in bokmål, marked lang="nb".
  contact: PORTAL_LANGUAGES,
  // The footer's pages (help, about, privacy, cookies, accessibility): not yet in Sámi either.
  info: PORTAL_LANGUAGES,
  auth: PORTAL_LANGUAGES,
  categories: PORTAL_LANGUAGES,
  journey: PORTAL_LANGUAGES,
  myReports: PORTAL_LANGUAGES,
  innsyn: PORTAL_LANGUAGES,
  statistics: PORTAL_LANGUAGES,
  notice: PORTAL_LANGUAGES,
  pdf: PORTAL_LANGUAGES,
  mottak: MOTTAK_LANGUAGES,
  api: ['nb'],
  mottakApi: ['nb'],
  innsynApi: ['nb'],
  devIdporten: ['nb'],
  devCaseworkerIdp: ['nb'],
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The locale Intl formats with: Norwegian region for the Norwegian and Sámi texts, British English. */
export function intlLocale(lang: Language): string {
  return lang === 'en' ? 'en-GB' : `${lang}-NO`;
}

type Messages = Map<string, string>;

export const LOCALES_DIR = join(import.meta.dirname, 'locales');

function flatten(prefix: string, value: unknown, out: Messages): void {
  if (typeof value === 'string') {
    out.set(prefix, value);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  } else {
    throw new Error(`locale value at ${prefix} must be a string or an object`);
  }
}

/** Every key of one language, flattened; a language folder that does not exist yet is empty. */
export function loadLanguage(lang: Language, dir = LOCALES_DIR): Messages {
  const messages: Messages = new Map();
  let files: string[];
  try {
    files = readdirSync(join(dir, lang));
  } catch {
    return messages;
  }
  for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
    const namespace = file.slice(0, -'.json'.length);
    flatten(namespace, JSON.parse(readFileSync(join(dir, lang, file), 'utf8')), messages);
  }
  return messages;
}

const catalogs = new Map<Language, Messages>(LANGUAGES.map((l) => [l, loadLanguage(l)]));

export type Params = Record<string, string | number>;
export type Translate = ((key: string, params?: Params) => string) & {
  readonly lang: Language;
  /** The language `key` is shown in: `lang`, or bokmål where the text is not written in `lang`. */
  langOf(key: string): Language;
};

const numberFormats = new Map(LANGUAGES.map((l) => [l, new Intl.NumberFormat(intlLocale(l), { useGrouping: true })]));

/**
 * The language a key is read in. A namespace not written in `lang` (Sámi has only the start pages;
 * API and stand-in texts are Norwegian only) is read in bokmål, and so is a key missing from a
 * language that should have it: a page in a language half-written is better than no page. The
 * locale test fails on the second kind; the first is by design, and pages mark it with `lang`.
 */
function sourceLanguage(key: string, lang: Language): Language {
  const languages = NAMESPACE_LANGUAGES[key.slice(0, key.indexOf('.'))];
  if (languages && !languages.includes(lang)) return DEFAULT_LANGUAGE;
  return catalogs.get(lang)!.has(key) ? lang : DEFAULT_LANGUAGE;
}

/** Throws when not even bokmål has the key: a missing text is a bug we want to see in tests, not an empty label. */
export function translator(lang: Language = DEFAULT_LANGUAGE): Translate {
  const numbers = numberFormats.get(lang)!;
  const translate = (key: string, params?: Params): string => {
    const source = sourceLanguage(key, lang);
    const template = catalogs.get(source)!.get(key);
    if (template === undefined) throw new Error(`missing locale key ${source}:${key}`);
    if (!params) return template;
    // Numbers read the way the language writes them ("20 000" with a no-break space, "20,000").
    return template.replace(/\{(\w+)\}/g, (m, name: string) => {
      if (!(name in params)) return m;
      const value = params[name]!;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
  return Object.assign(translate, { lang, langOf: (key: string) => sourceLanguage(key, lang) });
}

export function hasKey(key: string, lang: Language = DEFAULT_LANGUAGE): boolean {
  return catalogs.get(lang)!.has(key);
}

export function allKeys(lang: Language = DEFAULT_LANGUAGE): string[] {
  return [...catalogs.get(lang)!.keys()];
}
