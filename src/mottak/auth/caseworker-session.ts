// The logged-in caseworker as mottak knows them: the row in its own caseworkers table, the service
// it belongs to, and the role. Everything a page may show comes from here; nothing from the browser.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CaseworkerRole } from '../db/schema.ts';
import { safeReturnTo } from '../../web/return-to.ts';
import type { ServerSessions } from '../../web/server-sessions.ts';
import { readClaimedLogin } from '../../web/claimed-login.ts';
import type { LoginTransaction } from '../../web/oidc-login.ts';

export interface CaseworkerSession {
  caseworkerId: string;
  serviceId: string;
  serviceName: string;
  name: string;
  role: CaseworkerRole;
}

declare module '@fastify/secure-session' {
  interface SessionData {
    caseworker: CaseworkerSession;
    caseworkerLogin: LoginTransaction;
    caseworkerIdToken: string;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caseworker whose live server session this request carries (set on every request); null when none. */
    caseworkerSession: (CaseworkerSession & { sessionIdHash: string }) | null;
  }
}

export function clearCaseworker(request: FastifyRequest): void {
  request.session?.set('caseworker', undefined);
  request.session?.set('sessionId', undefined);
  request.session?.set('caseworkerIdToken', undefined);
  request.caseworkerSession = null;
}

/**
 * Checks the login the cookie claims against its row in mottak's `sessions` table, once per request
 * before any route. Logout, the idle and absolute timeouts, the caseworker or a leader ending the
 * session, deactivation and the IdP's logout all end the row, and with it every copy of the cookie.
 */
export function checkCaseworkerSession(sessions: ServerSessions) {
  return async (request: FastifyRequest): Promise<void> => {
    request.caseworkerSession = null;
    const login = await readClaimedLogin(request, sessions, 'caseworker');
    if (login.state === 'none') return;
    if (login.state === 'ended' || login.row.principal !== login.claimed.caseworkerId) {
      clearCaseworker(request);
      return;
    }
    request.caseworkerSession = { ...login.claimed, sessionIdHash: login.row.id_hash };
  };
}

export function currentCaseworker(request: FastifyRequest): CaseworkerSession | null {
  return request.caseworkerSession ?? null;
}

/** preHandler for everything behind the login: the hook is on the route subtree, so no route can forget it. */
export async function requireCaseworker(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (currentCaseworker(request)) return undefined;
  const target = `/innlogging?returnTo=${encodeURIComponent(safeReturnTo(request.url))}`;
  return reply.header('cache-control', 'no-store').redirect(target, request.method === 'GET' || request.method === 'HEAD' ? 302 : 303);
}

/** The caseworker behind the login hook; only call on routes under requireCaseworker. */
export function caseworkerOf(request: FastifyRequest): CaseworkerSession & { sessionIdHash: string } {
  const cw = request.caseworkerSession;
  if (!cw) throw new Error('caseworkerOf called outside the login hook');
  return cw;
}
