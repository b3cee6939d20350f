// DB restart under load (real PostgreSQL): reporters keep walking the form and sending, a receiving
// system keeps listing, while the portal's database server is stopped and started again — a private
// PostgreSQL 15 cluster of this run's own (never the shared server), stopped as an operator's restart
// does (`fast`) and, in full runs, as a crash does (`immediate`). Every answer is judged: during the
// outage a clear 503 in the app's format, never another 5xx; after it, how long until everything
// works again; at the end, every receipted report delivered. `--quick`: one outage, fewer reporters.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { atMost, describeMachine, exactly, isQuick, percentile, printFigure } from './lib/figures.ts';
import { DeliveryClient } from '../src/mottak/receiver/delivery-client.ts';
import { newRunId } from '../test/kit/loopback-browser.ts';
import { baerumOrgnr, CountingReceiver, tally } from '../test/reliability/counting-receiver.ts';
import { OutageLoad, type Observation } from '../test/reliability/outage-load.ts';
import { portalProcess } from '../test/kit/server-process.ts';
import { createOwnDatabase } from '../test/reliability/postgres.ts';
import { PrivatePostgres, privatePostgresAvailable } from '../test/reliability/private-postgres.ts';

const quick = isQuick();
const reporters = quick ? 8 : 20;
const outages: ('fast' | 'immediate')[] = quick ? ['fast'] : ['fast', 'immediate', 'fast'];
const DOWN_MS = 3000;
const LOAD_BETWEEN_MS = quick ? 15_000 : 25_000;
console.log(`db-restart: ${reporters} reporters and an API client under way; ${outages.length} database restart(s) of ${DOWN_MS / 1000} s down; ${describeMachine()}`);

if (!privatePostgresAvailable()) {
  console.log('  skipped: PostgreSQL 15 binaries not found (set POSTGRES_BIN)');
  process.exit(0);
}

const started = Date.now();
const log = (line: string) => console.log(`  [${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);

const cluster = await PrivatePostgres.create();
const database = await createOwnDatabase(cluster.url, 'meldeportal');
const dataDir = mkdtempSync(join(tmpdir(), 'meldeportal-dbrestart-'));
const portal = await portalProcess({ dataDir, databaseUrl: database.url });
const windows: { down: number; back: number; mode: string; healthy: number }[] = [];
let load: OutageLoad | undefined;
let portalExits = 0;
try {
  log(`private PostgreSQL 15 on port ${cluster.port}; starting the portal`);
  log(`portal up after ${await portal.start(600_000)} ms`);
  const orgnr = baerumOrgnr();
  const receiverDir = join(dataDir, 'receivers', orgnr);
  const { clientId } = JSON.parse(readFileSync(join(receiverDir, 'integration.json'), 'utf8')) as { clientId: string };
  const apiClient = new DeliveryClient({ portalUrl: portal.url, tokenIssuer: `${portal.url}/dev/maskinporten`, clientId, integrationKeyPem: readFileSync(join(receiverDir, 'integration.key.pem'), 'utf8'), scope: 'meldeportal:mottak' });
  load = new OutageLoad(portal.url, newRunId(), () => apiClient.accessToken());
  load.start(reporters);
  // The first restart comes once reporters are spread over the form, some of them at "Send".
  const warm = Date.now() + 120_000;
  while (load.receipts.size < reporters && Date.now() < warm) await sleep(500);
  await sleep(LOAD_BETWEEN_MS / 3);
  for (const mode of outages) {
    load.phase = 'outage';
    const down = Date.now();
    await cluster.stop(mode);
    log(`database stopped (${mode}); ${load.receipts.size} receipts so far`);
    await sleep(DOWN_MS);
    await cluster.start();
    const back = Date.now();
    load.phase = 'after';
    // How soon the portal itself says it is well again, asked every 100 ms.
    let healthy = Number.NaN;
    while (Date.now() - back < 60_000) {
      const status = await fetch(`${portal.url}/healthz`, { signal: AbortSignal.timeout(5000) }).then((r) => r.status, () => 0);
      if (status === 200) {
        healthy = Date.now() - back;
        break;
      }
      await sleep(100);
    }
    windows.push({ down, back, mode, healthy });
    log(`database back after ${back - down} ms; /healthz 200 ${healthy} ms later`);
    await sleep(LOAD_BETWEEN_MS);
    if (!portal.pid || portal.exitCode !== undefined) portalExits++;
  }
  await load.stop();
  log(`load stopped: ${load.receipts.size} receipts`);

  const receiver = new CountingReceiver(dataDir, () => portal.url, orgnr);
  const end = Date.now() + 60_000;
  for (;;) {
    await receiver.pass().catch((error: Error) => log(`receiver pass failed: ${error.message}`));
    if (tally(load.receipts, receiver).lost === 0 || Date.now() > end) break;
    await sleep(1000);
  }
  const delivery = tally(load.receipts, receiver);

  const observations = load.observations;
  const inOutage = (o: Observation) => windows.some((w) => o.at >= w.down && o.at < w.back);
  const ok = (o: Observation) => typeof o.status === 'number' && o.status < 400;
  const other5xx = observations.filter((o) => typeof o.status === 'number' && o.status >= 500 && o.status !== 503);
  const unclearInOutage = observations.filter((o) => inOutage(o) && !ok(o) && !(o.status === 503 && o.clear));
  const unclear503 = observations.filter((o) => o.status === 503 && !o.clear);
  const outage503 = observations.filter((o) => inOutage(o) && o.status === 503 && o.clear).length;
  const outside503 = observations.filter((o) => !inOutage(o) && o.status === 503).length;
  const recoveries = windows.map((w, i) => {
    const next = windows[i + 1]?.down ?? Number.POSITIVE_INFINITY;
    // Until the last failed answer to a request sent after the database was back: from then on
    // everything sent succeeded.
    // (A request answered once the next outage has begun belongs to that outage.)
    const failures = observations.filter((o) => o.sentAt >= w.back && o.at < next && !ok(o));
    const lastFailure = failures.reduce((max, o) => Math.max(max, o.at - w.back), 0);
    const firstReceipt = load!.receiptTimes.filter((r) => r.sentAt >= w.back && r.sentAt < next).reduce((min, r) => Math.min(min, r.at - w.back), Number.POSITIVE_INFINITY);
    return { lastFailure, firstReceipt, recovered: Math.max(lastFailure, w.healthy) };
  });
  const counts = (list: Observation[]) => JSON.stringify(list.reduce<Record<string, number>>((acc, o) => ((acc[`${o.what} → ${o.status}`] = (acc[`${o.what} → ${o.status}`] ?? 0) + 1), acc), {}));
  console.log(`  answers: ${observations.length}; clear 503 during outages ${outage503}; 503 outside the outages ${outside503}`);
  const outside = observations.filter((o) => !inOutage(o) && o.status === 503);
  if (outside.length) {
    const since = (o: Observation) => Math.min(...windows.map((w) => (o.at >= w.back ? o.at - w.back : Number.POSITIVE_INFINITY)));
    console.log(`  503 outside the outages: ${outside.map((o) => `${o.what} sent ${o.sentAt - o.at} ms before its answer, ${since(o)} ms after the database was back`).join('; ')}`);
  }
  if (other5xx.length) console.log(`  5xx other than 503: ${counts(other5xx)}`);
  const refusedOther = observations.filter((o) => typeof o.status === 'number' && o.status >= 400 && o.status !== 503);
  if (refusedOther.length) console.log(`  4xx/5xx other than 503: ${counts(refusedOther)}`);
  if (unclearInOutage.length) console.log(`  not a clear 503 during an outage: ${counts(unclearInOutage)}`);
  if (unclear503.length) console.log(`  503 not in the app's format: ${counts(unclear503)}`);
  if (load.unexpected.length) {
    console.log(`  journeys abandoned: ${load.unexpected.slice(0, 5).join(' | ')}`);
    // The portal's own warnings say why (codes only; it logs no personal data).
    for (const line of portal.lines.filter((l) => /login|callback/i.test(l)).slice(-5)) console.log(`  portal: ${line}`);
  }
  for (const [i, r] of recoveries.entries()) console.log(`  restart ${i + 1} (${windows[i]!.mode}): /healthz 200 ${windows[i]!.healthy} ms after the database was back; last failed request sent after that ${r.lastFailure} ms; first receipt ${r.firstReceipt} ms`);

  printFigure('db-restart: receipts during the run', load.receipts.size, '');
  // Depends on where in the form the reporters were: context, not the target.
  printFigure('db-restart: first receipt for a report sent after the database is back, worst', Math.max(...recoveries.map((r) => r.firstReceipt)), 'ms');
  printFigure('db-restart: portal process exits', portalExits, '', exactly(0));
  printFigure('db-restart: journeys abandoned on an unexpected answer', load.unexpected.length, '', exactly(0));
  printFigure('db-restart: duplicated', delivery.duplicated, '', exactly(0));
  printFigure('db-restart: lost (receipted, not delivered)', delivery.lost, '', exactly(0));
  printFigure('db-restart: 5xx other than 503', other5xx.length, '', exactly(0));
  printFigure('db-restart: answers during the outage that were not a clear 503', unclearInOutage.length, '', exactly(0));
  printFigure('db-restart: p95 answer time during the outage', percentile(observations.filter(inOutage).map((o) => o.at - o.sentAt), 95), 'ms');
  // Headline: recovery, the worst of the restarts: healthy again, and every request sent from then on answered without error.
  printFigure('db-restart: recovery after the database is back (healthy, and no failed request sent after), worst', Math.max(...recoveries.map((r) => r.recovered)), 'ms', atMost(5000));
} finally {
  await load?.stop().catch(() => {});
  await portal.stop();
  await cluster.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}
