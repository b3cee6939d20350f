// Locale strings live in JSON files per language and namespace: locales/<lang>/<namespace>.json.
// A key is "<namespace>.<path.inside.file>". Bokmål is the only language until the languages issue.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LANGUAGES = ['nb'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nb';

type Messages = Map<string, string>;

const LOCALES_DIR = join(import.meta.dirname, 'locales');

function flatten(prefix: string, value: unknown, out: Messages): void {
  if (typeof value === 'string') {
    out.set(prefix, value);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  } else {
    throw new Error(`locale value at ${prefix} must be a string or an object`);
  }
}

function loadLanguage(lang: Language): Messages {
  const messages: Messages = new Map();
  const dir = join(LOCALES_DIR, lang);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const namespace = file.slice(0, -'.json'.length);
    flatten(namespace, JSON.parse(readFileSync(join(dir, file), 'utf8')), messages);
  }
  return messages;
}

const catalogs = new Map<Language, Messages>(LANGUAGES.map((l) => [l, loadLanguage(l)]));

export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

// Numbers read the Norwegian way: "20 000", with a no-break space so they never wrap.
const numberFormat = new Intl.NumberFormat('nb-NO', { useGrouping: true });
function formatParam(value: string | number): string {
  return typeof value === 'number' ? numberFormat.format(value) : value;
}

/** Throws on a missing key: a missing text is a bug we want to see in tests, not an empty label. */
export function translator(lang: Language = DEFAULT_LANGUAGE): Translate {
  const messages = catalogs.get(lang)!;
  return (key, params) => {
    const template = messages.get(key);
    if (template === undefined) throw new Error(`missing locale key ${lang}:${key}`);
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? formatParam(params[name]!) : m));
  };
}

export function hasKey(key: string, lang: Language = DEFAULT_LANGUAGE): boolean {
  return catalogs.get(lang)!.has(key);
}

export function allKeys(lang: Language = DEFAULT_LANGUAGE): string[] {
  return [...catalogs.get(lang)!.keys()];
}
