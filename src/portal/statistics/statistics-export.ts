// The statistics for machines: the JSON of GET /api/v1/statistikk and its CSV, made from the same
// area view the page shows. A hidden count is `null` with the reason beside it, never a number.
import type { Disclosed } from '../../domain/statistics/disclosure.ts';
import { FIGURES, type Figure } from '../../domain/statistics/publish.ts';
import type { AreaView } from './statistics-snapshot.ts';

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

export interface StatisticsExport {
  oppdatert: string;
  perioder: string[];
  omrade: ExportArea;
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

export function exportStatistics(area: AreaView, months: readonly string[], madeAt: Date): StatisticsExport {
  return { oppdatert: madeAt.toISOString(), perioder: months.map(monthKey), omrade: exportArea(area) };
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
  const add = (area: ExportArea) => {
    for (const [figure, cell] of Object.entries(area.tall)) rows.push([area.type, area.nummer, area.navn, period, figure, cell.antall ?? '', 'skjult' in cell ? cell.skjult : '']);
    for (const m of area.perMaaned ?? []) rows.push([area.type, area.nummer, area.navn, m.maaned, 'sendt', m.sendt.antall ?? '', 'skjult' in m.sendt ? m.sendt.skjult : '']);
  };
  add(data.omrade);
  for (const part of data.omrade.omrader ?? []) add(part);
  // CRLF and a byte-order mark: what spreadsheets expect of a CSV with æøå.
  return `\ufeff${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
