// Mottak's counters for the statistics: one add per event, inside the transaction that makes the event
// happen (the receipt, the conclusion, the feedback), so a count is there exactly when the event is.
// Deadlines that pass without the event are counted by `countPassedDeadlines`, once.
import { sql } from 'kysely';
import type { MottakDb } from '../db/mottak-database.ts';
import type { FeedbackType } from '../db/schema.ts';
import { osloMonth } from '../../domain/statistics/measures.ts';
import { feedbackMeasure, reviewMeasure, type MottakMeasure } from '../../domain/statistics/mottak-measures.ts';
import { osloDate } from '../../domain/delivery/working-days.ts';

/** Adds one to each measure, in the month the report was made available to the service. */
export async function countCase(trx: MottakDb, input: { serviceId: string; sentAt: Date; measures: readonly MottakMeasure[] }): Promise<void> {
  if (input.measures.length === 0) return;
  await addCounts(trx, input.serviceId, input.measures.map((measure) => ({ month: osloMonth(input.sentAt), measure, count: 1 })));
}

async function addCounts(trx: MottakDb, serviceId: string, counts: { month: string; measure: string; count: number }[]): Promise<void> {
  if (counts.length === 0) return;
  // Tells the publisher there is something new to send (publish-statistics.ts). First, so every
  // transaction that counts for a service takes this row's lock before any counter's: two of them
  // (a conclusion and the deadline sweep) cannot each hold a counter the other waits for.
  await trx
    .insertInto('statistics_publications')
    .values({ service_id: serviceId, version: 1 })
    .onConflict((oc) => oc.column('service_id').doUpdateSet({ version: sql`statistics_publications.version + 1` }))
    .execute();
  await trx
    .insertInto('statistics_counts')
    .values(counts.map((c) => ({ service_id: serviceId, month: c.month, measure: c.measure, count: c.count })))
    .onConflict((oc) => oc.columns(['service_id', 'month', 'measure']).doUpdateSet({ count: sql`statistics_counts.count + excluded.count` }))
    .execute();
}

/**
 * The review measure for a report being concluded now, if its review is not counted yet (a deadline
 * that passed before was counted as over it when it passed). Marks it counted.
 */
export async function countReview(trx: MottakDb, input: { serviceId: string; reportId: string; sentAt: Date; reviewDeadline: string; at: Date }): Promise<void> {
  const marked = await trx
    .updateTable('reports')
    .set({ review_counted: true })
    .where('service_id', '=', input.serviceId)
    .where('id', '=', input.reportId)
    .where('review_counted', '=', false)
    .returning('id')
    .executeTakeFirst();
  if (marked) await countCase(trx, { serviceId: input.serviceId, sentAt: input.sentAt, measures: [reviewMeasure(osloDate(input.at), input.reviewDeadline)] });
}

/** As `countReview`, for a feedback being sent now. */
export async function countFeedbackSent(trx: MottakDb, input: { serviceId: string; reportId: string; type: FeedbackType; at: Date }): Promise<void> {
  const marked = await trx
    .updateTable('report_feedback')
    .set({ counted: true })
    .from('reports')
    .whereRef('reports.id', '=', 'report_feedback.report_id')
    .where('report_feedback.service_id', '=', input.serviceId)
    .where('report_feedback.report_id', '=', input.reportId)
    .where('report_feedback.type', '=', input.type)
    .where('report_feedback.counted', '=', false)
    .returning(['report_feedback.due_date', 'reports.sent_at'])
    .executeTakeFirst();
  if (marked) await countCase(trx, { serviceId: input.serviceId, sentAt: marked.sent_at, measures: [feedbackMeasure(osloDate(input.at), marked.due_date)] });
}

/**
 * Reviews and feedback whose deadline has passed (before `today`, Oslo date) without being done:
 * counted as over the deadline, once. Run before the figures are read or sent.
 */
export async function countPassedDeadlines(trx: MottakDb, serviceId: string, today: string): Promise<number> {
  const reviews = await trx
    .updateTable('reports')
    .set({ review_counted: true })
    .where('service_id', '=', serviceId)
    .where('review_counted', '=', false)
    .where('status', '<>', 'konkludert')
    .where('review_deadline', '<', today)
    .returning('sent_at')
    .execute();
  const feedback = await trx
    .updateTable('report_feedback')
    .set({ counted: true })
    .from('reports')
    .whereRef('reports.id', '=', 'report_feedback.report_id')
    .where('report_feedback.service_id', '=', serviceId)
    .where('report_feedback.counted', '=', false)
    .where('report_feedback.sent_at', 'is', null)
    .where('report_feedback.due_date', '<', today)
    .returning('reports.sent_at')
    .execute();
  const counts = new Map<string, { month: string; measure: string; count: number }>();
  const add = (sentAt: Date, measure: MottakMeasure) => {
    const month = osloMonth(sentAt);
    const key = `${month}|${measure}`;
    const entry = counts.get(key) ?? { month, measure, count: 0 };
    entry.count++;
    counts.set(key, entry);
  };
  for (const r of reviews) add(r.sent_at, 'gjennomgang.over-frist');
  for (const f of feedback) add(f.sent_at, 'tilbakemelding.for-sent');
  await addCounts(trx, serviceId, [...counts.values()]);
  return reviews.length + feedback.length;
}

export interface ServiceCounts {
  /** `YYYY-MM-01` */
  month: string;
  measure: string;
  count: number;
}

/** The service's counts from `fromMonth` on. */
export async function listServiceCounts(trx: MottakDb, serviceId: string, fromMonth: string): Promise<ServiceCounts[]> {
  return trx
    .selectFrom('statistics_counts')
    .select(['month', 'measure', 'count'])
    .where('service_id', '=', serviceId)
    .where('month', '>=', fromMonth)
    .orderBy('month')
    .orderBy('measure')
    .execute();
}
