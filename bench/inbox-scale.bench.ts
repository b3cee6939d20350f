// Inbox at scale (issue 5): with 1,000,000 reports stored in mottak, the inbox list answers with
// p95 ≤ 50 ms. Generates the reports in a fresh database (PostgreSQL when one is configured, and
// PGlite), starts the real mottak against it, logs in through the caseworker IdP stand-in and times
// the inbox's pages over HTTP and its query (listInbox, in the caseworker's RLS scope) directly.
// Also the manager's deadline and audit-log pages, whose log view now verifies only what was added
// since its last verified checkpoint.
//   node --import tsx bench/inbox-scale.bench.ts [--quick]
//   INBOX_SCALE_REPORTS=…         reports on PostgreSQL (default 1,000,000; --quick 50,000)
//   INBOX_SCALE_PGLITE_REPORTS=…  reports on PGlite (default 100,000; --quick 50,000; 0 skips PGlite)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { createPostgresDatabase } from './lib/databases.ts';
import { atMost, benchDatabaseUrl, describeMachine, isQuick, percentile, printFigure } from './lib/figures.ts';
import { generateScaleData, type ScaleSamples } from './lib/mottak-scale-data.ts';
import { inServiceScope, openMottakDatabase } from '../src/mottak/db/mottak-database.ts';
import { loadMottakConfig } from '../src/mottak/config.ts';
import type { RunningMottak } from '../src/mottak/start-mottak.ts';
import { startDevMottak } from '../src/dev/stand-ins.ts';
import { listInbox, listServiceDistricts, type InboxFilter } from '../src/mottak/inbox/inbox-queries.ts';
import { verifyAuditChain } from '../src/mottak/audit/audit-log.ts';
import { HttpClient } from '../test/kit/http-client.ts';
import { freePort, loginCaseworker } from '../test/kit/mottak.ts';

const quick = isQuick();
const TARGET_MS = 50;
const POSTGRES_REPORTS = Number(process.env.INBOX_SCALE_REPORTS ?? (quick ? 50_000 : 1_000_000));
const PGLITE_REPORTS = Number(process.env.INBOX_SCALE_PGLITE_REPORTS ?? (quick ? 50_000 : 100_000));
const SAMPLES = quick ? 30 : 60;
const WARMUP = 5;
const WORKER = 'Sigrid Aune';
const MANAGER = 'Magnus Rørvik';

interface Scenario {
  name: string;
  filter: Partial<InboxFilter>;
}

const DEFAULT_FILTER: InboxFilter = { status: 'apne', urgentOnly: false, assignee: '', category: '', district: '', search: '', page: 1 };

/** What a caseworker does with the inbox. Filters and searches look through all reports ("alle"): the costly case. */
function scenarios(s: ScaleSamples): Scenario[] {
  const all = { status: 'alle' } as const;
  return [
    { name: 'default (open reports)', filter: {} },
    { name: 'status alle', filter: all },
    { name: 'status alle, page 20', filter: { ...all, page: 20 } },
    { name: 'urgent (alle)', filter: { ...all, urgentOnly: true } },
    { name: 'assignee (alle)', filter: { ...all, assignee: s.assigneeId } },
    { name: 'category (alle)', filter: { ...all, category: s.category } },
    { name: 'district (alle)', filter: { ...all, district: s.district } },
    { name: 'search name (alle)', filter: { ...all, search: s.childName } },
    { name: 'search fnr (alle)', filter: { ...all, search: s.fnr } },
    { name: 'search reference (alle)', filter: { ...all, search: s.reference } },
  ];
}

function inboxPath(f: InboxFilter): string {
  const p = new URLSearchParams();
  if (f.status !== 'apne') p.set('status', f.status);
  if (f.urgentOnly) p.set('haster', 'ja');
  if (f.assignee) p.set('saksbehandler', f.assignee);
  if (f.category) p.set('kategori', f.category);
  if (f.district) p.set('bydel', f.district);
  if (f.search) p.set('sok', f.search);
  if (f.page > 1) p.set('side', String(f.page));
  const q = p.toString();
  return q ? `/innboks?${q}` : '/innboks';
}

async function timeIt(samples: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * A logged-in browser, as raw HTTP. Each request leaves from its own loopback address (a service's
 * caseworkers sit at many machines): mottak's rate limit of 600 requests a minute per address is
 * meant for one person, and a benchmark that hit it would measure 429s.
 */
class Session {
  private next = 0;
  constructor(
    private readonly port: number,
    private cookie: string,
  ) {}

  static async login(baseUrl: string, port: number, name: string): Promise<Session> {
    const client = new HttpClient(baseUrl);
    const page = await loginCaseworker(client, name);
    if (page.status !== 200) throw new Error(`login of ${name} ended with ${page.status} at ${page.url}`);
    return new Session(port, client.cookieHeader());
  }

  get(path: string): Promise<string> {
    const localAddress = `127.0.${1 + Math.floor(this.next / 250)}.${2 + (this.next % 250)}`;
    this.next = (this.next + 1) % 2500;
    return new Promise((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port: this.port, path, localAddress, headers: { host: `localhost:${this.port}`, cookie: this.cookie } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const fresh = response.headers['set-cookie']?.find((c) => c.startsWith('mottak_session='));
          if (fresh) this.cookie = fresh.split(';')[0]!;
          if (response.statusCode !== 200) reject(new Error(`GET ${path}: ${response.statusCode}`));
          else resolve(Buffer.concat(chunks).toString('utf8'));
        });
        response.on('error', reject);
      });
      request.on('error', reject);
    });
  }
}

function report(prefix: string, what: string, times: number[], target = true): void {
  printFigure(`${prefix} ${what} p50`, percentile(times, 50), 'ms');
  printFigure(`${prefix} ${what} p95`, percentile(times, 95), 'ms', target ? atMost(TARGET_MS) : undefined);
}

interface Database {
  kind: 'PostgreSQL' | 'PGlite';
  reports: number;
  databaseUrl?: string;
  drop(): Promise<void>;
}

async function freshPostgres(adminUrl: string, reports: number): Promise<Database> {
  const database = await createPostgresDatabase(adminUrl);
  return { kind: 'PostgreSQL', reports, databaseUrl: database.url, drop: database.drop };
}

/** Runs the whole measurement on one database; returns the headline (default inbox p95 over HTTP). */
async function measure(database: Database): Promise<number> {
  const prefix = `${database.kind} ${database.reports.toLocaleString('en-US')}:`;
  const dataDir = mkdtempSync(join(tmpdir(), 'inbox-scale-'));
  let mottak: RunningMottak | undefined;
  try {
    const now = new Date();
    const started = performance.now();
    const generating = await openMottakDatabase({ databaseUrl: database.databaseUrl, pgliteDir: join(dataDir, 'db') });
    let samples: ScaleSamples;
    try {
      ({ samples } = await generateScaleData(generating.db, {
        reports: database.reports,
        now,
        onProgress: (done) => {
          if (done % 200_000 === 0 || done === database.reports) console.log(`  ${database.kind}: ${done.toLocaleString('en-US')} reports generated`);
        },
      }));
    } finally {
      await generating.close();
    }
    printFigure(`${prefix} generate reports, feedback and audit chain`, (performance.now() - started) / 1000, 's');

    const port = await freePort();
    const config = loadMottakConfig({
      NODE_ENV: 'test',
      MOTTAK_DATA_DIR: dataDir,
      MOTTAK_PORT: String(port),
      HOST: '127.0.0.1',
      MOTTAK_BASE_URL: `http://localhost:${port}`,
      // Nothing to pull: the reports are already stored, and no portal runs beside this benchmark.
      MOTTAK_PULL: 'false',
      MOTTAK_KEYS_DIR: join(dataDir, 'no-keys'),
      PORTAL_URL: 'http://127.0.0.1:9',
      PORTAL_SIGNING_CERTIFICATE_FILE: join(dataDir, 'no-certificate.pem'),
      ...(database.databaseUrl ? { MOTTAK_DATABASE_URL: database.databaseUrl } : {}),
    });
    mottak = await startDevMottak(config);
    const db = mottak.database.db;
    const serviceId = samples.bigServiceId;
    const counts = await db
      .selectFrom('reports')
      .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.count<number>(eb.case().when('status', '<>', 'konkludert').then(1).end()).as('open')])
      .where('service_id', '=', serviceId)
      .executeTakeFirstOrThrow();
    console.log(`  big service: ${counts.all} reports, ${counts.open} open; searching for "${samples.childName}", ${samples.fnr}, ${samples.reference}`);

    // Query level: listInbox as a request runs it, in the caseworker's transaction under RLS.
    const list = scenarios(samples);
    for (const scenario of list) {
      const filter = { ...DEFAULT_FILTER, ...scenario.filter };
      const times = await timeIt(SAMPLES, () => inServiceScope(db, { serviceId }, (trx) => listInbox(trx, serviceId, filter)));
      report(prefix, `listInbox ${scenario.name}`, times);
    }
    report(prefix, 'listServiceDistricts', await timeIt(SAMPLES, () => inServiceScope(db, { serviceId }, (trx) => listServiceDistricts(trx, serviceId))), false);

    // HTTP: the inbox page as the caseworker's browser gets it (session, RLS transaction, the
    // caseworker and district lists for the filters, rendering).
    const worker = await Session.login(mottak.url, port, WORKER);
    const paths = list.map((s) => ({ name: s.name, path: inboxPath({ ...DEFAULT_FILTER, ...s.filter }) }));
    const headlinePath = paths[0]!;
    const byPath = new Map<string, number[]>();
    for (const { name, path } of paths) {
      const times = await timeIt(SAMPLES, () => worker.get(path));
      byPath.set(path, times);
      if (path !== headlinePath.path) report(prefix, `GET /innboks ${name}`, times);
    }

    const manager = await Session.login(mottak.url, port, MANAGER);
    report(prefix, 'GET /frister', await timeIt(SAMPLES, () => manager.get('/frister')), false);
    const auditEntries = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('service_id', '=', serviceId).executeTakeFirstOrThrow();
    const fullStarted = performance.now();
    const full = await verifyAuditChain(db, serviceId);
    printFigure(`${prefix} verify the whole audit chain (${auditEntries.n} entries, what verify-audit does)`, performance.now() - fullStarted, 'ms');
    if (!full.ok) throw new Error(`the generated audit chain does not verify: ${JSON.stringify(full.problem)}`);
    const firstView = performance.now();
    const firstLog = await manager.get('/logg');
    printFigure(`${prefix} GET /logg first view`, performance.now() - firstView, 'ms');
    if (!firstLog.includes('Loggen er kontrollert og hel')) throw new Error('the log page does not report a whole chain');
    report(prefix, 'GET /logg', await timeIt(SAMPLES, () => manager.get('/logg')), false);

    load();
    const headline = byPath.get(headlinePath.path)!;
    printFigure(`${prefix} GET /innboks default p50`, percentile(headline, 50), 'ms');
    return percentile(headline, 95);
  } finally {
    await mottak?.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`Inbox at scale${quick ? ' (quick)' : ''}: ${describeMachine()}`);
// Latency on a shared 2-core machine follows whatever else runs: the load beside the figures.
const load = () => printFigure('load average (1 min) while measuring', loadavg()[0]!, '');
load();
const headlines: { label: string; value: number }[] = [];
const adminUrl = benchDatabaseUrl();
if (PGLITE_REPORTS > 0) {
  const value = await measure({ kind: 'PGlite', reports: PGLITE_REPORTS, drop: async () => {} });
  headlines.push({ label: `PGlite ${PGLITE_REPORTS.toLocaleString('en-US')}: GET /innboks default (open reports) p95`, value });
}
if (adminUrl) {
  const value = await measure(await freshPostgres(adminUrl, POSTGRES_REPORTS));
  headlines.push({ label: `PostgreSQL ${POSTGRES_REPORTS.toLocaleString('en-US')}: GET /innboks default (open reports) p95`, value });
} else {
  console.log('No BENCH_DATABASE_URL/TEST_DATABASE_URL: the PostgreSQL figures (the 1,000,000-report headline) are skipped.');
}
// The headline last: the PostgreSQL figure when there is one.
for (const { label, value } of headlines) printFigure(label, value, 'ms', atMost(TARGET_MS));
