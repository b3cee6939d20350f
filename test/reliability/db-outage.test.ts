// The database goes away under a reporter who is sending and one who is half-way through the form
// (PostgreSQL behind a TCP proxy the test cuts, and every server-side session ended, as a restart
// does). Every answer meanwhile is a clear 503 in the app's format — the Norwegian error page or JSON
// {error: "UNAVAILABLE"} — quickly, with nothing internal in it; within five seconds of the database
// coming back the same "Send" goes through, and the receipted report reaches the receiver once.
// delivery-faults.test.ts covers the outbox and the delivery API through a restart; this covers what
// reporters and API clients are told, and how soon the portal serves again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { translator } from '../../src/web/i18n.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { postgresBehindProxy, type TcpProxy } from '../kit/tcp-proxy.ts';
import { assertNoLeak } from '../kit/portal-visitors.ts';
import { Browser, newMarker, newRunId, summaryCsrf, walkToSummaryWithMarker } from '../kit/loopback-browser.ts';
import { baerumOrgnr, CountingReceiver } from './counting-receiver.ts';
import { isClear503 } from './outage-load.ts';

const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const RECOVERY_BUDGET_MS = 5000;

describe('the database away and back (PostgreSQL)', { skip: adminUrl ? false : 'set TEST_DATABASE_URL to run against PostgreSQL' }, () => {
  let portal: TestPortal;
  let proxy: TcpProxy;
  let admin: pg.Client;
  let dbName: string;
  let drop: () => Promise<void>;
  const unhandled: string[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason instanceof Error ? reason.message : String(reason));

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    const behind = await postgresBehindProxy();
    proxy = behind.proxy;
    drop = behind.drop;
    dbName = behind.realUrl.pathname.slice(1);
    portal = await startTestPortal(behind.viaProxy);
    admin = new pg.Client({ connectionString: behind.realUrl.href });
    admin.on('error', () => {});
    await admin.connect();
  });

  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await portal?.close();
    await admin?.end().catch(() => {});
    await drop?.();
  });

  test('reporters and API clients get a clear 503 while it is away, and within 5 s of its return the same "Send" gives a receipt that is delivered', { timeout: 180_000 }, async () => {
    const run = newRunId();
    const sender = await Browser.open(portal.url);
    const halfway = await Browser.open(portal.url);
    const api = await Browser.open(portal.url);
    try {
      const marker = newMarker(run, 0, 0);
      const summary = await walkToSummaryWithMarker(sender, marker, 0);
      const csrf = summaryCsrf(summary);
      const stepPage = await halfway.getFollow('/meld/hvem');

      // The database restarts: connections cut, port refused, every backend ended.
      await proxy.close();
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);

      const t = translator();
      const answers = [
        { what: 'Send', path: '/meld/send', call: () => sender.request('POST', '/meld/send', { form: { _csrf: csrf } }) },
        { what: 'the summary page', path: '/meld/oppsummering', call: () => sender.get('/meld/oppsummering') },
        { what: 'a form step', path: '/meld/hvem', call: () => halfway.request('POST', '/meld/hvem', { form: { _csrf: summaryCsrf(stepPage), reporterType: 'private' } }) },
        { what: 'Mine meldinger', path: '/mine-meldinger', call: () => sender.get('/mine-meldinger') },
        { what: 'the registry API', path: '/api/v1/kommuner/3201/bydeler', call: () => api.get('/api/v1/kommuner/3201/bydeler') },
        { what: 'health', path: '/healthz', call: () => api.get('/healthz') },
      ];
      const refused: string[] = [];
      for (const { what, path, call } of answers) {
        const started = Date.now();
        const response = await call();
        const took = Date.now() - started;
        // A step that needs no database may still answer; what it must not do is fail unclearly.
        if (response.status < 400) continue;
        refused.push(what);
        assert.equal(response.status, 503, `${what}: 503, not ${response.status}`);
        assert.ok(isClear503(response, path), `${what}: the app's own 503, got ${response.headers.get('content-type')}: ${response.text.slice(0, 300)}`);
        assertNoLeak(response.text, what);
        assert.ok(took < 10_000, `${what} answered within 10 s (took ${took} ms)`);
        if (path === '/meld/send') assert.match(response.text, new RegExp(t('common.errors.unsavedInput').slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'a failed send says the answers are not lost');
      }
      // Everything here reads or writes the database; a 2xx would mean the outage was not real.
      assert.deepEqual(refused, answers.map((a) => a.what), 'each of them met the outage');
      const send = await sender.request('POST', '/meld/send', { form: { _csrf: csrf } });
      assert.equal(send.status, 503, 'Send is refused clearly while the database is away');
      assert.equal((await api.get('/healthz')).status, 503);
      await sleep(1000);

      // Back. The same form, re-sent as a browser user would, until it goes through.
      await proxy.open();
      const back = Date.now();
      let reference: string | undefined;
      let statuses: number[] = [];
      while (!reference && Date.now() - back < 30_000) {
        const again = await sender.request('POST', '/meld/send', { form: { _csrf: csrf } }).catch(() => undefined);
        statuses.push(again?.status ?? 0);
        reference = again?.status === 303 ? /\/meld\/kvittering\/(BM-[0-9A-Z-]+)$/.exec(again.location ?? '')?.[1] : undefined;
        if (!reference) await sleep(100);
      }
      const recovery = Date.now() - back;
      assert.ok(reference, `a receipt after the database came back (answers: ${statuses.join(', ')})`);
      assert.ok(recovery <= RECOVERY_BUDGET_MS, `receipt ${recovery} ms after the database came back (budget ${RECOVERY_BUDGET_MS} ms; answers: ${statuses.join(', ')})`);
      statuses = statuses.filter((s) => s !== 303 && s !== 503);
      assert.deepEqual(statuses, [], 'while recovering, only 503s');
      assert.equal((await api.get('/healthz')).status, 200);

      const receiver = new CountingReceiver(portal.dataDir, () => portal.url, baerumOrgnr());
      const end = Date.now() + 30_000;
      while (!receiver.timesReceived.has(reference) && Date.now() < end) {
        await receiver.pass().catch(() => undefined);
        if (!receiver.timesReceived.has(reference)) await sleep(500);
      }
      assert.equal(receiver.timesReceived.get(reference), 1, 'the receipted report reached the receiver once');
      assert.deepEqual(receiver.markers.get(reference), [marker], "and it is this reporter's report");
      assert.deepEqual(unhandled, [], 'no rejection went unhandled (fatal in the portal process)');
    } finally {
      await Promise.all([sender.close(), halfway.close(), api.close()]);
    }
  });
});
