// The receiving services' own figures, as each one's system sends them (PUT /api/v1/mottak/statistikk):
// checked, then stored per month replacing what that month held, and read back for the snapshot.
// Aggregates only: the portal still knows no report's content.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { windowMonths } from '../../domain/statistics/publish.ts';
import { MAX_STATISTICS_MONTHS } from '../../domain/statistics/mottak-measures.ts';

export interface ServiceMonth {
  /** `YYYY-MM-01` */
  month: string;
  counts: Record<string, number>;
}

/**
 * What the schema cannot say: each month once, none after the current month (Oslo) and none older
 * than the months kept. `body` has passed SERVICE_STATISTICS_SCHEMA.
 */
export function checkServiceMonths(body: { maneder: { maned: string; tall: Record<string, number> }[] }, currentMonth: string): { ok: true; months: ServiceMonth[] } | { ok: false } {
  const allowed = new Set(windowMonths(currentMonth, MAX_STATISTICS_MONTHS));
  const months = body.maneder.map((m) => ({ month: `${m.maned}-01`, counts: m.tall }));
  const distinct = new Set(months.map((m) => m.month));
  if (distinct.size !== months.length || months.some((m) => !allowed.has(m.month))) return { ok: false };
  // Every conclusion names one melder: the published figures rely on the two sums being equal.
  if (months.some((m) => sumOf(m.counts, 'konklusjon.') !== sumOf(m.counts, 'melder.'))) return { ok: false };
  return { ok: true, months };
}

function sumOf(counts: Record<string, number>, prefix: string): number {
  return Object.entries(counts).reduce((sum, [measure, n]) => (measure.startsWith(prefix) ? sum + n : sum), 0);
}

export async function storeServiceStatistics(db: Kysely<DB>, serviceId: string, months: readonly ServiceMonth[], at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // First: the sender's row lock makes two sends of one service (a retry racing the original)
    // replace the months one after the other.
    await trx
      .insertInto('service_statistics_senders')
      .values({ service_id: serviceId, sent_at: at })
      .onConflict((oc) => oc.column('service_id').doUpdateSet({ sent_at: at }))
      .execute();
    await trx
      .deleteFrom('service_statistics')
      .where('service_id', '=', serviceId)
      .where(
        'month',
        'in',
        months.map((m) => m.month),
      )
      .execute();
    const rows = months.flatMap((m) => Object.entries(m.counts).filter(([, count]) => count > 0).map(([measure, count]) => ({ service_id: serviceId, month: m.month, measure, count })));
    if (rows.length > 0) await trx.insertInto('service_statistics').values(rows).execute();
  });
}
