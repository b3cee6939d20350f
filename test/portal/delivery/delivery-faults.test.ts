// Delivery when things go wrong: workers racing each other, a print provider that refuses or is
// down, the database restarting in the middle of a delivery, a receiver that loses the network or
// crashes between download and answer. Each test checks what the receiving service and the
// reporter rely on: no report lost, none delivered twice, and a status history that tells the truth.
// Steps the workers would take are driven by hand (DELIVERY_WORKERS=false) where timing matters;
// the database restart runs with real workers on PostgreSQL behind a TCP proxy the test controls.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { ManualClock } from '../../../src/clock.ts';
import { printReport, publishReport, sweepDeliveries, type DeliveryDeps } from '../../../src/portal/delivery/delivery-jobs.ts';
import { QUEUES } from '../../../src/portal/delivery/outbox.ts';
import { folderPrintAdapter, httpPrintAdapter, type PrintAdapter, type PrintJob } from '../../../src/portal/delivery/print-adapter.ts';
import { ApiError, DeliveryClient, type DeliveryClientOptions } from '../../../src/mottak/receiver/delivery-client.ts';
import { loadReceiverKeyPairs, receiveMessage } from '../../../src/mottak/receiver/receive-message.ts';
import { pollOnce, runReceiver, type ReceiverOptions } from '../../../src/mottak/receiver/run-receiver.ts';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { postgresBehindProxy, TcpProxy } from '../../kit/tcp-proxy.ts';
import { closeVisitorAddresses, sendPrivateReport, useNewVisitorAddress } from '../../kit/portal-visitors.ts';

const SCOPE = 'meldeportal:mottak';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000, describeFailure?: () => Promise<string>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describeFailure ? `: ${await describeFailure()}` : ''}`);
    await sleep(100);
  }
}

/** A logger whose records the test can read: the operator alarm is part of the contract. */
function captureLog(): { log: FastifyBaseLogger; records: () => { level: number; msg: string; [key: string]: unknown }[] } {
  const lines: string[] = [];
  const log = pino({ level: 'info', base: null }, { write: (line: string) => void lines.push(line) });
  return { log: log as unknown as FastifyBaseLogger, records: () => lines.map((l) => JSON.parse(l) as { level: number; msg: string }) };
}

interface SentReport {
  id: string;
  reference: string;
  orgnr: string;
}

/** What the tests need from a running portal: send a report over HTTP, read its state, receive it. */
function deliveryKit(portal: () => TestPortal) {
  const db = () => portal().database.db;
  let sent = 0;

  async function sendReport(): Promise<SentReport> {
    // The portal rate-limits per address and this file sends many reports: each reporter gets its own.
    await useNewVisitorAddress();
    return sendPrivateReport(portal(), { personIndex: sent++ % 5 });
  }

  const statusOf = (id: string) =>
    db().selectFrom('reports').select(['status', 'delivery_channel', 'fagsystem_deadline_at', 'print_package']).where('id', '=', id).executeTakeFirstOrThrow();

  const eventsOf = (id: string) => db().selectFrom('report_status_events').select(['status', 'cause', 'detail']).where('report_id', '=', id).orderBy('id').execute();
  const causesOf = async (id: string) => (await eventsOf(id)).map((e) => e.cause);

  function clientOptions(orgnr: string, portalUrl = portal().url): DeliveryClientOptions {
    const dir = join(portal().dataDir, 'receivers', orgnr);
    const { clientId } = JSON.parse(readFileSync(join(dir, 'integration.json'), 'utf8')) as { clientId: string };
    return { portalUrl, tokenIssuer: `${portal().url}/dev/maskinporten`, clientId, integrationKeyPem: readFileSync(join(dir, 'integration.key.pem'), 'utf8'), scope: SCOPE };
  }

  function receiver(orgnr: string, outDir: string, client = new DeliveryClient(clientOptions(orgnr)), log: (line: string) => void = () => {}) {
    return {
      client,
      keys: () => ({ pairs: loadReceiverKeyPairs(join(portal().dataDir, 'receivers', orgnr)), trustedSignersPem: [portal().app.delivery.signer.certificatePem] }),
      outDir,
      log,
    };
  }

  function deps(overrides: Partial<DeliveryDeps> = {}): DeliveryDeps {
    const { delivery } = portal().app;
    return { db: db(), outbox: delivery.outbox, clock: delivery.clock, printAdapter: delivery.printAdapter, retentionDays: 7, log: portal().app.log, ...overrides };
  }

  async function queuedJobs(queue: string, reportId: string): Promise<number> {
    const result = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = ${queue} and data->>'reportId' = ${reportId}`.execute(db());
    return result.rows[0]!.n;
  }

  return { db, sendReport, statusOf, eventsOf, causesOf, clientOptions, receiver, deps, queuedJobs };
}

/**
 * A print provider speaking the documented protocol: `PUT /jobs/<reference>` with the package as
 * application/pkcs7-mime and the recipient in `x-recipient`. Like a real one it treats a repeated
 * PUT of the same bytes as the job it already has, so it never prints a reference twice.
 */
class PrintProviderStandIn {
  mode: 'accept' | 'refuse' | 'unavailable' | 'take-then-drop' = 'accept';
  readonly requests: { reference: string; contentType: string | undefined; recipient: unknown; body: Buffer; answered: number | 'dropped' }[] = [];
  /** Jobs taken for printing, by reference: what would go in the post. */
  readonly jobs = new Map<string, Buffer>();
  /** References in the order jobs were first taken: a reference twice here is a letter printed twice. */
  readonly taken: string[] = [];
  private server: http.Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.handle(request, response, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}/print/v1`;
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse, body: Buffer): void {
    const match = /^\/print\/v1\/jobs\/([^/]+)$/.exec(request.url ?? '');
    if (request.method !== 'PUT' || !match) return void response.writeHead(404).end();
    const reference = decodeURIComponent(match[1]!);
    const contentType = request.headers['content-type'];
    const header = request.headers['x-recipient'];
    const recipient = typeof header === 'string' ? (JSON.parse(decodeURIComponent(header)) as unknown) : undefined;
    const answer = (status: number, text = '') => {
      this.requests.push({ reference, contentType, recipient, body, answered: status });
      response.writeHead(status, { 'content-type': 'application/json' }).end(text);
    };
    if (this.mode === 'refuse') return answer(422, '{"error":"mottakeradressen er ufullstendig"}');
    if (this.mode === 'unavailable') return answer(503, '{"error":"vedlikehold"}');
    if (contentType !== 'application/pkcs7-mime' || !recipient) return answer(415);
    const existing = this.jobs.get(reference);
    if (existing && !existing.equals(body)) return answer(409, '{"error":"annet innhold for samme referanse"}');
    if (!existing) this.taken.push(reference);
    this.jobs.set(reference, body);
    if (this.mode === 'take-then-drop') {
      // The job is taken, but the answer is lost on the way back (a proxy timeout, a reset).
      this.requests.push({ reference, contentType, recipient, body, answered: 'dropped' });
      return void response.socket?.destroy();
    }
    answer(existing ? 200 : 201);
  }

  requestsFor(reference: string) {
    return this.requests.filter((r) => r.reference === reference);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A port on which nothing listens: the print provider is down. */
async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/print/v1`;
}

/** A receiving system that can be interrupted right before it answers (a crash, a restart). */
class InterruptibleClient extends DeliveryClient {
  beforeAnswer: (() => Promise<void>) | undefined;

  override async answer(id: string, receipt: { type: 'mottatt' } | { type: 'feilet'; melding: string }): Promise<{ status: string }> {
    const hook = this.beforeAnswer;
    this.beforeAnswer = undefined;
    await hook?.();
    return super.answer(id, receipt);
  }
}

for (const database of testDatabases()) {
  describe(`delivery under faults (${database.name})`, () => {
    let portal: TestPortal;
    const clock = new ManualClock();
    const kit = deliveryKit(() => portal);
    const { sendReport, statusOf, eventsOf, causesOf, clientOptions, receiver, deps, queuedJobs } = kit;
    const provider = new PrintProviderStandIn();

    before(async () => {
      // No workers: each step runs when, and as often as, the test says.
      portal = await startTestPortal(database, { DELIVERY_WORKERS: 'false' }, { clock });
      await provider.start();
    });
    after(async () => {
      await provider.stop();
      await portal?.close();
      await closeVisitorAddresses();
    });

    test('workers racing on one report: offered once, one deadline event, one print job, one letter', async () => {
      const sent = await sendReport();
      const publishLog = captureLog();
      await Promise.all(Array.from({ length: 4 }, () => publishReport(deps({ log: publishLog.log }), sent.id)));
      const published = await statusOf(sent.id);
      assert.equal(published.status, 'SENDT_FAGSYSTEM');
      assert.ok(published.fagsystem_deadline_at);
      assert.deepEqual(await causesOf(sent.id), ['innsendt', 'publisert'], 'four publishers, one offer');
      assert.equal(publishLog.records().filter((r) => r.msg === 'report offered to receiving system').length, 1);

      clock.set(new Date(published.fagsystem_deadline_at.getTime() + 1000));
      try {
        await Promise.all([sweepDeliveries(deps()), sweepDeliveries(deps())]);
        assert.equal((await statusOf(sent.id)).status, 'SENDT_PRINT');
        assert.deepEqual(await causesOf(sent.id), ['innsendt', 'publisert', 'frist-utlopt'], 'two sweeps, one deadline event');
        assert.equal(await queuedJobs(QUEUES.print, sent.id), 1, 'two sweeps, one print job queued');

        // Several print workers at once (a retry overlapping a slow first attempt, two processes).
        const outboxDir = portal.app.config.print.outboxDir;
        const folder = folderPrintAdapter(outboxDir);
        const sends: PrintJob[] = [];
        const counting: PrintAdapter = {
          async send(job) {
            sends.push(job);
            await folder.send(job);
          },
        };
        await Promise.all(Array.from({ length: 4 }, () => printReport(deps({ printAdapter: counting }), sent.id, { finalAttempt: false })));
        const printed = await statusOf(sent.id);
        assert.equal(printed.status, 'LEVERT');
        assert.equal(printed.delivery_channel, 'print');
        assert.deepEqual(await causesOf(sent.id), ['innsendt', 'publisert', 'frist-utlopt', 'print-levert'], 'one print-levert event');

        // One print job on the provider's side: its package and its address sheet, nothing half-written.
        const files = readdirSync(outboxDir);
        assert.deepEqual(files.filter((f) => f.includes(sent.reference)).sort(), [`${sent.reference}.json`, `${sent.reference}.p7m`]);
        assert.deepEqual(files.filter((f) => f.endsWith('.tmp')), [], 'no temporary file left behind');
        assert.ok(readFileSync(join(outboxDir, `${sent.reference}.p7m`)).equals(printed.print_package!), 'the stored print package, byte for byte');
        // The adapter may be handed the job more than once; the protocol makes that harmless only if
        // every hand-over is the same job, byte for byte.
        assert.ok(sends.length >= 1);
        for (const job of sends) {
          assert.equal(job.reference, sent.reference);
          assert.ok(Buffer.from(job.package).equals(printed.print_package!), 'every hand-over carries the same bytes');
        }
        // Another worker arriving late finds nothing to do.
        await printReport(deps({ printAdapter: counting }), sent.id, { finalAttempt: false });
        assert.equal((await causesOf(sent.id)).length, 4);
      } finally {
        clock.set(new Date());
      }
    });

    /** A report the receiving system refused, so it waits for print (AVVIST_FAGSYSTEM). */
    async function refusedReport(): Promise<SentReport> {
      const sent = await sendReport();
      await publishReport(deps(), sent.id);
      await new DeliveryClient(clientOptions(sent.orgnr)).answer(sent.id, { type: 'feilet', melding: 'Fagsystemet er nede for vedlikehold' });
      assert.equal((await statusOf(sent.id)).status, 'AVVIST_FAGSYSTEM');
      return sent;
    }

    test('a print provider that refuses (4xx) ends in AVVIST_PRINT at once, with its answer recorded and an operator alarm', async () => {
      const sent = await refusedReport();
      const { log, records } = captureLog();
      provider.mode = 'refuse';
      await printReport(deps({ printAdapter: httpPrintAdapter(provider.url), log }), sent.id, { finalAttempt: false });

      assert.equal((await statusOf(sent.id)).status, 'AVVIST_PRINT', 'a refusal is not retried');
      const events = await eventsOf(sent.id);
      assert.deepEqual(events.map((e) => e.cause), ['innsendt', 'publisert', 'feilet', 'print-sendt', 'print-feilet']);
      assert.equal(events.at(-1)!.detail, 'HTTP 422: {"error":"mottakeradressen er ufullstendig"}', 'the provider\'s reason reaches the operator');
      const alarms = records().filter((r) => r.msg.startsWith('OPERATOR:'));
      assert.equal(alarms.length, 1, 'one operator alarm');
      assert.equal(alarms[0]!.level, 50);
      assert.equal(alarms[0]!.reference, sent.reference);
      assert.equal(alarms[0]!.orgnr, sent.orgnr);

      const [request, ...more] = provider.requestsFor(sent.reference);
      assert.equal(more.length, 0);
      assert.equal(request!.contentType, 'application/pkcs7-mime');
      assert.equal((request!.recipient as { orgnr: string }).orgnr, sent.orgnr);
      assert.ok(request!.body.equals((await statusOf(sent.id)).print_package!), 'the provider saw the stored print package');

      // A queued retry arriving afterwards changes nothing and calls nobody: an operator owns it now.
      await printReport(deps({ printAdapter: httpPrintAdapter(provider.url), log }), sent.id, { finalAttempt: true });
      assert.equal(provider.requestsFor(sent.reference).length, 1);
      assert.equal((await eventsOf(sent.id)).length, 5);
    });

    test('a print provider that is down or answers 5xx is retried in SENDT_PRINT; the retried PUT carries the same bytes and leaves one job', async () => {
      const sent = await refusedReport();
      const adapter = httpPrintAdapter(provider.url);
      const stored = () => statusOf(sent.id).then((r) => r.print_package!);

      provider.mode = 'unavailable';
      await assert.rejects(printReport(deps({ printAdapter: adapter }), sent.id, { finalAttempt: false }), /HTTP 503/, 'thrown, so the queue retries');
      assert.equal((await statusOf(sent.id)).status, 'SENDT_PRINT');

      await assert.rejects(printReport(deps({ printAdapter: httpPrintAdapter(await closedPortUrl()) }), sent.id, { finalAttempt: false }), 'a provider that is down is retried too');
      assert.equal((await statusOf(sent.id)).status, 'SENDT_PRINT');

      // The provider takes the job but its answer is lost: the portal cannot know, and retries.
      provider.mode = 'take-then-drop';
      await assert.rejects(printReport(deps({ printAdapter: adapter }), sent.id, { finalAttempt: false }));
      assert.equal((await statusOf(sent.id)).status, 'SENDT_PRINT');
      assert.deepEqual(await causesOf(sent.id), ['innsendt', 'publisert', 'feilet', 'print-sendt'], 'failed attempts record nothing but the hand-over');

      provider.mode = 'accept';
      await printReport(deps({ printAdapter: adapter }), sent.id, { finalAttempt: false });
      const delivered = await statusOf(sent.id);
      assert.equal(delivered.status, 'LEVERT');
      assert.equal(delivered.delivery_channel, 'print');
      assert.deepEqual(await causesOf(sent.id), ['innsendt', 'publisert', 'feilet', 'print-sendt', 'print-levert']);

      const requests = provider.requestsFor(sent.reference);
      assert.deepEqual(requests.map((r) => r.answered), [503, 'dropped', 200], 'the retry found the job already taken and was told so');
      for (const request of requests) assert.ok(request.body.equals(await stored()), 'every PUT carries the stored print package');
      assert.equal(provider.taken.filter((r) => r === sent.reference).length, 1, 'the provider took one job for the reference');
      assert.ok(provider.jobs.get(sent.reference)!.equals(await stored()), 'the job it took has the stored bytes');

      // Delivered: a late retry of the job sends nothing more.
      await printReport(deps({ printAdapter: adapter }), sent.id, { finalAttempt: false });
      assert.equal(provider.requestsFor(sent.reference).length, 3);
    });

    test('a 5xx on the last attempt ends in AVVIST_PRINT with an operator alarm', async () => {
      const sent = await refusedReport();
      const { log, records } = captureLog();
      provider.mode = 'unavailable';
      await printReport(deps({ printAdapter: httpPrintAdapter(provider.url), log }), sent.id, { finalAttempt: true });
      assert.equal((await statusOf(sent.id)).status, 'AVVIST_PRINT');
      const last = (await eventsOf(sent.id)).at(-1)!;
      assert.equal(last.cause, 'print-feilet');
      assert.equal(last.detail, 'gave up after retries');
      assert.equal(records().filter((r) => r.msg.startsWith('OPERATOR:') && r.reference === sent.reference).length, 1);
      provider.mode = 'accept';
    });

    test('a receiver that loses the portal keeps trying and, once it is back, receives the waiting report', async () => {
      // The service for Bærum (kommune 3201), where the journey's postcode 1337 sends the report.
      const orgnr = (await portal.database.db.selectFrom('services').innerJoin('districts', 'districts.service_id', 'services.id').select('services.orgnr').where('districts.kommunenummer', '=', '3201').executeTakeFirstOrThrow()).orgnr;
      const proxy = new TcpProxy('127.0.0.1', Number(new URL(portal.url).port));
      const controller = new AbortController();
      const lines: string[] = [];
      const out = mkdtempSync(join(portal.dataDir, 'receiver-'));
      let exited = false;
      let running: Promise<void> | undefined;
      try {
        await proxy.open();
        // The receiver's whole view of the portal goes through the proxy; only the token issuer (a
        // separate service in production) stays direct.
        const options: ReceiverOptions = {
          ...receiver(orgnr, out, new DeliveryClient(clientOptions(orgnr, `http://127.0.0.1:${proxy.port}`)), (line) => lines.push(line)),
          pollIntervalMs: 200,
          signal: controller.signal,
        };
        running = runReceiver(options).finally(() => (exited = true));
        await waitFor('the receiver to reach the portal', async () => (proxy.connections > 0 ? true : undefined), 10_000);
        // Sent now, but offered (published) only while the receiver cannot reach the portal.
        const sent = await sendReport();
        assert.equal(sent.orgnr, orgnr);
        await proxy.close();
        await publishReport(deps(), sent.id);

        const errors = () => lines.filter((l) => l.startsWith('feil mot portalen'));
        await waitFor('the receiver to report the failure twice', async () => (errors().length >= 2 ? true : undefined), 10_000);
        assert.equal(exited, false, 'the receiver does not give up');
        assert.equal((await statusOf(sent.id)).status, 'SENDT_FAGSYSTEM', 'nothing is lost while it is away');

        await proxy.open();
        const folder = join(out, sent.reference);
        // Received, answered, and the pass that did it finished (the receiver logs after answering).
        const back = async () => (lines.includes('forbindelsen er tilbake') && existsSync(folder) && (await statusOf(sent.id)).status === 'LEVERT' ? true : undefined);
        await waitFor('the report to be received', back, 20_000, async () => lines.join('\n'));
        assert.ok(existsSync(join(folder, 'bekymringsmelding.json')));
        assert.equal((await statusOf(sent.id)).delivery_channel, 'fagsystem');
        assert.deepEqual(await causesOf(sent.id), ['innsendt', 'publisert', 'mottatt']);
        assert.equal(lines.filter((l) => l.startsWith(`mottatt ${sent.reference}`)).length, 1, 'received once');
      } finally {
        controller.abort();
        await running;
        await proxy.close();
      }
      assert.equal(exited, true, 'the receiver stops when told to');
    });

    test('a receiver that crashes between download and answer gets the report again; the folder is replaced and it is recorded once', async () => {
      const sent = await sendReport();
      await publishReport(deps(), sent.id);
      const out = mkdtempSync(join(portal.dataDir, 'receiver-'));
      const options = receiver(sent.orgnr, out);

      // The first run: downloads, decrypts, writes the folder, and dies before it answers.
      const pending = (await options.client.listPending()).meldinger.find((m) => m.id === sent.id);
      assert.ok(pending, 'the report is waiting');
      const firstDownload = await options.client.download(sent.id);
      const first = await receiveMessage(firstDownload, pending, options.keys(), out);
      const firstContents = readdirSync(first.folder).sort();
      writeFileSync(join(first.folder, 'saksbehandlers-notat.txt'), 'left over from the run that crashed');
      assert.equal((await statusOf(sent.id)).status, 'SENDT_FAGSYSTEM', 'no answer, so still waiting');

      // The restarted receiver.
      const lines: string[] = [];
      const result = await pollOnce({ ...options, log: (line) => lines.push(line) });
      assert.ok(result.received.includes(sent.reference), 'received again after the crash');
      assert.deepEqual(readdirSync(out), [sent.reference], 'one folder for the report, no copy and no temporary folder');
      const folder = join(out, sent.reference);
      assert.ok(!existsSync(join(folder, 'saksbehandlers-notat.txt')), 'the folder was replaced, not merged');
      assert.deepEqual(readdirSync(folder).sort(), firstContents, 'the same report, written afresh');

      const row = await statusOf(sent.id);
      assert.equal(row.status, 'LEVERT');
      assert.equal(row.delivery_channel, 'fagsystem');
      assert.deepEqual(await causesOf(sent.id), ['innsendt', 'publisert', 'mottatt'], 'exactly one mottatt');
      // Nothing waits any more; a third run receives nothing.
      assert.ok(!(await pollOnce(options)).received.includes(sent.reference));
    });
  });
}

const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

describe('delivery through a database restart (PostgreSQL)', { skip: adminUrl ? false : 'set TEST_DATABASE_URL to run against PostgreSQL' }, () => {
  let portal: TestPortal;
  let proxy: TcpProxy;
  let admin: pg.Client;
  let dbName: string;
  let dropDatabase: () => Promise<void>;
  const kit = deliveryKit(() => portal);
  const { sendReport, statusOf, causesOf, clientOptions, receiver } = kit;
  // In the portal's own process an unhandled rejection is fatal (Node's default); the test runner
  // only notes it. Collected here so a test can fail on it.
  const unhandled: string[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason instanceof Error ? reason.message : String(reason));

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    const behind = await postgresBehindProxy();
    ({ proxy } = behind);
    dropDatabase = behind.drop;
    const { realUrl, viaProxy } = behind;
    dbName = realUrl.pathname.slice(1);
    // Real workers and the real clock: the outbox must find its own way back.
    portal = await startTestPortal(viaProxy);
    // The test's own line to the database, past the proxy.
    admin = new pg.Client({ connectionString: realUrl.href });
    admin.on('error', () => {});
    await admin.connect();
  });

  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await portal?.close();
    await admin?.end().catch(() => {});
    await proxy?.close();
    await dropDatabase?.();
    await closeVisitorAddresses();
  });

  /** The database restarts: every connection is cut, the port refuses, and the server side ends too. */
  async function databaseGoesDown(): Promise<void> {
    await proxy.close();
    // Without this a backend whose client vanished would keep its transaction and locks until it
    // next writes to the socket; a restart ends them all.
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
  }

  async function databaseComesBack(): Promise<void> {
    await proxy.open();
    await waitFor('/healthz to answer 200 again', async () => ((await fetch(new URL('/healthz', portal.url))).status === 200 ? true : undefined), 30_000);
  }

  const health = async () => (await fetch(new URL('/healthz', portal.url))).status;

  async function jobStates(reportId: string): Promise<string> {
    const { rows } = await admin.query<{ name: string; state: string; retry_count: number; started_on: Date | null }>(
      `select name, state, retry_count, started_on from pgboss.job where data->>'reportId' = $1 order by created_on`,
      [reportId],
    );
    return `status ${(await admin.query<{ status: string }>('select status from reports where id = $1', [reportId])).rows[0]?.status}; jobs ${JSON.stringify(rows)}`;
  }

  test('the database restarts while the receiver answers: the report is offered again, received and recorded once', async () => {
    unhandled.length = 0;
    const sent = await sendReport();
    await waitFor(`${sent.reference} to be offered`, async () => ((await statusOf(sent.id)).status === 'SENDT_FAGSYSTEM' ? true : undefined));
    const out = mkdtempSync(join(portal.dataDir, 'receiver-'));
    const client = new InterruptibleClient(clientOptions(sent.orgnr));
    client.beforeAnswer = databaseGoesDown;

    await assert.rejects(pollOnce(receiver(sent.orgnr, out, client)), (error: unknown) => error instanceof ApiError && error.status === 503, 'the answer meets a portal without its database');
    assert.ok(existsSync(join(out, sent.reference)), 'the receiver had written the report');
    assert.equal(await health(), 503);
    await sleep(500);
    await databaseComesBack();

    assert.equal((await statusOf(sent.id)).status, 'SENDT_FAGSYSTEM', 'the unanswered report still waits');
    const again = await pollOnce(receiver(sent.orgnr, out));
    assert.deepEqual(again.received.filter((r) => r === sent.reference), [sent.reference]);
    assert.equal((await statusOf(sent.id)).status, 'LEVERT');
    assert.deepEqual(await causesOf(sent.id), ['innsendt', 'publisert', 'mottatt'], 'one publisert, one mottatt');
    assert.equal(await health(), 200);
    assert.deepEqual(unhandled, [], 'no rejection went unhandled (in the portal process it would be fatal)');
  });

  test('the database restarts while a worker publishes: the job is retried, the report offered, received and recorded once', async () => {
    // Hold the worker inside its publishing transaction: a trigger on that one update waits for a
    // lock the test holds. Then the restart happens exactly "during publish", not before or after.
    const LOCK = 80081;
    await admin.query(`create function test_hold_publish() returns trigger language plpgsql as $$ begin perform pg_advisory_xact_lock_shared(${LOCK}); return new; end $$`);
    await admin.query(`create trigger test_hold_publish before update on reports for each row when (old.status = 'AKSEPTERT' and new.status = 'SENDT_FAGSYSTEM') execute function test_hold_publish()`);
    await admin.query('select pg_advisory_lock($1)', [LOCK]);
    let held = true;
    const release = async () => {
      if (held) await admin.query('select pg_advisory_unlock($1)', [LOCK]);
      held = false;
      await admin.query('drop trigger if exists test_hold_publish on reports');
      await admin.query('drop function if exists test_hold_publish()');
    };
    unhandled.length = 0;
    try {
      const sent = await sendReport();
      await waitFor('a worker to be publishing', async () => {
        const { rows } = await admin.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and wait_event = 'advisory'`, [dbName]);
        return rows[0]!.n > 0 ? true : undefined;
      });
      await databaseGoesDown();
      assert.equal(await health(), 503);
      await sleep(1000);
      await release();
      await databaseComesBack();

      // Both ways the portal can fail here are reported together: the outbox losing the job's
      // outcome (the job then waits for its expiry) and a rejection nobody handles.
      const problems: string[] = [];
      const offered = async () => ((await statusOf(sent.id)).status === 'SENDT_FAGSYSTEM' ? true : undefined);
      await waitFor(`${sent.reference} to be offered after the restart`, offered, 30_000, () => jobStates(sent.id)).catch((error: Error) => problems.push(error.message));
      if (unhandled.length) problems.push(`unhandled rejection (fatal in the portal process): ${unhandled.join('; ')}`);
      assert.deepEqual(problems, [], 'the outbox recovers from a restart during publish, within seconds and without a crash');
      const out = mkdtempSync(join(portal.dataDir, 'receiver-'));
      const received = await pollOnce(receiver(sent.orgnr, out));
      assert.deepEqual(received.received.filter((r) => r === sent.reference), [sent.reference]);
      assert.equal((await statusOf(sent.id)).status, 'LEVERT');
      assert.deepEqual(await causesOf(sent.id), ['innsendt', 'publisert', 'mottatt'], 'one publisert, one mottatt');
      assert.equal(await health(), 200);
    } finally {
      await release();
    }
  });
});
