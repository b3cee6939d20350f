// Statistics: how long disclosure control takes for the whole country's published figures (every
// county and every municipality shown on its own, 12 months), at today's seven pilot municipalities
// and at a full national rollout (about 58,000 reports a year, by population, with a fixed seed).
// The page itself serves a protected snapshot; this is the work behind each new snapshot, which
// should stay well under 10 s so a snapshot a minute costs the portal little.
//   node --import tsx bench/statistics.bench.ts
import { loadStatisticsGeography } from '../src/portal/statistics/geography.ts';
import { publishStatistics, windowMonths, type MonthlyCount } from '../src/domain/statistics/publish.ts';
import { PORTAL_MEASURES } from '../src/domain/statistics/measures.ts';
import { publishServiceStatistics, type ServiceArea, type ServiceCount } from '../src/domain/statistics/publish-services.ts';
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

// The services' own figures at a full rollout: one service per municipality (Oslo by its 15
// districts), every measure mottak counts, protected as their own table beside the portal's.
{
  let seed = 20261203;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const draw = (mean: number) => Math.max(0, Math.round(mean + Math.sqrt(mean) * (random() * 2 - 1) * 1.7));
  const services: ServiceArea[] = [];
  for (const m of geography) {
    const parts = m.kommunenummer === '0301' ? 15 : 1;
    for (let d = 0; d < parts; d++) services.push({ orgnr: `${m.kommunenummer}${String(d).padStart(5, '0')}`, navn: `${m.navn} ${d}`, folketall: Math.round(m.folketall / parts), kommuner: [m.kommunenummer], fylker: [m.fylkesnummer] });
  }
  const rows: ServiceCount[] = [];
  for (const s of services) {
    const perMonth = (58_000 * s.folketall) / national / 12;
    for (const month of months) {
      const add = (measure: string, mean: number) => rows.push({ orgnr: s.orgnr, month, measure, count: draw(mean) });
      add('mottatt.haster', perMonth * 0.1);
      add('mottatt.ikke-haster', perMonth * 0.9);
      // Each conclusion names one melder: draw the conclusions, then spread the same total over melders.
      const conclusions = [['2', 0.45], ['3', 0.1], ['10', 0.35], ['8', 0.1]].map(([code, share]) => ({ code, n: draw(perMonth * (share as number)) }));
      const total = conclusions.reduce((sum, c) => sum + c.n, 0);
      for (const c of conclusions) rows.push({ orgnr: s.orgnr, month, measure: `konklusjon.${c.code}`, count: c.n });
      const school = Math.round(total * 0.3);
      rows.push({ orgnr: s.orgnr, month, measure: 'melder.11', count: school }, { orgnr: s.orgnr, month, measure: 'melder.8', count: total - school });
      add('saksinnhold.1', total * 0.4);
      add('saksinnhold.2', total * 0.6);
      add('saksinnhold.3', total * 0.5);
      add('gjennomgang.innen-frist', total * 0.85);
      add('gjennomgang.over-frist', total * 0.15);
      add('tilbakemelding.i-tide', total * 0.5);
      add('tilbakemelding.for-sent', total * 0.05);
    }
  }
  const start = performance.now();
  const result = publishServiceStatistics(services, rows, months);
  const ms = performance.now() - start;
  const kinds = { shown: 0, small: 0, hidden: 0 };
  const tally = (f: Record<string, { kind: 'shown' | 'small' | 'hidden' }>) => Object.values(f).forEach((d) => kinds[d.kind]++);
  tally(result.national.figures);
  result.services.forEach((s) => tally(s.figures));
  if (result.smaller) tally(result.smaller.figures);
  printFigure('statistics-services-national-hidden-share', (100 * (kinds.small + kinds.hidden)) / (kinds.shown + kinds.small + kinds.hidden), '%');
  printFigure('statistics-services-national-protect', ms, 'ms', atMost(10_000));
}
