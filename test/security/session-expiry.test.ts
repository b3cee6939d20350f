// A session the server does not end lives as long as someone replays its cookie. These tests move
// the apps' clock (injected) instead of waiting: idle for more than 30 minutes, or older than the
// absolute lifetime (reporter 8 h, caseworker 10 h) however busy, and the cookie reaches nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/clock.ts';
import { HttpClient, csrfToken } from '../kit/http-client.ts';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { loginCaseworker, startTestMottak, type TestMottak } from '../kit/mottak.ts';
import { useNewVisitorAddress } from '../kit/portal-visitors.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

for (const database of testDatabases()) {
  describe(`sessions end on the server after idle and absolute time (${database.name})`, () => {
    const clock = new ManualClock(new Date('2026-12-07T08:00:00Z'));
    let portal: TestPortal;
    let mottak: TestMottak;
    const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

    before(async () => {
      portal = await startTestPortal(database, { DELIVERY_WORKERS: 'false' }, { clock });
      mottak = await startTestMottak(database, portal, { MOTTAK_PULL: 'false' }, { clock });
    });
    after(async () => {
      await mottak?.close();
      await portal?.close();
    });

    const reporterIn = async (client: HttpClient) => (await client.get('/mine-meldinger')).status === 200;
    const caseworkerIn = async (client: HttpClient) => (await client.get('/innboks')).status === 200;

    test('a reporter idle for 31 minutes is logged out; 29 minutes is not', async () => {
      await useNewVisitorAddress();
      const client = new HttpClient(portal.url);
      await client.login('/mine-meldinger', 1);
      assert.ok(await reporterIn(client));
      advance(29 * MINUTE);
      assert.ok(await reporterIn(client), 'within the idle time');
      advance(31 * MINUTE);
      const page = await client.get('/mine-meldinger');
      assert.equal(page.status, 302);
      assert.match(page.location ?? '', /^\/auth\/login\?returnTo=/);
      advance(-31 * MINUTE);
      assert.equal(await reporterIn(client), false, 'ended, not only hidden: turning the clock back does not bring it back');
    });

    test('"Forleng" on the timeout warning keeps the reporter logged in', async () => {
      await useNewVisitorAddress();
      const client = new HttpClient(portal.url);
      await client.login('/mine-meldinger', 2);
      for (let i = 0; i < 3; i++) {
        advance(25 * MINUTE);
        const page = await client.get('/mine-meldinger');
        assert.equal(page.status, 200);
        assert.equal((await client.request('POST', '/meld/forleng', { form: { _csrf: csrfToken(page.text) } })).status, 303);
      }
      assert.ok(await reporterIn(client), '75 minutes after login, never 30 idle');
    });

    test('a busy reporter is logged out 8 hours after login', async () => {
      await useNewVisitorAddress();
      const client = new HttpClient(portal.url);
      await client.login('/mine-meldinger', 3);
      for (let elapsed = 0; elapsed < 8 * HOUR - 20 * MINUTE; elapsed += 20 * MINUTE) {
        advance(20 * MINUTE);
        assert.ok(await reporterIn(client), `still in after ${(elapsed + 20 * MINUTE) / MINUTE} minutes`);
      }
      advance(25 * MINUTE);
      assert.equal(await reporterIn(client), false, 'out after 8 hours however active');
    });

    test('a caseworker idle for 31 minutes is logged out, and a busy one after 10 hours', async () => {
      await useNewVisitorAddress();
      const idle = new HttpClient(mottak.url);
      await loginCaseworker(idle, 'Sigrid Aune');
      assert.ok(await caseworkerIn(idle));
      advance(31 * MINUTE);
      const page = await idle.get('/innboks');
      assert.equal(page.status, 302);
      assert.match(page.location ?? '', /^\/innlogging\?returnTo=/);

      const busy = new HttpClient(mottak.url);
      await loginCaseworker(busy, 'Magnus Rørvik');
      for (let elapsed = 0; elapsed < 10 * HOUR - 20 * MINUTE; elapsed += 20 * MINUTE) {
        advance(20 * MINUTE);
        assert.ok(await caseworkerIn(busy), `still in after ${(elapsed + 20 * MINUTE) / MINUTE} minutes`);
      }
      advance(25 * MINUTE);
      assert.equal(await caseworkerIn(busy), false, 'out after 10 hours however active');
    });
  });
}
