// The logged-in caseworker as mottak knows them: the row in its own caseworkers table, the service
// it belongs to, and the role. Everything a page may show comes from here; nothing from the browser.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CaseworkerRole } from '../db/schema.ts';
import { safeReturnTo } from '../../web/return-to.ts';

export interface CaseworkerSession {
  caseworkerId: string;
  serviceId: string;
  serviceName: string;
  name: string;
  role: CaseworkerRole;
  /** epoch ms of the last request; drives the idle timeout. */
  lastSeenAt: number;
}

export interface CaseworkerLoginTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  createdAt: number;
}

declare module '@fastify/secure-session' {
  interface SessionData {
    caseworker: CaseworkerSession;
    caseworkerLogin: CaseworkerLoginTransaction;
    caseworkerIdToken: string;
  }
}

/** A caseworker's screen holds children's cases: a short idle timeout, like the municipality's own systems. */
export const CASEWORKER_IDLE_TIMEOUT_MS = 30 * 60 * 1000;

export function currentCaseworker(request: FastifyRequest, now = Date.now()): CaseworkerSession | null {
  const session = request.session;
  if (!session) return null;
  const cw = session.get('caseworker');
  if (!cw) return null;
  if (now - cw.lastSeenAt > CASEWORKER_IDLE_TIMEOUT_MS) {
    session.set('caseworker', undefined);
    return null;
  }
  if (now - cw.lastSeenAt > 60_000) session.set('caseworker', { ...cw, lastSeenAt: now });
  return cw;
}

/** preHandler for everything behind the login: the hook is on the route subtree, so no route can forget it. */
export async function requireCaseworker(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (currentCaseworker(request)) return undefined;
  const target = `/innlogging?returnTo=${encodeURIComponent(safeReturnTo(request.url))}`;
  return reply.header('cache-control', 'no-store').redirect(target, request.method === 'GET' || request.method === 'HEAD' ? 302 : 303);
}

/** The caseworker behind the login hook; only call on routes under requireCaseworker. */
export function caseworkerOf(request: FastifyRequest): CaseworkerSession {
  const cw = currentCaseworker(request);
  if (!cw) throw new Error('caseworkerOf called outside the login hook');
  return cw;
}
