// The portal's counters for the statistics: one add per event, inside the transaction that makes
// the event happen (the submit, the delivery), so a count is there exactly when the event is.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { TransitionCause } from '../../domain/delivery/status.ts';
import { TRANSITIONS } from '../../domain/delivery/status.ts';
import { deliveredMeasure, deliveryTimeBucket, osloMonth, sentMeasure, type PortalMeasure } from '../../domain/statistics/measures.ts';

export interface CountedReport {
  receivedAt: Date;
  kommunenummer: string;
  bydelsnummer: string;
}

async function addCounts(trx: Transaction<DB>, report: CountedReport, measures: PortalMeasure[]): Promise<void> {
  if (measures.length === 0) return;
  const month = osloMonth(report.receivedAt);
  await trx
    .insertInto('statistics_counts')
    .values(measures.map((measure) => ({ month, kommunenummer: report.kommunenummer, bydelsnummer: report.bydelsnummer, measure, count: 1 })))
    .onConflict((oc) => oc.columns(['month', 'kommunenummer', 'bydelsnummer', 'measure']).doUpdateSet({ count: sql`statistics_counts.count + excluded.count` }))
    .execute();
}

export function countReportSent(trx: Transaction<DB>, report: CountedReport & { reporterType: 'private' | 'professional' }): Promise<void> {
  return addCounts(trx, report, [sentMeasure(report.reporterType)]);
}

/** What a status change adds: a delivery by its channel and time, or a fallback to print. */
export function countTransition(trx: Transaction<DB>, report: CountedReport, cause: TransitionCause, at: Date): Promise<void> {
  const { to, channel } = TRANSITIONS[cause];
  const measures: PortalMeasure[] = [];
  if (channel) measures.push(deliveredMeasure(channel), `leveringstid.${deliveryTimeBucket(report.receivedAt, at)}`);
  if (to === 'SENDT_PRINT') measures.push('til-print');
  return addCounts(trx, report, measures);
}
