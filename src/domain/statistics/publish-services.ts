// What the public statistics publish of the receiving services' own figures (mottak-measures.ts):
// for the country and for each service large enough to be shown on its own, over the window: reports
// received (by urgency), concluded (by SSB conclusion and melder code), what they concern (the three
// main areas), reviews concluded within the § 2-1 deadline or not, investigations ended, and feedback
// sent on time or not; for the country also month by month. A service is the unit here: its figures
// cannot be split into the municipalities it serves, and an Oslo district's service is one district.
// Services covering fewer people than the threshold are shown together, as one group. The counts are
// protected like the portal's (disclosure.ts), as their own table: no cell of it is a sum of the
// portal's cells.
import { CONCLUSION_CODES, REPORTER_CODES } from '../ssb-codes.ts';
import type { CellId, Disclosed, Relation } from './disclosure.ts';
import { protectCounts } from './protect-counts.ts';
import { MAIN_AREAS } from './mottak-measures.ts';
import { MIN_POPULATION_SHOWN } from './publish.ts';

export interface ServiceArea {
  orgnr: string;
  navn: string;
  /** Inhabitants of what it serves (a district's share estimated, see the snapshot). */
  folketall: number;
  /** The municipalities it serves, wholly or in part. */
  kommuner: string[];
  /** The counties of those municipalities. */
  fylker: string[];
}

export interface ServiceCount {
  orgnr: string;
  /** `YYYY-MM-01` */
  month: string;
  measure: string;
  count: number;
}

const CONCLUSIONS = CONCLUSION_CODES.map((c) => `konklusjon.${c.code}` as const);
const MELDERS = REPORTER_CODES.map((c) => `melder.${c.code}` as const);

/** Published for the country and for each service alike: what came in, and how many were concluded. */
const RECEIVED = ['mottatt', 'mottatt.haster', 'mottatt.ikke-haster', 'konkludert'] as const;
/** Published for the country and for each service alike: reviews, investigations and feedback. */
const FOLLOWED_UP = [
  'gjennomgang',
  'gjennomgang.innen-frist',
  'gjennomgang.over-frist',
  'undersokelse.henlagt',
  'undersokelse.tiltak',
  'tilbakemelding',
  'tilbakemelding.i-tide',
  'tilbakemelding.for-sent',
] as const;

/**
 * The figures of a service or the country over the window. `undersokelse.apnet` is not among them:
 * it is `konklusjon.2` by another name, and two cells with one number would give away a hidden one.
 */
export const SERVICE_FIGURES = [...RECEIVED, ...CONCLUSIONS, ...MELDERS, ...MAIN_AREAS.map((a) => `saksinnhold.${a}` as const), ...FOLLOWED_UP] as const;
export type ServiceFigure = (typeof SERVICE_FIGURES)[number];

/**
 * Figures published for each service, beside the country's. The code splits (conclusion, melder,
 * main area) are published for the country only: per service most of them are 1–4, and protecting
 * some 370 services' splits took over 15 s a snapshot at a full rollout (bench/statistics.bench.ts).
 */
export const SERVICE_LEVEL_FIGURES = [...RECEIVED, 'konklusjon.2', ...FOLLOWED_UP] as const satisfies readonly ServiceFigure[];
export type ServiceLevelFigure = (typeof SERVICE_LEVEL_FIGURES)[number];
const AT_SERVICE_LEVEL = new Set<string>(SERVICE_LEVEL_FIGURES);

/** Figures published month by month for the country. */
export const SERVICE_MONTH_FIGURES = ['mottatt', 'gjennomgang.innen-frist', 'gjennomgang.over-frist'] as const satisfies readonly ServiceFigure[];
export type ServiceMonthFigure = (typeof SERVICE_MONTH_FIGURES)[number];

const SPLITS: { total: ServiceFigure; parts: ServiceFigure[] }[] = [
  { total: 'mottatt', parts: ['mottatt.haster', 'mottatt.ikke-haster'] },
  { total: 'konkludert', parts: CONCLUSIONS },
  // Every conclusion names exactly one melder.
  { total: 'konkludert', parts: MELDERS },
  { total: 'gjennomgang', parts: ['gjennomgang.innen-frist', 'gjennomgang.over-frist'] },
  { total: 'tilbakemelding', parts: ['tilbakemelding.i-tide', 'tilbakemelding.for-sent'] },
];
const SPLIT_TOTALS = new Set<ServiceFigure>(SPLITS.map((s) => s.total));
const MONTH_SPLITS = [{ total: 'gjennomgang', parts: ['gjennomgang.innen-frist', 'gjennomgang.over-frist'] }] as const;

export interface ServiceFigures {
  figures: Record<ServiceLevelFigure, Disclosed>;
}

export interface PublishedServices {
  /** Services whose figures are in the sums: those that have sent any. */
  reporting: number;
  national: { figures: Record<ServiceFigure, Disclosed>; months: Record<string, Record<ServiceMonthFigure | 'gjennomgang', Disclosed>> };
  services: (ServiceFigures & { orgnr: string; navn: string; kommuner: string[]; fylker: string[] })[];
  /** The services below the threshold, together; absent when there are none. */
  smaller?: ServiceFigures & { services: number };
}

const cell = (area: string, period: string, figure: string): CellId => `${area}|${period}|${figure}`;

/** One service's figures from its counts, unprotected: what its own manager sees. */
export function serviceFigureValues(counts: readonly { measure: string; count: number }[]): Record<ServiceFigure, number> {
  const values = Object.fromEntries(SERVICE_FIGURES.map((f) => [f, 0])) as Record<ServiceFigure, number>;
  for (const c of counts) if (c.measure in values) values[c.measure as ServiceFigure] = (values[c.measure as ServiceFigure] ?? 0) + c.count;
  // The first split of a total makes it (konkludert from the conclusions; the melders say the same).
  const made = new Set<ServiceFigure>();
  for (const split of SPLITS) {
    if (made.has(split.total)) continue;
    made.add(split.total);
    values[split.total] = split.parts.reduce((sum, p) => sum + (values[p] ?? 0), 0);
  }
  return values;
}

/** Every count that is published, with the relations between them (before protection). */
export function publishedServiceTable(services: readonly ServiceArea[], counts: readonly ServiceCount[], months: readonly string[]): { values: Map<CellId, number>; relations: Relation[]; shown: ServiceArea[]; smaller: ServiceArea[] } {
  const inWindow = new Set(months);
  const sorted = [...services].sort((a, b) => a.navn.localeCompare(b.navn, 'nb') || a.orgnr.localeCompare(b.orgnr));
  const shown = sorted.filter((s) => s.folketall >= MIN_POPULATION_SHOWN);
  const smaller = sorted.filter((s) => s.folketall < MIN_POPULATION_SHOWN);
  const areaOf = new Map<string, string>([...shown.map((s) => [s.orgnr, `T${s.orgnr}`] as const), ...smaller.map((s) => [s.orgnr, 'TS'] as const)]);
  const leaves = [...shown.map((s) => `T${s.orgnr}`), ...(smaller.length ? ['TS'] : [])];

  const values = new Map<CellId, number>();
  const add = (id: CellId, n: number) => values.set(id, (values.get(id) ?? 0) + n);
  const counted = new Set<string>(SERVICE_FIGURES);
  for (const c of counts) {
    const area = areaOf.get(c.orgnr);
    if (!area || !inWindow.has(c.month)) continue;
    // A split published for the country only is summed straight into it.
    if (counted.has(c.measure)) add(cell(AT_SERVICE_LEVEL.has(c.measure) ? area : 'N', 'Y', c.measure), c.count);
    // A service's konkludert is all its conclusions, though only code 2 is published there.
    if (c.measure.startsWith('konklusjon.')) add(cell(area, 'Y', 'konkludert'), c.count);
    if (c.measure.startsWith('mottatt.')) add(cell(area, c.month, 'mottatt'), c.count);
    if (c.measure.startsWith('gjennomgang.')) add(cell(area, c.month, c.measure), c.count);
  }
  const relations: Relation[] = [];
  const sum = (ids: CellId[]) => ids.reduce((s, id) => s + (values.get(id) ?? 0), 0);
  const relate = (total: CellId, parts: CellId[]) => {
    values.set(total, sum(parts));
    relations.push({ total, parts });
  };
  for (const area of leaves) {
    for (const figure of SERVICE_LEVEL_FIGURES) if (!SPLIT_TOTALS.has(figure) || figure === 'konkludert') values.set(cell(area, 'Y', figure), values.get(cell(area, 'Y', figure)) ?? 0);
    for (const split of SPLITS) if (split.total !== 'konkludert') relate(cell(area, 'Y', split.total), split.parts.map((p) => cell(area, 'Y', p)));
  }
  for (const figure of SERVICE_LEVEL_FIGURES) relate(cell('N', 'Y', figure), leaves.map((l) => cell(l, 'Y', figure)));
  for (const figure of SERVICE_FIGURES) if (!AT_SERVICE_LEVEL.has(figure) && !values.has(cell('N', 'Y', figure))) values.set(cell('N', 'Y', figure), 0);
  for (const split of SPLITS) relations.push({ total: cell('N', 'Y', split.total), parts: split.parts.map((p) => cell('N', 'Y', p)) });
  for (const month of months) {
    for (const figure of SERVICE_MONTH_FIGURES) relate(cell('N', month, figure), leaves.map((l) => cell(l, month, figure)));
    for (const split of MONTH_SPLITS) relate(cell('N', month, split.total), split.parts.map((p) => cell('N', month, p)));
  }
  for (const figure of [...SERVICE_MONTH_FIGURES, 'gjennomgang'] as const) relations.push({ total: cell('N', 'Y', figure), parts: months.map((m) => cell('N', m, figure)) });
  // A service's months are not published (only the country's): they stand behind its sums only.
  for (const area of leaves) for (const month of months) for (const figure of SERVICE_MONTH_FIGURES) values.delete(cell(area, month, figure));
  return { values, relations: relations.filter((r) => [r.total, ...r.parts].every((id) => values.has(id))), shown, smaller };
}

export function publishServiceStatistics(services: readonly ServiceArea[], counts: readonly ServiceCount[], months: readonly string[]): PublishedServices {
  const { values, relations, shown, smaller } = publishedServiceTable(services, counts, months);
  const disclosed = protectCounts(values, relations);
  const figuresOf = (area: string) => Object.fromEntries(SERVICE_LEVEL_FIGURES.map((f) => [f, disclosed.get(cell(area, 'Y', f))!])) as Record<ServiceLevelFigure, Disclosed>;
  return {
    reporting: services.length,
    national: {
      figures: Object.fromEntries(SERVICE_FIGURES.map((f) => [f, disclosed.get(cell('N', 'Y', f))!])) as Record<ServiceFigure, Disclosed>,
      months: Object.fromEntries(months.map((m) => [m, Object.fromEntries([...SERVICE_MONTH_FIGURES, 'gjennomgang'].map((f) => [f, disclosed.get(cell('N', m, f))!]))])) as PublishedServices['national']['months'],
    },
    services: shown.map((s) => ({ orgnr: s.orgnr, navn: s.navn, kommuner: s.kommuner, fylker: s.fylker, figures: figuresOf(`T${s.orgnr}`) })),
    ...(smaller.length ? { smaller: { services: smaller.length, figures: figuresOf('TS') } } : {}),
  };
}

/** `part` of `whole`, when both are published as numbers: a share never tells a hidden count. */
export function shareOf(part: Disclosed, whole: Disclosed): number | undefined {
  if (part.kind !== 'shown' || whole.kind !== 'shown' || whole.value === 0) return undefined;
  return part.value / whole.value;
}

/** The share reviewed within the deadline. */
export function shareWithinDeadline(figures: { 'gjennomgang.innen-frist': Disclosed; gjennomgang: Disclosed }): number | undefined {
  return shareOf(figures['gjennomgang.innen-frist'], figures.gjennomgang);
}
