// One report as a caseworker sees and works it. Every function takes the caller's service id and a
// transaction from inServiceScope; a foreign or unknown id is `undefined`, never an error that
// tells the two apart.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { MottakDb } from '../db/mottak-database.ts';
import type { FeedbackType, ReportProgress } from '../db/schema.ts';
import { appendAudit, type AuditAction } from '../audit/audit-log.ts';
import { feedbackAfterConclusion, type Conclusion } from '../../domain/mottak/conclusion.ts';
import { feedbackDeadline, investigationDeadline } from '../../domain/mottak/deadlines.ts';
import { isUuid } from '../inbox/inbox-queries.ts';
import { countCase, countFeedbackSent, countReview } from '../statistics/count-cases.ts';
import { conclusionMeasures, investigationEndMeasure } from '../../domain/statistics/mottak-measures.ts';

export interface Actor {
  caseworkerId: string;
  serviceId: string;
  name: string;
  ip: string;
  at: Date;
}

export async function audit(trx: MottakDb, actor: Actor, action: AuditAction, reportId: string | null, detail: Record<string, string | number | boolean | null> = {}): Promise<void> {
  await appendAudit(trx, { serviceId: actor.serviceId, actorId: actor.caseworkerId, actorName: actor.name, action, reportId, detail, ip: actor.ip, at: actor.at });
}

export async function findReport(trx: MottakDb, serviceId: string, id: string) {
  return trx
    .selectFrom('reports')
    .leftJoin('caseworkers as assignee', 'assignee.id', 'reports.assignee_id')
    .leftJoin('caseworkers as concluder', 'concluder.id', 'reports.concluded_by')
    .selectAll('reports')
    .select(['assignee.name as assigneeName', 'concluder.name as concludedByName'])
    .where('reports.service_id', '=', serviceId)
    .where('reports.id', '=', id)
    .executeTakeFirst();
}

export type FoundReport = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export async function listReportFiles(trx: MottakDb, serviceId: string, reportId: string) {
  return trx
    .selectFrom('report_files')
    .select(['name', 'content_type', sql<number>`length(content)`.as('size')])
    .where('service_id', '=', serviceId)
    .where('report_id', '=', reportId)
    .orderBy('name')
    .execute();
}

export async function findReportFile(trx: MottakDb, serviceId: string, reportId: string, name: string) {
  return trx.selectFrom('report_files').select(['name', 'content_type', 'content']).where('service_id', '=', serviceId).where('report_id', '=', reportId).where('name', '=', name).executeTakeFirst();
}

/** Other reports of this service about any of the same children, by fnr. */
export async function listEarlierReports(trx: MottakDb, serviceId: string, row: FoundReport) {
  if (row.child_fnrs.length === 0) return [];
  return trx
    .selectFrom('reports')
    .select(['id', 'reference', 'received_at', 'status', 'conclusion_code'])
    .where('service_id', '=', serviceId)
    .where('id', '<>', row.id)
    // Through the function, so the fnr index is used under row-level security (migration 002).
    .where(sql<boolean>`id = any(array(select reports_with_child_fnr(${serviceId}, ${sql.val(row.child_fnrs)}::text[])))`)
    .orderBy('received_at', 'desc')
    .limit(50)
    .execute();
}

export async function listNotes(trx: MottakDb, serviceId: string, reportId: string) {
  return trx
    .selectFrom('report_notes')
    .innerJoin('caseworkers', 'caseworkers.id', 'report_notes.author_id')
    .select(['report_notes.id', 'report_notes.created_at', 'report_notes.body', 'caseworkers.name as author'])
    .where('report_notes.service_id', '=', serviceId)
    .where('report_notes.report_id', '=', reportId)
    .orderBy('report_notes.created_at')
    .execute();
}

export async function listFeedback(trx: MottakDb, serviceId: string, reportId: string) {
  return trx
    .selectFrom('report_feedback')
    .select(['type', 'due_date', 'sent_at'])
    .where('service_id', '=', serviceId)
    .where('report_id', '=', reportId)
    .orderBy('due_date')
    .execute();
}

/** Opening a new report moves it from "ny" to "under behandling". */
export async function markOpened(trx: MottakDb, serviceId: string, row: FoundReport): Promise<void> {
  if (row.status !== 'ny') return;
  await trx.updateTable('reports').set({ status: 'under_behandling' satisfies ReportProgress }).where('service_id', '=', serviceId).where('id', '=', row.id).where('status', '=', 'ny').execute();
}

export async function assignReport(trx: MottakDb, actor: Actor, reportId: string, assigneeId: string | null): Promise<'ok' | 'unknown-assignee'> {
  if (assigneeId) {
    // Not a uuid is as unknown as a uuid of nobody here (and would otherwise be a database error).
    if (!isUuid(assigneeId)) return 'unknown-assignee';
    const assignee = await trx.selectFrom('caseworkers').select('id').where('service_id', '=', actor.serviceId).where('id', '=', assigneeId).executeTakeFirst();
    if (!assignee) return 'unknown-assignee';
  }
  await trx.updateTable('reports').set({ assignee_id: assigneeId }).where('service_id', '=', actor.serviceId).where('id', '=', reportId).execute();
  await audit(trx, actor, 'report.assigned', reportId, { assignee: assigneeId });
  return 'ok';
}

export async function addNote(trx: MottakDb, actor: Actor, reportId: string, body: string): Promise<void> {
  await trx.insertInto('report_notes').values({ id: randomUUID(), report_id: reportId, service_id: actor.serviceId, author_id: actor.caseworkerId, created_at: actor.at, body }).execute();
  await audit(trx, actor, 'note.added', reportId);
}

/**
 * Records the conclusion. A professional reporter is owed word of the outcome within 3 weeks of
 * receipt; opening an investigation starts its § 2-2 deadline from the review deadline.
 */
export async function concludeReport(trx: MottakDb, actor: Actor, row: FoundReport, conclusion: Conclusion): Promise<void> {
  await trx
    .updateTable('reports')
    .set({
      status: 'konkludert',
      conclusion_code: conclusion.conclusionCode,
      conclusion_reason: conclusion.reason || null,
      conclusion_obviously_groundless: conclusion.obviouslyGroundless,
      concluded_at: actor.at,
      concluded_by: actor.caseworkerId,
      reporter_code: conclusion.reporterCode,
      reporter_code_detail: conclusion.reporterCodeDetail || null,
      content_codes: conclusion.contentCodes,
      investigation_deadline: conclusion.opensInvestigation ? investigationDeadline(row.review_deadline, false) : null,
    })
    .where('service_id', '=', actor.serviceId)
    .where('id', '=', row.id)
    .execute();
  if (row.reporter_type === 'professional') {
    await addFeedbackDue(trx, actor.serviceId, row.id, feedbackAfterConclusion(conclusion), feedbackDeadline(row.sent_at));
  }
  await countCase(trx, { serviceId: actor.serviceId, sentAt: row.sent_at, measures: conclusionMeasures(conclusion) });
  await countReview(trx, { serviceId: actor.serviceId, reportId: row.id, sentAt: row.sent_at, reviewDeadline: row.review_deadline, at: actor.at });
  await audit(trx, actor, 'report.concluded', row.id, { code: conclusion.conclusionCode, obviouslyGroundless: conclusion.obviouslyGroundless });
}

export async function extendInvestigation(trx: MottakDb, actor: Actor, row: FoundReport, reason: string): Promise<void> {
  await trx
    .updateTable('reports')
    .set({ investigation_deadline: investigationDeadline(row.review_deadline, true), investigation_extended_reason: reason })
    .where('service_id', '=', actor.serviceId)
    .where('id', '=', row.id)
    .execute();
  await audit(trx, actor, 'investigation.extended', row.id);
}

export async function endInvestigation(trx: MottakDb, actor: Actor, row: FoundReport, outcome: 'henlagt' | 'tiltak'): Promise<void> {
  await trx.updateTable('reports').set({ investigation_outcome: outcome, investigation_ended_at: actor.at }).where('service_id', '=', actor.serviceId).where('id', '=', row.id).execute();
  if (row.reporter_type === 'professional') {
    await addFeedbackDue(trx, actor.serviceId, row.id, outcome === 'henlagt' ? 'undersokelse-henlagt' : 'undersokelse-tiltak', feedbackDeadline(actor.at));
  }
  await countCase(trx, { serviceId: actor.serviceId, sentAt: row.sent_at, measures: [investigationEndMeasure(outcome)] });
  await audit(trx, actor, 'investigation.ended', row.id, { outcome });
}

async function addFeedbackDue(trx: MottakDb, serviceId: string, reportId: string, type: FeedbackType, due: string): Promise<void> {
  await trx.insertInto('report_feedback').values({ report_id: reportId, service_id: serviceId, type, due_date: due }).onConflict((oc) => oc.columns(['report_id', 'type']).doNothing()).execute();
}

export async function markFeedbackSent(trx: MottakDb, actor: Actor, reportId: string, type: FeedbackType): Promise<void> {
  await trx
    .updateTable('report_feedback')
    .set({ sent_at: actor.at, sent_by: actor.caseworkerId })
    .where('service_id', '=', actor.serviceId)
    .where('report_id', '=', reportId)
    .where('type', '=', type)
    .where('sent_at', 'is', null)
    .execute();
  await countFeedbackSent(trx, { serviceId: actor.serviceId, reportId, type, at: actor.at });
  await audit(trx, actor, 'feedback.sent', reportId, { type });
}
