// A caseworker's laptop is lost, or someone leaves the service: the leader must be able to end
// their sessions at once and keep them out, and a caseworker must be able to end a session they
// left open elsewhere. Each session is a real login through the caseworker IdP stand-in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpClient, csrfToken, mainText } from '../kit/http-client.ts';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { loginCaseworker, startTestMottak, type TestMottak } from '../kit/mottak.ts';
import { useNewVisitorAddress } from '../kit/portal-visitors.ts';

const WORKER = 'Sigrid Aune';
const LEADER = 'Magnus Rørvik';
const OTHER_SERVICE_LEADER = 'Tor Erik Lunde';

function browser(base: string, userAgent: string): HttpClient {
  const client = new HttpClient(base);
  const request = client.request.bind(client);
  client.request = (method, url, options = {}) => request(method, url, { ...options, headers: { 'user-agent': userAgent, ...(options.headers ?? {}) } });
  return client;
}

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

for (const database of testDatabases()) {
  describe(`caseworker sessions: ended by the caseworker, by a leader, and by deactivation (${database.name})`, () => {
    let portal: TestPortal;
    let mottak: TestMottak;
    before(async () => {
      portal = await startTestPortal(database, { DELIVERY_WORKERS: 'false' });
      mottak = await startTestMottak(database, portal, { MOTTAK_PULL: 'false' });
    });
    after(async () => {
      await mottak?.close();
      await portal?.close();
    });
    const inbox = async (client: HttpClient) => (await client.get('/innboks')).status;

    test('a caseworker sees their sessions with devices and ends the one left on another machine', async () => {
      await useNewVisitorAddress();
      const office = browser(mottak.url, FIREFOX_WINDOWS);
      const home = browser(mottak.url, CHROME_MAC);
      await loginCaseworker(office, WORKER);
      await loginCaseworker(home, WORKER);
      const page = await office.get('/okter');
      assert.equal(page.status, 200);
      const text = mainText(page.text);
      assert.match(text, /Firefox på Windows \(denne\)/);
      assert.match(text, /Chrome på macOS/);
      const homeHash = [...page.text.matchAll(/name="okt" value="([^"]+)"/g)].map((m) => m[1]);
      assert.equal(homeHash.length, 1, 'one end button: not for the session in use');
      const ended = await office.request('POST', '/okter/avslutt', { form: { _csrf: csrfToken(page.text), okt: homeHash[0]! } });
      assert.equal(ended.status, 303);
      assert.match(mainText((await office.follow(ended)).text), /1 økter ble avsluttet/);
      assert.equal(await inbox(home), 302, 'the other machine is logged out');
      assert.equal(await inbox(office), 200, 'this one is not');
    });

    test('a leader ends a caseworker’s sessions, then deactivates them: all sessions end and the login is refused', async () => {
      await useNewVisitorAddress();
      const worker = browser(mottak.url, FIREFOX_WINDOWS);
      await loginCaseworker(worker, WORKER);
      const leader = new HttpClient(mottak.url);
      await loginCaseworker(leader, LEADER);
      const list = await leader.get('/brukere');
      assert.equal(list.status, 200);
      const workerLink = new RegExp(`<a class="ds-link" href="(/brukere/[0-9a-f-]+)">${WORKER}</a>`).exec(list.text)?.[1];
      assert.ok(workerLink, 'the worker is listed');
      let person = await leader.get(workerLink);
      assert.match(mainText(person.text), /Firefox på Windows/);

      const deactivate = await leader.request('POST', `${workerLink}/deaktiver`, { form: { _csrf: csrfToken(person.text) } });
      assert.equal(deactivate.status, 303);
      person = await leader.follow(deactivate);
      assert.match(mainText(person.text), new RegExp(`${WORKER} er deaktivert, og alle øktene er avsluttet`));
      assert.equal(await inbox(worker), 302, 'the worker’s session ended at once');

      const again = new HttpClient(mottak.url);
      const refused = await loginCaseworker(again, WORKER);
      assert.equal(refused.status, 403);
      assert.match(mainText(refused.text), /Brukeren din er deaktivert/);
      assert.equal(await inbox(again), 302);

      const audit = await mottak.database.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'caseworker.deactivated').execute();
      assert.equal(audit.length, 1);

      const reactivate = await leader.request('POST', `${workerLink}/aktiver`, { form: { _csrf: csrfToken(person.text) } });
      assert.equal(reactivate.status, 303);
      await loginCaseworker(again, WORKER);
      assert.equal(await inbox(again), 200, 'reactivated, the worker logs in again');
    });

    test('a leader of another service finds no one of ours, and a caseworker without the role gets 403', async () => {
      await useNewVisitorAddress();
      const foreign = new HttpClient(mottak.url);
      await loginCaseworker(foreign, OTHER_SERVICE_LEADER);
      const ours = await mottak.database.db.selectFrom('caseworkers').select('id').where('name', '=', WORKER).executeTakeFirstOrThrow();
      assert.equal((await foreign.get(`/brukere/${ours.id}`)).status, 404);
      const list = await foreign.get('/brukere');
      assert.equal(mainText(list.text).includes(WORKER), false);
      const page = await foreign.get('/okter');
      const tried = await foreign.request('POST', `/brukere/${ours.id}/deaktiver`, { form: { _csrf: csrfToken(page.text) } });
      assert.equal(tried.status, 404);
      const row = await mottak.database.db.selectFrom('caseworkers').select('deactivated_at').where('id', '=', ours.id).executeTakeFirstOrThrow();
      assert.equal(row.deactivated_at, null);

      const worker = new HttpClient(mottak.url);
      await loginCaseworker(worker, WORKER);
      assert.equal((await worker.get('/brukere')).status, 403);
    });

    test('a leader cannot deactivate themselves', async () => {
      await useNewVisitorAddress();
      const leader = new HttpClient(mottak.url);
      await loginCaseworker(leader, LEADER);
      const self = await mottak.database.db.selectFrom('caseworkers').select('id').where('name', '=', LEADER).executeTakeFirstOrThrow();
      const page = await leader.get(`/brukere/${self.id}`);
      assert.match(mainText(page.text), /Du kan ikke deaktivere deg selv/);
      const tried = await leader.request('POST', `/brukere/${self.id}/deaktiver`, { form: { _csrf: csrfToken(page.text) } });
      assert.equal(tried.status, 409);
      assert.equal(await inbox(leader), 200);
    });
  });
}
