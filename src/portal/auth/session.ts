import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnTo } from '../../web/return-to.ts';

/**
 * The portal's one cookie: the encrypted session (login, language, CSRF secret, the draft's key).
 * Named here so the cookies page always names the cookie the portal really sets.
 */
export const SESSION_COOKIE = 'mp_session';

/** The person as the portal knows them after an ID-porten login. Never log either field. */
export interface AuthenticatedPerson {
  /** Fødselsnummer (or D-/synthetic number), from ID-porten's `pid` claim. */
  fnr: string;
  name: string;
}

/** PKCE verifier, state and nonce of a login in progress, between /auth/login and /auth/callback. */
export interface LoginTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** epoch ms */
  createdAt: number;
}

declare module '@fastify/secure-session' {
  interface SessionData {
    person: AuthenticatedPerson;
    /** epoch ms of the ID-porten login */
    authenticatedAt: number;
    /** epoch ms of the last request that asked who is logged in; drives the idle timeout */
    lastSeenAt: number;
    loginTransaction: LoginTransaction;
    /** Kept only when the portal logs out of ID-porten too (id_token_hint for end_session). */
    idToken: string;
    /** Set at logout until the logged-out page has said so. */
    loggedOut: { draftDeleted: boolean };
  }
}

/** Logged out after this long without a request that checks the login. */
export const AUTH_IDLE_TIMEOUT_MS = 30 * 60 * 1000;

export function clearAuthentication(request: FastifyRequest): void {
  const session = request.session;
  if (!session) return;
  session.set('person', undefined);
  session.set('authenticatedAt', undefined);
  session.set('lastSeenAt', undefined);
  session.set('idToken', undefined);
}

/**
 * Who is logged in, or null. Each call counts as activity and pushes the idle timeout forward;
 * a login idle for longer than AUTH_IDLE_TIMEOUT_MS is removed from the session.
 */
export function getAuthenticatedPerson(request: FastifyRequest, now: number = Date.now()): AuthenticatedPerson | null {
  const session = request.session;
  if (!session) return null;
  const person = session.get('person');
  const lastSeenAt = session.get('lastSeenAt');
  if (!person || typeof lastSeenAt !== 'number') return null;
  if (now - lastSeenAt > AUTH_IDLE_TIMEOUT_MS) {
    clearAuthentication(request);
    return null;
  }
  session.set('lastSeenAt', Math.max(now, lastSeenAt));
  return { fnr: person.fnr, name: person.name };
}

/**
 * preHandler for pages that need a logged-in person. A POST is answered with 303 so the browser
 * comes back with a GET after login; what was posted is lost, which is why forms should save as
 * the person goes.
 */
export async function requireAuthenticatedPerson(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (getAuthenticatedPerson(request)) return undefined;
  const target = `/auth/login?returnTo=${encodeURIComponent(safeReturnTo(request.url))}`;
  const status = request.method === 'GET' || request.method === 'HEAD' ? 302 : 303;
  // Returning the reply tells Fastify the hook has answered and the route handler must not run.
  return reply.header('cache-control', 'no-store').redirect(target, status);
}
