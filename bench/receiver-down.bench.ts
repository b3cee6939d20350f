// Receiver down for 3 simulated days: reports sent on Wednesday, Thursday, Friday and Saturday
// before Monday 17 May 2027 (Constitution Day and Whit Monday), nobody pulls from Wednesday 08:00 to
// Saturday 08:00, the clock walks forward in 30-minute sweeps with the real delivery workers. Those
// whose two working days ran out go to print at their deadline (worked out by hand from decision
// 007), none before; the rest wait and reach the receiver when it is back; each exactly once.
// On PGlite, and on PostgreSQL when configured.
import { benchDatabaseUrl, describeMachine, exactly, printFigure } from './lib/figures.ts';
import type { TestDatabase } from '../test/kit/databases.ts';
import { createOwnDatabase } from '../test/reliability/postgres.ts';
import { runReceiverDown, SILENT_REPORTS } from '../test/reliability/receiver-down-run.ts';

console.log(`receiver-down: ${SILENT_REPORTS.length} reports, receiver silent Wed 12 May 2027 08:00 → Sat 15 May 08:00 (Oslo); ${describeMachine()}`);

const oslo = (d: Date | null) => (d ? d.toLocaleString('nb-NO', { timeZone: 'Europe/Oslo', weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }) : '—');
const databases: TestDatabase[] = [{ name: 'pglite', create: async () => ({ databaseUrl: undefined, drop: async () => {} }) }];
const adminUrl = benchDatabaseUrl();
if (adminUrl) {
  databases.push({
    name: 'postgres',
    create: async () => {
      const own = await createOwnDatabase(adminUrl, 'mp_bench_receiver_down');
      return { databaseUrl: own.url, drop: own.drop };
    },
  });
} else {
  console.log('  PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to run it too');
}

let lostOrDuplicated = 0;
for (const database of databases) {
  const label = database.name === 'pglite' ? 'PGlite' : 'PostgreSQL';
  const result = await runReceiverDown(database);
  for (const r of result.reports) {
    const channel = r.printDeliveries ? `print at ${oslo(r.printedAt)}` : r.timesReceived ? 'received digitally after the silence' : 'NOT DELIVERED';
    console.log(`  ${label} ${r.label.padEnd(56)} deadline ${oslo(r.deadline)} (by hand ${oslo(r.expectedDeadline)}) → ${channel}, ${r.status}`);
  }
  printFigure(`receiver-down ${label}: reports whose 2 working days ran out while the receiver was silent`, result.due, '');
  printFigure(`receiver-down ${label}: of those, printed at their deadline`, result.printedOnTime, '', exactly(result.due));
  printFigure(`receiver-down ${label}: printed before the deadline`, result.printedEarly, '', exactly(0));
  printFigure(`receiver-down ${label}: deadlines differing from the hand-worked ones`, result.wrongDeadline, '', exactly(0));
  printFigure(`receiver-down ${label}: delivered digitally after the silence`, result.deliveredLater, '', exactly(result.reports.length - result.due));
  printFigure(`receiver-down ${label}: duplicated (printed and received, or twice)`, result.duplicated, '', exactly(0));
  printFigure(`receiver-down ${label}: files in the print outbox beyond one package and address sheet per printed report`, result.extraPrintFiles, '', exactly(0));
  printFigure(`receiver-down ${label}: lost`, result.lost, '', exactly(0));
  lostOrDuplicated += result.lost + result.duplicated + result.notPrinted + result.printedEarly;
}
// Headline: every report delivered once, by the right channel at the right time.
printFigure('receiver-down: reports lost, duplicated, printed early or not printed when due', lostOrDuplicated, '', exactly(0));
