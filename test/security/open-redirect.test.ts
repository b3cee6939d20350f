// An open redirect: a link on our own address that lands the person on another site (a phishing
// page that looks like ID-porten, say). Every redirect whose target comes from the request goes
// through safeReturnTo; here it meets generated encodings of "somewhere else", the concrete cases
// from issue 18, and both running apps over real HTTP, following every hop as a browser would.
//
// PGlite only: where a redirect points is decided before any query; the database plays no part.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { safeReturnTo } from '../../src/web/return-to.ts';
import { DEV_TEST_PERSONS } from '../../src/dev/idporten/index.ts';
import { decodeEntities, HttpClient, type HttpResponse } from '../kit/http-client.ts';
import { devCaseworker, type TestMottak } from '../kit/mottak.ts';
import type { TestPortal } from '../kit/portal.ts';
import { startBareApps, TRONDHEIM_WORKER } from './world.ts';

const ORIGINS = ['http://localhost:3000', 'https://meldeportal.example', 'http://127.0.0.1:3001'];

/** What every answer of safeReturnTo must be, whatever it was given. */
function assertStaysHome(result: string, candidate: string): void {
  const shown = JSON.stringify(candidate);
  assert.ok(result.startsWith('/'), `${shown} → ${result}: a path`);
  assert.ok(!result.startsWith('//') && !result.startsWith('/\\'), `${shown} → ${result}: not protocol-relative`);
  for (const origin of ORIGINS) assert.equal(new URL(result, origin).origin, origin, `${shown} → ${result} leaves ${origin}`);
  assert.doesNotMatch(result, /[^\u0021-\u007e]|\\/, `${shown} → ${result}: serialised, nothing for a browser to reinterpret`);
  assert.equal(safeReturnTo(result), result, `${shown} → ${result}: a second pass changes nothing`);
}

// ---- The pieces an attacker builds an address from ----

const SLASHES = ['/', '\\', '%2F', '%2f', '%5C', '%5c', '%252F', '%255C', '\uFF0F', '\uFF3C', '\u2215', '\u2044', '\u29F8', '\uFE68', '\u2571', '\u3033'];
const DOTS = ['.', '..', '%2e', '%2E', '%2e%2e', '.%2E', '%252e', '\uFF0E', '\u3002', '\uFF61'];
const SPACES = ['\t', '\n', '\r', '\u0000', ' ', '%09', '%0a', '%0D', '%00', '%20', '\u00a0', '\u2028', '\u200b', '\ufeff'];
const HOSTS = ['evil.example', 'evil.example:443', 'user:pw@evil.example', '@evil.example', 'localhost:3000@evil.example', 'evil\u3002example', '\uFF45vil.example', '127.0.0.1', '[::1]', '%65vil.example'];
const SCHEMES = ['http:', 'https:', 'javascript:', 'JaVaScRiPt:', 'data:', 'vbscript:', 'file:', 'blob:', 'ftp:'];
const PAYLOADS = ['alert(1)', 'text/html,<script>alert(1)</script>', 'text/html;base64,PHNjcmlwdD4=', 'evil.example/%2e%2e', '?a=b', '#x', 'meld/barn'];

const piece = fc.oneof(fc.constantFrom(...SLASHES), fc.constantFrom(...DOTS), fc.constantFrom(...SPACES), fc.constantFrom(...HOSTS), fc.constantFrom(...SCHEMES), fc.constantFrom(...PAYLOADS));

/** A scheme with a tab, newline or carriage return somewhere inside it: the URL parser drops them. */
const brokenScheme = fc.tuple(fc.constantFrom(...SCHEMES), fc.nat(), fc.constantFrom('\t', '\n', '\r', '\r\n')).map(([scheme, at, space]) => {
  const i = at % scheme.length;
  return scheme.slice(0, i) + space + scheme.slice(i);
});

/** The shapes known to work somewhere: a path that normalises to `//host`, a scheme, `/\host`. */
const shaped = fc.oneof(
  fc.tuple(fc.array(fc.constantFrom(...DOTS, 'a', 'meld'), { maxLength: 3 }), fc.constantFrom(...SLASHES), fc.constantFrom(...SLASHES), fc.constantFrom(...HOSTS)).map(
    ([segments, a, b, host]) => `/${segments.map((s) => `${s}/`).join('')}${a}${b}${host}`,
  ),
  fc.tuple(fc.oneof(fc.constantFrom(...SCHEMES), brokenScheme), fc.constantFrom('', '/', '//', '///', '\\\\', '/\\'), fc.constantFrom(...HOSTS, ...PAYLOADS)).map(([s, slashes, rest]) => s + slashes + rest),
  fc.tuple(fc.constantFrom(...SPACES), fc.constantFrom(...SLASHES), fc.constantFrom(...SLASHES), fc.constantFrom(...HOSTS)).map(([space, a, b, host]) => `/${space}${a}${b}${host}`),
);

/** Percent-encoding once, twice, or only some characters; browsers and parsers decode in layers. */
function encoded(arb: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(arb, fc.constantFrom('none', 'once', 'twice', 'some'), fc.nat()).map(([value, how, seed]) => {
    if (how === 'once') return encodeURIComponent(value);
    if (how === 'twice') return encodeURIComponent(encodeURIComponent(value));
    if (how === 'some') return [...value].map((c, i) => ((seed >> i % 30) & 1 ? encodeURIComponent(c) : c)).join('');
    return value;
  });
}

describe('safeReturnTo', () => {
  test('generated addresses of somewhere else, in every encoding, never leave the site', () => {
    const candidates = fc.oneof(
      encoded(shaped),
      encoded(fc.array(piece, { minLength: 1, maxLength: 10 }).map((parts) => parts.join(''))),
      encoded(fc.array(piece, { minLength: 1, maxLength: 10 }).map((parts) => `/${parts.join('')}`)),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `/${s}`),
    );
    fc.assert(
      fc.property(candidates, (candidate) => assertStaysHome(safeReturnTo(candidate), candidate)),
      { numRuns: 20_000 },
    );
  });

  test('the cases of issue 18, and their relatives, become /', () => {
    for (const attack of [
      '/.//evil.example',
      '/a/..//evil.example',
      '/meld/../..//evil.example',
      '/%2e//evil.example',
      '/%2e%2e//evil.example',
      '/.%2e//evil.example',
      '/./\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'java\tscript:alert(1)',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '/auth/login',
      '/auth/callback?code=x',
      '/innlogging',
      '/innlogging/callback?code=x&state=y',
      '/utlogging',
      '/dev/idporten/session/end',
      '/api/v1/mottak/meldinger',
      '/x'.repeat(2000),
    ]) {
      assert.equal(safeReturnTo(attack), '/', JSON.stringify(attack));
    }
    for (const odd of [undefined, null, 42, ['/meld'], { toString: () => '/meld' }]) assert.equal(safeReturnTo(odd), '/', String(odd));
  });

  test('our own addresses come back normalised, with their query', () => {
    assert.equal(safeReturnTo('/meld/barn'), '/meld/barn');
    assert.equal(safeReturnTo('/meld/start?steg=2&a=%C3%A6'), '/meld/start?steg=2&a=%C3%A6');
    assert.equal(safeReturnTo('/innboks?status=open&q=Ola'), '/innboks?status=open&q=Ola');
    assert.equal(safeReturnTo('/a/../mine-meldinger'), '/mine-meldinger');
    assert.equal(safeReturnTo('/meld/./barn#top'), '/meld/barn', 'a fragment is the browser’s, not the server’s');
    assert.equal(safeReturnTo('/\uFF0F\uFF0Fevil.example'), '/%EF%BC%8F%EF%BC%8Fevil.example', 'a full-width solidus is only a character in a path');
    assert.equal(safeReturnTo('/authors'), '/authors', 'only the auth routes themselves are refused, not every path that starts alike');
  });
});

// ---- Both apps over real HTTP ----

/** Follows redirects like a browser, asserting each hop stays on `origin`; returns the last answer. */
async function followAtHome(client: HttpClient, response: HttpResponse, origin: string): Promise<HttpResponse> {
  let current = response;
  for (let hop = 0; current.status >= 300 && current.status < 400 && current.location; hop++) {
    assert.ok(hop < 10, `too many redirects from ${response.url}`);
    const next = new URL(current.location, current.url);
    assert.equal(next.origin, origin, `${current.url} sent the browser to ${current.location}`);
    current = await client.get(next.href);
  }
  return current;
}

const ATTACKS = ['/.//evil.example', '/a/..//evil.example', '/%2e%2e//evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/', '/\t/evil.example'];

describe('redirects of both apps (pglite)', () => {
  let apps: Awaited<ReturnType<typeof startBareApps>>;
  let portal: TestPortal;
  let mottak: TestMottak;

  before(async () => {
    apps = await startBareApps();
    ({ portal, mottak } = apps);
  });
  after(() => apps?.close());

  test('the language switch (/sprak/<lang>?tilbake=) comes back to a page of the app, never elsewhere', async () => {
    for (const app of [portal, mottak]) {
      const origin = new URL(app.url).origin;
      for (const attack of ATTACKS) {
        const client = new HttpClient(app.url);
        const response = await client.get(`/sprak/nn?tilbake=${encodeURIComponent(attack)}`);
        assert.equal(response.status, 303, attack);
        assert.equal(response.location, '/', `${app.url} ${JSON.stringify(attack)}`);
        await followAtHome(client, response, origin);
      }
      const honest = await new HttpClient(app.url).get(`/sprak/nn?tilbake=${encodeURIComponent('/a/../sprak/nb?tilbake=%2F')}`);
      assert.equal(honest.location, '/sprak/nb?tilbake=%2F', 'a path of ours is kept, normalised');
    }
  });

  test("the portal's login returns to a page of the portal, logged in or not", async () => {
    const origin = new URL(portal.url).origin;
    for (const attack of ATTACKS) {
      const client = new HttpClient(portal.url);
      const interaction = await followAtHome(client, await client.get(`/auth/login?returnTo=${encodeURIComponent(attack)}`), origin);
      const action = /<form method="post" action="([^"]+)"/.exec(interaction.text)?.[1];
      assert.ok(action, `the ID-porten stand-in's form (${interaction.url})`);
      const landing = await followAtHome(client, await client.request('POST', new URL(decodeEntities(action), interaction.url).href, { form: { person: DEV_TEST_PERSONS[0]!.sub } }), origin);
      assert.equal(new URL(landing.url).pathname, '/', `after login with returnTo ${JSON.stringify(attack)}`);
      // Already logged in, /auth/login sends the person straight on.
      const again = await client.get(`/auth/login?returnTo=${encodeURIComponent(attack)}`);
      assert.equal(again.location, '/', `logged in, returnTo ${JSON.stringify(attack)}`);
    }
  });

  test("mottak's login (/innlogging?returnTo=) returns to a page of mottak", async () => {
    const origin = new URL(mottak.url).origin;
    for (const attack of ATTACKS) {
      const client = new HttpClient(mottak.url);
      const interaction = await followAtHome(client, await client.get(`/innlogging?returnTo=${encodeURIComponent(attack)}`), origin);
      const action = /<form method="post" action="([^"]+)"/.exec(interaction.text)?.[1];
      assert.ok(action, `the caseworker IdP stand-in's form (${interaction.url})`);
      const landing = await followAtHome(client, await client.request('POST', new URL(decodeEntities(action), interaction.url).href, { form: { caseworker: devCaseworker(TRONDHEIM_WORKER).sub } }), origin);
      assert.equal(new URL(landing.url).pathname, '/innboks', `after login with returnTo ${JSON.stringify(attack)}`);
      assert.equal(landing.status, 200);
    }
  });

  test("the portal's way in from the report (/meld/innlogging?returnTo=) keeps to the report's steps", async () => {
    const client = new HttpClient(portal.url);
    await client.login('/', 1);
    for (const attack of [...ATTACKS, '/meld/../..//evil.example']) {
      const response = await client.get(`/meld/innlogging?returnTo=${encodeURIComponent(attack)}`);
      assert.equal(response.location, '/meld', attack);
    }
    assert.equal((await client.get('/meld/innlogging?returnTo=%2Fmeld%2Fbarn')).location, '/meld/barn');
  });
});
