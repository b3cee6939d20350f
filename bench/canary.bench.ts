// Canary: 20 reports (--quick: 3) carry a unique string in every free-text field, child and guardian
// names, the attachment's name and content, and unique phone numbers, e-mail addresses and child
// fnrs. They travel the real HTTP journey through the real server process (LOG_LEVEL=info), are
// delivered through the delivery API (every fifth refused, so printed) and get feedback (a notice to
// the reporter). Then every file under DATA_DIR (raw and lowercased), the whole log, and a dump of the
// database (pg_dump on PostgreSQL; every row as text on PGlite) are searched for the canary, those
// numbers and addresses, and the reporters' fnr and names. Target: 0 hits anywhere.
//   node --import tsx bench/canary.bench.ts [--quick]
import { benchDatabaseUrl, describeMachine, exactly, isQuick, printFigure } from './lib/figures.ts';

const pgUrl = benchDatabaseUrl();
if (pgUrl && !process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = pgUrl;
process.env.NODE_ENV ??= 'test';

const { testDatabases } = await import('../test/kit/databases.ts');
const { closeVisitorAddresses } = await import('../test/kit/portal-visitors.ts');
const { runCanary } = await import('../test/canary/canary-run.ts');

const REPORTS = isQuick() ? 3 : 20;
console.log(`Machine: ${describeMachine()}`);

let total = 0;
let failedControls = 0;
for (const database of testDatabases()) {
  const findings = await runCanary(database, REPORTS, (line) => console.log(line));
  console.log(`${database.name}: ${findings.reports} reports in ${findings.seconds.toFixed(0)} s`);
  for (const [control, held] of Object.entries(findings.controls)) {
    console.log(`${database.name}: control ${held ? 'ok' : 'FAILED'}: ${control}`);
    if (!held) failedControls++;
  }
  for (const [place, hits] of Object.entries(findings.hits)) {
    for (const hit of hits.slice(0, 20)) console.log(`${database.name}: HIT ${place}: ${hit}`);
    printFigure(`canary hits in the ${place} (${database.name})`, hits.length, '', exactly(0));
    total += hits.length;
  }
}
await closeVisitorAddresses();
// A search that read nothing would find nothing; its controls must hold for the zero to mean anything.
printFigure('canary search controls failed', failedControls, '', exactly(0));
printFigure('canary hits (data folder, logs, database dump; all databases)', total, '', exactly(0));
process.exit(0);
