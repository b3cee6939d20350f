// Mottak when things go wrong: a package it cannot decrypt or whose signer it does not trust is
// kept for inspection and answered `feilet` (the portal falls back to post); the portal's API being
// away makes mottak retry, and nothing is lost or stored twice when it comes back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { startTestMottak, type TestMottak } from '../../kit/mottak.ts';
import { TcpProxy } from '../../kit/tcp-proxy.ts';
import { sendPrivateReport } from '../../kit/portal-visitors.ts';
import { waitFor } from '../../kit/wait.ts';

const TRONDHEIM_POSTCODE = '7011';
const BERGEN_POSTCODE = '5003';

for (const database of testDatabases()) {
  describe(`mottak faults (${database.name})`, () => {
    let portal: TestPortal;
    const cleanups: (() => Promise<void> | void)[] = [];

    before(async () => {
      portal = await startTestPortal(database);
    });
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
      await portal?.close();
    });

    function portalStatus(id: string) {
      return portal.database.db.selectFrom('reports').select(['status', 'delivery_channel']).where('id', '=', id).executeTakeFirstOrThrow();
    }

    test('a package mottak cannot decrypt is kept, answered feilet with the reason, and goes to post', async () => {
      // Trondheim's folder gets Bergen's decryption keys: its integration key still works, its packages cannot be opened.
      const keysDir = mkdtempSync(join(tmpdir(), 'mottak-keys-'));
      cleanups.push(() => rmSync(keysDir, { recursive: true, force: true }));
      cpSync(join(portal.dataDir, 'receivers'), keysDir, { recursive: true });
      const report = await sendPrivateReport(portal, { municipality: TRONDHEIM_POSTCODE });
      const bergen = readdirSync(keysDir).find((d) => d !== report.orgnr && d.startsWith('99900171'))!;
      const trondheimDir = join(keysDir, report.orgnr);
      for (const f of readdirSync(trondheimDir)) if (/\.(key|cert)\.pem$/.test(f) && !f.startsWith('integration')) rmSync(join(trondheimDir, f));
      for (const f of readdirSync(join(keysDir, bergen))) if (/\.(key|cert)\.pem$/.test(f) && !f.startsWith('integration')) copyFileSync(join(keysDir, bergen, f), join(trondheimDir, f));

      const mottak = await startTestMottak(database, portal, { MOTTAK_KEYS_DIR: keysDir });
      cleanups.push(() => mottak.close());
      const refused = await waitFor('refused package', () => mottak.database.db.selectFrom('refused_packages').selectAll().where('id', '=', report.id).executeTakeFirst());
      assert.equal(refused.reference, report.reference);
      assert.match(refused.reason, /dekryptere/);
      assert.ok(refused.ciphertext.length > 1000, 'the ciphertext is kept for inspection');
      const stored = await mottak.database.db.selectFrom('reports').select('id').where('id', '=', report.id).executeTakeFirst();
      assert.equal(stored, undefined);
      const status = await waitFor('portal falls back', async () => {
        const row = await portalStatus(report.id);
        return row.status !== 'SENDT_FAGSYSTEM' ? row : undefined;
      });
      // Refused, then on to print; the print provider may already have taken it (LEVERT by post).
      assert.ok(['AVVIST_FAGSYSTEM', 'SENDT_PRINT'].includes(status.status) || (status.status === 'LEVERT' && status.delivery_channel === 'print'), `${status.status} ${status.delivery_channel}`);
      const event = await portal.database.db.selectFrom('report_status_events').select(['cause', 'detail']).where('report_id', '=', report.id).where('status', '=', 'AVVIST_FAGSYSTEM').executeTakeFirstOrThrow();
      assert.match(event.detail ?? '', /dekryptere/);
      const audit = await mottak.database.db.selectFrom('audit_log').select('action').where('action', '=', 'package.refused').execute();
      assert.equal(audit.length, 1);
      await mottak.close();
      cleanups.pop();
    });

    test('a package signed by someone mottak does not trust is refused', async () => {
      const untrusted = join(portal.dataDir, 'receivers', readdirSync(join(portal.dataDir, 'receivers'))[0]!);
      const cert = readdirSync(untrusted).find((f) => f.endsWith('.cert.pem'))!;
      const report = await sendPrivateReport(portal, { municipality: BERGEN_POSTCODE });
      const mottak = await startTestMottak(database, portal, { PORTAL_SIGNING_CERTIFICATE_FILE: join(untrusted, cert) });
      cleanups.push(() => mottak.close());
      const refused = await waitFor('refused package', () => mottak.database.db.selectFrom('refused_packages').select('reason').where('id', '=', report.id).executeTakeFirst());
      assert.match(refused.reason, /verifiseres/);
      await mottak.close();
      cleanups.pop();
    });

    test('with the portal away, mottak keeps trying; when it is back the report arrives once', async () => {
      const proxy = new TcpProxy('127.0.0.1', Number(new URL(portal.url).port));
      await proxy.open();
      cleanups.push(() => proxy.close());
      const mottak = await startTestMottak(database, portal, {
        PORTAL_URL: `http://localhost:${proxy.port}`,
        // The token comes from the portal's own issuer (its audience must match); the API goes through the proxy.
        MASKINPORTEN_ISSUER: new URL('/dev/maskinporten', portal.url).href,
      });
      cleanups.push(() => mottak.close());
      await proxy.close();
      const report = await sendPrivateReport(portal, { municipality: TRONDHEIM_POSTCODE });
      await mottak.pullNow();
      assert.equal(await mottak.database.db.selectFrom('reports').select('id').where('id', '=', report.id).executeTakeFirst(), undefined);
      assert.notEqual((await portalStatus(report.id)).status, 'LEVERT');
      await proxy.open();
      await mottak.pullNow();
      await waitFor('report arrives', () => mottak.database.db.selectFrom('reports').select('id').where('id', '=', report.id).executeTakeFirst());
      await mottak.pullNow();
      const rows = await mottak.database.db.selectFrom('reports').select('id').where('reference', '=', report.reference).execute();
      assert.equal(rows.length, 1);
      const received = await mottak.database.db.selectFrom('audit_log').select('seq').where('report_id', '=', report.id).where('action', '=', 'report.received').execute();
      assert.equal(received.length, 1);
      assert.equal((await portalStatus(report.id)).status, 'LEVERT');
    });
  });
}
