// The statistics for machines: the JSON of GET /api/v1/statistikk and its CSV, made from the same
// area view the page shows. A hidden count is `null` with the reason beside it, never a number.
import type { Disclosed } from '../../domain/statistics/disclosure.ts';
import { FIGURES, type Figure } from '../../domain/statistics/publish.ts';
import type { AreaView, ServicesView } from './statistics-snapshot.ts';
import { SERVICE_FIGURES, SERVICE_MONTH_FIGURES } from '../../domain/statistics/publish-services.ts';

export type ExportCell = { antall: number } | { antall: null; skjult: 'under-5' | 'beskyttet' };

export function exportCell(d: Disclosed): ExportCell {
  if (d.kind === 'shown') return { antall: d.value };
  return { antall: null, skjult: d.kind === 'small' ? 'under-5' : 'beskyttet' };
}

export interface ExportArea {
  type: AreaView['type'];
  nummer: string;
  navn: string;
  /** For the smaller municipalities of a county: how many. */
  kommuner?: number;
  tall: Record<Figure, ExportCell>;
  perMaaned?: { maaned: string; sendt: ExportCell }[];
  omrader?: ExportArea[];
}

export interface ExportService {
  navn: string;
  /** For the smaller services together: how many. */
  tjenester?: number;
  tall: Record<string, ExportCell>;
}

export interface ExportServices {
  /** Services whose figures are in the sums, of those receiving through the portal. */
  rapporterer: number;
  av: number;
  /** The country's figures, or the one service of a municipality. */
  tall?: Record<string, ExportCell>;
  navn?: string;
  perMaaned?: ({ maaned: string } & Record<string, ExportCell | string>)[];
  tjenester: ExportService[];
}

export interface StatisticsExport {
  oppdatert: string;
  perioder: string[];
  omrade: ExportArea;
  barneverntjenester: ExportServices;
}

const serviceCells = (figures: Partial<Record<string, Disclosed>>) => Object.fromEntries(SERVICE_FIGURES.filter((f) => figures[f]).map((f) => [f, exportCell(figures[f]!)]));

export function exportServices(services: ServicesView): ExportServices {
  if (services.reporting === 0) return { rapporterer: 0, av: services.onboarded, tjenester: [] };
  const full = services.national ?? services.service;
  return {
    rapporterer: services.reporting,
    av: services.onboarded,
    ...(full ? { tall: serviceCells(full.figures) } : {}),
    ...(services.service ? { navn: services.service.navn } : {}),
    ...(services.national
      ? { perMaaned: Object.entries(services.national.months).map(([m, cells]) => ({ maaned: monthKey(m), ...Object.fromEntries([...SERVICE_MONTH_FIGURES, 'gjennomgang' as const].map((f) => [f, exportCell(cells[f])])) })) }
      : {}),
    tjenester: services.service ? [] : services.rows.map((r) => ({ navn: r.navn, ...(r.services !== undefined ? { tjenester: r.services } : {}), tall: serviceCells(r.figures) })),
  };
}

/** `YYYY-MM-01` → `YYYY-MM`. */
const monthKey = (month: string) => month.slice(0, 7);

export function exportArea(area: AreaView): ExportArea {
  return {
    type: area.type,
    nummer: area.nummer,
    navn: area.navn,
    ...(area.municipalities !== undefined ? { kommuner: area.municipalities } : {}),
    tall: Object.fromEntries(FIGURES.map((f) => [f, exportCell(area.figures[f])])) as Record<Figure, ExportCell>,
    ...(area.months ? { perMaaned: Object.entries(area.months).map(([m, d]) => ({ maaned: monthKey(m), sendt: exportCell(d) })) } : {}),
    ...(area.parts ? { omrader: area.parts.map(exportArea) } : {}),
  };
}

export function exportStatistics(area: AreaView, services: ServicesView, months: readonly string[], madeAt: Date): StatisticsExport {
  return { oppdatert: madeAt.toISOString(), perioder: months.map(monthKey), omrade: exportArea(area), barneverntjenester: exportServices(services) };
}

const CSV_HEADER = ['omrade_type', 'omrade_nummer', 'omrade_navn', 'periode', 'tall', 'antall', 'skjult'];

function csvField(value: string | number): string {
  const s = String(value);
  // Quote what needs it; a leading =, +, - or @ would make a spreadsheet run it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n;]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per area, period and figure: the area itself, then the areas it is made of. */
export function statisticsCsv(data: StatisticsExport): string {
  const rows: (string | number)[][] = [CSV_HEADER];
  const period = `${data.perioder[0]}/${data.perioder.at(-1)}`;
  /** A row per figure of one area (or service) and period. */
  const add = (type: string, nummer: string, navn: string, periode: string, tall: Record<string, ExportCell | string>) => {
    for (const [figure, cell] of Object.entries(tall)) if (typeof cell !== 'string') rows.push([type, nummer, navn, periode, figure, cell.antall ?? '', 'skjult' in cell ? cell.skjult : '']);
  };
  for (const area of [data.omrade, ...(data.omrade.omrader ?? [])]) {
    add(area.type, area.nummer, area.navn, period, area.tall);
    for (const m of area.perMaaned ?? []) add(area.type, area.nummer, area.navn, m.maaned, { sendt: m.sendt });
  }
  // The services' figures: under the area for the country or a municipality's one service, then each service.
  const services = data.barneverntjenester;
  if (services.tall) add('barneverntjenester', data.omrade.nummer, services.navn ?? data.omrade.navn, period, services.tall);
  for (const m of services.perMaaned ?? []) add('barneverntjenester', data.omrade.nummer, data.omrade.navn, m.maaned, m);
  for (const service of services.tjenester) add(service.tjenester !== undefined ? 'mindre-tjenester' : 'tjeneste', '', service.navn, period, service.tall);
  // CRLF and a byte-order mark: what spreadsheets expect of a CSV with æøå.
  return `\ufeff${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
