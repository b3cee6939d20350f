// Statistics: how long disclosure control takes for the whole country's published figures (every
// county and every municipality shown on its own, 12 months), at today's seven pilot municipalities
// and at a full national rollout (about 58,000 reports a year, by population, with a fixed seed).
// The page itself serves a protected snapshot; this is the work behind each new snapshot, which
// should stay well under 10 s so a snapshot a minute costs the portal little.
//   node --import tsx bench/statistics.bench.ts
import { loadStatisticsGeography } from '../src/portal/statistics/geography.ts';
import { publishStatistics, windowMonths, type MonthlyCount } from '../src/domain/statistics/publish.ts';
import { PORTAL_MEASURES } from '../src/domain/statistics/measures.ts';
import { atMost, describeMachine, printFigure } from './lib/figures.ts';

const geography = loadStatisticsGeography();
const months = windowMonths('2026-11-01', 12);
const PILOTS = new Set(['0301', '5001', '4601', '1103', '4204', '3201', '3203']);
const national = geography.reduce((s, m) => s + m.folketall, 0);

function counts(connected: (kommunenummer: string) => boolean, reportsPerYear: number): MonthlyCount[] {
  let seed = 20261202;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  // A Poisson-like draw, good enough for a load shape: the mean with ±√mean noise.
  const draw = (mean: number) => Math.max(0, Math.round(mean + Math.sqrt(mean) * (random() * 2 - 1) * 1.7));
  const rows: MonthlyCount[] = [];
  const share: Record<string, number> = { 'sendt.privat': 0.35, 'sendt.offentlig': 0.65, 'levert.fagsystem': 0.9, 'levert.manuell': 0.04, 'levert.print': 0.06, 'til-print': 0.06, 'leveringstid.under-1t': 0.8, 'leveringstid.1-24t': 0.12, 'leveringstid.1-3d': 0.05, 'leveringstid.over-3d': 0.03 };
  for (const m of geography) {
    if (!connected(m.kommunenummer)) continue;
    const perMonth = (reportsPerYear * m.folketall) / national / 12;
    for (const month of months) for (const measure of PORTAL_MEASURES) rows.push({ kommunenummer: m.kommunenummer, month, measure, count: draw(perMonth * share[measure]!) });
  }
  return rows;
}

console.log(describeMachine());
for (const [name, connected, perYear] of [
  ['pilots', (k: string) => PILOTS.has(k), 58_000 * 0.3],
  ['national', () => true, 58_000],
] as const) {
  const rows = counts(connected, perYear);
  const start = performance.now();
  const result = publishStatistics(geography, rows, months);
  const ms = performance.now() - start;
  const kinds = { shown: 0, small: 0, hidden: 0 };
  const tally = (f: Record<string, { kind: 'shown' | 'small' | 'hidden' }>) => Object.values(f).forEach((d) => kinds[d.kind]++);
  tally(result.national.figures);
  for (const c of result.counties) {
    tally(c.figures);
    tally(c.months);
    c.municipalities.forEach((m) => tally(m.figures));
    if (c.smaller) tally(c.smaller.figures);
  }
  printFigure(`statistics-${name}-hidden-share`, (100 * (kinds.small + kinds.hidden)) / (kinds.shown + kinds.small + kinds.hidden), '%');
  printFigure(`statistics-${name}-protect`, ms, 'ms', atMost(10_000));
}
