import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { HttpClient } from '../../kit/http-client.ts';
import { CANARY, walkPrivateJourneyToSummary } from '../../kit/journey.ts';
import { grepTree } from '../../kit/grep-tree.ts';
import { validateFiksDocument } from '../../../src/domain/fiks/validate-fiks.ts';


for (const database of testDatabases()) {
  describe(`a private person reports a concern (${database.name})`, () => {
    let portal: TestPortal;
    before(async () => {
      portal = await startTestPortal(database);
    });
    after(async () => {
      await portal?.close();
    });

    test('sends a report for a neighbour child in Bærum, gets a receipt and a PDF, and only Bærum can read it', async () => {
      const client = new HttpClient(portal.url);
      // Page titles name the page, then the service; the front page names the service once.
      assert.match((await client.get('/')).text, /<title>Meld bekymring for et barn<\/title>/);
      const summary = await walkPrivateJourneyToSummary(client);
      assert.match(summary.text, /<title>[^<–]+ – Meld bekymring for et barn<\/title>/);
      assert.match(summary.text, /Ola Åsheim/);
      assert.match(summary.text, /Barneverntjenesten i Bærum/);

      const receipt = await client.submit(summary, '/meld/send', {});
      assert.equal(receipt.status, 200);
      const reference = /BM-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(receipt.text)?.[0];
      assert.ok(reference, 'receipt shows a reference');
      assert.match(receipt.text, /innen en uke/);

      const pdf = await client.get(`/meld/kvittering/${reference}/melding.pdf`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(pdf.body.subarray(0, 5).toString(), '%PDF-');

      const row = await portal.database.db.selectFrom('reports').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
      assert.equal(row.kommunenummer, '3201');
      assert.equal(row.reporter_type, 'private');
      assert.equal(row.message_type, 'no.ks.fiks.bekymringsmelding.privat.v2');
      assert.ok(row.package && row.package.length > 1000);
      assert.equal(row.package.includes(Buffer.from(CANARY)), false, 'the stored package is ciphertext');
      const drafts = await portal.database.db.selectFrom('drafts').selectAll().execute();
      assert.equal(drafts.length, 0, 'the draft is deleted at submit');

      // The receiving side (only) opens it with openssl and finds a schema-valid Fiks document.
      const orgnr = (await portal.database.db.selectFrom('services').select('orgnr').where('id', '=', row.service_id).executeTakeFirstOrThrow()).orgnr;
      const receiverDir = join(portal.dataDir, 'receivers', orgnr);
      const keyFile = readdirSync(receiverDir).find((f) => f.endsWith('.key.pem'))!;
      const cmsFile = join(portal.dataDir, 'package.cms');
      writeFileSync(cmsFile, row.package);
      const zip = execFileSync('openssl', ['cms', '-decrypt', '-inform', 'DER', '-in', cmsFile, '-inkey', join(receiverDir, keyFile), '-binary']);
      const files = unzipSync(new Uint8Array(zip));
      assert.equal(strFromU8(files.mimetype!), 'application/vnd.etsi.asic-e+zip');
      const fiks = JSON.parse(strFromU8(files['bekymringsmelding.json']!));
      assert.deepEqual(validateFiksDocument('no.ks.fiks.bekymringsmelding.privat.v2', fiks), { valid: true });
      assert.equal(fiks.kommunenummer, '3201');
      assert.equal(fiks.privatBarn[0].personnavn, 'Ola Åsheim');
      assert.match(fiks.melding, new RegExp(CANARY));
      assert.equal(strFromU8(files['bekymringsmelding.pdf']!.subarray(0, 5)), '%PDF-');

      // No plaintext of the report anywhere under the portal's data directory (the receivers'
      // folder holds only the demo services' keys, which the receiving side owns).
      assert.deepEqual(grepTree(portal.dataDir, Buffer.from(CANARY)), []);
      assert.deepEqual(grepTree(portal.dataDir, Buffer.from('Ola Åsheim')), []);
    });

    test('a double click on "Send" gives one report and the same receipt twice', async () => {
      const client = new HttpClient(portal.url);
      const summary = await walkPrivateJourneyToSummary(client, { personIndex: 1 });
      const csrf = /name="_csrf" value="([^"]*)"/.exec(summary.text)![1]!;
      const before = await portal.database.db.selectFrom('reports').select('id').execute();
      const [a, b] = await Promise.all([
        client.request('POST', '/meld/send', { form: { _csrf: csrf } }),
        client.request('POST', '/meld/send', { form: { _csrf: csrf } }),
      ]);
      assert.equal(a.status, 303);
      assert.equal(b.status, 303);
      assert.equal(a.location, b.location);
      const afterRows = await portal.database.db.selectFrom('reports').select('id').execute();
      assert.equal(afterRows.length, before.length + 1);
      // The back button and a third try land on the same receipt.
      const again = await client.request('POST', '/meld/send', { form: { _csrf: csrf } });
      assert.equal(again.location, a.location);
      const back = await client.get('/meld/oppsummering');
      assert.equal(back.location, a.location);
    });

    test('another person cannot open someone else\'s receipt', async () => {
      const owner = new HttpClient(portal.url);
      const summary = await walkPrivateJourneyToSummary(owner, { personIndex: 2 });
      const receipt = await owner.submit(summary, '/meld/send', {});
      const reference = /BM-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(receipt.text)![0];
      const stranger = new HttpClient(portal.url);
      await stranger.login('/', 3);
      assert.equal((await stranger.get(`/meld/kvittering/${reference}`)).status, 404);
      assert.equal((await stranger.get(`/meld/kvittering/${reference}/melding.pdf`)).status, 404);
    });
  });
}
