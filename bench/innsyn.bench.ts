// Citizen services at scale (issue 20, decision 024): with 100,000 cases in the portal's sealed index
// (a folder and a decision for one person each, 200,000 items), a mother's "Min barnevernssak" answers
// with p95 ≤ 100 ms over HTTP, and the index takes a replay of all of it at a rate printed here.
// Indexes through the real index API with a real Maskinporten-stand-in token, in a replay (start,
// batches of 5,000, complete), then logs the mother in through the ID-porten stand-in and times her
// overview and her case page.
//   node --import tsx bench/innsyn.bench.ts [--quick]
//   INNSYN_BENCH_CASES=…   cases (default 100,000; --quick 10,000)
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine, isQuick, percentile, printFigure, atMost } from './lib/figures.ts';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { deliveryClientFor } from '../test/kit/portal-visitors.ts';
import { HttpClient } from '../test/kit/http-client.ts';
import { firstNationalId } from '../test/domain/national-id-helpers.ts';
import { MOTHER, indexNordmannFamily } from '../test/kit/innsyn-family.ts';

const quick = isQuick();
const CASES = Number(process.env.INNSYN_BENCH_CASES ?? (quick ? 10_000 : 100_000));
const BATCH = 5000;
const SAMPLES = quick ? 40 : 100;
const WARMUP = 5;
const TARGET_MS = 100;

/** Distinct valid synthetic fødselsnumre: one per day over the years, a new individual range each lap. */
function* nationalIds(): Generator<string> {
  const seen = new Set<string>();
  for (let lap = 0; ; lap++) {
    for (let day = 0; day < 365 * 40; day++) {
      const date = new Date(Date.UTC(1970, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const id = firstNationalId(date, 100 + lap * 7, 'tenor');
      if (!seen.has(id)) {
        seen.add(id);
        yield id;
      }
    }
  }
}

async function post(portal: TestPortal, token: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${portal.url}/api/v1/innsyn${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

async function timeGets(client: HttpClient, path: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const started = performance.now();
    const page = await client.get(path);
    const ms = performance.now() - started;
    if (page.status !== 200) throw new Error(`${path}: HTTP ${page.status}`);
    if (i >= WARMUP) samples.push(ms);
  }
  return samples;
}

console.log(`Machine: ${describeMachine()}; ${CASES.toLocaleString('en')} cases${quick ? ' (quick)' : ''}`);
for (const database of testDatabases()) {
  const label = database.name === 'pglite' ? 'PGlite' : 'PostgreSQL';
  const portal = await startTestPortal(database);
  try {
    const orgnr = readdirSync(join(portal.dataDir, 'receivers')).sort()[0]!;
    const token = await deliveryClientFor(portal, orgnr, 'meldeportal:innsyn').accessToken();
    const ids = nationalIds();
    const replay = String((await post(portal, token, '/replay')).replay);
    const started = performance.now();
    let items = 0;
    for (let done = 0; done < CASES; done += BATCH / 2) {
      const elements = [];
      for (let i = done; i < Math.min(CASES, done + BATCH / 2); i++) {
        const fnr = ids.next().value!;
        const folder = randomUUID();
        elements.push(
          { meldingId: folder, type: 'barnevern.mappe.v1', personidentifikator: fnr, data: { tittel: `Sak ${i}`, organisasjonsnummer: orgnr, minPart: { rolle: 'MOR', fodselsnummer: fnr, fornavn: 'Test', etternavn: `Person ${i}` }, milepeler: [{ navn: 'Melding mottatt', startdato: '2026-10-01T09:00:00+02:00' }] } },
          { meldingId: randomUUID(), type: 'barnevern.journalpost.v1', personidentifikator: fnr, data: { tittel: `Vedtak ${i}`, forelderMeldingId: folder, dokumenttype: 'VEDTAK', klagefrist: '2027-01-10T00:00:00+01:00' } },
        );
      }
      items += Number((await post(portal, token, '/indeks', { replay, elementer: elements })).indeksert);
    }
    await post(portal, token, `/replay/${replay}/fullfor`);
    const seconds = (performance.now() - started) / 1000;
    printFigure(`${label}: replay of ${CASES.toLocaleString('en')} cases (${items.toLocaleString('en')} items), items per second`, items / seconds, 'items/s');

    // The Nordmann family's case beside them, and the mother's pages timed over HTTP.
    const { caseId } = await indexNordmannFamily(portal);
    const mother = new HttpClient(portal.url);
    await mother.login('/min-sak', MOTHER.index);
    const overview = await timeGets(mother, '/min-sak');
    printFigure(`${label}: Min barnevernssak overview p95 with ${CASES.toLocaleString('en')} cases indexed`, percentile(overview, 95), 'ms', atMost(TARGET_MS));
    printFigure(`${label}: overview p50`, percentile(overview, 50), 'ms');
    const casePage = await timeGets(mother, `/min-sak/${caseId}`);
    printFigure(`${label}: one case page p95`, percentile(casePage, 95), 'ms', atMost(TARGET_MS));
  } finally {
    await portal.close();
  }
}
