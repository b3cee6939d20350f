// Who is logged in where, and ending it. Every query runs in the caseworker's service scope
// (row-level security), so a leader reaches only their own service's caseworkers and sessions.
import { sql } from 'kysely';
import type { MottakDb } from '../db/mottak-database.ts';
import type { RevokeReason } from '../../web/server-sessions.ts';

export interface LiveSession {
  idHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
}

export async function listLiveSessions(trx: MottakDb, caseworkerId: string, now: Date): Promise<LiveSession[]> {
  const rows = await trx
    .selectFrom('sessions')
    .select(['id_hash', 'created_at', 'last_seen_at', 'user_agent'])
    .where('caseworker_id', '=', caseworkerId)
    .where('revoked_at', 'is', null)
    .where('idle_expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ idHash: r.id_hash, createdAt: r.created_at, lastSeenAt: r.last_seen_at, userAgent: r.user_agent }));
}

/** Ends one session of a caseworker, or all of them but `except`; returns how many ended. */
export async function endSessions(trx: MottakDb, target: { caseworkerId: string; idHash?: string; except?: string }, now: Date, reason: RevokeReason): Promise<number> {
  let query = trx.updateTable('sessions').set({ revoked_at: now, revoked_reason: reason }).where('caseworker_id', '=', target.caseworkerId).where('revoked_at', 'is', null);
  if (target.idHash) query = query.where('id_hash', '=', target.idHash);
  if (target.except) query = query.where('id_hash', '<>', target.except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface CaseworkerOverview {
  id: string;
  name: string;
  role: 'saksbehandler' | 'leder';
  lastLoginAt: Date;
  deactivatedAt: Date | null;
  liveSessions: number;
}

export async function listCaseworkersWithSessions(trx: MottakDb, serviceId: string, now: Date): Promise<CaseworkerOverview[]> {
  const rows = await trx
    .selectFrom('caseworkers')
    .select(['caseworkers.id', 'caseworkers.name', 'caseworkers.role', 'caseworkers.last_login_at', 'caseworkers.deactivated_at'])
    .select((eb) =>
      eb
        .selectFrom('sessions')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('sessions.caseworker_id', '=', 'caseworkers.id')
        .where('sessions.revoked_at', 'is', null)
        .where('sessions.idle_expires_at', '>', now)
        .where('sessions.absolute_expires_at', '>', now)
        .as('live_sessions'),
    )
    .where('caseworkers.service_id', '=', serviceId)
    .orderBy('caseworkers.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, lastLoginAt: r.last_login_at, deactivatedAt: r.deactivated_at, liveSessions: Number(r.live_sessions ?? 0) }));
}

export async function findCaseworker(trx: MottakDb, serviceId: string, id: string) {
  return trx.selectFrom('caseworkers').select(['id', 'name', 'role', 'deactivated_at']).where('service_id', '=', serviceId).where('id', '=', id).executeTakeFirst();
}

export async function setDeactivated(trx: MottakDb, serviceId: string, id: string, at: Date | null): Promise<void> {
  await trx.updateTable('caseworkers').set({ deactivated_at: at }).where('service_id', '=', serviceId).where('id', '=', id).execute();
}

/** "Firefox på Windows": enough to tell one's own devices apart, without keeping the whole string on screen. */
export function describeDevice(userAgent: string | null): { browser: string; system: string } | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\/|Chromium\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (!browser && !system) return null;
  return { browser: browser ?? '?', system: system ?? '?' };
}
