// The published statistics as one protected snapshot: the page, the API and the downloads all read
// the same one, so a number is the same everywhere. Made from the counters (never the reports), at
// most once a minute, one at a time, protected on a worker thread; a request meanwhile gets the
// snapshot already made.
import { sql } from 'kysely';
import { translator } from '../../web/i18n.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Disclosed } from '../../domain/statistics/disclosure.ts';
import { osloMonth } from '../../domain/statistics/measures.ts';
import { FIGURES, windowMonths, type AreaFigures, type Figure, type Municipality, type PublishedStatistics } from '../../domain/statistics/publish.ts';
import type { PublishedServices, ServiceArea } from '../../domain/statistics/publish-services.ts';
import { protectInWorker } from './protect-statistics.ts';
import { STATISTICS_WINDOW_MONTHS } from '../../domain/statistics/mottak-measures.ts';

const MAX_AGE_MS = 60_000;

export interface Snapshot {
  madeAt: Date;
  published: PublishedStatistics;
  /** The receiving services' own figures, from those that send them. */
  services: PublishedServices;
  /** Services taking reports through the portal, whether they send figures or not. */
  onboardedServices: number;
}

export interface StatisticsSnapshots {
  current(): Promise<Snapshot>;
}

export function createStatisticsSnapshots(db: Kysely<DB>, geography: readonly Municipality[], now: () => Date): StatisticsSnapshots {
  let latest: Snapshot | undefined;
  let making: Promise<Snapshot> | undefined;
  const make = async (): Promise<Snapshot> => {
    const madeAt = now();
    const months = windowMonths(osloMonth(madeAt), STATISTICS_WINDOW_MONTHS);
    // Districts are summed here: the statistics publish municipalities and up.
    const rows = await db
      .selectFrom('statistics_counts')
      .select(['month', 'kommunenummer', 'measure', sql<number>`sum(count)::bigint`.as('count')])
      .where('month', '>=', months[0]!)
      .groupBy(['month', 'kommunenummer', 'measure'])
      .execute();
    const areas = await serviceAreas(db, geography);
    const serviceCounts = await db
      .selectFrom('service_statistics')
      .innerJoin('services', 'services.id', 'service_statistics.service_id')
      .select(['services.orgnr', 'service_statistics.month', 'service_statistics.measure', 'service_statistics.count'])
      .where('service_statistics.month', '>=', months[0]!)
      .execute();
    const { published, services } = await protectInWorker({
      geography,
      counts: rows.map((r) => ({ month: String(r.month), kommunenummer: r.kommunenummer, measure: r.measure, count: Number(r.count) })),
      services: areas.reporting,
      serviceCounts: serviceCounts.map((c) => ({ orgnr: c.orgnr, month: String(c.month), measure: c.measure, count: Number(c.count) })),
      months,
    });
    return { madeAt, published, services, onboardedServices: areas.onboarded };
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

/**
 * What each service that sends figures serves, and how many people live there. We know no district's
 * population: a service for one district of a municipality is given an equal share of it, which for
 * Oslo's fifteen districts (the only ones in the registry) is some 47,000 each, far above the threshold.
 */
async function serviceAreas(db: Kysely<DB>, geography: readonly Municipality[]): Promise<{ reporting: ServiceArea[]; onboarded: number }> {
  const rows = await db
    .selectFrom('districts')
    .innerJoin('services', 'services.id', 'districts.service_id')
    .leftJoin('service_statistics_senders', 'service_statistics_senders.service_id', 'services.id')
    .select(['services.orgnr', 'services.name', 'districts.kommunenummer', 'districts.bydelsnummer', sql<boolean>`service_statistics_senders.service_id is not null`.as('sends')])
    .where('services.onboarded', '=', true)
    .execute();
  const byNumber = new Map(geography.map((m) => [m.kommunenummer, m]));
  const districtsOf = new Map<string, number>();
  for (const r of rows) if (r.bydelsnummer !== '00') districtsOf.set(r.kommunenummer, (districtsOf.get(r.kommunenummer) ?? 0) + 1);
  const services = new Map<string, ServiceArea & { sends: boolean }>();
  for (const r of rows) {
    const service = services.get(r.orgnr) ?? { orgnr: r.orgnr, navn: r.name, folketall: 0, kommuner: [], fylker: [], sends: r.sends };
    const municipality = byNumber.get(r.kommunenummer);
    const population = municipality?.folketall ?? 0;
    service.folketall += r.bydelsnummer === '00' ? population : Math.round(population / (districtsOf.get(r.kommunenummer) ?? 1));
    if (!service.kommuner.includes(r.kommunenummer)) service.kommuner.push(r.kommunenummer);
    if (municipality && !service.fylker.includes(municipality.fylkesnummer)) service.fylker.push(municipality.fylkesnummer);
    services.set(r.orgnr, service);
  }
  const all = [...services.values()];
  return { reporting: all.filter((s) => s.sends).map(({ sends: _, ...s }) => s), onboarded: all.length };
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

export interface ServiceRow {
  navn: string;
  figures: PublishedServices['services'][number]['figures'];
  /** For the smaller services together: how many. */
  services?: number;
}

/** The receiving services' figures that belong with an area of the page. */
export interface ServicesView {
  reporting: number;
  onboarded: number;
  /** The country: its own figures (with the code splits) and months. */
  national?: PublishedServices['national'];
  /** A municipality served by one shown service: that service's figures in full. */
  service?: ServiceRow;
  /** The services of the area, each with its headline figures. */
  rows: ServiceRow[];
}

export function viewServices(snapshot: Pick<Snapshot, 'services' | 'onboardedServices'>, area: Pick<AreaView, 'type' | 'nummer'>): ServicesView {
  const { services } = snapshot;
  const base = { reporting: services.reporting, onboarded: snapshot.onboardedServices };
  if (area.type === 'land') {
    const rows: ServiceRow[] = services.services.map((s) => ({ navn: s.navn, figures: s.figures }));
    if (services.smaller) rows.push({ navn: translator('nb')('statistics.cases.smallerServices', { count: String(services.smaller.services) }), figures: services.smaller.figures, services: services.smaller.services });
    return { ...base, national: services.national, rows };
  }
  const rows = services.services.filter((s) => (area.type === 'fylke' ? s.fylker : s.kommuner).includes(area.nummer)).map((s) => ({ navn: s.navn, figures: s.figures }));
  return { ...base, rows, ...(area.type === 'kommune' && rows.length === 1 ? { service: rows[0] } : {}) };
}
