// Certificates of receiving services: operators register and compare them; new packages use the
// newest valid one; with none valid the reporter's draft waits and nothing is sent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { decryptEnvelopedData, generateServiceCredentials } from '../../../src/crypto/index.ts';
import { listServiceCertificates, registerCertificate, RegisterCertificateError } from '../../../src/portal/registry/certificates-admin.ts';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { HttpClient } from '../../kit/http-client.ts';
import { walkPrivateJourneyToSummary } from '../../kit/journey.ts';
import { OpensslWorkspace } from '../../kit/openssl.ts';
import { referenceIn } from '../../kit/portal-visitors.ts';

const execFileAsync = promisify(execFile);
const DAY = 24 * 60 * 60 * 1000;

for (const database of testDatabases()) {
  describe(`service certificates (${database.name})`, () => {
    let portal: TestPortal;
    let baerum: { id: string; orgnr: string };

    before(async () => {
      portal = await startTestPortal(database, { DELIVERY_WORKERS: 'false' });
      baerum = await portal.database.db
        .selectFrom('services')
        .innerJoin('districts', 'districts.service_id', 'services.id')
        .select(['services.id', 'services.orgnr'])
        .where('districts.kommunenummer', '=', '3201')
        .executeTakeFirstOrThrow();
    });
    after(async () => {
      await portal?.close();
    });

    test('an operator is refused expired, not-yet-valid, foreign and duplicate certificates with a clear reason', async () => {
      const db = portal.database.db;
      const now = new Date();
      const expired = await generateServiceCredentials({ commonName: 'Gammel', organizationName: 'Bærum', orgnr: baerum.orgnr, notBefore: new Date(now.getTime() - 10 * DAY), validDays: 2 });
      const future = await generateServiceCredentials({ commonName: 'Fremtidig', organizationName: 'Bærum', orgnr: baerum.orgnr, notBefore: new Date(now.getTime() + 5 * DAY) });
      const signing = await generateServiceCredentials({ commonName: 'Signering', organizationName: 'Bærum', orgnr: baerum.orgnr, usage: 'signing' });
      const cases: [string, string, string][] = [
        [baerum.orgnr, expired.certificatePem, 'EXPIRED'],
        [baerum.orgnr, future.certificatePem, 'NOT_YET_VALID'],
        [baerum.orgnr, signing.certificatePem, 'NOT_FOR_ENCRYPTION'],
        [baerum.orgnr, 'not a certificate', 'INVALID_CERTIFICATE'],
        ['999999999', future.certificatePem, 'UNKNOWN_SERVICE'],
      ];
      for (const [orgnr, pem, code] of cases) {
        await assert.rejects(registerCertificate(db, orgnr, pem, now), (error: unknown) => error instanceof RegisterCertificateError && error.code === code && error.message.length > 20, code);
      }
      const [listed] = await listServiceCertificates(db, now, baerum.orgnr);
      const inUse = listed!.certificates.find((c) => c.state === 'in-use')!;
      await assert.rejects(
        registerCertificate(db, baerum.orgnr, (await db.selectFrom('service_certificates').select('certificate_pem').where('fingerprint_sha256', '=', inUse.fingerprintSha256).executeTakeFirstOrThrow()).certificate_pem, now),
        (error: unknown) => error instanceof RegisterCertificateError && error.code === 'ALREADY_REGISTERED',
      );
      assert.equal(listed!.certificates.length, 1, 'nothing refused was stored');
    });

    test('a rotated certificate is used for the next report, and its fingerprint is the one openssl prints', async () => {
      const db = portal.database.db;
      const fresh = await generateServiceCredentials({ commonName: 'Bærum ny', organizationName: 'Bærum', orgnr: baerum.orgnr });
      const added = await registerCertificate(db, baerum.orgnr, fresh.certificatePem, new Date());
      const ws = new OpensslWorkspace();
      try {
        ws.write('cert.pem', fresh.certificatePem);
        assert.equal(ws.text(['x509', '-in', 'cert.pem', '-noout', '-fingerprint', '-sha256']).trim().split('=')[1], added.fingerprintSha256);
      } finally {
        ws.dispose();
      }
      const [listed] = await listServiceCertificates(db, new Date(), baerum.orgnr);
      assert.equal(listed!.certificates.find((c) => c.state === 'in-use')!.fingerprintSha256, fresh.fingerprintSha256);
      assert.ok(listed!.certificates.some((c) => c.state === 'valid'), 'the older certificate stays listed, no longer in use');

      const client = new HttpClient(portal.url);
      const receipt = await client.submit(await walkPrivateJourneyToSummary(client), '/meld/send', {});
      const row = await db.selectFrom('reports').select('package').where('reference', '=', referenceIn(receipt.text)).executeTakeFirstOrThrow();
      const zip = await decryptEnvelopedData(row.package!, fresh.privateKeyPem, fresh.certificatePem);
      assert.equal(Buffer.from(zip.subarray(30, 38)).toString(), 'mimetype');
    });

    test('with no valid certificate the report is not sent: the reporter is told, the draft waits, and it goes once one is registered', async () => {
      const db = portal.database.db;
      await sql`update service_certificates set not_after = now() - interval '1 day', not_before = now() - interval '30 days' where service_id = ${baerum.id}`.execute(db);
      const before = (await db.selectFrom('reports').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
      const client = new HttpClient(portal.url);
      const summary = await walkPrivateJourneyToSummary(client, { personIndex: 1 });
      const refused = await client.submit(summary, '/meld/send', {});
      assert.equal(refused.status, 503);
      assert.match(refused.text, /Vi kan ikke sende meldingen akkurat nå/);
      assert.match(refused.text, /Svarene dine er lagret i 24 timer/);
      assert.match(refused.text, /href="tel:/, 'the service can be called instead');
      assert.equal((await db.selectFrom('reports').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n, before, 'no report was stored');
      const stillThere = await client.get('/meld/oppsummering');
      assert.equal(stillThere.status, 200, 'the draft is kept');

      const [listed] = await listServiceCertificates(db, new Date(), baerum.orgnr);
      assert.ok(listed!.certificates.every((c) => c.state === 'expired'));

      const fresh = await generateServiceCredentials({ commonName: 'Bærum', organizationName: 'Bærum', orgnr: baerum.orgnr });
      await registerCertificate(db, baerum.orgnr, fresh.certificatePem, new Date());
      const receipt = await client.submit(stillThere, '/meld/send', {});
      assert.equal(receipt.status, 200);
      const row = await db.selectFrom('reports').select('package').where('reference', '=', referenceIn(receipt.text)).executeTakeFirstOrThrow();
      await decryptEnvelopedData(row.package!, fresh.privateKeyPem, fresh.certificatePem);
    });

    if (database.name === 'postgres') {
      test('the operator CLI lists fingerprints and refuses an expired certificate with a reason', async () => {
        const env = { ...process.env, DATA_DIR: portal.dataDir, DATABASE_URL: portal.app.config.databaseUrl!, NODE_ENV: 'test' };
        const cwd = join(import.meta.dirname, '../../..');
        const cli = (args: string[]) => execFileAsync(process.execPath, ['--import', 'tsx', 'src/portal/operator/cli.ts', ...args], { cwd, env, timeout: 60_000 });
        const { stdout } = await cli(['certificates', '--service', baerum.orgnr]);
        assert.match(stdout, new RegExp(`${baerum.orgnr}\\s+Barneverntjenesten i Bærum`));
        assert.match(stdout, /I BRUK\s+\S+ – \S+\s+SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
        const expired = await generateServiceCredentials({ commonName: 'Gammel', organizationName: 'Bærum', orgnr: baerum.orgnr, notBefore: new Date(Date.now() - 10 * DAY), validDays: 2 });
        const file = join(portal.dataDir, 'expired.pem');
        writeFileSync(file, expired.certificatePem);
        await assert.rejects(cli(['add-certificate', '--service', baerum.orgnr, '--file', file]), (error: { code?: number; stderr?: string }) => error.code === 1 && /Avvist \(EXPIRED\): Sertifikatet er utløpt/.test(error.stderr ?? ''));
      });
    }
  });
}
