// Builds what every page needs from the request: texts, CSRF token, who is logged in.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, translator } from './i18n.ts';
import type { PageContext } from './layout.tsx';
import { AUTH_IDLE_TIMEOUT_MS, getAuthenticatedPerson } from '../portal/auth/index.ts';

export function pageContext(request: FastifyRequest, reply: FastifyReply, options: { safe?: boolean } = {}): PageContext {
  let csrfToken = '';
  let personName: string | undefined;
  let sessionExpiresAt: number | undefined;
  try {
    csrfToken = reply.generateCsrf();
    const person = getAuthenticatedPerson(request);
    if (person) {
      personName = person.name;
      sessionExpiresAt = Date.now() + AUTH_IDLE_TIMEOUT_MS;
    }
  } catch (error) {
    if (!options.safe) throw error;
  }
  return { t: translator(DEFAULT_LANGUAGE), lang: DEFAULT_LANGUAGE, csrfToken, personName, sessionExpiresAt };
}
