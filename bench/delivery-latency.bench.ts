// Delivery latency: from the reporter's receipt to the report being listed on the delivery API for
// its receiving service, as that service's system sees it (its own token, its own listing).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryClient } from '../src/mottak/receiver/delivery-client.ts';
import { csrfToken } from '../test/kit/http-client.ts';
import { walkPrivateJourneyToSummary } from '../test/kit/journey.ts';
import { atMost, benchDatabaseUrl, describeMachine, isQuick, percentile, printFigure } from './lib/figures.ts';
import { benchDatabases } from './lib/databases.ts';
import { startPortalProcess } from './lib/processes.ts';
import { closeVisitors, newVisitor } from './lib/visitors.ts';

const REPORTS = isQuick() ? 8 : 40;

/** The receiving system of Bærum (the journey's municipality), from the demo registry's key folders. */
function baerumClient(portalUrl: string, dataDir: string): DeliveryClient {
  const receivers = join(dataDir, 'receivers');
  for (const orgnr of readdirSync(receivers)) {
    const dir = join(receivers, orgnr);
    const integration = JSON.parse(readFileSync(join(dir, 'integration.json'), 'utf8')) as { clientId: string; name: string };
    if (!integration.name.includes('Bærum')) continue;
    return new DeliveryClient({
      portalUrl,
      tokenIssuer: `${portalUrl}/dev/maskinporten`,
      clientId: integration.clientId,
      integrationKeyPem: readFileSync(join(dir, 'integration.key.pem'), 'utf8'),
      scope: 'meldeportal:mottak',
    });
  }
  throw new Error('no demo receiver for Bærum');
}

async function runOn(label: string, databaseUrl: string | undefined): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-delivery-'));
  const portal = await startPortalProcess({ dataDir, databaseUrl });
  const receiver = baerumClient(portal.url, dataDir);
  const latencies: number[] = [];
  try {
    for (let i = 0; i < REPORTS; i++) {
      const client = await newVisitor(portal.url);
      const summary = await walkPrivateJourneyToSummary(client);
      // Spread the submits over the delivery worker's polling phase.
      await new Promise((r) => setTimeout(r, Math.random() * 600));
      const response = await client.request('POST', '/meld/send', { form: { _csrf: csrfToken(summary.text) } });
      const receiptAt = performance.now();
      const reference = /\/meld\/kvittering\/([^/?]+)/.exec(response.location ?? '')?.[1];
      if (response.status !== 303 || !reference) throw new Error(`submit answered ${response.status}`);
      for (;;) {
        const { meldinger } = await receiver.listPending();
        const listed = meldinger.find((m) => m.referanse === reference);
        if (listed) {
          latencies.push(performance.now() - receiptAt);
          // Take it, so the listing stays as short as a busy service keeps it.
          await receiver.download(listed.id);
          await receiver.answer(listed.id, { type: 'mottatt' });
          break;
        }
        if (performance.now() - receiptAt > 60_000) throw new Error(`${reference} not listed within 60 s`);
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  } finally {
    await closeVisitors();
    await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  printFigure(`${label}: delivery latency p95 (${REPORTS} reports)`, percentile(latencies, 95) / 1000, 's');
  const p50 = percentile(latencies, 50) / 1000;
  printFigure(`${label}: delivery latency p50`, p50, 's', atMost(2));
  return p50;
}

console.log(`Delivery latency on ${describeMachine()}`);
const results: number[] = [];
for (const make of await benchDatabases(benchDatabaseUrl())) {
  const database = await make();
  try {
    results.push(await runOn(database.label, database.url));
  } finally {
    await database.drop();
  }
}
printFigure('delivery latency p50, receipt → listed on the delivery API (worst database)', Math.max(...results), 's', atMost(2));
