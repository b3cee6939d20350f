// The audit trail: who did what to which report, when and from where. One hash chain per service;
// each entry's hash covers its fields and the previous entry's hash, and audit_heads names the last
// one, so an edited, inserted, reordered or removed entry is found by verifyAuditChain. The role
// caseworkers run as may only add entries (and a trigger refuses updates and deletes for everyone).
import { createHash } from 'node:crypto';
import type { MottakDb } from '../db/mottak-database.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** Every kind of entry, in the order the manager's filter lists them. */
export const AUDIT_ACTIONS = [
  'login',
  'report.received',
  'package.refused',
  'report.viewed',
  'fiks-json.viewed',
  'file.viewed',
  'file.downloaded',
  'report.exported',
  'report.assigned',
  'note.added',
  'report.concluded',
  'investigation.extended',
  'investigation.ended',
  'feedback.sent',
  'audit.read',
  'session.ended',
  'caseworker.deactivated',
  'caseworker.reactivated',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntryInput {
  serviceId: string;
  /** Null for the system itself (the pull worker). */
  actorId: string | null;
  actorName: string;
  action: AuditAction;
  reportId?: string | null;
  /** Codes and names of files only; never report content. */
  detail?: Record<string, string | number | boolean | null>;
  ip?: string;
  at: Date;
}

interface HashedFields {
  serviceId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  reportId: string | null;
  detail: Record<string, unknown>;
  ip: string;
  prevHash: string;
}

/** Key order fixed, so the hash does not depend on how jsonb stores the detail. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function hashAuditEntry(fields: HashedFields): string {
  const material = canonical([fields.serviceId, fields.seq, fields.at.toISOString(), fields.actorId, fields.actorName, fields.action, fields.reportId, fields.detail, fields.ip, fields.prevHash]);
  return createHash('sha256').update(material).digest('hex');
}

/** Appends one entry inside the caller's transaction: the entry commits with what it records, or not at all. */
export async function appendAudit(trx: MottakDb, input: AuditEntryInput): Promise<void> {
  await trx.insertInto('audit_heads').values({ service_id: input.serviceId, seq: 0, hash: GENESIS_HASH }).onConflict((oc) => oc.column('service_id').doNothing()).execute();
  // The head's row lock puts concurrent writers of one service in a line.
  const head = await trx.selectFrom('audit_heads').select(['seq', 'hash']).where('service_id', '=', input.serviceId).forUpdate().executeTakeFirstOrThrow();
  const fields: HashedFields = {
    serviceId: input.serviceId,
    seq: head.seq + 1,
    at: input.at,
    actorId: input.actorId,
    actorName: input.actorName,
    action: input.action,
    reportId: input.reportId ?? null,
    detail: input.detail ?? {},
    ip: input.ip ?? '',
    prevHash: head.hash,
  };
  const hash = hashAuditEntry(fields);
  await trx
    .insertInto('audit_log')
    .values({
      service_id: fields.serviceId,
      seq: fields.seq,
      at: fields.at,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      action: fields.action,
      report_id: fields.reportId,
      detail: JSON.stringify(fields.detail),
      ip: fields.ip,
      prev_hash: fields.prevHash,
      hash,
    })
    .execute();
  await trx.updateTable('audit_heads').set({ seq: fields.seq, hash }).where('service_id', '=', input.serviceId).execute();
}

export interface ChainVerification {
  serviceId: string;
  entries: number;
  ok: boolean;
  /** The first entry that does not fit, and why. */
  problem?: { seq: number; reason: 'hash' | 'link' | 'gap' | 'head' };
}

interface ChainPoint {
  seq: number;
  hash: string;
}

const GENESIS: ChainPoint = { seq: 0, hash: GENESIS_HASH };
const PAGE = 1000;

function recomputedHash(row: { service_id: string; seq: number; at: Date; actor_id: string | null; actor_name: string; action: string; report_id: string | null; detail: Record<string, unknown>; ip: string; prev_hash: string }): string {
  return hashAuditEntry({ serviceId: row.service_id, seq: row.seq, at: row.at, actorId: row.actor_id, actorName: row.actor_name, action: row.action, reportId: row.report_id, detail: row.detail, ip: row.ip, prevHash: row.prev_hash });
}

/**
 * Checks the entries after `from` (whose hash is taken as given) up to `until` or the end: each
 * follows the one before, links to its hash, and hashes to what it says. Reads in pages so a long
 * log does not fill memory.
 */
async function walkChain(db: MottakDb, serviceId: string, from: ChainPoint, until = Number.MAX_SAFE_INTEGER): Promise<{ last: ChainPoint; problem?: ChainVerification['problem'] }> {
  let last = from;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('service_id', '=', serviceId).where('seq', '>', last.seq).where('seq', '<=', until).orderBy('seq').limit(PAGE).execute();
    if (page.length === 0) return { last };
    for (const row of page) {
      if (row.seq !== last.seq + 1) return { last, problem: { seq: last.seq + 1, reason: 'gap' } };
      if (row.prev_hash !== last.hash) return { last, problem: { seq: row.seq, reason: 'link' } };
      if (recomputedHash(row) !== row.hash) return { last, problem: { seq: row.seq, reason: 'hash' } };
      last = { seq: row.seq, hash: row.hash };
    }
  }
}

/** Entries removed from the end leave a chain that is whole but shorter than its head says. */
async function checkHead(db: MottakDb, serviceId: string, last: ChainPoint): Promise<ChainVerification['problem']> {
  const head = await db.selectFrom('audit_heads').select(['seq', 'hash']).where('service_id', '=', serviceId).executeTakeFirst();
  const headSeq = head?.seq ?? 0;
  const headHash = head?.hash ?? GENESIS_HASH;
  if (headSeq !== last.seq || headHash !== last.hash) return { seq: Math.min(headSeq, last.seq) + 1, reason: 'head' };
  return undefined;
}

/** Walks one service's whole chain from the start: what `npm run mottak -- verify-audit` does. */
export async function verifyAuditChain(db: MottakDb, serviceId: string): Promise<ChainVerification> {
  const { last, problem } = await walkChain(db, serviceId, GENESIS);
  const result = problem ?? (await checkHead(db, serviceId, last));
  return result ? { serviceId, entries: last.seq, ok: false, problem: result } : { serviceId, entries: last.seq, ok: true };
}

export interface IncrementalVerification extends ChainVerification {
  /** The first entry this check read: 1 when there was no checkpoint yet. */
  checkedFrom: number;
  /** The older entries re-checked this time, or null when there were none before the checkpoint. */
  rechecked: { from: number; to: number } | null;
}

/** How many entries before the checkpoint each incremental check re-verifies. */
export const RECHECK_SLICE = 500;

/**
 * The manager's log page: verifies what was added since the last verified checkpoint (and that the
 * checkpointed entry still carries the hash it had), plus one slice of the older entries, the next
 * one each time round, so an edit behind the checkpoint is found within a few views rather than
 * never. Whole, the checkpoint moves to the end. The full check stays verifyAuditChain.
 * Runs in the caseworker's scope: the checkpoint is the service's own row.
 */
export async function verifyAuditChainSinceCheckpoint(db: MottakDb, serviceId: string, options: { now: Date; recheckSlice?: number }): Promise<IncrementalVerification> {
  const slice = options.recheckSlice ?? RECHECK_SLICE;
  const checkpoint = await db.selectFrom('audit_checkpoints').select(['seq', 'hash', 'recheck_seq']).where('service_id', '=', serviceId).executeTakeFirst();
  const from: ChainPoint = checkpoint ? { seq: checkpoint.seq, hash: checkpoint.hash } : GENESIS;
  const fail = (problem: NonNullable<ChainVerification['problem']>, entries: number, rechecked: IncrementalVerification['rechecked'] = null): IncrementalVerification => ({ serviceId, entries, ok: false, problem, checkedFrom: from.seq + 1, rechecked });

  if (checkpoint) {
    const anchor = await db.selectFrom('audit_log').select('hash').where('service_id', '=', serviceId).where('seq', '=', checkpoint.seq).executeTakeFirst();
    if (!anchor) return fail({ seq: checkpoint.seq, reason: 'gap' }, checkpoint.seq);
    if (anchor.hash !== checkpoint.hash) return fail({ seq: checkpoint.seq, reason: 'hash' }, checkpoint.seq);
  }
  const walked = await walkChain(db, serviceId, from);
  const tail = walked.problem ?? (await checkHead(db, serviceId, walked.last));
  if (tail) return fail(tail, walked.last.seq);

  let rechecked: IncrementalVerification['rechecked'] = null;
  let nextRecheck = 1;
  if (checkpoint && checkpoint.seq > 0) {
    const start = checkpoint.recheck_seq >= 1 && checkpoint.recheck_seq <= checkpoint.seq ? checkpoint.recheck_seq : 1;
    const to = Math.min(checkpoint.seq, start + slice - 1);
    const before = start === 1 ? GENESIS : await db.selectFrom('audit_log').select(['seq', 'hash']).where('service_id', '=', serviceId).where('seq', '=', start - 1).executeTakeFirst();
    if (!before) return fail({ seq: start - 1, reason: 'gap' }, walked.last.seq);
    const older = await walkChain(db, serviceId, before, to);
    if (older.problem) return fail(older.problem, walked.last.seq, { from: start, to });
    if (older.last.seq !== to) return fail({ seq: older.last.seq + 1, reason: 'gap' }, walked.last.seq, { from: start, to });
    rechecked = { from: start, to };
    nextRecheck = to >= checkpoint.seq ? 1 : to + 1;
  }
  const values = { service_id: serviceId, seq: walked.last.seq, hash: walked.last.hash, recheck_seq: nextRecheck, verified_at: options.now };
  // Two managers reading the log at once: the checkpoint only moves forward.
  await db
    .insertInto('audit_checkpoints')
    .values(values)
    .onConflict((oc) => oc.column('service_id').doUpdateSet({ seq: values.seq, hash: values.hash, recheck_seq: values.recheck_seq, verified_at: values.verified_at }).where('audit_checkpoints.seq', '<=', values.seq))
    .execute();
  return { serviceId, entries: walked.last.seq, ok: true, checkedFrom: from.seq + 1, rechecked };
}

export interface AuditRow {
  seq: number;
  at: Date;
  actorName: string;
  action: string;
  reportId: string | null;
  reference: string | null;
  detail: Record<string, unknown>;
  ip: string;
}

export interface AuditQuery {
  /** Keyset paging by seq: entries older than `before`, or newer than `after`. */
  before?: number;
  after?: number;
  reportId?: string;
  /** A caseworker's id, or 'system' for the pull worker's own entries. */
  actor?: string;
  action?: AuditAction;
  limit: number;
}

/**
 * One page of the service's log for its manager, newest first, and whether there are entries on
 * either side of it under the same filter.
 */
export async function listAuditEntries(db: MottakDb, serviceId: string, options: AuditQuery): Promise<{ rows: AuditRow[]; older: boolean; newer: boolean }> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('reports', (join) => join.onRef('reports.id', '=', 'audit_log.report_id').onRef('reports.service_id', '=', 'audit_log.service_id'))
    .select(['audit_log.seq', 'audit_log.at', 'audit_log.actor_name', 'audit_log.action', 'audit_log.report_id', 'reports.reference', 'audit_log.detail', 'audit_log.ip'])
    .where('audit_log.service_id', '=', serviceId);
  if (options.reportId) query = query.where('audit_log.report_id', '=', options.reportId);
  if (options.actor === 'system') query = query.where('audit_log.actor_id', 'is', null);
  else if (options.actor) query = query.where('audit_log.actor_id', '=', options.actor);
  if (options.action) query = query.where('audit_log.action', '=', options.action);
  const forward = options.after !== undefined;
  if (forward) query = query.where('audit_log.seq', '>', options.after!).orderBy('audit_log.seq', 'asc');
  else query = (options.before === undefined ? query : query.where('audit_log.seq', '<', options.before)).orderBy('audit_log.seq', 'desc');
  // One more than a page tells whether there is another page that way.
  const page = await query.limit(options.limit + 1).execute();
  const more = page.length > options.limit;
  const rows = page.slice(0, options.limit).map((r) => ({ seq: r.seq, at: r.at, actorName: r.actor_name, action: r.action, reportId: r.report_id, reference: r.reference, detail: r.detail, ip: r.ip }));
  if (forward) rows.reverse();
  // A page reached by paging has the page it came from on its other side.
  return forward ? { rows, older: true, newer: more } : { rows, older: more, newer: options.before !== undefined };
}
