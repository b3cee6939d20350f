// Feedback to the reporter over HTTP: the receiving service registers a code through the delivery
// API, the law's rules hold (private reporters hear of receipt only, closure and investigation
// exclude each other, an investigation ends only after it was opened), the same code twice is one
// feedback, and the reporter is told by email or SMS through the notice provider, who alone can
// read the address. Neither the notice nor the portal's database holds anything of the report.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { ManualClock } from '../../../src/clock.ts';
import { transitionReport } from '../../../src/portal/delivery/delivery-store.ts';
import { NOTICE_CONTACT_RETENTION_DAYS, sweepDeliveries } from '../../../src/portal/delivery/delivery-jobs.ts';
import { sendFeedbackNotice } from '../../../src/portal/delivery/notice-jobs.ts';
import { registerFeedback } from '../../../src/portal/delivery/register-feedback.ts';
import { decryptEnvelopedData, generateServiceCredentials } from '../../../src/crypto/index.ts';
import { folderNoticeAdapter, httpNoticeAdapter, NoticeRejectedError, type NoticeAdapter, type NoticeJob } from '../../../src/portal/delivery/notice-adapter.ts';
import { encryptNoticeContact } from '../../../src/portal/submission/notice-contact.ts';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { HttpClient } from '../../kit/http-client.ts';
import { CANARY } from '../../kit/journey.ts';
import { grepTree } from '../../kit/grep-tree.ts';
import { waitFor } from '../../kit/wait.ts';
import { OpensslWorkspace } from '../../kit/openssl.ts';
import { samplePrivateReport, sampleProfessionalReport } from '../../kit/fixtures/reports.ts';
import { closeVisitorAddresses, deliveryClientFor, referenceIn, sendPrivateReport, useNewVisitorAddress, waitForReportStatus, walkProfessionalJourneyToSummary } from '../../kit/portal-visitors.ts';

const SCOPE = 'meldeportal:mottak';
/** What the walks in test/kit (journey.ts, portal-visitors.ts) type as the reporter's contact. */
const TEACHER_EMAIL = 'kontaktlaerer@osloskolen.no';
const PRIVATE_PHONE = '98765432';
const PROFESSIONAL_ONLY = ['undersokelse-apnet', 'henlagt', 'undersokelse-henlagt', 'undersokelse-tiltak'];

interface Sent {
  id: string;
  reference: string;
  orgnr: string;
}

// First: the DB suites end by closing the visitor addresses' agents, which fetch uses.
describe('the notice contact and the notice channels', () => {
  test('the contact is the address alone, encrypted to the notice provider; no phone, no contact', async () => {
    const provider = await generateServiceCredentials({ commonName: 'Varsling', organizationName: 'Varsling', orgnr: '999900011' });
    const at = new Date();
    const professional = await encryptNoticeContact(sampleProfessionalReport(), provider.certificatePem, at);
    assert.equal(professional?.channel, 'email');
    assert.equal(Buffer.from(await decryptEnvelopedData(professional!.ciphertext, provider.privateKeyPem, provider.certificatePem)).toString(), 'lise.laerer@skole.oslo.no');
    const privateReport = samplePrivateReport();
    const sms = await encryptNoticeContact(privateReport, provider.certificatePem, at);
    assert.equal(sms?.channel, 'sms');
    assert.equal(Buffer.from(await decryptEnvelopedData(sms!.ciphertext, provider.privateKeyPem, provider.certificatePem)).toString(), '98765432');
    const silent = await encryptNoticeContact(samplePrivateReport({ privateReporter: { ...privateReport.privateReporter, phone: '' } }), provider.certificatePem, at);
    assert.equal(silent, undefined);
  });

  const job: NoticeJob = { reference: 'BM-AB12-CD34', type: 'henlagt', channel: 'email', encryptedContact: new Uint8Array([48, 1, 2, 3]), text: 'Barneverntjenesten har gitt deg en tilbakemelding på meldingen BM-AB12-CD34.' };

  test('the folder channel writes the contact and the notice under a stable name, whole, and a retry overwrites', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mp-notice-')), 'outbox');
    const adapter = folderNoticeAdapter(dir);
    await adapter.send(job);
    await adapter.send(job);
    assert.deepEqual(readdirSync(dir).sort(), ['BM-AB12-CD34-henlagt.json', 'BM-AB12-CD34-henlagt.p7m']);
    assert.deepEqual([...readFileSync(join(dir, 'BM-AB12-CD34-henlagt.p7m'))], [48, 1, 2, 3]);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'BM-AB12-CD34-henlagt.json'), 'utf8')), { reference: job.reference, type: 'henlagt', channel: 'email', text: job.text, contact: 'BM-AB12-CD34-henlagt.p7m' });
  });

  test('the HTTP channel PUTs by a stable key; a 4xx is a refusal without the provider\'s words, a 5xx is retried', async () => {
    const requests: { method: string; url: string; body: string }[] = [];
    let answer = 204;
    const server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests.push({ method: request.method!, url: request.url!, body });
        response.statusCode = answer;
        response.end(answer >= 400 ? 'no such mailbox: someone@example.no' : '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const adapter = httpNoticeAdapter(`http://127.0.0.1:${(server.address() as { port: number }).port}/api`);
      await adapter.send(job);
      await adapter.send(job);
      assert.deepEqual(requests.map((r) => `${r.method} ${r.url}`), ['PUT /api/notices/BM-AB12-CD34-henlagt', 'PUT /api/notices/BM-AB12-CD34-henlagt']);
      assert.deepEqual(JSON.parse(requests[0]!.body), { reference: job.reference, type: 'henlagt', channel: 'email', text: job.text, encryptedContact: Buffer.from(job.encryptedContact).toString('base64') });
      answer = 422;
      const refused = await adapter.send(job).then(() => undefined, (error: unknown) => error);
      assert.ok(refused instanceof NoticeRejectedError);
      assert.equal(refused.reason, 'HTTP 422');
      assert.doesNotMatch(refused.message, /someone@example/, 'the provider may echo the address; it stays out of our logs');
      answer = 503;
      const down = await adapter.send(job).then(() => undefined, (error: unknown) => error);
      assert.ok(down instanceof Error && !(down instanceof NoticeRejectedError), 'a 5xx is retried by the queue');
    } finally {
      server.close();
    }
  });
});

for (const database of testDatabases()) {
  describe(`feedback to the reporter (${database.name})`, () => {
    let portal: TestPortal;

    before(async () => {
      // This file sends many reports; its visitor gets its own rate-limit budget.
      await useNewVisitorAddress();
      portal = await startTestPortal(database);
    });
    after(async () => {
      await portal?.close();
      await closeVisitorAddresses();
    });

    const db = () => portal.database.db;
    const noticeDir = () => portal.app.config.notice.outboxDir;

    const clientFor = (orgnr: string) => deliveryClientFor(portal, orgnr, SCOPE);

    async function api(path: string, token: string | undefined, init: RequestInit = {}) {
      const response = await fetch(new URL(path, portal.url), { ...init, headers: { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
      const text = await response.text();
      return { status: response.status, type: response.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) as Record<string, unknown> };
    }

    /** POSTs feedback as the report's service (or with the token given). */
    async function feedback(sent: Sent, body: string, options: { token?: string | null; contentType?: string } = {}) {
      const token = options.token === null ? undefined : (options.token ?? (await clientFor(sent.orgnr).accessToken()));
      return api(`/api/v1/mottak/meldinger/${sent.id}/tilbakemelding`, token, { method: 'POST', headers: { 'content-type': options.contentType ?? 'application/json' }, body });
    }

    async function sendProfessionalReport(personIndex: number): Promise<Sent> {
      await useNewVisitorAddress();
      const client = new HttpClient(portal.url);
      const summary = await walkProfessionalJourneyToSummary(client, { grounds: ['mistreatedAtHome'], kommune: '1337', personIndex });
      const receipt = await client.submit(summary, '/meld/send', {});
      assert.equal(receipt.status, 200);
      const reference = referenceIn(receipt.text);
      const row = await db().selectFrom('reports').innerJoin('services', 'services.id', 'reports.service_id').select(['reports.id', 'services.orgnr']).where('reference', '=', reference).executeTakeFirstOrThrow();
      return { id: row.id, reference, orgnr: row.orgnr };
    }

    /** The receiving system takes the report in: LEVERT. */
    async function deliver(sent: Sent): Promise<void> {
      await waitForReportStatus(portal, sent.id, 'SENDT_FAGSYSTEM');
      await clientFor(sent.orgnr).answer(sent.id, { type: 'mottatt' });
      await waitForReportStatus(portal, sent.id, 'LEVERT');
    }

    const feedbackRows = (id: string) => db().selectFrom('report_feedback').select(['type', 'notice']).where('report_id', '=', id).orderBy('registered_at').execute();

    /** The notice as the provider finds it in its folder, with the contact opened by openssl with the provider's key. */
    async function noticeFor(reference: string, type: string): Promise<{ meta: { reference: string; type: string; channel: string; text: string }; contact: string }> {
      const jsonFile = join(noticeDir(), `${reference}-${type}.json`);
      await waitFor(`the ${type} notice for ${reference}`, () => (existsSync(jsonFile) ? true : undefined));
      const meta = JSON.parse(readFileSync(jsonFile, 'utf8')) as { reference: string; type: string; channel: string; text: string };
      const ws = new OpensslWorkspace();
      try {
        ws.write('contact.p7m', readFileSync(join(noticeDir(), `${reference}-${type}.p7m`)));
        const provider = join(portal.dataDir, 'notice-provider');
        const contact = ws.text(['cms', '-decrypt', '-inform', 'DER', '-in', 'contact.p7m', '-recip', join(provider, 'certificate.pem'), '-inkey', join(provider, 'key.pem')]);
        return { meta, contact };
      } finally {
        ws.dispose();
      }
    }

    /**
     * Every row of every table of the portal's database (its own and pg-boss's) as text: a
     * plaintext needle would show up as itself, or as hex inside a bytea.
     */
    async function databaseHolds(needle: string): Promise<string[]> {
      const tables = await sql<{ schema: string; name: string }>`select table_schema as schema, table_name as name from information_schema.tables where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE'`.execute(db());
      assert.ok(tables.rows.some((t) => t.name === 'report_feedback'), 'the dump covers the feedback table');
      const hex = Buffer.from(needle).toString('hex');
      const hits: string[] = [];
      for (const { schema, name } of tables.rows) {
        const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(`${schema}.${name}`)} t`.execute(db());
        for (const { row } of rows.rows) {
          // Hex dumps of ciphertext are long runs of [0-9a-f]: a needle of digits could occur in one by chance.
          if (row.replace(/\\+x[0-9a-f]+/g, '').includes(needle) || row.includes(hex)) hits.push(`${schema}.${name}`);
        }
      }
      return hits;
    }

    test('a teacher whose report was delivered hears of receipt, the investigation and its follow-up, each by email, and a repeat is the same feedback', async () => {
      const sent = await sendProfessionalReport(0);
      await deliver(sent);

      const first = await feedback(sent, '{"type":"mottatt"}');
      assert.equal(first.status, 201, first.text);
      assert.match(first.type, /^application\/json/);
      const body = first.json();
      assert.deepEqual(Object.keys(body).sort(), ['id', 'registrert', 'type']);
      assert.equal(body.id, sent.id);
      assert.equal(body.type, 'mottatt');
      assert.ok(Math.abs(Date.parse(body.registrert as string) - Date.now()) < 60_000, 'registered now');

      const again = await feedback(sent, '{"type":"mottatt"}');
      assert.equal(again.status, 200);
      assert.deepEqual(again.json(), body, 'the same body, with the first registration time');

      const opened = await feedback(sent, '{"type":"undersokelse-apnet"}');
      assert.equal(opened.status, 201);
      // The receiving side's client, as mottak will use it.
      const followUp = await clientFor(sent.orgnr).sendFeedback(sent.id, 'undersokelse-tiltak');
      assert.equal(followUp.id, sent.id);
      assert.equal(followUp.type, 'undersokelse-tiltak');
      assert.deepEqual(await clientFor(sent.orgnr).sendFeedback(sent.id, 'undersokelse-tiltak'), followUp, 'idempotent through the client too');

      // What the law rules out after this.
      for (const type of ['henlagt', 'undersokelse-henlagt']) {
        const refused = await feedback(sent, JSON.stringify({ type }));
        assert.equal(refused.status, 409, type);
        assert.equal(refused.json().error, 'CONFLICT');
      }
      assert.deepEqual((await feedbackRows(sent.id)).map((f) => f.type), ['mottatt', 'undersokelse-apnet', 'undersokelse-tiltak']);

      for (const type of ['mottatt', 'undersokelse-apnet', 'undersokelse-tiltak']) {
        const notice = await noticeFor(sent.reference, type);
        assert.equal(notice.contact, TEACHER_EMAIL, 'the provider opens the address the teacher gave');
        assert.equal(notice.meta.channel, 'email');
        assert.equal(notice.meta.type, type);
        assert.equal(notice.meta.reference, sent.reference);
        assert.equal(
          notice.meta.text,
          `Barneverntjenesten har gitt deg en tilbakemelding på meldingen ${sent.reference}. Logg inn på Meldeportalen og gå til «Mine meldinger» for å lese den.`,
        );
      }
      const files = readdirSync(noticeDir()).filter((f) => f.startsWith(sent.reference));
      assert.equal(files.length, 6, `one notice per feedback, none for the repeats: ${files.join(', ')}`);
      for (const file of readdirSync(noticeDir())) {
        const content = readFileSync(join(noticeDir(), file));
        assert.equal(content.includes(CANARY), false, `${file} holds nothing of the report`);
        assert.equal(content.includes(TEACHER_EMAIL), false, `${file} holds the address only encrypted`);
      }

      // Nothing more can come: every notice sent, the address is deleted.
      await waitFor('the notices to be sent', async () => ((await feedbackRows(sent.id)).every((f) => f.notice === 'sent') ? true : undefined));
      const report = await db().selectFrom('reports').select(['notice_contact', 'notice_channel']).where('id', '=', sent.id).executeTakeFirstOrThrow();
      assert.equal(report.notice_contact, null, 'the encrypted address is deleted once no more feedback can come');
      assert.equal(report.notice_channel, 'email');
    });

    test('a private reporter may only be told the report was received: the rest is 422, receipt goes by SMS to the phone they gave', async () => {
      await useNewVisitorAddress();
      const sent = await sendPrivateReport(portal, { personIndex: 1 });
      const stored = await db().selectFrom('reports').select(['notice_contact', 'notice_channel', 'reporter_type']).where('id', '=', sent.id).executeTakeFirstOrThrow();
      assert.equal(stored.reporter_type, 'private');
      assert.equal(stored.notice_channel, 'sms');
      assert.ok(stored.notice_contact && !stored.notice_contact.includes(PRIVATE_PHONE), 'the phone is stored, encrypted');
      await deliver(sent);

      for (const type of PROFESSIONAL_ONLY) {
        const refused = await feedback(sent, JSON.stringify({ type }));
        assert.equal(refused.status, 422, type);
        const error = refused.json();
        assert.equal(error.error, 'NOT_FOR_PRIVATE_REPORTER');
        assert.match(error.message as string, /privatperson/);
      }
      assert.deepEqual(await feedbackRows(sent.id), [], 'nothing registered');

      const received = await feedback(sent, '{"type":"mottatt"}');
      assert.equal(received.status, 201);
      const notice = await noticeFor(sent.reference, 'mottatt');
      assert.equal(notice.meta.channel, 'sms');
      assert.equal(notice.contact, PRIVATE_PHONE);
      assert.match(notice.meta.text, new RegExp(sent.reference));
      assert.doesNotMatch(notice.meta.text, new RegExp(CANARY));
      await waitFor('the address to be forgotten', async () => ((await db().selectFrom('reports').select('notice_contact').where('id', '=', sent.id).executeTakeFirstOrThrow()).notice_contact === null ? true : undefined));
    });

    test('feedback waits for delivery, and follows the law\'s order: closed or investigated, and an investigation ends only after it began', async () => {
      const sent = await sendProfessionalReport(2);
      await waitForReportStatus(portal, sent.id, 'SENDT_FAGSYSTEM');
      const early = await feedback(sent, '{"type":"mottatt"}');
      assert.equal(early.status, 409, 'not delivered yet');
      assert.equal(early.json().error, 'CONFLICT');
      assert.match(early.json().message as string, /ikke levert/);

      await clientFor(sent.orgnr).answer(sent.id, { type: 'mottatt' });
      await waitForReportStatus(portal, sent.id, 'LEVERT');
      for (const type of ['undersokelse-tiltak', 'undersokelse-henlagt']) {
        const tooEarly = await feedback(sent, JSON.stringify({ type }));
        assert.equal(tooEarly.status, 409, `${type} before undersokelse-apnet`);
        assert.match(tooEarly.json().message as string, /undersokelse-apnet/);
      }
      assert.equal((await feedback(sent, '{"type":"henlagt"}')).status, 201);
      const contradiction = await feedback(sent, '{"type":"undersokelse-apnet"}');
      assert.equal(contradiction.status, 409, 'a closed report is not investigated');
      assert.equal(contradiction.json().error, 'CONFLICT');
      assert.equal((await feedback(sent, '{"type":"henlagt"}')).status, 200);
      assert.deepEqual((await feedbackRows(sent.id)).map((f) => f.type), ['henlagt']);
    });

    test('only the report\'s own service can give feedback; bad requests get JSON errors and change nothing', async () => {
      const sent = await sendProfessionalReport(3);
      await deliver(sent);
      const oslo = (await db().selectFrom('services').innerJoin('districts', 'districts.service_id', 'services.id').select('services.orgnr').where('districts.kommunenummer', '=', '0301').executeTakeFirstOrThrow()).orgnr;
      const foreign = await feedback(sent, '{"type":"mottatt"}', { token: await clientFor(oslo).accessToken() });
      assert.equal(foreign.status, 404, "Oslo cannot give feedback on Bærum's report");
      assert.equal(foreign.json().error, 'NOT_FOUND');

      const anonymous = await feedback(sent, '{"type":"mottatt"}', { token: null });
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.json().error, 'UNAUTHORIZED');

      for (const body of ['{"type":"kanskje"}', '{"type":"mottatt","melding":"Vi har snakket med familien"}', '{}', '[]', 'null', '{"type":5}', '{"type":"MOTTATT"}', '{"type":' ]) {
        const bad = await feedback(sent, body);
        assert.equal(bad.status, 400, body);
        assert.match(bad.type, /^application\/json/);
        const error = bad.json();
        assert.equal(error.error, 'BAD_REQUEST', body);
        assert.equal(typeof error.message, 'string');
      }
      const form = await feedback(sent, 'type=mottatt', { contentType: 'application/x-www-form-urlencoded' });
      assert.equal(form.status, 415);
      assert.equal(form.json().error, 'UNSUPPORTED_MEDIA_TYPE');
      for (const id of ['00000000-0000-0000-0000-000000000000', 'not-a-uuid']) {
        const unknown = await api(`/api/v1/mottak/meldinger/${id}/tilbakemelding`, await clientFor(sent.orgnr).accessToken(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"mottatt"}' });
        assert.equal(unknown.status, 404, id);
      }
      assert.deepEqual(await feedbackRows(sent.id), [], 'none of it registered anything');
    });

    test('a reporter without a contact for notices still gets the feedback, and nothing is sent', async () => {
      await useNewVisitorAddress();
      const sent = await sendPrivateReport(portal, { personIndex: 4 });
      await deliver(sent);
      // As if the phone field had been left empty (it is optional for private reporters).
      await db().updateTable('reports').set({ notice_contact: null, notice_channel: null }).where('id', '=', sent.id).execute();
      assert.equal((await feedback(sent, '{"type":"mottatt"}')).status, 201);
      assert.deepEqual(await feedbackRows(sent.id), [{ type: 'mottatt', notice: 'none' }]);
      const jobs = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = 'feedback-notice' and data->>'reportId' = ${sent.id}`.execute(db());
      assert.equal(jobs.rows[0]!.n, 0, 'no notice job');
      assert.equal(existsSync(join(noticeDir(), `${sent.reference}-mottatt.json`)), false);
    });

    test('the report\'s text and the reporters\' addresses are nowhere in the portal\'s database or data folder in plaintext', async () => {
      assert.ok((await db().selectFrom('report_feedback').select('type').execute()).length >= 5, 'after the feedback above');
      assert.ok((await databaseHolds('undersokelse-tiltak')).includes('public.report_feedback'), 'the search finds what is there');
      for (const needle of [CANARY, TEACHER_EMAIL, PRIVATE_PHONE]) assert.deepEqual(await databaseHolds(needle), [], needle);
      if (database.name === 'pglite') {
        assert.deepEqual(grepTree(portal.dataDir, Buffer.from(CANARY)), [], 'no file in DATA_DIR (database, outboxes) holds the report text');
        assert.deepEqual(grepTree(portal.dataDir, Buffer.from(TEACHER_EMAIL)), []);
      }
    });
  });

  describe(`feedback notices when the provider fails (${database.name})`, () => {
    let portal: TestPortal;
    const clock = new ManualClock();

    before(async () => {
      await useNewVisitorAddress();
      // Jobs are run by hand here, so a worker cannot take them first.
      portal = await startTestPortal(database, { DELIVERY_WORKERS: 'false' }, { clock });
    });
    after(async () => {
      await portal?.close();
      await closeVisitorAddresses();
    });

    const db = () => portal.database.db;

    /** A private report, delivered, with `mottatt` registered and its notice waiting. */
    async function deliveredWithFeedback(personIndex: number) {
      await useNewVisitorAddress();
      const sent = await sendPrivateReport(portal, { personIndex });
      for (const cause of ['publisert', 'mottatt'] as const) assert.equal((await transitionReport(db(), sent.id, cause, { at: clock.now() }))?.changed, true);
      const service = await db().selectFrom('reports').select('service_id').where('id', '=', sent.id).executeTakeFirstOrThrow();
      const result = await registerFeedback(db(), portal.app.delivery.outbox, { reportId: sent.id, serviceId: service.service_id, type: 'mottatt', at: clock.now() });
      assert.equal(result.kind, 'registered');
      return sent;
    }

    function capture(): { log: FastifyBaseLogger; lines: string[] } {
      const lines: string[] = [];
      return { log: pino({ level: 'info', base: null }, { write: (line: string) => void lines.push(line) }) as unknown as FastifyBaseLogger, lines };
    }

    const noticeState = async (id: string) => (await db().selectFrom('report_feedback').select('notice').where('report_id', '=', id).executeTakeFirstOrThrow()).notice;
    const contactOf = async (id: string) => (await db().selectFrom('reports').select('notice_contact').where('id', '=', id).executeTakeFirstOrThrow()).notice_contact;

    test('a provider that is down is retried; a refusal, or the last try, is recorded as failed with a warning that names no address', async () => {
      const sent = await deliveredWithFeedback(0);
      const { log, lines } = capture();
      let sends = 0;
      const failing: NoticeAdapter = {
        send: async () => {
          sends++;
          throw new Error('provider answered HTTP 503');
        },
      };
      const data = { reportId: sent.id, feedbackType: 'mottatt' as const };
      await assert.rejects(sendFeedbackNotice({ db: db(), clock, noticeAdapter: failing, log }, data, { finalAttempt: false }), /503/, 'thrown, so the queue retries');
      assert.equal(await noticeState(sent.id), 'pending');
      await sendFeedbackNotice({ db: db(), clock, noticeAdapter: failing, log }, data, { finalAttempt: true });
      assert.equal(await noticeState(sent.id), 'failed');
      assert.equal(sends, 2);
      assert.equal(await contactOf(sent.id), null, 'nothing more can come for a private reporter: the address goes');

      const other = await deliveredWithFeedback(1);
      const refusing: NoticeAdapter = {
        send: async () => {
          throw new NoticeRejectedError('HTTP 422');
        },
      };
      await sendFeedbackNotice({ db: db(), clock, noticeAdapter: refusing, log }, { reportId: other.id, feedbackType: 'mottatt' }, { finalAttempt: false });
      assert.equal(await noticeState(other.id), 'failed', 'a refusal is final at once');
      const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((r) => r.level === 40);
      assert.equal(warnings.length, 2);
      assert.ok(warnings.every((w) => /Mine meldinger/.test(w.msg)));
      assert.doesNotMatch(lines.join('\n'), new RegExp(PRIVATE_PHONE), 'no address in the log');

      // The feedback itself stands: the reporter reads it on Mine meldinger.
      assert.deepEqual((await db().selectFrom('report_feedback').select('type').where('report_id', 'in', [sent.id, other.id]).execute()).map((f) => f.type), ['mottatt', 'mottatt']);
    });

    test('a notice job that runs again after the notice was sent sends nothing more', async () => {
      const sent = await deliveredWithFeedback(2);
      const taken: NoticeJob[] = [];
      const deps = { db: db(), clock, noticeAdapter: { send: async (job: NoticeJob) => void taken.push(job) }, log: portal.app.log };
      const data = { reportId: sent.id, feedbackType: 'mottatt' as const };
      await sendFeedbackNotice(deps, data, { finalAttempt: false });
      await sendFeedbackNotice(deps, data, { finalAttempt: false });
      assert.equal(taken.length, 1);
      assert.equal(taken[0]!.reference, sent.reference);
      assert.equal(taken[0]!.type, 'mottatt');
      assert.equal(taken[0]!.channel, 'sms');
      assert.equal(await noticeState(sent.id), 'sent');
    });

    test('an address no feedback has used is deleted a year after the report', async () => {
      await useNewVisitorAddress();
      const sent = await sendPrivateReport(portal, { personIndex: 3 });
      assert.ok(await contactOf(sent.id));
      const deps = { db: db(), outbox: portal.app.delivery.outbox, clock, printAdapter: portal.app.delivery.printAdapter, retentionDays: 7, log: portal.app.log };
      const receivedAt = (await db().selectFrom('reports').select('received_at').where('id', '=', sent.id).executeTakeFirstOrThrow()).received_at;
      clock.set(new Date(receivedAt.getTime() + (NOTICE_CONTACT_RETENTION_DAYS - 1) * 24 * 60 * 60 * 1000));
      await sweepDeliveries(deps);
      assert.ok(await contactOf(sent.id), 'kept within the year');
      clock.set(new Date(receivedAt.getTime() + (NOTICE_CONTACT_RETENTION_DAYS + 1) * 24 * 60 * 60 * 1000));
      const sweep = await sweepDeliveries(deps);
      assert.ok(sweep.contactsForgotten >= 1);
      assert.equal(await contactOf(sent.id), null);
      clock.set(new Date());
    });
  });
}
