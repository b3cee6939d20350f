// Security headers on every answer of both apps, and CSRF on every state-changing request, over
// real HTTP. The routes are enumerated from the running apps (as in the authorization matrix), so a
// new route is checked without anyone remembering to; a new state-changing route that the CSRF
// table does not know fails.
//
// PGlite only: headers and CSRF are decided in the HTTP layer, the same whatever the database; the
// authorization matrix (which runs on both) is where the database's scoping is tested.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../kit/databases.ts';
import { runMatrix, type Exchange } from './route-matrix.ts';
import { checkExchanges, cookieProblems, cookieViolations, headerProblems, isStandInAnswer, httpsConfiguredExchanges, recordedLogins, runCsrfChecks, setCookies, type CsrfResult } from './header-checks.ts';
import { startSecurityWorld, type SecurityWorld } from './world.ts';

const describeViolation = (v: { app: string; where: string; problem: string }) => `${v.app} ${v.where}: ${v.problem}`;

test('the header rules catch what they are meant to catch', () => {
  const good = {
    'content-security-policy': "default-src 'self';script-src 'self';frame-ancestors 'none'",
    'strict-transport-security': 'max-age=63072000; includeSubDomains',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'set-cookie': ['s=1; Path=/; HttpOnly; Secure; SameSite=Lax', 'gone=; Max-Age=0'],
  };
  assert.deepEqual(headerProblems(good), []);
  assert.equal(headerProblems({ ...good, 'content-security-policy': "default-src 'self';script-src 'self' 'unsafe-inline';frame-ancestors 'none'" }).length, 1);
  assert.equal(headerProblems({ ...good, 'content-security-policy': "default-src 'self';frame-ancestors 'self'" }).length, 1);
  // The front-channel logout page: framed by exactly the IdP's origin, nothing looser.
  const framed = { ...good, 'content-security-policy': "default-src 'none'; frame-ancestors https://idporten.no" };
  assert.deepEqual(headerProblems(framed, { framedByIdp: true }), []);
  assert.equal(headerProblems(framed).length, 1, 'framable is a finding on any other page');
  assert.equal(headerProblems({ ...good, 'content-security-policy': "default-src 'none'; frame-ancestors *" }, { framedByIdp: true }).length, 1);
  assert.equal(headerProblems({ ...good, 'strict-transport-security': 'max-age=300' }).length, 1);
  assert.equal(headerProblems({ ...good, 'referrer-policy': 'unsafe-url' }).length, 1);
  assert.deepEqual(cookieProblems('s=1; Path=/; SameSite=None'), ['cookie s without HttpOnly', 'cookie s without Secure', 'cookie s with SameSite=none']);
});

describe('security headers and CSRF (pglite)', () => {
  const database = testDatabases()[0]!;
  let world: SecurityWorld;
  let exchanges: Exchange[];
  let csrf: CsrfResult;

  before(async () => {
    world = await startSecurityWorld(database);
    const matrix = await runMatrix(world);
    exchanges = [...matrix.exchanges, ...(await recordedLogins(world))];
    csrf = await runCsrfChecks(world);
  });
  after(async () => {
    await world?.close();
  });

  test('every answer of every route, to every party, carries the headers', () => {
    for (const app of ['portal', 'mottak'] as const) {
      const routes = new Set(exchanges.filter((e) => e.app === app && e.method === 'GET').map((e) => e.key));
      assert.ok(routes.size >= 15, `${app}: the GET routes were called (${routes.size})`);
    }
    assert.deepEqual(checkExchanges(exchanges).map(describeViolation), []);
  });

  test('cookies were set along the way, and every one is HttpOnly, Secure and SameSite (the dev stand-ins: not Secure over http)', () => {
    const names = new Set(exchanges.flatMap((e) => setCookies(e.headers)).map((c) => c.slice(0, c.indexOf('='))));
    assert.ok(names.has('mp_session') && names.has('mottak_session'), `the apps' session cookies were seen: ${[...names].join(', ')}`);
    assert.deepEqual(cookieViolations(exchanges), []);
    const standIn = exchanges.filter((e) => isStandInAnswer(e.url)).flatMap((e) => setCookies(e.headers));
    assert.ok(standIn.length > 0 && standIn.every((c) => /httponly/i.test(c) && /samesite=(lax|strict)/i.test(c)), 'the stand-ins’ cookies were seen, HttpOnly and SameSite');
  });

  test('every state-changing route has a known CSRF defence, and nothing unknown is state-changing', () => {
    assert.deepEqual(csrf.findings.filter((f) => /no known CSRF|no longer has/.test(f.problem)), []);
    assert.ok(csrf.checked['csrf-token'] >= 10 && csrf.checked['bearer-token'] === 7, JSON.stringify(csrf.checked));
  });

  test('a form posted with a valid session but without its token is refused with 403 and changes nothing', () => {
    assert.deepEqual(csrf.findings.map((f) => `${f.app} ${f.key}: ${f.problem}`), []);
    assert.deepEqual(csrf.controls.filter((c) => !c.changed), [], 'the same request with its token does change the state the check compares');
  });

  test('with https base URLs: Secure cookies, upgrade-insecure-requests, HSTS', async () => {
    const https = await httpsConfiguredExchanges(world);
    assert.deepEqual(checkExchanges(https).map(describeViolation), []);
    const cookies = https.flatMap((e) => setCookies(e.headers));
    assert.ok(cookies.some((c) => c.startsWith('mp_session=')) && cookies.some((c) => c.startsWith('mottak_session=')), `both apps set their session cookie: ${cookies.join(' | ')}`);
    for (const e of https) assert.match(String(e.headers['content-security-policy']), /upgrade-insecure-requests/, e.url);
  });
});
