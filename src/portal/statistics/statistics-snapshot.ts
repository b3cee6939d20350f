// The published statistics as one protected snapshot: the page, the API and the downloads all read
// the same one, so a number is the same everywhere. Made from the counters (never the reports), at
// most once a minute, one at a time; a request meanwhile gets the snapshot already made.
import { sql } from 'kysely';
import { translator } from '../../web/i18n.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Disclosed } from '../../domain/statistics/disclosure.ts';
import { osloMonth } from '../../domain/statistics/measures.ts';
import { FIGURES, publishStatistics, windowMonths, type AreaFigures, type Figure, type Municipality, type PublishedStatistics } from '../../domain/statistics/publish.ts';

/** Months in the window: the current one and the eleven before it. */
export const WINDOW_MONTHS = 12;
const MAX_AGE_MS = 60_000;

export interface Snapshot {
  madeAt: Date;
  published: PublishedStatistics;
}

export interface StatisticsSnapshots {
  current(): Promise<Snapshot>;
}

export function createStatisticsSnapshots(db: Kysely<DB>, geography: readonly Municipality[], now: () => Date): StatisticsSnapshots {
  let latest: Snapshot | undefined;
  let making: Promise<Snapshot> | undefined;
  const make = async (): Promise<Snapshot> => {
    const madeAt = now();
    const months = windowMonths(osloMonth(madeAt), WINDOW_MONTHS);
    // Districts are summed here: the statistics publish municipalities and up.
    const rows = await db
      .selectFrom('statistics_counts')
      .select(['month', 'kommunenummer', 'measure', sql<number>`sum(count)::bigint`.as('count')])
      .where('month', '>=', months[0]!)
      .groupBy(['month', 'kommunenummer', 'measure'])
      .execute();
    const published = publishStatistics(geography, rows.map((r) => ({ month: String(r.month), kommunenummer: r.kommunenummer, measure: r.measure, count: Number(r.count) })), months);
    return { madeAt, published };
  };
  return {
    async current() {
      if (latest && now().getTime() - latest.madeAt.getTime() < MAX_AGE_MS) return latest;
      making ??= make().finally(() => (making = undefined));
      // A stale snapshot is served while a new one is made; only the very first request waits.
      if (latest) {
        making.then((s) => (latest = s)).catch(() => undefined);
        return latest;
      }
      latest = await making;
      return latest;
    },
  };
}

/** An area of the statistics, as the page and the API name it. */
export type AreaKey = { type: 'land' } | { type: 'fylke'; nummer: string } | { type: 'kommune'; nummer: string };

export function parseArea(value: unknown): AreaKey | undefined {
  if (value === undefined || value === '' || value === 'land') return { type: 'land' };
  if (typeof value !== 'string') return undefined;
  if (/^\d{2}$/.test(value)) return { type: 'fylke', nummer: value };
  if (/^\d{4}$/.test(value)) return { type: 'kommune', nummer: value };
  return undefined;
}

export interface AreaView {
  type: 'land' | 'fylke' | 'kommune' | 'mindre';
  nummer: string;
  navn: string;
  figures: Record<Figure, Disclosed>;
  /** Reports sent per month: the country and the counties. */
  months?: Record<string, Disclosed>;
  /** The areas it is made of: counties of the country, municipalities of a county. */
  parts?: AreaView[];
  /** For a municipality shown only within its county. */
  shownIn?: { nummer: string; navn: string };
  /** How many municipalities a county's "smaller municipalities" group holds. */
  municipalities?: number;
}

const figuresView = (a: AreaFigures) => a.figures;

/** The area's figures from the snapshot; `below` when it is a municipality too small to show. */
export function viewArea(published: PublishedStatistics, key: AreaKey, geography: readonly Municipality[]): AreaView | { below: { nummer: string; navn: string; fylke: { nummer: string; navn: string } } } | undefined {
  const countyView = (c: PublishedStatistics['counties'][number]): AreaView => ({ type: 'fylke', nummer: c.fylkesnummer, navn: c.navn, figures: figuresView(c), months: c.months });
  if (key.type === 'land') {
    return { type: 'land', nummer: 'land', navn: 'Norge', figures: figuresView(published.national), months: published.national.months, parts: published.counties.map(countyView) };
  }
  if (key.type === 'fylke') {
    const c = published.counties.find((x) => x.fylkesnummer === key.nummer);
    if (!c) return undefined;
    const parts: AreaView[] = c.municipalities.map((m) => ({ type: 'kommune', nummer: m.kommunenummer, navn: m.navn, figures: m.figures }));
    if (c.smaller) parts.push({ type: 'mindre', nummer: `${c.fylkesnummer}-mindre`, navn: translator('nb')('api.statisticsSmaller', { county: c.navn }), figures: c.smaller.figures, municipalities: c.smaller.municipalities });
    return { ...countyView(c), parts };
  }
  for (const c of published.counties) {
    const m = c.municipalities.find((x) => x.kommunenummer === key.nummer);
    if (m) return { type: 'kommune', nummer: m.kommunenummer, navn: m.navn, figures: m.figures, shownIn: { nummer: c.fylkesnummer, navn: c.navn } };
  }
  const small = geography.find((m) => m.kommunenummer === key.nummer);
  if (small) return { below: { nummer: small.kommunenummer, navn: small.navn, fylke: { nummer: small.fylkesnummer, navn: small.fylkesnavn } } };
  return undefined;
}

export { FIGURES };
