// The audit trail: who did what to which report, when and from where. One hash chain per service;
// each entry's hash covers its fields and the previous entry's hash, and audit_heads names the last
// one, so an edited, inserted, reordered or removed entry is found by verifyAuditChain. The role
// caseworkers run as may only add entries (and a trigger refuses updates and deletes for everyone).
import { createHash } from 'node:crypto';
import type { MottakDb } from '../db/mottak-database.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditAction =
  | 'login'
  | 'report.received'
  | 'package.refused'
  | 'report.viewed'
  | 'file.downloaded'
  | 'report.exported'
  | 'report.assigned'
  | 'note.added'
  | 'report.concluded'
  | 'investigation.extended'
  | 'investigation.ended'
  | 'feedback.sent'
  | 'audit.read';

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

/** Walks one service's chain from the start. Reads in pages so a long log does not fill memory. */
export async function verifyAuditChain(db: MottakDb, serviceId: string): Promise<ChainVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('service_id', '=', serviceId).where('seq', '>=', expectedSeq).orderBy('seq').limit(1000).execute();
    if (page.length === 0) break;
    for (const row of page) {
      if (row.seq !== expectedSeq) return { serviceId, entries, ok: false, problem: { seq: expectedSeq, reason: 'gap' } };
      if (row.prev_hash !== prevHash) return { serviceId, entries, ok: false, problem: { seq: row.seq, reason: 'link' } };
      const recomputed = hashAuditEntry({
        serviceId: row.service_id,
        seq: row.seq,
        at: row.at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        reportId: row.report_id,
        detail: row.detail,
        ip: row.ip,
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash) return { serviceId, entries, ok: false, problem: { seq: row.seq, reason: 'hash' } };
      prevHash = row.hash;
      expectedSeq++;
      entries++;
    }
  }
  const head = await db.selectFrom('audit_heads').select(['seq', 'hash']).where('service_id', '=', serviceId).executeTakeFirst();
  const headSeq = head?.seq ?? 0;
  const headHash = head?.hash ?? GENESIS_HASH;
  // Entries removed from the end leave a chain that is whole but shorter than its head says.
  if (headSeq !== entries || headHash !== prevHash) return { serviceId, entries, ok: false, problem: { seq: Math.min(headSeq, entries) + 1, reason: 'head' } };
  return { serviceId, entries, ok: true };
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

/** The service's log, newest first, for its manager. */
export async function listAuditEntries(db: MottakDb, serviceId: string, options: { before?: number; reportId?: string; limit: number }): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('reports', (join) => join.onRef('reports.id', '=', 'audit_log.report_id').onRef('reports.service_id', '=', 'audit_log.service_id'))
    .select(['audit_log.seq', 'audit_log.at', 'audit_log.actor_name', 'audit_log.action', 'audit_log.report_id', 'reports.reference', 'audit_log.detail', 'audit_log.ip'])
    .where('audit_log.service_id', '=', serviceId);
  if (options.before !== undefined) query = query.where('audit_log.seq', '<', options.before);
  if (options.reportId) query = query.where('audit_log.report_id', '=', options.reportId);
  const rows = await query.orderBy('audit_log.seq', 'desc').limit(options.limit).execute();
  return rows.map((r) => ({ seq: r.seq, at: r.at, actorName: r.actor_name, action: r.action, reportId: r.report_id, reference: r.reference, detail: r.detail, ip: r.ip }));
}

