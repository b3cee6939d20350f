// What the public statistics publish from the portal's counts, and the relations between the
// numbers that disclosure control must respect. Over a window of months: for the country, each county
// and each municipality large enough to be shown on its own, the reports sent (and by private and
// professional reporters), delivered (by channel, and by how long it took) and sent to print; for the
// country and each county also the reports sent month by month. Municipalities below the population
// threshold are counted only in their county, as one group ("smaller municipalities"), so no figure
// is about a small community. Every count is then protected together (disclosure.ts): the same cell
// is the same number on every page, the API and the downloads.
import type { CellId, Disclosed, Relation } from './disclosure.ts';
import { protectCounts } from './protect-counts.ts';
import { DELIVERY_TIME_BUCKETS } from './measures.ts';

/** Municipalities with fewer inhabitants than this are shown only within their county. */
export const MIN_POPULATION_SHOWN = 5000;

export interface Municipality {
  kommunenummer: string;
  navn: string;
  fylkesnummer: string;
  fylkesnavn: string;
  folketall: number;
}

export interface MonthlyCount {
  /** `YYYY-MM-01` */
  month: string;
  kommunenummer: string;
  measure: string;
  count: number;
}

/** The figures of one area over the window, each as published. */
export const FIGURES = [
  'sendt',
  'sendt.privat',
  'sendt.offentlig',
  'levert',
  'levert.fagsystem',
  'levert.manuell',
  'levert.print',
  ...DELIVERY_TIME_BUCKETS.map((b) => `leveringstid.${b}` as const),
  'til-print',
] as const;
export type Figure = (typeof FIGURES)[number];

/** Figures that are sums of others in the same area; the delivery times are a second split of `levert`. */
const SPLITS: { total: Figure; parts: Figure[] }[] = [
  { total: 'sendt', parts: ['sendt.privat', 'sendt.offentlig'] },
  { total: 'levert', parts: ['levert.fagsystem', 'levert.manuell', 'levert.print'] },
  { total: 'levert', parts: DELIVERY_TIME_BUCKETS.map((b) => `leveringstid.${b}` as const) },
];
const SPLIT_TOTALS = new Set<Figure>(SPLITS.map((s) => s.total));

export interface AreaFigures {
  figures: Record<Figure, Disclosed>;
}

export interface PublishedCounty extends AreaFigures {
  fylkesnummer: string;
  navn: string;
  /** Reports sent, month by month over the window. */
  months: Record<string, Disclosed>;
  municipalities: (AreaFigures & { kommunenummer: string; navn: string })[];
  /** The municipalities below the threshold, together; absent when the county has none. */
  smaller?: AreaFigures & { municipalities: number };
}

export interface PublishedStatistics {
  months: string[];
  national: AreaFigures & { months: Record<string, Disclosed> };
  counties: PublishedCounty[];
}

const cell = (area: string, period: string, figure: string): CellId => `${area}|${period}|${figure}`;

/** The months of the window, oldest first: `count` months ending with the one `lastMonth` names. */
export function windowMonths(lastMonth: string, count: number): string[] {
  const [year, month] = lastMonth.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
  });
}

interface Layout {
  counties: Map<string, { navn: string; shown: Municipality[]; smaller: Municipality[] }>;
}

/** Every count that is published, with the relations between them (before protection). */
export function publishedTable(municipalities: readonly Municipality[], counts: readonly MonthlyCount[], months: readonly string[]): { values: Map<CellId, number>; relations: Relation[] } & Layout {
  const inWindow = new Set(months);
  const counties = new Map<string, { navn: string; shown: Municipality[]; smaller: Municipality[] }>();
  for (const m of [...municipalities].sort((a, b) => a.kommunenummer.localeCompare(b.kommunenummer))) {
    const county = counties.get(m.fylkesnummer) ?? { navn: m.fylkesnavn, shown: [], smaller: [] };
    (m.folketall >= MIN_POPULATION_SHOWN ? county.shown : county.smaller).push(m);
    counties.set(m.fylkesnummer, county);
  }
  // The area each municipality's counts go to: its own, or its county's smaller municipalities.
  const areaOf = new Map<string, string>();
  for (const [f, county] of counties) {
    for (const m of county.shown) areaOf.set(m.kommunenummer, `K${m.kommunenummer}`);
    for (const m of county.smaller) areaOf.set(m.kommunenummer, `S${f}`);
  }

  // The leaves: each shown municipality or smaller group, per counted measure over the window, and
  // per month for what is sent (month totals are published at county level).
  const values = new Map<CellId, number>();
  const add = (id: CellId, n: number) => values.set(id, (values.get(id) ?? 0) + n);
  for (const c of counts) {
    const area = areaOf.get(c.kommunenummer);
    if (!area || !inWindow.has(c.month) || !(FIGURES as readonly string[]).includes(c.measure)) continue;
    add(cell(area, 'Y', c.measure), c.count);
    if (c.measure.startsWith('sendt.')) add(cell(area, c.month, 'sendt'), c.count);
  }
  const relations: Relation[] = [];
  const leaves: string[] = [];
  const countyAreas: [string, string[]][] = [];
  for (const [f, county] of counties) {
    const children = [...county.shown.map((m) => `K${m.kommunenummer}`), ...(county.smaller.length ? [`S${f}`] : [])];
    leaves.push(...children);
    countyAreas.push([`F${f}`, children]);
  }
  const sum = (ids: CellId[]) => ids.reduce((s, id) => s + (values.get(id) ?? 0), 0);
  const relate = (total: CellId, parts: CellId[]) => {
    values.set(total, sum(parts));
    relations.push({ total, parts });
  };
  // Within each leaf: the counted figures (0 where nothing was counted), and the splits.
  for (const area of leaves) {
    for (const figure of FIGURES) if (!SPLIT_TOTALS.has(figure)) values.set(cell(area, 'Y', figure), values.get(cell(area, 'Y', figure)) ?? 0);
    for (const split of SPLITS) relate(cell(area, 'Y', split.total), split.parts.map((p) => cell(area, 'Y', p)));
  }
  const parents: [string, string[]][] = [...countyAreas, ['N', countyAreas.map(([c]) => c)]];
  for (const [parent, children] of parents) {
    for (const figure of FIGURES) relate(cell(parent, 'Y', figure), children.map((c) => cell(c, 'Y', figure)));
    for (const split of SPLITS) relations.push({ total: cell(parent, 'Y', split.total), parts: split.parts.map((p) => cell(parent, 'Y', p)) });
    for (const month of months) relate(cell(parent, month, 'sendt'), children.map((c) => cell(c, month, 'sendt')));
    relations.push({ total: cell(parent, 'Y', 'sendt'), parts: months.map((m) => cell(parent, m, 'sendt')) });
  }
  // A leaf's months are never published; the county's months stand on them, so they are dropped
  // from the table (they are not counts anyone sees) after the county sums were made.
  for (const area of leaves) for (const month of months) values.delete(cell(area, month, 'sendt'));
  return { values, relations: relations.filter((r) => [r.total, ...r.parts].every((id) => values.has(id))), counties };
}

/** Builds every published count and its relations, protects them together, and shapes the result. */
export function publishStatistics(municipalities: readonly Municipality[], counts: readonly MonthlyCount[], months: readonly string[]): PublishedStatistics {
  const { values, relations, counties } = publishedTable(municipalities, counts, months);
  const disclosed = protectCounts(values, relations);

  const figuresOf = (area: string): Record<Figure, Disclosed> => Object.fromEntries(FIGURES.map((f) => [f, disclosed.get(cell(area, 'Y', f))!])) as Record<Figure, Disclosed>;
  const monthsOf = (area: string) => Object.fromEntries(months.map((m) => [m, disclosed.get(cell(area, m, 'sendt'))!]));
  return {
    months: [...months],
    national: { figures: figuresOf('N'), months: monthsOf('N') },
    counties: [...counties].map(([f, county]) => ({
      fylkesnummer: f,
      navn: county.navn,
      figures: figuresOf(`F${f}`),
      months: monthsOf(`F${f}`),
      municipalities: county.shown.map((m) => ({ kommunenummer: m.kommunenummer, navn: m.navn, figures: figuresOf(`K${m.kommunenummer}`) })),
      ...(county.smaller.length ? { smaller: { municipalities: county.smaller.length, figures: figuresOf(`S${f}`) } } : {}),
    })),
  };
}
