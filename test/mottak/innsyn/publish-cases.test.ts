// Mottak's cases published to a real portal (decision 024): a case with the Nordmann family as
// parties and a decision exposed to the mother and Sara; the portal's pages follow every change after
// a publishing round (an exposure withdrawn from the mother is gone from her page, not from Sara's),
// a round with nothing changed sends nothing, and a replay rebuilds a portal that lost its copy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { startTestMottak, type TestMottak } from '../../kit/mottak.ts';
import { HttpClient, mainText } from '../../kit/http-client.ts';
import { FATHER, MOTHER, SARA } from '../../kit/innsyn-family.ts';
import { InnsynClient } from '../../../src/mottak/innsyn/innsyn-client.ts';
import { addDocument, addParty, loadCaseRecord, openCase, setExposure } from '../../../src/mottak/innsyn/case-store.ts';
import { publishChangedCases, replayService, type PublishingTenant } from '../../../src/mottak/innsyn/publish-cases.ts';

const execFileAsync = promisify(execFile);
const CASE_TITLE = 'Sak publisert av mottak';
const DECISION = 'Vedtak fra mottak om hjelpetiltak';

for (const database of testDatabases()) {
  describe(`mottak's cases at the portal (${database.name})`, () => {
    let portal: TestPortal;
    let mottak: TestMottak;
    let tenant: PublishingTenant;
    let client: InnsynClient;
    let caseId: string;
    let decisionId: string;
    const parties: Record<string, string> = {};

    before(async () => {
      portal = await startTestPortal(database);
      mottak = await startTestMottak(database, portal);
      const puller = mottak.pullers[0]!;
      tenant = { serviceId: puller.tenant.serviceId, orgnr: puller.tenant.orgnr };
      client = new InnsynClient({ portalUrl: portal.url, tokenIssuer: `${portal.url}/dev/maskinporten`, clientId: puller.tenant.clientId, integrationKeyPem: readFileSync(join(puller.tenant.dir, 'integration.key.pem'), 'utf8') });
      const db = mottak.database.db;
      const now = new Date();
      caseId = await openCase(db, { serviceId: tenant.serviceId, reportId: null, title: CASE_TITLE, caseworkerId: null, now });
      for (const [who, role, first] of [[MOTHER, 'MOR', 'Kari'], [FATHER, 'FAR', 'Ola'], [SARA, 'HOVEDPERSON', 'Sara']] as const) {
        parties[role] = await addParty(db, { serviceId: tenant.serviceId, caseId, role, fnr: who.fnr, firstName: first, lastName: 'Nordmann', now });
      }
      decisionId = await addDocument(db, {
        serviceId: tenant.serviceId,
        caseId,
        type: 'VEDTAK',
        title: DECISION,
        date: now,
        appealDeadline: new Date(now.getTime() + 21 * 86_400_000),
        exposedTo: [parties.MOR!, parties.HOVEDPERSON!],
        caseworkerId: null,
        now,
      });
    });
    after(async () => {
      await mottak?.close();
      await portal?.close();
    });

    const pageOf = async (who: { index: number }) => {
      const visitor = new HttpClient(portal.url);
      const list = await visitor.login('/min-sak', who.index);
      const link = new RegExp(`href="(/min-sak/[0-9a-f-]+)"[^>]*>${CASE_TITLE}<`).exec(list.text)?.[1];
      return link ? mainText((await visitor.get(link)).text) : '';
    };

    test('published, each party sees their own; a withdrawn exposure goes at the next round; nothing changed sends nothing', async () => {
      assert.deepEqual(await publishChangedCases(mottak.database.db, tenant, client), { published: 1 });
      assert.ok((await pageOf(MOTHER)).includes(DECISION));
      const father = await pageOf(FATHER);
      assert.ok(father.includes(CASE_TITLE) && !father.includes(DECISION));

      await setExposure(mottak.database.db, { serviceId: tenant.serviceId, caseId, documentId: decisionId, partyId: parties.MOR!, exposed: false, caseworkerId: null, now: new Date() });
      assert.deepEqual(await publishChangedCases(mottak.database.db, tenant, client), { published: 1 });
      assert.ok(!(await pageOf(MOTHER)).includes(DECISION), 'withdrawn from the mother');
      assert.ok((await pageOf(SARA)).includes(DECISION), 'still Sara’s');
      assert.deepEqual(await publishChangedCases(mottak.database.db, tenant, client), { published: 0 });
    });

    test('mottak’s own pull loop publishes a new case on its next pass', async () => {
      const db = mottak.database.db;
      const now = new Date();
      const second = await openCase(db, { serviceId: tenant.serviceId, reportId: null, title: 'Sak nummer to', caseworkerId: null, now });
      await addParty(db, { serviceId: tenant.serviceId, caseId: second, role: 'HOVEDPERSON', fnr: SARA.fnr, firstName: 'Sara', lastName: 'Nordmann', now });
      await mottak.pullNow();
      const visitor = new HttpClient(portal.url);
      const list = await visitor.login('/min-sak', SARA.index);
      assert.ok(list.text.includes(`href="/min-sak/${second}"`), 'the new case is on Sara’s list');
      assert.deepEqual(await publishChangedCases(db, tenant, client), { published: 0 }, 'and marked published');
      // The rest of this suite counts one case.
      await db.deleteFrom('cases').where('id', '=', second).execute();
      await client.withdraw([second]);
    });

    test('a replay rebuilds a portal that lost its copy', async () => {
      await portal.database.db.deleteFrom('innsyn_items').execute();
      assert.equal(await pageOf(SARA), '');
      const replayed = await replayService(mottak.database.db, tenant, client);
      assert.deepEqual([replayed.cases, replayed.indexed], [1, 4]);
      assert.ok((await pageOf(SARA)).includes(DECISION));
      assert.ok((await pageOf(MOTHER)).includes(CASE_TITLE));
    });

    test('the operator’s command replays a service, and refuses one it does not know', { skip: database.name === 'pglite' ? 'the embedded database is held by the running mottak' : false }, async () => {
      const run = (args: string[]) =>
        execFileAsync(process.execPath, ['--import', 'tsx', 'src/mottak/cli.ts', ...args], {
          env: { ...process.env, NODE_ENV: 'test', MOTTAK_DATABASE_URL: mottak.databaseUrl!, MOTTAK_DATA_DIR: mottak.dataDir, DATA_DIR: portal.dataDir, PORTAL_URL: portal.url },
        }).then(
          (r) => ({ code: 0, out: r.stdout + r.stderr }),
          (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
        );
      await portal.database.db.deleteFrom('innsyn_items').execute();
      const done = await run(['innsyn-replay', '--service', tenant.orgnr]);
      assert.equal(done.code, 0, done.out);
      assert.match(done.out, new RegExp(`${tenant.orgnr}: 1 saker, 4 elementer indeksert`));
      assert.ok((await pageOf(SARA)).includes(DECISION));
      const unknown = await run(['innsyn-replay', '--service', '999999999']);
      assert.equal(unknown.code, 1);
      assert.match(unknown.out, /Fant ingen tjeneste/);
      assert.equal((await run(['innsyn-replay'])).code, 2);
    });

    test('another service neither loads nor exposes this case', async () => {
      const other = '00000000-0000-4000-8000-000000000000';
      assert.equal(await loadCaseRecord(mottak.database.db, { serviceId: other, orgnr: '999999999', caseId }), undefined);
      await assert.rejects(setExposure(mottak.database.db, { serviceId: other, caseId, documentId: decisionId, partyId: parties.FAR!, exposed: true, caseworkerId: null, now: new Date() }), RangeError);
    });
  });
}
