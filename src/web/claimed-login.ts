// The first step of both apps' per-request login check: what the sealed cookie claims (who, and the
// server session's id) and whether that session still lives. What a live row must also match, and
// what the app keeps of it on the request, is each app's own (portal: the person; mottak: the
// caseworker, whose id must be the row's principal).
import type { FastifyRequest } from 'fastify';
import type { SessionData } from '@fastify/secure-session';
import type { ServerSessions, SessionRow } from './server-sessions.ts';
import { staticAssetBucket } from './static-plugin.ts';

export type ClaimedLogin<P> =
  /** The cookie claims no login (or this is a stylesheet or font, which never looks one up). */
  | { state: 'none' }
  /** The cookie claims one, but its row is ended, expired or missing: the app clears the claim. */
  | { state: 'ended' }
  | { state: 'live'; claimed: P; row: SessionRow };

export async function readClaimedLogin<K extends keyof SessionData>(request: FastifyRequest, sessions: ServerSessions, principalKey: K): Promise<ClaimedLogin<NonNullable<SessionData[K]>>> {
  const session = request.session;
  if (!session || staticAssetBucket(request)) return { state: 'none' };
  const claimed = session.get(principalKey);
  const rawId = session.get('sessionId');
  if (!claimed && !rawId) return { state: 'none' };
  const row = claimed && typeof rawId === 'string' ? await sessions.check(rawId) : undefined;
  return row ? { state: 'live', claimed: claimed!, row } : { state: 'ended' };
}
