// Statistics at scale (issue 7): with 10 million reports counted, the national page answers in
// ≤ 200 ms. The counters for 10,000,000 reports (24 months, all 357 municipalities by population,
// every measure) are written straight into a fresh database; then the real portal serves
// /statistikk and /api/v1/statistikk. Never a report table: the page reads one protected snapshot,
// made from the counters at most once a minute. Printed: the first answer (which makes the first
// snapshot), then 60 answers after it, on PGlite and, with BENCH_DATABASE_URL, on PostgreSQL.
//   node --import tsx bench/statistics-page.bench.ts [--quick]   (--quick: 1,000,000 reports)
import { atMost, benchDatabaseUrl, describeMachine, isQuick, percentile, printFigure } from './lib/figures.ts';
import { createPostgresDatabase } from './lib/databases.ts';
import { startTestPortal } from '../test/helpers/portal.ts';
import type { TestDatabase } from '../test/helpers/databases.ts';
import { loadStatisticsGeography } from '../src/portal/statistics/geography.ts';
import { PORTAL_MEASURES } from '../src/domain/statistics/measures.ts';
import { windowMonths, type MonthlyCount } from '../src/domain/statistics/publish.ts';
import { osloMonth } from '../src/domain/statistics/measures.ts';

const REPORTS = isQuick() ? 1_000_000 : 10_000_000;
const SHARE: Record<string, number> = { 'sendt.privat': 0.35, 'sendt.offentlig': 0.65, 'levert.fagsystem': 0.9, 'levert.manuell': 0.04, 'levert.print': 0.06, 'til-print': 0.06, 'leveringstid.under-1t': 0.8, 'leveringstid.1-24t': 0.12, 'leveringstid.1-3d': 0.05, 'leveringstid.over-3d': 0.03 };

function counterRows(): MonthlyCount[] {
  const geography = loadStatisticsGeography();
  const people = geography.reduce((s, m) => s + m.folketall, 0);
  const months = windowMonths(osloMonth(new Date()), 24);
  const rows: MonthlyCount[] = [];
  for (const m of geography) {
    const perMonth = (REPORTS * m.folketall) / people / months.length;
    for (const month of months) for (const measure of PORTAL_MEASURES) rows.push({ kommunenummer: m.kommunenummer, month, measure, count: Math.round(perMonth * SHARE[measure]!) });
  }
  return rows;
}

async function timed(url: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { headers: { 'accept-language': 'nb' } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return performance.now() - start;
}

console.log(describeMachine());
const rows = counterRows();
const counted = rows.filter((r) => r.measure.startsWith('sendt.')).reduce((s, r) => s + r.count, 0);
printFigure('statistics-page-reports-counted', counted, 'reports');
printFigure('statistics-page-counter-rows', rows.length, 'rows');
const adminUrl = benchDatabaseUrl();
const databases: TestDatabase[] = [
  { name: 'pglite', create: async () => ({ databaseUrl: undefined, drop: async () => {} }) },
  ...(adminUrl ? [{ name: 'postgres' as const, create: async () => { const db = await createPostgresDatabase(adminUrl); return { databaseUrl: db.url, drop: db.drop }; } }] : []),
];
const worst: number[] = [];
for (const database of databases) {
  const portal = await startTestPortal(database, { DELIVERY_WORKERS: 'false', LOG_LEVEL: 'warn' });
  try {
    for (let i = 0; i < rows.length; i += 2000) {
      await portal.database.db
        .insertInto('statistics_counts')
        .values(rows.slice(i, i + 2000).map((r) => ({ month: r.month, kommunenummer: r.kommunenummer, bydelsnummer: '00', measure: r.measure, count: r.count })))
        .execute();
    }
    const page = new URL('/statistikk', portal.url).href;
    const first = await timed(page);
    printFigure(`statistics-page-first-${database.name}`, first, 'ms');
    const samples: number[] = [];
    for (let i = 0; i < 60; i++) samples.push(await timed(i % 3 === 2 ? new URL('/statistikk?omrade=50', portal.url).href : page));
    const api: number[] = [];
    for (let i = 0; i < 30; i++) api.push(await timed(new URL('/api/v1/statistikk', portal.url).href));
    printFigure(`statistics-page-p50-${database.name}`, percentile(samples, 50), 'ms');
    printFigure(`statistics-api-p95-${database.name}`, percentile(api, 95), 'ms', atMost(200));
    const p95 = percentile(samples, 95);
    worst.push(p95);
    printFigure(`statistics-page-p95-${database.name}`, p95, 'ms', atMost(200));
  } finally {
    await portal.close();
  }
}
printFigure('statistics-page-p95', Math.max(...worst), 'ms', atMost(200));
