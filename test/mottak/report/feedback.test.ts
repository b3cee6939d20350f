// Feedback from mottak to the reporter through the portal: a teacher's report is received, the
// caseworker confirms receipt, concludes with an investigation and later ends it with measures; the
// teacher reads each standard text on Mine meldinger. A portal that is away leaves the feedback due.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { startTestMottak, loginCaseworker, type TestMottak } from '../../kit/mottak.ts';
import { HttpClient, csrfToken } from '../../kit/http-client.ts';
import { TcpProxy } from '../../kit/tcp-proxy.ts';
import { referenceIn, walkProfessionalJourneyToSummary } from '../../kit/portal-visitors.ts';
import { waitFor } from '../../kit/wait.ts';

for (const database of testDatabases()) {
  describe(`feedback from mottak (${database.name})`, () => {
    let portal: TestPortal;
    let mottak: TestMottak;
    let proxy: TcpProxy;
    let report: { id: string; reference: string };
    let teacher: HttpClient;

    before(async () => {
      portal = await startTestPortal(database);
      proxy = new TcpProxy('127.0.0.1', Number(new URL(portal.url).port));
      await proxy.open();
      mottak = await startTestMottak(database, portal, { PORTAL_URL: `http://localhost:${proxy.port}`, MASKINPORTEN_ISSUER: new URL('/dev/maskinporten', portal.url).href });
      teacher = new HttpClient(portal.url);
      const client = teacher;
      const summary = await walkProfessionalJourneyToSummary(client, { grounds: ['mistreatedAtHome'], kommune: '7011', personIndex: 2 });
      const receipt = await client.submit(summary, '/meld/send', {});
      const reference = referenceIn(receipt.text);
      const row = await portal.database.db.selectFrom('reports').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
      report = { id: row.id, reference };
      await waitFor('report in mottak', () => mottak.database.db.selectFrom('reports').select('id').where('id', '=', report.id).executeTakeFirst());
      await waitFor('delivered', async () => ((await portal.database.db.selectFrom('reports').select('status').where('id', '=', report.id).executeTakeFirstOrThrow()).status === 'LEVERT' ? true : undefined));
    });
    after(async () => {
      await mottak?.close();
      await proxy?.close();
      await portal?.close();
    });

    const due = () => mottak.database.db.selectFrom('report_feedback').select(['type', 'sent_at']).where('report_id', '=', report.id).orderBy('type').execute();

    async function send(client: HttpClient, type: string) {
      const page = await client.get(`/meldinger/${report.id}`);
      return client.request('POST', `/meldinger/${report.id}/tilbakemelding`, { form: { _csrf: csrfToken(page.text), type } });
    }

    test('with the portal away, sending feedback says so and leaves it due', async () => {
      const caseworker = new HttpClient(mottak.url);
      await loginCaseworker(caseworker, 'Sigrid Aune');
      await proxy.close();
      const response = await send(caseworker, 'mottatt');
      await proxy.open();
      assert.equal(response.status, 503);
      assert.match(response.text, /Meldeportalen ikke svarer/);
      assert.deepEqual(await due(), [{ type: 'mottatt', sent_at: null }]);
    });

    test('the caseworker confirms receipt, opens and ends an investigation; the teacher reads each step', async () => {
      const caseworker = new HttpClient(mottak.url);
      await loginCaseworker(caseworker, 'Sigrid Aune');
      const page = await caseworker.get(`/meldinger/${report.id}`);
      assert.match(page.text, /har bekreftet at de har mottatt meldingen din/, 'the caseworker sees the text the reporter will get');
      const sent = await send(caseworker, 'mottatt');
      assert.equal(sent.status, 200);
      assert.match(sent.text, /Tilbakemeldingen er sendt/);

      const form = await caseworker.get(`/meldinger/${report.id}/konklusjon`);
      await caseworker.submit(form, `/meldinger/${report.id}/konklusjon`, { conclusionCode: '2', reason: '', reporterCode: '11', contentCodes: ['2.4.05'] });
      assert.deepEqual((await due()).map((f) => f.type), ['mottatt', 'undersokelse-apnet']);
      assert.equal((await send(caseworker, 'undersokelse-apnet')).status, 200);

      const ended = await caseworker.get(`/meldinger/${report.id}`);
      await caseworker.submit(ended, `/meldinger/${report.id}/undersokelse/avslutt`, { outcome: 'tiltak' });
      assert.equal((await send(caseworker, 'undersokelse-tiltak')).status, 200);
      assert.ok((await due()).every((f) => f.sent_at !== null));

      const portalRows = await portal.database.db.selectFrom('report_feedback').select('type').where('report_id', '=', report.id).orderBy('registered_at').execute();
      assert.deepEqual(portalRows.map((r) => r.type), ['mottatt', 'undersokelse-apnet', 'undersokelse-tiltak']);
      const mine = await teacher.get('/mine-meldinger');
      assert.equal(mine.status, 200);
      assert.match(mine.text, /har bekreftet at de har mottatt meldingen din/);
      assert.match(mine.text, /har startet en undersøkelse/);
      assert.match(mine.text, /følger opp saken videre med tiltak/);

      const actions = await mottak.database.db.selectFrom('audit_log').select('action').where('report_id', '=', report.id).where('action', '=', 'feedback.sent').execute();
      assert.equal(actions.length, 3);
    });
  });
}
