// Sessions that the server can end. The browser's sealed cookie carries only a random session id;
// the app's own database holds its hash with the lifetimes and whether it was ended. Every request
// checks the row, so logging out, an idle or absolute timeout, a leader ending a session or the
// identity provider's logout ends it for every copy of the cookie (issue 18, decision 021).
// Portal and mottak each have a `sessions` table of this shape in their own database.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock.ts';

export interface SessionLifetimes {
  /** Ended after this long without a request. */
  idleMs: number;
  /** Ended this long after login, however active. */
  absoluteMs: number;
}

/** A row of the `sessions` table; each app's schema takes its table type from this one. */
export interface SessionRow {
  id_hash: string;
  principal: string;
  idp_subject_hash: string;
  idp_sid_hash: string | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

/** Why a session ended; kept on the row for the operator, never shown with anything personal. */
export type RevokeReason = 'logout' | 'idp-logout' | 'ended-by-self' | 'ended-by-leader' | 'deactivated' | 'relogin';

/** How often a session's last-seen time is written: often enough for the idle timeout, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;
const USER_AGENT_MAX = 300;

export interface StartSession {
  /** Whose session: the portal's keyed hash of the fnr, mottak's caseworker id. */
  principal: string;
  /** The identity provider's `sub` and `sid` (ID token), kept only as keyed hashes, for its logout. */
  idpSubject: string;
  idpSid: string | undefined;
  userAgent?: string | undefined;
  /** Columns only this app's table has (mottak: caseworker and service). */
  extra?: Record<string, unknown>;
}

export interface ServerSessions {
  readonly lifetimes: SessionLifetimes;
  /** A new session; returns the raw id, which only the sealed cookie keeps. */
  start(session: StartSession): Promise<string>;
  /** The live session behind a raw id, its idle time pushed forward; undefined when ended or expired. */
  check(rawId: string): Promise<SessionRow | undefined>;
  end(rawId: string, reason: RevokeReason): Promise<void>;
  /** Every live session of a principal, except (optionally) one. */
  endAllOf(principal: string, reason: RevokeReason, exceptIdHash?: string): Promise<number>;
  /** The identity provider's logout: by its session id, or by subject when it sends no sid. */
  endByIdp(by: { subject?: string | undefined; sid?: string | undefined }): Promise<number>;
  hashId(rawId: string): string;
}

export function createServerSessions(options: { db: Kysely<any>; clock: Clock; lifetimes: SessionLifetimes; hmacKey: Buffer }): ServerSessions {
  const { clock, lifetimes } = options;
  const db = options.db as Kysely<{ sessions: SessionRow }>;
  const hashId = (rawId: string) => createHash('sha256').update(rawId).digest('base64url');
  const keyed = (value: string) => createHmac('sha256', options.hmacKey).update(value).digest('base64url');
  const live = (now: Date) =>
    db
      .selectFrom('sessions')
      .selectAll()
      .where('revoked_at', 'is', null)
      .where('idle_expires_at', '>', now)
      .where('absolute_expires_at', '>', now);

  const endWhere = async (reason: RevokeReason, filter: (q: any) => any): Promise<number> => {
    const now = clock.now();
    const result = await filter(db.updateTable('sessions').set({ revoked_at: now, revoked_reason: reason }).where('revoked_at', 'is', null)).executeTakeFirst();
    return Number(result?.numUpdatedRows ?? 0);
  };

  return {
    lifetimes,
    hashId,
    async start(session) {
      const rawId = randomBytes(32).toString('base64url');
      const now = clock.now();
      await db
        .insertInto('sessions')
        .values({
          id_hash: hashId(rawId),
          principal: session.principal,
          idp_subject_hash: keyed(session.idpSubject),
          idp_sid_hash: session.idpSid ? keyed(session.idpSid) : null,
          user_agent: session.userAgent ? session.userAgent.slice(0, USER_AGENT_MAX) : null,
          created_at: now,
          last_seen_at: now,
          idle_expires_at: new Date(now.getTime() + lifetimes.idleMs),
          absolute_expires_at: new Date(now.getTime() + lifetimes.absoluteMs),
          revoked_at: null,
          revoked_reason: null,
          ...session.extra,
        } as SessionRow)
        .execute();
      return rawId;
    },
    async check(rawId) {
      if (typeof rawId !== 'string' || rawId.length > 100) return undefined;
      const now = clock.now();
      const row = await live(now).where('id_hash', '=', hashId(rawId)).executeTakeFirst();
      if (!row) return undefined;
      if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_INTERVAL_MS) {
        const idle = new Date(Math.min(now.getTime() + lifetimes.idleMs, new Date(row.absolute_expires_at).getTime()));
        await db.updateTable('sessions').set({ last_seen_at: now, idle_expires_at: idle }).where('id_hash', '=', row.id_hash).where('revoked_at', 'is', null).execute();
        return { ...row, last_seen_at: now, idle_expires_at: idle };
      }
      return row;
    },
    async end(rawId, reason) {
      await endWhere(reason, (q) => q.where('id_hash', '=', hashId(rawId)));
    },
    async endAllOf(principal, reason, exceptIdHash) {
      return endWhere(reason, (q) => (exceptIdHash ? q.where('principal', '=', principal).where('id_hash', '<>', exceptIdHash) : q.where('principal', '=', principal)));
    },
    async endByIdp(by) {
      if (by.sid) return endWhere('idp-logout', (q) => q.where('idp_sid_hash', '=', keyed(by.sid!)));
      if (by.subject) return endWhere('idp-logout', (q) => q.where('idp_subject_hash', '=', keyed(by.subject!)));
      return 0;
    },
  };
}

/** Ended and expired rows are of no use after a day; removed so the table stays small. */
export async function pruneSessions(db: Kysely<any>, now: Date): Promise<void> {
  await sql`delete from sessions where coalesce(revoked_at, least(idle_expires_at, absolute_expires_at)) < ${new Date(now.getTime() - 24 * 60 * 60 * 1000)}`.execute(db);
}
