// Sends a service's statistics to the portal: aggregates per month only, never a row of a report.
// Run by the pull loop after a pull, at most once a minute per service. Deadlines that have passed
// are counted first; then, when the counters changed since the last send, nothing was ever sent, or
// the last send is an hour old, the window's months go out whole: a lost answer or a portal restored
// from a backup is healed by the next send.
import type { Kysely } from 'kysely';
import type { MottakDB } from '../db/schema.ts';
import type { Clock } from '../../clock.ts';
import { osloDate } from '../../domain/delivery/working-days.ts';
import { osloMonth } from '../../domain/statistics/measures.ts';
import { windowMonths } from '../../domain/statistics/publish.ts';
import { STATISTICS_WINDOW_MONTHS } from '../../domain/statistics/mottak-measures.ts';
import type { StatisticsMonth } from '../receiver/delivery-client.ts';
import type { DeliveryClient } from '../receiver/delivery-client.ts';
import { countPassedDeadlines, listServiceCounts } from './count-cases.ts';

/** The window's months with every count of each, as the statistics API takes them. */
export function statisticsMonths(counts: readonly { month: string; measure: string; count: number }[], months: readonly string[]): StatisticsMonth[] {
  return months.map((month) => ({
    maned: month.slice(0, 7),
    tall: Object.fromEntries(counts.filter((c) => c.month === month && c.count > 0).map((c) => [c.measure, c.count])),
  }));
}

const RESEND_AFTER_MS = 60 * 60 * 1000;

export async function sendServiceStatistics(db: Kysely<MottakDB>, to: { serviceId: string; client: Pick<DeliveryClient, 'sendStatistics'> }, clock: Clock): Promise<'sent' | 'unchanged'> {
  const { serviceId } = to;
  const now = clock.now();
  await db.transaction().execute((trx) => countPassedDeadlines(trx, serviceId, osloDate(now)));
  const state = await db.selectFrom('statistics_publications').select(['version', 'published_version', 'published_at']).where('service_id', '=', serviceId).executeTakeFirst();
  // Unchanged figures go again after an hour: a portal restored from a backup, or one whose figures
  // were lost, has them back without waiting for the next report.
  const fresh = state?.published_at && now.getTime() - state.published_at.getTime() < RESEND_AFTER_MS;
  if (state && state.published_version === state.version && fresh) return 'unchanged';
  // The version is read before the counts: a change committed in between is in what is sent or,
  // at worst, sent again next time; never left out with the version claiming it was sent.
  const version = state?.version ?? 0;
  const months = windowMonths(osloMonth(now), STATISTICS_WINDOW_MONTHS);
  const counts = await listServiceCounts(db, serviceId, months[0]!);
  await to.client.sendStatistics(statisticsMonths(counts, months));
  await db
    .insertInto('statistics_publications')
    .values({ service_id: serviceId, version, published_version: version, published_at: now })
    .onConflict((oc) => oc.column('service_id').doUpdateSet({ published_version: version, published_at: now }))
    .execute();
  return 'sent';
}
