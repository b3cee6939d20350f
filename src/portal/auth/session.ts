import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnTo } from '../../web/return-to.ts';
import type { ServerSessions, SessionRow } from '../../web/server-sessions.ts';
import { readClaimedLogin } from '../../web/claimed-login.ts';
import type { LoginTransaction } from '../../web/oidc-login.ts';

/**
 * The portal's one cookie: the encrypted session (login, language, CSRF secret, the draft's key).
 * Named here so the cookies page always names the cookie the portal really sets.
 */
export const SESSION_COOKIE = 'mp_session';

/** In production the `__Host-` prefix: the browser then keeps it to this host, https and path `/`. */
export function sessionCookieName(production: boolean): string {
  return production ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/** The person as the portal knows them after an ID-porten login. Never log either field. */
export interface AuthenticatedPerson {
  /** Fødselsnummer (or D-/synthetic number), from ID-porten's `pid` claim. */
  fnr: string;
  name: string;
}

declare module '@fastify/secure-session' {
  interface SessionData {
    person: AuthenticatedPerson;
    /** The server session's random id; its row in `sessions` decides whether the login still holds. */
    sessionId: string;
    loginTransaction: LoginTransaction;
    /** Kept only when the portal logs out of ID-porten too (id_token_hint for end_session). */
    idToken: string;
    /** Set at logout until the logged-out page has said so. */
    loggedOut: { draftDeleted: boolean };
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The person and their live server session, set by the session check on every request; null when none. */
    reporter: { person: AuthenticatedPerson; session: SessionRow } | null;
  }
}

/** Logged out after this long without a request (the default; REPORTER_SESSION_IDLE_MINUTES). */
export const AUTH_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** Logged out this long after login however active (the default; REPORTER_SESSION_MAX_HOURS). */
export const AUTH_ABSOLUTE_TIMEOUT_MS = 8 * 60 * 60 * 1000;

export function clearAuthentication(request: FastifyRequest): void {
  const session = request.session;
  if (session) {
    session.set('person', undefined);
    session.set('sessionId', undefined);
    session.set('idToken', undefined);
  }
  request.reporter = null;
}

/**
 * Checks the login the cookie claims against its row on the server, once per request before any
 * route runs. A copy of the cookie from before a logout, or one past its idle or absolute time,
 * finds no live row: the login is removed from it and the request goes on as not logged in.
 */
export function checkReporterSession(sessions: ServerSessions) {
  return async (request: FastifyRequest): Promise<void> => {
    request.reporter = null;
    const login = await readClaimedLogin(request, sessions, 'person');
    if (login.state === 'none') return;
    if (login.state === 'ended') {
      clearAuthentication(request);
      return;
    }
    request.reporter = { person: { fnr: login.claimed.fnr, name: login.claimed.name }, session: login.row };
  };
}

/** Who is logged in, as the server session check found it; null when nobody is. */
export function getAuthenticatedPerson(request: FastifyRequest): AuthenticatedPerson | null {
  return request.reporter?.person ?? null;
}

/** When the login ends if nothing more happens: the idle time, or the absolute end if sooner. */
export function sessionExpiresAt(request: FastifyRequest): number | undefined {
  const session = request.reporter?.session;
  return session ? Math.min(new Date(session.idle_expires_at).getTime(), new Date(session.absolute_expires_at).getTime()) : undefined;
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
