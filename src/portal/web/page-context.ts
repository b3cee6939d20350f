// Builds what every page needs from the request: texts, CSRF token, who is logged in.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PORTAL_LANGUAGES, START_LANGUAGES, translator, type Language } from '../../web/i18n.ts';
import { pageLanguage } from '../../web/language.ts';
import type { PageContext } from './portal-layout.tsx';
import { getAuthenticatedPerson, sessionExpiresAt as loginEndsAt } from '../auth/session.ts';

export interface PageContextOptions {
  /** For pages that must render even when the session or CSRF machinery is part of the problem. */
  safe?: boolean;
  /** The languages this page is written in; by default the portal's. */
  languages?: readonly Language[];
  /** On a form step: the id of its form, which the language buttons then submit. */
  languageForm?: string;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, options: PageContextOptions = {}): PageContext {
  let csrfToken = '';
  let personName: string | undefined;
  let sessionExpiresAt: number | undefined;
  try {
    csrfToken = reply.generateCsrf();
    const person = getAuthenticatedPerson(request);
    if (person) {
      personName = person.name;
      sessionExpiresAt = loginEndsAt(request);
    }
  } catch (error) {
    if (!options.safe) throw error;
  }
  const { lang, untranslatedFrom } = pageLanguage(request, START_LANGUAGES, options.languages ?? PORTAL_LANGUAGES);
  return {
    t: translator(lang),
    lang,
    csrfToken,
    personName,
    sessionExpiresAt,
    currentUrl: request.url,
    languages: START_LANGUAGES,
    ...(untranslatedFrom ? { untranslatedFrom } : {}),
    ...(options.languageForm ? { languageForm: options.languageForm } : {}),
  };
}
