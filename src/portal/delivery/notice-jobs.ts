// The work behind a feedback notice: hand the notice provider the reporter's encrypted contact and
// a generic text, record the outcome, and forget the contact once no more feedback can come.
// Running it twice sends the same notice under the same key, which the provider takes once.
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.ts';
import type { DB, NoticeState, ReporterLanguage } from '../db/schema.ts';
import { isFeedbackComplete, type FeedbackType } from '../../domain/delivery/feedback.ts';
import { translator } from '../../web/i18n.ts';
import { inTransaction } from './delivery-store.ts';
import { NoticeRejectedError, type NoticeAdapter } from './notice-adapter.ts';
import type { NoticeJobData } from './outbox.ts';

export interface NoticeDeps {
  db: Kysely<DB>;
  clock: Clock;
  noticeAdapter: NoticeAdapter;
  log: FastifyBaseLogger;
}

/** The notice's words, in the reporter's language: the same for every feedback, naming only the reference. */
export function noticeText(reference: string, lang: ReporterLanguage): string {
  return translator(lang)('notice.feedback', { reference });
}

/**
 * Sends the notice for one registered feedback. A refusal, or a failure on the last attempt, is
 * recorded as failed (the feedback itself is on Mine meldinger regardless); other failures are
 * thrown so the queue retries.
 */
export async function sendFeedbackNotice(deps: NoticeDeps, data: NoticeJobData, options: { finalAttempt: boolean }): Promise<void> {
  const { db, clock, log } = deps;
  const row = await db
    .selectFrom('report_feedback')
    .innerJoin('reports', 'reports.id', 'report_feedback.report_id')
    .select(['report_feedback.notice', 'reports.reference', 'reports.notice_channel', 'reports.notice_contact', 'reports.reporter_language'])
    .where('report_feedback.report_id', '=', data.reportId)
    .where('report_feedback.type', '=', data.feedbackType)
    .executeTakeFirst();
  if (!row || row.notice !== 'pending') return;
  if (!row.notice_contact || !row.notice_channel) {
    await settleNotice(db, data, 'none', clock.now());
    return;
  }
  try {
    await deps.noticeAdapter.send({
      reference: row.reference,
      type: data.feedbackType,
      channel: row.notice_channel,
      encryptedContact: row.notice_contact,
      text: noticeText(row.reference, row.reporter_language),
    });
  } catch (error) {
    const final = error instanceof NoticeRejectedError || options.finalAttempt;
    if (!final) throw error;
    await settleNotice(db, data, 'failed', clock.now());
    // No address in the log: the portal cannot read it, and the provider's reply is not kept.
    log.warn({ reportId: data.reportId, feedbackType: data.feedbackType, reason: error instanceof NoticeRejectedError ? error.reason : 'gave up after retries' }, 'feedback notice not sent; the reporter sees the feedback on Mine meldinger');
    return;
  }
  await settleNotice(db, data, 'sent', clock.now());
  log.info({ reportId: data.reportId, feedbackType: data.feedbackType, channel: row.notice_channel }, 'feedback notice handed to provider');
}

/**
 * Records how a notice ended and, when the reporter has had every feedback the law gives them and
 * no notice is still on its way, deletes the encrypted contact: the portal has no more use for it.
 * The report row is locked, so two notices ending at once cannot both think the other still pending.
 */
async function settleNotice(db: Kysely<DB>, data: NoticeJobData, state: Exclude<NoticeState, 'pending'>, at: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const report = await trx.selectFrom('reports').select('reporter_type').where('id', '=', data.reportId).forUpdate().executeTakeFirst();
    if (!report) return;
    await trx
      .updateTable('report_feedback')
      .set({ notice: state, notice_handled_at: at })
      .where('report_id', '=', data.reportId)
      .where('type', '=', data.feedbackType)
      .where('notice', '=', 'pending')
      .execute();
    const feedback = await trx.selectFrom('report_feedback').select(['type', 'notice']).where('report_id', '=', data.reportId).execute();
    const types: FeedbackType[] = feedback.map((f) => f.type);
    if (feedback.every((f) => f.notice !== 'pending') && isFeedbackComplete(report.reporter_type, types)) {
      await trx.updateTable('reports').set({ notice_contact: null }).where('id', '=', data.reportId).execute();
    }
  });
}
