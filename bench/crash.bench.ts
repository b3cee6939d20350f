// Crash: `kill -9` the portal while 200 reporters press "Send" at once, start it again, let the
// reporters without a receipt send again as a browser would, 20 times; then the receiving service
// pulls everything. Every report that got a receipt must be delivered, and only once.
// On PGlite (the embedded database must recover from the kill) and on PostgreSQL when configured.
// `--quick`: 2 cycles × 50 reporters.
import { benchDatabaseUrl, describeMachine, exactly, isQuick, printFigure } from './lib/figures.ts';
import { runCrashCycles, type CrashRunResult } from '../test/reliability/crash-run.ts';
import { createOwnDatabase } from '../test/reliability/postgres.ts';

const cycles = isQuick() ? 2 : 20;
const reporters = isQuick() ? 50 : 200;
console.log(`crash: ${cycles} cycles × ${reporters} concurrent submissions, kill -9 at a random moment in each; ${describeMachine()}`);

const started = Date.now();
const log = (line: string) => console.log(`  [${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);

async function runOn(label: string, databaseUrl: string | undefined): Promise<CrashRunResult> {
  const result = await runCrashCycles({ cycles, reporters, databaseUrl, log });
  const median = [...result.restartMs].sort((a, b) => a - b)[Math.floor(result.restartMs.length / 2)] ?? Number.NaN;
  console.log(`  ${label}: answers in before each kill ${result.answeredAtKill.join(', ')} of ${reporters}; cut off ${result.cutOff.join(', ')}`);
  console.log(`  ${label}: other answers ${JSON.stringify(result.otherAnswers)}; re-sends ${result.retries}; refused by the receiver ${result.refused}`);
  printFigure(`crash ${label}: restart to healthy, median`, median, 'ms');
  printFigure(`crash ${label}: submissions`, result.submissions, '');
  printFigure(`crash ${label}: reporters left without a receipt after re-sending`, result.withoutReceipt, '', exactly(0));
  printFigure(`crash ${label}: submissions with receipt`, result.withReceipt, '');
  printFigure(`crash ${label}: delivered`, result.delivered, '');
  printFigure(`crash ${label}: delivered without a receipt`, result.deliveredWithoutReceipt, '', exactly(0));
  printFigure(`crash ${label}: receipt naming another reporter's report`, result.mixedUp, '', exactly(0));
  printFigure(`crash ${label}: duplicated`, result.duplicated, '', exactly(0));
  printFigure(`crash ${label}: lost`, result.lost, '', exactly(0));
  return result;
}

const results: CrashRunResult[] = [await runOn('PGlite', undefined)];
const adminUrl = benchDatabaseUrl();
if (adminUrl) {
  const database = await createOwnDatabase(adminUrl, 'mp_bench_crash');
  try {
    results.push(await runOn('PostgreSQL', database.url));
  } finally {
    await database.drop();
  }
} else {
  console.log('  PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to run it too');
}

// Headline: lost and duplicated together, over every database run.
const lostOrDuplicated = results.reduce((sum, r) => sum + r.lost + r.duplicated, 0);
printFigure('crash: receipted reports lost or duplicated after kill -9', lostOrDuplicated, '', exactly(0));
