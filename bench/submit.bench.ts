// Submitting a report: throughput against the physical limit, and latency under a steady load.
//
// The physical limit is the work no implementation can skip, done bare in one loop in this process:
// map to Fiks, render the PDF, build and sign the package, encrypt it to the service and the PDF to
// the print provider, and one durable INSERT of the ciphertext. The portal (its own process, as in
// production) does that plus HTTP, session, CSRF, validation, the draft, the outbox job and the
// receipt. The ratio says what all of ours costs. Then an open-loop load of 20 submissions a second
// measures what a reporter waits, and what a reader of a plain page waits meanwhile.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { type PortalDatabase, openPortalDatabase } from '../src/portal/db/portal-database.ts';
import { encryptEnvelopedData } from '../src/crypto/index.ts';
import { mapReportToFiks } from '../src/domain/fiks/map-to-fiks.ts';
import { renderReportPdf } from '../src/portal/submission/render-report-pdf.ts';
import { buildPackage } from '../src/portal/submission/build-package.ts';
import { loadSigningCredentials } from '../src/portal/submission/signing-credentials.ts';
import { translator } from '../src/web/i18n.ts';
import { samplePrivateReport } from '../test/kit/fixtures/reports.ts';
import { csrfToken, type HttpClient, type HttpResponse } from '../test/kit/http-client.ts';
import { walkPrivateJourneyToSummary } from '../test/kit/journey.ts';
import { atLeast, atMost, benchDatabaseUrl, describeMachine, isQuick, percentile, printFigure } from './lib/figures.ts';
import { benchDatabases, type BenchDatabase } from './lib/databases.ts';
import { startPortalProcess, type ServerProcess } from './lib/processes.ts';
import { closeVisitors, mapConcurrent, newVisitor } from './lib/visitors.ts';

const quick = isQuick();
const THROUGHPUT_SUBMITS = quick ? 40 : 200;
const THROUGHPUT_CONCURRENCY = 16;
const LOAD_RATE = 20;
const LOAD_SECONDS = quick ? 8 : 20;
const PAGE_RATE = 10;
const BARE_ITERATIONS = quick ? 30 : 150;
/** About 90,000 reports a year; the peak hour is taken as ten times the mean hour. */
const NATIONAL_PEAK_PER_SECOND = (90_000 / (365 * 24 * 3600)) * 10;

interface Draft {
  client: HttpClient;
  summary: HttpResponse;
}

/**
 * The portal's server-side calls to its dev ID-porten stand-in all come from 127.0.0.1 and share one
 * rate-limit budget (300 a minute); real ID-porten is not behind our limiter. So logins are paced
 * under it, one every 250 ms.
 */
const LOGIN_SPACING_MS = 250;

async function prepareDrafts(portal: ServerProcess, count: number): Promise<Draft[]> {
  const started = performance.now();
  let nextLogin = performance.now();
  const drafts = await mapConcurrent(Array.from({ length: count }), 8, async () => {
    const slot = nextLogin;
    nextLogin += LOGIN_SPACING_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, slot - performance.now())));
    const client = await newVisitor(portal.url);
    const summary = await walkPrivateJourneyToSummary(client);
    return { client, summary };
  });
  console.log(`  prepared ${count} reporters at the summary step in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return drafts;
}

/** One submit as a browser sends it; resolves with its duration, or throws on anything but a receipt. */
async function submit(draft: Draft): Promise<number> {
  const started = performance.now();
  const response = await draft.client.request('POST', '/meld/send', { form: { _csrf: csrfToken(draft.summary.text) } });
  const elapsed = performance.now() - started;
  if (response.status !== 303 || !response.location?.startsWith('/meld/kvittering/')) throw new Error(`submit answered ${response.status}`);
  return elapsed;
}

async function measureThroughput(drafts: Draft[]): Promise<{ perSecond: number; failed: number }> {
  let failed = 0;
  const started = performance.now();
  await mapConcurrent(drafts, THROUGHPUT_CONCURRENCY, (draft) => submit(draft).catch(() => failed++));
  return { perSecond: (drafts.length - failed) / ((performance.now() - started) / 1000), failed };
}

async function measureLatency(portal: ServerProcess, drafts: Draft[]): Promise<{ submits: number[]; pages: number[]; failed: number }> {
  const submits: number[] = [];
  const pages: number[] = [];
  let failed = 0;
  const reader = await newVisitor(portal.url);
  const started = performance.now();
  const at = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, started + ms - performance.now())));
  // Open loop: each request leaves on its schedule, whether or not earlier ones have answered.
  const submitting = drafts.map(async (draft, i) => {
    await at((i * 1000) / LOAD_RATE);
    await submit(draft).then((ms) => submits.push(ms), () => failed++);
  });
  const pageCount = LOAD_SECONDS * PAGE_RATE;
  const reading = Array.from({ length: pageCount }, async (_, i) => {
    await at((i * 1000) / PAGE_RATE + 37);
    const t0 = performance.now();
    const page = await reader.get('/');
    if (page.status === 200) pages.push(performance.now() - t0);
    else failed++;
  });
  await Promise.all([...submitting, ...reading]);
  return { submits, pages, failed };
}

interface BareMaterial {
  serviceCertificatePem: string;
  printCertificatePem: string;
  signer: { privateKeyPem: string; certificatePem: string };
}

function readBareMaterial(dataDir: string): Promise<BareMaterial> {
  const pemIn = (dir: string) => {
    const file = readdirSync(dir).find((f) => f.endsWith('.cert.pem') || f === 'certificate.pem');
    if (!file) throw new Error(`no certificate in ${dir}`);
    return readFileSync(join(dir, file), 'utf8');
  };
  const receivers = join(dataDir, 'receivers');
  const service = readdirSync(receivers)[0]!;
  return loadSigningCredentials({ keyFile: join(dataDir, 'portal-signing', 'key.pem'), certificateFile: join(dataDir, 'portal-signing', 'certificate.pem') }).then((signer) => ({
    serviceCertificatePem: pemIn(join(receivers, service)),
    printCertificatePem: pemIn(join(dataDir, 'print-provider')),
    signer,
  }));
}

/** The unavoidable work, one report after another on one thread; and bare INSERTs of the same bytes. */
async function measureBare(database: PortalDatabase, material: BareMaterial): Promise<{ bare: number; inserts: number; packageBytes: number }> {
  await database.pool.query('create table if not exists bench_packages (id uuid primary key, package bytea not null, print_package bytea not null)');
  const t = translator();
  let packageBytes = 0;
  let last: { ciphertext: Buffer; printCiphertext: Buffer } | undefined;
  const started = performance.now();
  for (let i = 0; i < BARE_ITERATIONS; i++) {
    const now = new Date();
    const report = { ...samplePrivateReport(), submittedAt: now };
    const reference = `MP-BARE-${i}`;
    const fiks = mapReportToFiks(report);
    const pdf = await renderReportPdf(report, { reference, t });
    const pkg = await buildPackage({ report, reference, fiks, pdf, attachments: [], signer: material.signer });
    const ciphertext = Buffer.from(await encryptEnvelopedData(pkg, material.serviceCertificatePem, { at: now }));
    const printCiphertext = Buffer.from(await encryptEnvelopedData(pdf, material.printCertificatePem, { at: now }));
    await database.pool.query('insert into bench_packages (id, package, print_package) values ($1, $2, $3)', [randomUUID(), ciphertext, printCiphertext]);
    packageBytes = ciphertext.length + printCiphertext.length;
    last = { ciphertext, printCiphertext };
  }
  const bare = BARE_ITERATIONS / ((performance.now() - started) / 1000);
  const insertCount = BARE_ITERATIONS * 4;
  const insertStarted = performance.now();
  for (let i = 0; i < insertCount; i++) {
    await database.pool.query('insert into bench_packages (id, package, print_package) values ($1, $2, $3)', [randomUUID(), last!.ciphertext, last!.printCiphertext]);
  }
  const inserts = insertCount / ((performance.now() - insertStarted) / 1000);
  return { bare, inserts, packageBytes };
}

async function runOn(makeDatabase: () => Promise<BenchDatabase>): Promise<number> {
  const portalDb = await makeDatabase();
  const bareDb = await makeDatabase();
  const label = portalDb.label;
  console.log(`\n${label}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-submit-'));
  const bareDir = mkdtempSync(join(tmpdir(), 'bench-bare-'));
  const portal = await startPortalProcess({ dataDir, databaseUrl: portalDb.url });
  let ratio = Number.NaN;
  try {
    const material = await readBareMaterial(dataDir);
    const drafts = await prepareDrafts(portal, THROUGHPUT_SUBMITS + LOAD_RATE * LOAD_SECONDS);
    const throughput = await measureThroughput(drafts.slice(0, THROUGHPUT_SUBMITS));
    const load = await measureLatency(portal, drafts.slice(THROUGHPUT_SUBMITS));

    const database = await openPortalDatabase({ databaseUrl: bareDb.url, pgliteDir: join(bareDir, 'db') });
    const bare = await measureBare(database, material);
    await database.close();

    ratio = throughput.perSecond / bare.bare;
    printFigure(`${label}: bare unavoidable work, one loop`, bare.bare, 'reports/s');
    printFigure(`${label}: raw durable INSERTs of the same ${Math.round(bare.packageBytes / 1024)} KB`, bare.inserts, 'inserts/s');
    printFigure(`${label}: submits through HTTP (${THROUGHPUT_CONCURRENCY} at a time)`, throughput.perSecond, 'reports/s');
    printFigure(`${label}: headroom over the national peak hour (${(NATIONAL_PEAK_PER_SECOND * 3600).toFixed(0)} reports/h)`, throughput.perSecond / NATIONAL_PEAK_PER_SECOND, '×');
    printFigure(`${label}: failed submits`, throughput.failed + load.failed, '', atMost(0));
    printFigure(`${label}: submit latency p50 at ${LOAD_RATE}/s`, percentile(load.submits, 50), 'ms');
    printFigure(`${label}: submit latency p95 at ${LOAD_RATE}/s`, percentile(load.submits, 95), 'ms');
    printFigure(`${label}: submit latency p99 at ${LOAD_RATE}/s`, percentile(load.submits, 99), 'ms', atMost(150));
    printFigure(`${label}: plain page p99 meanwhile`, percentile(load.pages, 99), 'ms');
    printFigure(`${label}: portal RSS after the load`, portal.rssBytes() / 2 ** 20, 'MiB');
    printFigure(`${label}: submit throughput ÷ bare work`, ratio, '', atLeast(0.5));
  } finally {
    await closeVisitors();
    await portal.stop();
    await portalDb.drop();
    await bareDb.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(bareDir, { recursive: true, force: true });
  }
  return ratio;
}

console.log(`Submit benchmark on ${describeMachine()}${quick ? ' (quick)' : ''}`);
const ratios: Array<[string, number]> = [];
for (const make of await benchDatabases(benchDatabaseUrl())) {
  let label = '';
  const ratio = await runOn(async () => {
    const db = await make();
    label = db.label;
    return db;
  });
  ratios.push([label, ratio]);
}
// The headline, last: the weakest ratio of the databases measured.
const [worstLabel, worst] = ratios.reduce((a, b) => (b[1] < a[1] ? b : a));
printFigure(`submit throughput ÷ bare work (lowest: ${worstLabel})`, worst, '', atLeast(0.5));
