// /healthz says whether the portal can serve, and a database outage gives a calm Norwegian 503 page
// (JSON under /api), never a stack trace. On PostgreSQL the portal talks to the database through a
// TCP proxy owned by the test, so "the database goes down" is a real closed port or a silent server,
// and "it comes back" is the same port answering again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { testDatabases, type TestDatabase } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { HttpClient } from '../kit/http-client.ts';
import { postgresBehindProxy, TcpProxy } from '../kit/tcp-proxy.ts';
import { assertNoLeak, expectPage } from '../kit/portal-visitors.ts';

for (const database of testDatabases()) {
  describe(`health check (${database.name})`, () => {
    let portal: TestPortal;
    before(async () => {
      portal = await startTestPortal(database);
    });
    after(async () => {
      await portal?.close();
    });

    test('/healthz answers 200 {"status":"ok"}, uncached', async () => {
      const response = await fetch(new URL('/healthz', portal.url));
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await response.json(), { status: 'ok' });
    });
  });
}

const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

describe('database outage on PostgreSQL', { skip: adminUrl ? false : 'set TEST_DATABASE_URL to run against PostgreSQL' }, () => {
  let portal: TestPortal;
  let proxy: TcpProxy;
  let dropDatabase: () => Promise<void>;
  let realUrl: URL;

  before(async () => {
    let viaProxy: TestDatabase;
    ({ proxy, viaProxy, realUrl, drop: dropDatabase } = await postgresBehindProxy());
    // The portal gets the proxied URL; the real database is created and dropped here.
    portal = await startTestPortal(viaProxy);
  });

  after(async () => {
    await portal?.close();
    await proxy?.close();
    await dropDatabase?.();
  });

  test('the database goes away: /healthz is 503, journey pages give the Norwegian 503 page, the API JSON; it recovers', async () => {
    const client = new HttpClient(portal.url);
    let page = await client.getFollow('/meld/hvem');
    expectPage(page, '/meld/hvem');
    const csrf = /name="_csrf" value="([^"]*)"/.exec(page.text)![1]!;
    page = await client.submit(page, '/meld/hvem', { reporterType: 'private' });
    expectPage(page, '/meld/kommune');
    assert.equal((await fetch(new URL('/healthz', portal.url))).status, 200);

    await proxy.close();

    const health = await fetch(new URL('/healthz', portal.url));
    assert.equal(health.status, 503);
    assert.deepEqual(await health.json(), { status: 'unavailable' });

    // A returning reporter and a new visitor both get the calm page.
    for (const [who, visitor] of [
      ['returning', client],
      ['new', new HttpClient(portal.url)],
    ] as const) {
      const response = await visitor.get('/meld/hvem');
      assert.equal(response.status, 503, who);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(response.text, /<html lang="nb">/);
      assert.match(response.text, /Tjenesten er midlertidig utilgjengelig/);
      assert.match(response.text, /Svar du lagret på tidligere steg, er tatt vare på/);
      assert.doesNotMatch(response.text, /er ikke lagret ennå/, 'a page view lost nothing typed');
      assert.match(response.text, /116 111/);
      assertNoLeak(response.text, `${who} visitor`);
    }
    // A posted step, with or without a valid token (the CSRF re-render needs the draft too).
    for (const token of [csrf, undefined]) {
      const post = await client.request('POST', '/meld/hvem', { form: { ...(token ? { _csrf: token } : {}), reporterType: 'professional' } });
      assert.equal(post.status, 503, `token ${token ? 'valid' : 'missing'}`);
      assert.match(post.text, /Tjenesten er midlertidig utilgjengelig/);
      // The step could not be saved: the page says so and where the typed text still is.
      assert.match(post.text, /Det du skrev på denne siden, er ikke lagret ennå/);
      assertNoLeak(post.text, 'POST');
      assert.doesNotMatch(post.text, /127\.0\.0\.1|connect /);
    }

    const api = await fetch(new URL('/api/v1/kommuner', portal.url));
    assert.equal(api.status, 503);
    const body = (await api.json()) as { error: string; message: string };
    assert.deepEqual(body, { error: 'UNAVAILABLE', message: 'Tjenesten er midlertidig utilgjengelig.' });

    // Pages that need no database still work.
    assert.equal((await fetch(new URL('/', portal.url))).status, 200);

    // The database comes back on the same port: the portal recovers without a restart, answers intact.
    await proxy.open();
    assert.equal((await fetch(new URL('/healthz', portal.url))).status, 200);
    page = await client.getFollow('/meld/hvem');
    expectPage(page, '/meld/hvem');
    assert.match(page.text, /value="private" checked/, 'the saved answer survived the outage');
  });

  test('a database that accepts but never answers: /healthz gives up after about two seconds with 503', async () => {
    await proxy.close();
    proxy.mode = 'blackhole';
    await proxy.open();
    try {
      // The first call may still meet a pooled connection that died with the switch; the second
      // certainly opens a new one into the black hole and must give up on its own.
      for (let i = 0; i < 2; i++) {
        const started = Date.now();
        const health = await fetch(new URL('/healthz', portal.url));
        const elapsed = Date.now() - started;
        assert.equal(health.status, 503);
        assert.deepEqual(await health.json(), { status: 'unavailable' });
        assert.ok(elapsed < 4000, `answered in ${elapsed} ms`);
        if (i === 1) assert.ok(elapsed >= 1500, `waited ${elapsed} ms for the database`);
      }
    } finally {
      await proxy.close();
      proxy.mode = 'forward';
      await proxy.open();
    }
  });

  test('the database terminates the portal\'s connections (pg_terminate_backend): no crash, the next requests succeed', async () => {
    // Make sure the pool holds a connection to be terminated.
    assert.equal((await fetch(new URL('/healthz', portal.url))).status, 200);
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const dbName = realUrl.pathname.slice(1);
      const result = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
      assert.ok(result.rowCount !== null && result.rowCount >= 1, 'the portal had connections to terminate');
    } finally {
      await admin.end();
    }
    // A request may meet a dead pooled connection once; it must be a 503 or a success, never a 500.
    const first = await fetch(new URL('/healthz', portal.url));
    assert.ok(first.status === 200 || first.status === 503, `first: ${first.status}`);
    const client = new HttpClient(portal.url);
    const page = await client.getFollow('/meld/hvem');
    assert.ok(page.status === 200 || page.status === 503, `page: ${page.status}`);
    assertNoLeak(page.text);
    assert.equal((await fetch(new URL('/healthz', portal.url))).status, 200);
    expectPage(await client.getFollow('/meld/hvem'), '/meld/hvem');
  });
});
