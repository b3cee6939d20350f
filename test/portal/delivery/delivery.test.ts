// Delivery end to end over HTTP: a reporter sends, the receiving system pulls with a Maskinporten
// token, decrypts, verifies and answers; refusals and silence fall back to print; ciphertext is
// deleted after the retention period. Real DB, real OIDC stand-ins, real CMS, the real CLI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ManualClock } from '../../../src/clock.ts';
import { addWorkingDays } from '../../../src/domain/delivery/working-days.ts';
import { validateFiksDocument } from '../../../src/domain/fiks/validate-fiks.ts';
import { sweepDeliveries } from '../../../src/portal/delivery/delivery-jobs.ts';
import { loadReceiverKeyPairs } from '../../../src/mottak/receiver/receive-message.ts';
import { pollOnce } from '../../../src/mottak/receiver/run-receiver.ts';
import { decryptEnvelopedData } from '../../../src/crypto/index.ts';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { CANARY } from '../../kit/journey.ts';
import { OpensslWorkspace } from '../../kit/openssl.ts';
import { sendPrivateReport, deliveryClientFor } from '../../kit/portal-visitors.ts';
import { waitFor } from '../../kit/wait.ts';

const execFileAsync = promisify(execFile);
const SCOPE = 'meldeportal:mottak';
const DAY = 24 * 60 * 60 * 1000;

for (const database of testDatabases()) {
  describe(`delivery (${database.name})`, () => {
    let portal: TestPortal;
    const clock = new ManualClock();

    before(async () => {
      portal = await startTestPortal(database, {}, { clock });
    });
    after(async () => {
      await portal?.close();
    });

    const db = () => portal.database.db;

    const sendReport = (personIndex = 0, municipality = '1337') => sendPrivateReport(portal, { personIndex, municipality });

    function statusOf(id: string) {
      return db().selectFrom('reports').select(['status', 'delivery_channel', 'fagsystem_deadline_at', 'package', 'packages_deleted_at']).where('id', '=', id).executeTakeFirstOrThrow();
    }

    async function waitForStatus(id: string, status: string) {
      return waitFor(`${id} to be ${status}`, async () => {
        const row = await statusOf(id);
        return row.status === status ? row : undefined;
      });
    }

    const clientFor = (orgnr: string) => deliveryClientFor(portal, orgnr);

    function deps() {
      const { delivery } = portal.app;
      return { db: db(), outbox: delivery.outbox, clock, printAdapter: delivery.printAdapter, retentionDays: 7, log: portal.app.log };
    }

    async function api(path: string, token: string | undefined, init: RequestInit = {}) {
      const response = await fetch(new URL(path, portal.url), { ...init, headers: { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
      const text = await response.text();
      return { status: response.status, type: response.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) as Record<string, unknown> };
    }

    test('a sent report reaches the receiver CLI decrypted, signed and schema-valid, and becomes LEVERT', async () => {
      const sent = await sendReport();
      const published = await waitForStatus(sent.id, 'SENDT_FAGSYSTEM');
      assert.ok(published.fagsystem_deadline_at, 'a deadline is set when the report is offered');

      const out = join(portal.dataDir, 'cli-out');
      const { stdout } = await execFileAsync(
        process.execPath,
        ['--import', 'tsx', 'src/mottak/receiver/cli.ts', '--service', sent.orgnr, '--portal', portal.url, '--data-dir', portal.dataDir, '--out', out, '--once'],
        { cwd: join(import.meta.dirname, '../../..'), timeout: 60_000 },
      );
      assert.match(stdout, new RegExp(`mottatt ${sent.reference}`));
      const folder = join(out, sent.reference);
      const fiks = JSON.parse(readFileSync(join(folder, 'bekymringsmelding.json'), 'utf8')) as unknown;
      assert.deepEqual(validateFiksDocument('no.ks.fiks.bekymringsmelding.privat.v2', fiks), { valid: true });
      assert.ok(readFileSync(join(folder, 'bekymringsmelding.pdf')).subarray(0, 5).equals(Buffer.from('%PDF-')));
      assert.match(readFileSync(join(folder, 'bekymringsmelding.json'), 'utf8'), new RegExp(CANARY), 'the receiver reads what the reporter wrote');

      const delivered = await statusOf(sent.id);
      assert.equal(delivered.status, 'LEVERT');
      assert.equal(delivered.delivery_channel, 'fagsystem');
      const token = await clientFor(sent.orgnr).accessToken();
      const history = (await api(`/api/v1/mottak/meldinger/${sent.id}/status`, token)).json();
      assert.deepEqual((history.historikk as { status: string }[]).map((e) => e.status), ['AKSEPTERT', 'SENDT_FAGSYSTEM', 'LEVERT']);
      // Nothing is left waiting; a second run receives nothing again.
      const again = await pollOnce({ client: clientFor(sent.orgnr), keys: () => ({ pairs: [], trustedSignersPem: [] }), outDir: out, log: () => {} });
      assert.deepEqual(again, { received: [], refused: [] });
    });

    test('the package opens with openssl cms -decrypt', async () => {
      const sent = await sendReport(1);
      await waitForStatus(sent.id, 'SENDT_FAGSYSTEM');
      const token = await clientFor(sent.orgnr).accessToken();
      const response = await fetch(new URL(`/api/v1/mottak/meldinger/${sent.id}`, portal.url), { headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/pkcs7-mime/);
      const ws = new OpensslWorkspace();
      try {
        ws.write('package.p7m', new Uint8Array(await response.arrayBuffer()));
        const [pair] = loadReceiverKeyPairs(join(portal.dataDir, 'receivers', sent.orgnr));
        ws.write('key.pem', pair!.privateKeyPem);
        ws.write('cert.pem', pair!.certificatePem);
        ws.run(['cms', '-decrypt', '-inform', 'DER', '-in', 'package.p7m', '-recip', 'cert.pem', '-inkey', 'key.pem', '-out', 'package.zip']);
        const zip = ws.read('package.zip');
        assert.equal(zip.subarray(30, 38).toString(), 'mimetype', 'an ASiC-E zip starts with its mimetype entry');
        assert.ok(zip.includes(Buffer.from('META-INF/signature.p7s')), 'the container carries its signature');
      } finally {
        ws.dispose();
      }
      await clientFor(sent.orgnr).answer(sent.id, { type: 'mottatt' });
    });

    test('a token reaches only its own service; bad tokens, grants and receipts get clear JSON errors', async () => {
      const baerum = await sendReport(2);
      await waitForStatus(baerum.id, 'SENDT_FAGSYSTEM');
      const oslo = (await db().selectFrom('services').innerJoin('districts', 'districts.service_id', 'services.id').select('services.orgnr').where('districts.kommunenummer', '=', '0301').executeTakeFirstOrThrow()).orgnr;
      const osloToken = await clientFor(oslo).accessToken();
      const list = (await api('/api/v1/mottak/meldinger', osloToken)).json();
      assert.ok(!(list.meldinger as { id: string }[]).some((m) => m.id === baerum.id), "Oslo does not see Bærum's message");
      for (const path of [`/api/v1/mottak/meldinger/${baerum.id}`, `/api/v1/mottak/meldinger/${baerum.id}/status`]) {
        const other = await api(path, osloToken);
        assert.equal(other.status, 404, path);
        assert.equal(other.json().error, 'NOT_FOUND');
      }
      const foreignReceipt = await api(`/api/v1/mottak/meldinger/${baerum.id}/kvittering`, osloToken, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"mottatt"}' });
      assert.equal(foreignReceipt.status, 404);
      assert.equal((await statusOf(baerum.id)).status, 'SENDT_FAGSYSTEM', "another service cannot answer for Bærum");

      for (const token of [undefined, 'not-a-token-at-all-but-long-enough', `${osloToken.slice(0, -4)}AAAA`]) {
        const response = await api('/api/v1/mottak/meldinger', token);
        assert.equal(response.status, 401);
        assert.match(response.type, /^application\/json/);
        const body = response.json();
        assert.equal(body.error, 'UNAUTHORIZED');
        assert.equal(typeof body.message, 'string');
      }
      // A grant assertion is single-use.
      const token = await clientFor(baerum.orgnr).accessToken();
      const dir = join(portal.dataDir, 'receivers', baerum.orgnr);
      const { SignJWT, importPKCS8 } = await import('jose');
      const key = await importPKCS8(readFileSync(join(dir, 'integration.key.pem'), 'utf8'), 'RS256');
      const assertion = await new SignJWT({ scope: SCOPE })
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer(JSON.parse(readFileSync(join(dir, 'integration.json'), 'utf8')).clientId)
        .setAudience(`${portal.url}/dev/maskinporten/`)
        .setIssuedAt()
        .setExpirationTime('60s')
        .setJti('replayed-once')
        .sign(key);
      const grant = () => fetch(`${portal.url}/dev/maskinporten/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }) });
      assert.equal((await grant()).status, 200);
      const replay = await grant();
      assert.equal(replay.status, 400);
      assert.equal(((await replay.json()) as { error: string }).error, 'invalid_grant');

      const base = `/api/v1/mottak/meldinger/${baerum.id}/kvittering`;
      const asForm = await api(base, token, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'type=mottatt' });
      assert.equal(asForm.status, 415);
      for (const body of ['{"type":"kanskje"}', '{"type":"feilet"}', '{}', '[]', '{"type":"mottatt","extra":1}']) {
        const bad = await api(base, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        assert.equal(bad.status, 400, body);
        assert.equal(bad.json().error, 'BAD_REQUEST');
      }
      const broken = await api(base, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
      assert.equal(broken.status, 400);
      assert.equal(broken.json().error, 'BAD_REQUEST');
      for (const id of ['00000000-0000-0000-0000-000000000000', 'not-a-uuid', '..%2F..%2Fetc']) {
        const unknown = await api(`/api/v1/mottak/meldinger/${id}`, token);
        assert.equal(unknown.status, 404, id);
      }
      assert.equal((await api('/api/v1/mottak/meldinger?etter=abc', token)).status, 400);
      assert.equal((await api('/api/v1/mottak/meldinger?antall=1000', token)).status, 400);
      assert.equal((await statusOf(baerum.id)).status, 'SENDT_FAGSYSTEM', 'bad receipts change nothing');

      // The right receipt, twice: idempotent.
      const first = await api(base, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"mottatt"}' });
      const second = await api(base, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"mottatt"}' });
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.equal(second.json().status, 'LEVERT');
      const events = await db().selectFrom('report_status_events').select('cause').where('report_id', '=', baerum.id).where('cause', '=', 'mottatt').execute();
      assert.equal(events.length, 1, 'the second receipt records nothing new');
      // A contradicting receipt is refused.
      const contradiction = await api(base, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"feilet","melding":"for sent"}' });
      assert.equal(contradiction.status, 409);
    });

    test('a caseworker who downloads the report by hand from the inbox counts as delivered', async () => {
      const sent = await sendReport(2);
      await waitForStatus(sent.id, 'SENDT_FAGSYSTEM');
      const token = await clientFor(sent.orgnr).accessToken();
      const manual = await api(`/api/v1/mottak/meldinger/${sent.id}/kvittering`, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"mottatt","kanal":"manuell"}' });
      assert.equal(manual.status, 200);
      assert.equal(manual.json().status, 'LEVERT');
      const row = await statusOf(sent.id);
      assert.equal(row.delivery_channel, 'manuell');
      const list = (await api('/api/v1/mottak/meldinger', token)).json();
      assert.ok(!(list.meldinger as { id: string }[]).some((m) => m.id === sent.id), 'a delivered report is no longer waiting');
    });

    test('a receiver that answers "feilet" sends the report to print, once, and the print package opens for the provider', async () => {
      const sent = await sendReport(3);
      await waitForStatus(sent.id, 'SENDT_FAGSYSTEM');
      const client = clientFor(sent.orgnr);
      await client.answer(sent.id, { type: 'feilet', melding: 'Fagsystemet er nede for vedlikehold' });
      await client.answer(sent.id, { type: 'feilet', melding: 'Fagsystemet er nede for vedlikehold' });
      const delivered = await waitForStatus(sent.id, 'LEVERT');
      assert.equal(delivered.delivery_channel, 'print');
      const events = await db().selectFrom('report_status_events').select(['status', 'cause', 'detail']).where('report_id', '=', sent.id).orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.cause), ['innsendt', 'publisert', 'feilet', 'print-sendt', 'print-levert']);
      assert.equal(events[2]!.detail, 'Fagsystemet er nede for vedlikehold');

      const outbox = portal.app.config.print.outboxDir;
      const printed = readFileSync(join(outbox, `${sent.reference}.p7m`));
      const meta = JSON.parse(readFileSync(join(outbox, `${sent.reference}.json`), 'utf8')) as { recipient: { orgnr: string; postalAddress: string[] } };
      assert.equal(meta.recipient.orgnr, sent.orgnr);
      assert.ok(meta.recipient.postalAddress.length > 0);
      const pdf = await decryptEnvelopedData(
        printed,
        readFileSync(join(portal.dataDir, 'print-provider', 'key.pem'), 'utf8'),
        readFileSync(join(portal.dataDir, 'print-provider', 'certificate.pem'), 'utf8'),
      );
      assert.equal(Buffer.from(pdf.subarray(0, 5)).toString(), '%PDF-');
      assert.equal(readdirSync(outbox).filter((f) => f.startsWith(sent.reference)).length, 2, 'one package and its address sheet');
    });

    test('with the receiver silent, the report goes to print after two working days (controllable clock), and ciphertext is deleted 7 days after delivery', async () => {
      const sent = await sendReport(4);
      const published = await waitForStatus(sent.id, 'SENDT_FAGSYSTEM');
      const deadline = published.fagsystem_deadline_at!;
      const publishedAt = (await db().selectFrom('report_status_events').select('at').where('report_id', '=', sent.id).where('cause', '=', 'publisert').executeTakeFirstOrThrow()).at;
      assert.equal(deadline.getTime(), addWorkingDays(publishedAt, 2).getTime());

      clock.set(new Date(deadline.getTime() - 60_000));
      assert.equal((await sweepDeliveries(deps())).overdue, 0);
      assert.equal((await statusOf(sent.id)).status, 'SENDT_FAGSYSTEM', 'a minute before the deadline it still waits');

      clock.set(new Date(deadline.getTime() + 1000));
      const sweep = await sweepDeliveries(deps());
      assert.ok(sweep.overdue >= 1);
      const printed = await waitForStatus(sent.id, 'LEVERT');
      assert.equal(printed.delivery_channel, 'print');
      assert.ok(existsSync(join(portal.app.config.print.outboxDir, `${sent.reference}.p7m`)));
      const causes = (await db().selectFrom('report_status_events').select('cause').where('report_id', '=', sent.id).orderBy('id').execute()).map((e) => e.cause);
      assert.deepEqual(causes, ['innsendt', 'publisert', 'frist-utlopt', 'print-levert']);
      // A late receipt from the receiving system cannot undo the post.
      const late = await api(`/api/v1/mottak/meldinger/${sent.id}/kvittering`, await clientFor(sent.orgnr).accessToken(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"mottatt"}' });
      assert.equal(late.status, 409);
      assert.equal(late.json().error, 'CONFLICT');

      // Retention: the ciphertexts go after 7 days; the status and metadata stay.
      clock.set(new Date(clock.now().getTime() + 6 * DAY));
      await sweepDeliveries(deps());
      assert.ok((await statusOf(sent.id)).package, 'kept for 7 days');
      clock.set(new Date(clock.now().getTime() + 2 * DAY));
      await sweepDeliveries(deps());
      const purged = await statusOf(sent.id);
      assert.equal(purged.package, null);
      assert.ok(purged.packages_deleted_at);
      assert.equal(purged.status, 'LEVERT');
      const gone = await api(`/api/v1/mottak/meldinger/${sent.id}`, await clientFor(sent.orgnr).accessToken());
      assert.equal(gone.status, 404);
      clock.set(new Date());
    });

    test('the OpenAPI document lists every delivery route, each demanding a token, and the open statistics, which need none', async () => {
      const doc = (await api('/api/openapi.json', undefined)).json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      assert.deepEqual(documented.sort(), [
        'GET /api/v1/mottak/meldinger',
        'GET /api/v1/mottak/meldinger/{id}',
        'GET /api/v1/mottak/meldinger/{id}/status',
        'GET /api/v1/statistikk',
        'POST /api/v1/mottak/meldinger/{id}/kvittering',
        'POST /api/v1/mottak/meldinger/{id}/tilbakemelding',
        'PUT /api/v1/mottak/statistikk',
      ]);
      for (const route of documented) {
        const [method, path] = route.split(' ');
        const response = await api(path!.replace('{id}', '00000000-0000-0000-0000-000000000000'), undefined, { method });
        if (path === '/api/v1/statistikk') {
          assert.deepEqual(doc.paths[path]!.get!.security, [], 'documented as open');
          assert.equal(response.status, 200, `${route} answers without a token`);
        } else {
          assert.equal(response.status, 401, `${route} exists and answers 401 without a token`);
        }
      }
    });
  });
}
