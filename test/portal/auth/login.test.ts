import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import secureSession from '@fastify/secure-session';
import csrfProtection from '@fastify/csrf-protection';
import { DEV_TEST_PERSONS, devIdportenPlugin, type DevTestPerson } from '../../../src/dev/idporten/index.ts';
import {
  AUTH_IDLE_TIMEOUT_MS,
  authPlugin,
  getAuthenticatedPerson,
  requireAuthenticatedPerson,
  safeReturnTo,
  type AuthPluginOptions,
} from '../../../src/portal/auth/index.ts';
import { TestBrowser, closeListening, listeningFastify } from '../../kit/http-browser.ts';
import { migratePortalDatabase, openPortalDatabase } from '../../../src/portal/db/portal-database.ts';
import { ManualClock } from '../../../src/clock.ts';
import { createServerSessions } from '../../../src/web/server-sessions.ts';

const CLIENT_ID = 'meldeportal-test';
const CLIENT_SECRET = 'test-secret-0123456789abcdef';

interface Portal {
  app: FastifyInstance;
  server: Server;
  origin: string;
  logs: string[];
  clock: ManualClock;
}

/** Mirrors the lead's composition: formbody, secure-session, csrf-protection, then our plugins. */
async function startPortal(authOverrides: (origin: string) => Partial<AuthPluginOptions> = () => ({})): Promise<Portal> {
  const logs: string[] = [];
  const { app, server, origin } = await listeningFastify({ logStream: { write: (line) => logs.push(line) } });
  // The server sessions live in a real (in-memory) portal database with the portal's migrations.
  const database = await openPortalDatabase({});
  await migratePortalDatabase(database.pool);
  app.addHook('onClose', () => database.close());
  const clock = new ManualClock();
  const sessions = createServerSessions({ db: database.db, clock, lifetimes: { idleMs: AUTH_IDLE_TIMEOUT_MS, absoluteMs: 8 * 60 * 60 * 1000 }, hmacKey: randomBytes(32) });
  const issuer = `${origin}/dev/idporten`;
  const redirectUri = `${origin}/auth/callback`;
  await app.register(formbody);
  await app.register(secureSession, {
    key: randomBytes(32),
    cookieName: 'mp_session',
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: false },
  });
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/secure-session',
    getToken: (req) => (req.body as { _csrf?: string } | undefined)?._csrf,
  });
  await app.register(devIdportenPlugin, {
    prefix: '/dev/idporten',
    issuer,
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri], postLogoutRedirectUris: [`${origin}/`] }],
  });
  await app.register(authPlugin, {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri,
    allowInsecureHttp: true,
    sessions,
    principalOf: (fnr) => `test:${fnr}`,
    db: database.db,
    clock,
    ...authOverrides(origin),
  });
  app.get('/whoami', async (request) => ({ person: getAuthenticatedPerson(request) }));
  app.get('/test/csrf', async (_request, reply) => ({ token: reply.generateCsrf() }));
  app.get('/test/protected', { preHandler: requireAuthenticatedPerson }, async () => 'hemmelig');
  app.post('/test/protected', { preHandler: requireAuthenticatedPerson }, async () => 'hemmelig');
  await app.ready();
  return { app, server, origin, logs, clock };
}

async function whoami(browser: TestBrowser): Promise<{ fnr: string; name: string } | null> {
  const response = await browser.request('/whoami');
  assert.equal(response.status, 200);
  return ((await response.json()) as { person: { fnr: string; name: string } | null }).person;
}

/**
 * Walks /auth/login → ID-porten stand-in → test person chosen, and stops just before the portal's
 * callback so tests can inspect or tamper with it.
 */
async function throughIdp(browser: TestBrowser, person: DevTestPerson | 'abort', returnTo?: string): Promise<{ authorizeUrl: URL; callbackUrl: URL }> {
  const start = await browser.request(returnTo === undefined ? '/auth/login' : `/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  assert.equal(start.status, 302);
  const authorizeUrl = new URL(start.headers.get('location')!);
  const { response: page, visited } = await browser.follow(authorizeUrl);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Velg testperson/);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  assert.ok(action, 'interaction form action');
  const interactionPath = visited.at(-1)!.pathname;
  const posted =
    person === 'abort'
      ? await browser.request(`${interactionPath}/abort`, { form: {} })
      : await browser.request(action, { form: { person: person.sub } });
  assert.equal(posted.status, 303);
  let location = new URL(posted.headers.get('location')!, browser.origin);
  for (let hop = 0; location.pathname !== '/auth/callback'; hop++) {
    assert.ok(hop < 5, 'too many redirects before the callback');
    const response = await browser.request(location);
    assert.ok(response.status >= 300 && response.status < 400, `expected a redirect from ${location.pathname}, got ${response.status}`);
    location = new URL(response.headers.get('location')!, location);
  }
  return { authorizeUrl, callbackUrl: location };
}

async function login(browser: TestBrowser, person: DevTestPerson, returnTo?: string): Promise<Response> {
  const { callbackUrl } = await throughIdp(browser, person, returnTo);
  return browser.request(callbackUrl);
}

async function csrfToken(browser: TestBrowser): Promise<string> {
  return ((await (await browser.request('/test/csrf')).json()) as { token: string }).token;
}

function assertNoStackTrace(html: string): void {
  assert.doesNotMatch(html, /\bat .+\.(ts|js):\d+/);
  assert.doesNotMatch(html, /Error:/);
}

describe('portal login with the ID-porten stand-in', () => {
  let portal: Portal;

  before(async () => {
    portal = await startPortal();
  });

  after(async () => closeListening(portal.app, portal.server));

  test('full login: /auth/login → ID-porten → test person → callback → logged in', async () => {
    const browser = new TestBrowser(portal.origin);
    const person = DEV_TEST_PERSONS[2]!;
    assert.equal(await whoami(browser), null);

    const { authorizeUrl, callbackUrl } = await throughIdp(browser, person, '/meld/start?steg=2');
    assert.equal(authorizeUrl.origin + authorizeUrl.pathname, `${portal.origin}/dev/idporten/auth`);
    const params = authorizeUrl.searchParams;
    assert.equal(params.get('client_id'), CLIENT_ID);
    assert.equal(params.get('redirect_uri'), `${portal.origin}/auth/callback`);
    assert.equal(params.get('response_type'), 'code');
    assert.equal(params.get('scope'), 'openid profile');
    assert.equal(params.get('code_challenge_method'), 'S256');
    assert.match(params.get('code_challenge') ?? '', /^[\w-]{43}$/);
    assert.ok((params.get('state') ?? '').length >= 32);
    assert.ok((params.get('nonce') ?? '').length >= 32);
    assert.equal(params.get('acr_values'), 'idporten-loa-high');

    const callback = await browser.request(callbackUrl);
    assert.equal(callback.status, 302);
    assert.equal(callback.headers.get('location'), '/meld/start?steg=2');
    assert.deepEqual(await whoami(browser), { fnr: person.pid, name: person.name });

    // The session cookie is encrypted; neither fnr nor name may be readable in it or in the log.
    const sessionCookie = callback.headers.getSetCookie().find((c) => c.startsWith('mp_session='));
    assert.ok(sessionCookie);
    assert.ok(!sessionCookie.includes(person.pid));
    const log = portal.logs.join('');
    assert.ok(!log.includes(person.pid), 'fnr must never be logged');
    assert.ok(!log.includes(person.name), 'name must never be logged');
    assert.match(log, /login succeeded/);
  });

  test('a callback with a tampered state gets a 400 page and no login; the real callback still works', async () => {
    const browser = new TestBrowser(portal.origin);
    const person = DEV_TEST_PERSONS[0]!;
    const { callbackUrl } = await throughIdp(browser, person, '/meld/start');

    const tampered = new URL(callbackUrl);
    tampered.searchParams.set('state', 'x'.repeat(43));
    const rejected = await browser.request(tampered);
    assert.equal(rejected.status, 400);
    const html = await rejected.text();
    assert.match(html, /<html lang="nb">/);
    assert.match(html, /Innloggingen kunne ikke fullføres/);
    assert.match(html, /href="\/auth\/login\?returnTo=%2Fmeld%2Fstart"/);
    assertNoStackTrace(html);
    assert.equal(await whoami(browser), null);

    const genuine = await browser.request(callbackUrl);
    assert.equal(genuine.status, 302);
    assert.deepEqual(await whoami(browser), { fnr: person.pid, name: person.name });
  });

  test('a callback without a login in progress gets a 400 page', async () => {
    const browser = new TestBrowser(portal.origin);
    for (const query of ['', '?code=abc&state=def', '?error=access_denied']) {
      const response = await browser.request(`/auth/callback${query}`);
      assert.equal(response.status, 400, `callback${query}`);
      assertNoStackTrace(await response.text());
    }
    assert.equal(await whoami(browser), null);
  });

  test('a replayed callback (code already used) gets a 400 page, not a 500', async () => {
    const browser = new TestBrowser(portal.origin);
    const { callbackUrl } = await throughIdp(browser, DEV_TEST_PERSONS[1]!);
    assert.equal((await browser.request(callbackUrl)).status, 302);
    const replay = await browser.request(callbackUrl);
    assert.equal(replay.status, 400);
    assertNoStackTrace(await replay.text());
  });

  test('cancelling at ID-porten (access_denied) gets a clear 400 page', async () => {
    const browser = new TestBrowser(portal.origin);
    const { callbackUrl } = await throughIdp(browser, 'abort', '/meld/start');
    assert.equal(callbackUrl.searchParams.get('error'), 'access_denied');
    const response = await browser.request(callbackUrl);
    assert.equal(response.status, 400);
    const html = await response.text();
    assert.match(html, /Innloggingen ble avbrutt/);
    assert.match(html, /href="\/auth\/login\?returnTo=%2Fmeld%2Fstart"/);
    assertNoStackTrace(html);
    assert.equal(await whoami(browser), null);
    assert.match(portal.logs.join(''), /"errCode":"access_denied"/);
  });

  test('returnTo pointing off-site falls back to /', async () => {
    const browser = new TestBrowser(portal.origin);
    const callback = await login(browser, DEV_TEST_PERSONS[3]!, '//evil.example');
    assert.equal(callback.status, 302);
    assert.equal(callback.headers.get('location'), '/');
    assert.ok(await whoami(browser));
  });

  test('/auth/login when already logged in goes straight to returnTo', async () => {
    const browser = new TestBrowser(portal.origin);
    await login(browser, DEV_TEST_PERSONS[0]!);
    const again = await browser.request('/auth/login?returnTo=%2Fmeld%2Foppsummering');
    assert.equal(again.status, 302);
    assert.equal(again.headers.get('location'), '/meld/oppsummering');
  });

  test('a login idle for more than 30 minutes is gone', async () => {
    const browser = new TestBrowser(portal.origin);
    await login(browser, DEV_TEST_PERSONS[4]!);
    assert.ok(await whoami(browser));
    portal.clock.set(new Date(portal.clock.now().getTime() + AUTH_IDLE_TIMEOUT_MS + 1000));
    assert.equal(await whoami(browser), null);
    // And it stays gone: the expired login was removed from the session, not just hidden.
    assert.equal(await whoami(browser), null);
  });

  test('logout needs the CSRF token, then clears the login', async () => {
    const browser = new TestBrowser(portal.origin);
    const person = DEV_TEST_PERSONS[1]!;
    await login(browser, person);

    const withoutToken = await browser.request('/auth/logout', { form: {} });
    assert.equal(withoutToken.status, 403);
    assert.deepEqual(await whoami(browser), { fnr: person.pid, name: person.name });

    const logout = await browser.request('/auth/logout', { form: { _csrf: await csrfToken(browser) } });
    assert.equal(logout.status, 303);
    assert.equal(logout.headers.get('location'), '/auth/logget-ut', 'the logged-out page says so');
    assert.equal(await whoami(browser), null);
  });

  test('requireAuthenticatedPerson redirects to login: 302 for GET, 303 for POST', async () => {
    const browser = new TestBrowser(portal.origin);
    const get = await browser.request('/test/protected?x=1');
    assert.equal(get.status, 302);
    assert.equal(get.headers.get('location'), `/auth/login?returnTo=${encodeURIComponent('/test/protected?x=1')}`);
    const post = await browser.request('/test/protected', { form: { a: 'b' } });
    assert.equal(post.status, 303);
    assert.equal(post.headers.get('location'), `/auth/login?returnTo=${encodeURIComponent('/test/protected')}`);

    await login(browser, DEV_TEST_PERSONS[0]!, '/test/protected?x=1');
    const allowed = await browser.request('/test/protected?x=1');
    assert.equal(allowed.status, 200);
    assert.equal(await allowed.text(), 'hemmelig');
  });
});

describe('logout from ID-porten too (postLogoutRedirectUri)', () => {
  let portal: Portal;

  before(async () => {
    portal = await startPortal((origin) => ({ postLogoutRedirectUri: `${origin}/` }));
  });

  after(async () => closeListening(portal.app, portal.server));

  test('logout ends the ID-porten session, so the next login asks for a person again', async () => {
    const browser = new TestBrowser(portal.origin);
    await login(browser, DEV_TEST_PERSONS[0]!);

    const logout = await browser.request('/auth/logout', { form: { _csrf: await csrfToken(browser) } });
    assert.equal(logout.status, 303);
    const endSession = new URL(logout.headers.get('location')!);
    assert.equal(endSession.origin + endSession.pathname, `${portal.origin}/dev/idporten/session/end`);
    assert.ok(endSession.searchParams.get('id_token_hint'));
    assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), `${portal.origin}/`);
    assert.equal(await whoami(browser), null);

    const confirmPage = await browser.request(endSession);
    assert.equal(confirmPage.status, 200);
    const html = await confirmPage.text();
    assert.match(html, /Logg ut av testinnloggingen/);
    assert.doesNotMatch(html, /<style|<script|style="/);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(action && xsrf);
    const confirmed = await browser.request(action, { form: { xsrf, logout: 'yes' } });
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.headers.get('location'), `${portal.origin}/`);

    // Without an ID-porten session the stand-in shows the person picker again (no silent SSO).
    const start = await browser.request('/auth/login');
    const { response, visited } = await browser.follow(start.headers.get('location')!);
    assert.equal(response.status, 200);
    assert.match(visited.at(-1)!.pathname, /\/dev\/idporten\/interaction\//);
  });

  test('without logout at ID-porten the next login is silent SSO (as with the real one)', async () => {
    const browser = new TestBrowser(portal.origin);
    await login(browser, DEV_TEST_PERSONS[0]!);
    // Clearing only the portal session, as POST /auth/logout does without postLogoutRedirectUri:
    browser.forget('mp_session');
    const start = await browser.request('/auth/login');
    let location = new URL(start.headers.get('location')!);
    for (let hop = 0; location.pathname !== '/auth/callback'; hop++) {
      assert.ok(hop < 5);
      const response = await browser.request(location);
      assert.ok(response.status >= 300 && response.status < 400, 'no person picker expected');
      location = new URL(response.headers.get('location')!, location);
    }
    assert.equal((await browser.request(location)).status, 302);
    assert.deepEqual(await whoami(browser), { fnr: DEV_TEST_PERSONS[0]!.pid, name: DEV_TEST_PERSONS[0]!.name });
  });
});

describe('ID-porten unreachable', () => {
  test('login says it is unavailable (503) and works once ID-porten answers again', async () => {
    // ID-porten on a port nothing listens on yet.
    const idp = await listeningFastify();
    const idpPort = Number(new URL(idp.origin).port);
    await new Promise<void>((resolve) => idp.server.close(() => resolve()));
    const portal = await startPortal(() => ({ issuer: `${idp.origin}/dev/idporten` }));
    try {
      const browser = new TestBrowser(portal.origin);
      const down = await browser.request('/auth/login?returnTo=%2Fmeld%2Fstart');
      assert.equal(down.status, 503);
      const html = await down.text();
      assert.match(html, /Innloggingen er ikke tilgjengelig akkurat nå/);
      assert.match(html, /href="\/auth\/login\?returnTo=%2Fmeld%2Fstart"/);
      assertNoStackTrace(html);
      assert.match(portal.logs.join(''), /ID-porten discovery failed/);

      await new Promise<void>((resolve) => idp.server.listen(idpPort, '127.0.0.1', () => resolve()));
      await idp.app.register(devIdportenPlugin, {
        prefix: '/dev/idporten',
        issuer: `${idp.origin}/dev/idporten`,
        clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${portal.origin}/auth/callback`] }],
      });
      await idp.app.ready();
      const up = await browser.request('/auth/login');
      assert.equal(up.status, 302);
      assert.ok(up.headers.get('location')!.startsWith(`${idp.origin}/dev/idporten/auth?`));
    } finally {
      await closeListening(portal.app, portal.server);
      await closeListening(idp.app, idp.server);
    }
  });
});

describe('safeReturnTo', () => {
  test('keeps same-site paths and rejects everything else', () => {
    assert.equal(safeReturnTo('/meld/start'), '/meld/start');
    assert.equal(safeReturnTo('/meld/start?steg=2&a=%C3%A6'), '/meld/start?steg=2&a=%C3%A6');
    for (const bad of [
      undefined,
      '',
      'meld',
      '//evil.example',
      '//evil.example/meld',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/\t/evil.example',
      '/auth/login',
      '/auth/callback?code=x',
      '/x'.repeat(2000),
      ['/meld'],
    ]) {
      assert.equal(safeReturnTo(bad), '/', JSON.stringify(bad));
    }
  });
});
