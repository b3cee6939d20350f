// Which language a page is shown in: the one the visitor chose (kept in the session), else the first
// their browser asks for that we write (Accept-Language), else Bokmål. Shared by portal and mottak.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './i18n.ts';
import { safeReturnTo } from './return-to.ts';

declare module '@fastify/secure-session' {
  interface SessionData {
    /** The language the visitor chose with the switcher. */
    lang: Language;
  }
}

/** Language ranges a browser may send, in our codes. "no" is Norwegian without a written standard: Bokmål. */
function languageOfRange(range: string): Language | undefined {
  const primary = range.toLowerCase().split('-')[0];
  if (primary === 'nb' || primary === 'no') return 'nb';
  if (primary === 'nn' || primary === 'en' || primary === 'se') return primary;
  return undefined;
}

/** The languages an Accept-Language header asks for, most wanted first, among those given. */
export function acceptedLanguages(header: string | undefined, among: readonly Language[]): Language[] {
  if (!header) return [];
  const ranked: { lang: Language; q: number; order: number }[] = [];
  header
    .slice(0, 512)
    .split(',')
    .forEach((part, order) => {
      const [range = '', ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      const lang = languageOfRange(range.trim());
      if (lang && among.includes(lang) && Number.isFinite(q) && q > 0) ranked.push({ lang, q, order });
    });
  ranked.sort((a, b) => b.q - a.q || a.order - b.order);
  return [...new Set(ranked.map((r) => r.lang))];
}

/** The language the visitor wants, whether or not the page at hand is written in it. */
export function wantedLanguage(request: FastifyRequest, offered: readonly Language[]): Language {
  let chosen: unknown;
  try {
    chosen = request.session?.get('lang');
  } catch {
    // A session that cannot be read is no reason not to show the page.
  }
  if (isLanguage(chosen) && offered.includes(chosen)) return chosen;
  return acceptedLanguages(request.headers['accept-language'], offered)[0] ?? DEFAULT_LANGUAGE;
}

export interface PageLanguage {
  lang: Language;
  /** Set when the visitor wants a language this page is not written in (Sámi on a form page). */
  untranslatedFrom?: Language;
}

/** The language to show a page in, given the languages the page is written in. */
export function pageLanguage(request: FastifyRequest, offered: readonly Language[], pageLanguages: readonly Language[]): PageLanguage {
  const wanted = wantedLanguage(request, offered);
  if (pageLanguages.includes(wanted)) return { lang: wanted };
  return { lang: DEFAULT_LANGUAGE, untranslatedFrom: wanted };
}

export function chooseLanguage(request: FastifyRequest, lang: Language): void {
  request.session.set('lang', lang);
}

/** The path the switcher links to: choose `lang`, then come back to `returnTo`. */
export function languageSwitchHref(lang: Language, returnTo: string): string {
  return `/sprak/${lang}?tilbake=${encodeURIComponent(returnTo)}`;
}

/**
 * GET /sprak/:lang?tilbake=/path: the language switcher as plain links, so it works without JS.
 * A link, not a form: choosing a language changes nothing but how pages read, and a link can be
 * opened, bookmarked and shared. On a form step the switcher submits the step form instead, so what
 * was typed is kept (see the journey's routes).
 */
export async function languageSwitchPlugin(app: FastifyInstance, options: { languages: readonly Language[] }): Promise<void> {
  app.get<{ Params: { lang: string }; Querystring: { tilbake?: string } }>('/sprak/:lang', async (request, reply) => {
    const returnTo = safeReturnTo(request.query.tilbake);
    if (isLanguage(request.params.lang) && options.languages.includes(request.params.lang)) chooseLanguage(request, request.params.lang);
    return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
  });
}
