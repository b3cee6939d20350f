// A receiving service registers feedback to the reporter: a code, checked against the law's rules
// and what is already registered, stored with its notice job in one transaction. The report row is
// locked meanwhile, so two calls at once (a retry racing the original) agree on one outcome.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { checkFeedback, type FeedbackType } from '../../domain/delivery/feedback.ts';
import { inTransaction, type Db } from './delivery-store.ts';
import { QUEUES, type Outbox } from './outbox.ts';

export interface RegisteredFeedback {
  reportId: string;
  type: FeedbackType;
  /** The first registration's time, also when the same feedback comes again. */
  registeredAt: Date;
}

export type RegisterFeedbackResult =
  | { kind: 'registered'; feedback: RegisteredFeedback; created: boolean }
  | { kind: 'notFound' }
  /** Feedback is about a report the service has; before LEVERT it has not got it yet. */
  | { kind: 'notDelivered' }
  | { kind: 'notForPrivateReporter' }
  | { kind: 'conflict'; reason: 'excludes' | 'requires'; with: FeedbackType };

export interface RegisterFeedbackInput {
  reportId: string;
  /** Only a report of this service: authorization inside the query. */
  serviceId: string;
  type: FeedbackType;
  at: Date;
}

export async function registerFeedback(db: Kysely<DB>, outbox: Outbox, input: RegisterFeedbackInput): Promise<RegisterFeedbackResult> {
  return inTransaction(db, async (trx) => {
    const report = await trx
      .selectFrom('reports')
      .select(['status', 'reporter_type', 'notice_channel'])
      .select((eb) => eb('notice_contact', 'is not', null).as('hasContact'))
      .where('id', '=', input.reportId)
      .where('service_id', '=', input.serviceId)
      .forUpdate()
      .executeTakeFirst();
    if (!report) return { kind: 'notFound' };
    const registered = await listFeedback(trx, input.reportId);
    const check = checkFeedback(
      report.reporter_type,
      registered.map((f) => f.type),
      input.type,
    );
    if (check.kind === 'notForPrivateReporter') return check;
    if (report.status !== 'LEVERT') return { kind: 'notDelivered' };
    if (check.kind === 'conflict') return check;
    if (check.kind === 'repeat') return { kind: 'registered', feedback: registered.find((f) => f.type === input.type)!, created: false };
    // No contact given: nothing to send, but the reporter still reads the feedback on Mine meldinger.
    const notify = Boolean(report.hasContact && report.notice_channel);
    await trx
      .insertInto('report_feedback')
      .values({ report_id: input.reportId, type: input.type, registered_at: input.at, notice: notify ? 'pending' : 'none', notice_handled_at: notify ? null : input.at })
      .execute();
    if (notify) await outbox.enqueue(trx, QUEUES.notice, { reportId: input.reportId, feedbackType: input.type });
    return { kind: 'registered', feedback: { reportId: input.reportId, type: input.type, registeredAt: input.at }, created: true };
  });
}

/** A report's feedback, oldest first. */
export async function listFeedback(db: Db, reportId: string): Promise<RegisteredFeedback[]> {
  const rows = await db.selectFrom('report_feedback').select(['type', 'registered_at']).where('report_id', '=', reportId).orderBy('registered_at').orderBy('type').execute();
  return rows.map((r) => ({ reportId, type: r.type, registeredAt: r.registered_at }));
}
