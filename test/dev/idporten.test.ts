import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { idnr } from '@navikt/fnrvalidator';
import { DEV_TEST_PERSONS, assertDevIdportenAllowed, devIdportenPlugin, isDevIdportenAllowed } from '../../src/dev/idporten/index.ts';
import { TestBrowser, closeListening, listeningFastify } from '../kit/http-browser.ts';

const CLIENT = { clientId: 'meldeportal-test', clientSecret: 'test-secret-0123456789abcdef' };

function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const [, payload = ''] = jwt.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('ID-porten stand-in', () => {
  let app: FastifyInstance;
  let server: Server;
  let origin: string;
  let issuer: string;
  let redirectUri: string;

  before(async () => {
    ({ app, server, origin } = await listeningFastify());
    issuer = `${origin}/dev/idporten`;
    // The redirect URI only needs to be registered; the test reads the code off the Location header.
    redirectUri = `${origin}/auth/callback`;
    await app.register(formbody);
    await app.register(devIdportenPlugin, {
      prefix: '/dev/idporten',
      issuer,
      clients: [{ ...CLIENT, redirectUris: [redirectUri], postLogoutRedirectUris: [`${origin}/`] }],
    });
    await app.ready();
  });

  after(async () => closeListening(app, server));

  test('discovery document describes a code flow with PKCE S256 and endpoints under the prefix', async () => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    const doc = (await response.json()) as Record<string, unknown>;
    assert.equal(doc.issuer, issuer);
    assert.equal(doc.authorization_endpoint, `${issuer}/auth`);
    assert.equal(doc.token_endpoint, `${issuer}/token`);
    assert.equal(doc.jwks_uri, `${issuer}/jwks`);
    assert.equal(doc.userinfo_endpoint, `${issuer}/me`);
    assert.equal(doc.end_session_endpoint, `${issuer}/session/end`);
    assert.deepEqual(doc.response_types_supported, ['code']);
    assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(doc.grant_types_supported, ['authorization_code']);
    assert.ok((doc.scopes_supported as string[]).includes('openid'));
    assert.ok((doc.scopes_supported as string[]).includes('profile'));
    for (const claim of ['sub', 'pid', 'name', 'given_name', 'family_name', 'acr', 'amr', 'locale']) {
      assert.ok((doc.claims_supported as string[]).includes(claim), `claims_supported lacks ${claim}`);
    }
    const authMethods = doc.token_endpoint_auth_methods_supported as string[];
    assert.ok(authMethods.includes('client_secret_basic') && authMethods.includes('client_secret_post'));
    assert.ok((doc.acr_values_supported as string[]).includes('idporten-loa-high'));
    assert.ok((doc.id_token_signing_alg_values_supported as string[]).includes('RS256'));
  });

  test('JWKS holds one public RS256 signing key', async () => {
    const response = await fetch(`${issuer}/jwks`);
    assert.equal(response.status, 200);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    assert.equal(keys.length, 1);
    const [key] = keys;
    assert.equal(key?.kty, 'RSA');
    assert.equal(key?.alg, 'RS256');
    assert.equal(key?.use, 'sig');
    assert.ok(typeof key?.kid === 'string' && key.kid.length > 0);
    for (const privatePart of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(key?.[privatePart], undefined);
  });

  test('an authorization request without PKCE is refused', async () => {
    const url = new URL(`${issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: CLIENT.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid profile',
      state: 'abc',
      nonce: 'def',
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    assert.equal(response.status, 303);
    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(location.origin + location.pathname, redirectUri);
    assert.equal(location.searchParams.get('error'), 'invalid_request');
    assert.equal(location.searchParams.get('state'), 'abc');
  });

  test('an unknown client gets a Norwegian error page, not a stack trace', async () => {
    const response = await fetch(`${issuer}/auth?client_id=nope&response_type=code&scope=openid`);
    assert.equal(response.status, 400);
    const html = await response.text();
    assert.match(html, /<html lang="nb">/);
    assert.match(html, /Noe gikk galt i testinnloggingen/);
    assert.match(html, /invalid_client/);
    assert.doesNotMatch(html, /at .*\.js:\d+/);
    assert.doesNotMatch(html, /<style|<script|style="/);
  });

  test('code flow with PKCE issues an ID token shaped like ID-porten’s', async () => {
    const person = DEV_TEST_PERSONS[1]!;
    const browser = new TestBrowser(origin);
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(`${issuer}/auth`);
    authorize.search = new URLSearchParams({
      client_id: CLIENT.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid profile',
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();

    const { response: page, visited } = await browser.follow(authorize);
    assert.equal(page.status, 200);
    const interactionUrl = visited.at(-1)!;
    assert.match(interactionUrl.pathname, /^\/dev\/idporten\/interaction\/[\w-]+$/);
    const html = await page.text();
    assert.match(html, /Velg testperson/);
    assert.match(html, /Dette er en testinnlogging som bare finnes i utviklingsmiljøet/);
    assert.match(html, /<html lang="nb">/);
    assert.doesNotMatch(html, /<style|<script|style="/);
    for (const p of DEV_TEST_PERSONS) assert.ok(html.includes(p.name) && html.includes(p.pid));

    // Nothing chosen: the page comes back with a message, the interaction stays usable.
    const empty = await browser.request(`${interactionUrl.pathname}/login`, { form: {} });
    assert.equal(empty.status, 400);
    assert.match(await empty.text(), /Du må velge en testperson/);

    const chosen = await browser.request(`${interactionUrl.pathname}/login`, { form: { person: person.sub } });
    assert.equal(chosen.status, 303);
    const { response: callback, visited: afterLogin } = await browser.follow(chosen.headers.get('location')!);
    await callback.arrayBuffer();
    // No consent page: straight from the interaction back to the client's redirect URI.
    const back = afterLogin.at(-1)!;
    assert.equal(back.origin + back.pathname, redirectUri);
    assert.equal(back.searchParams.get('state'), 'state-1');
    assert.equal(back.searchParams.get('iss'), issuer);
    const code = back.searchParams.get('code');
    assert.ok(code);

    const token = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      }),
    });
    assert.equal(token.status, 200);
    const tokens = (await token.json()) as { id_token: string };
    const claims = decodeJwtPayload(tokens.id_token);
    assert.equal(claims.iss, issuer);
    assert.equal(claims.aud, CLIENT.clientId);
    assert.equal(claims.nonce, 'nonce-1');
    assert.equal(claims.sub, person.sub);
    assert.notEqual(claims.sub, person.pid);
    assert.equal(claims.pid, person.pid);
    assert.equal(claims.name, person.name);
    assert.equal(claims.given_name, person.givenName);
    assert.equal(claims.family_name, person.familyName);
    assert.equal(claims.acr, 'idporten-loa-high');
    assert.deepEqual(claims.amr, ['TESTID']);
    assert.equal(claims.locale, 'nb');
    assert.equal(typeof claims.auth_time, 'number');
  });

  test('the interaction form cannot be posted without the interaction cookie', async () => {
    const browser = new TestBrowser(origin);
    const authorize = new URL(`${issuer}/auth`);
    authorize.search = new URLSearchParams({
      client_id: CLIENT.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid',
      state: 's',
      nonce: 'n',
      code_challenge: createHash('sha256').update('x'.repeat(43)).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    const { visited } = await browser.follow(authorize);
    const interactionPath = visited.at(-1)!.pathname;

    // What a cross-site form post looks like to us: SameSite=Lax keeps the cookie out of it.
    const forged = await fetch(`${origin}${interactionPath}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ person: DEV_TEST_PERSONS[0]!.sub }),
      redirect: 'manual',
    });
    assert.equal(forged.status, 400);
    assert.match(await forged.text(), /Innloggingen er utløpt/);
  });

  test('test persons have valid synthetic fødselsnumre and distinct pseudonymous subs', () => {
    assert.equal(DEV_TEST_PERSONS.length, 7);
    for (const [index, person] of DEV_TEST_PERSONS.entries()) {
      const result = idnr(person.pid);
      assert.equal(result.status, 'valid', `${person.pid} is not a valid number`);
      assert.equal(result.status === 'valid' ? result.type : undefined, 'tnr');
      assert.ok(!person.sub.includes(person.pid));
      // Five adults born 1969–1990, then the Nordmanns' two children (citizen services' family).
      const year = (index < 5 ? 1900 : 2000) + Number(person.pid.slice(4, 6));
      assert.ok(index < 5 ? year >= 1969 && year <= 1990 : year >= 2008 && year <= 2014, `${person.pid} (${person.name}) born ${year}`);
    }
    assert.equal(new Set(DEV_TEST_PERSONS.map((p) => p.sub)).size, DEV_TEST_PERSONS.length);
  });
});

describe('production guard', () => {
  test('isDevIdportenAllowed / assertDevIdportenAllowed refuse production', () => {
    assert.equal(isDevIdportenAllowed({ NODE_ENV: 'production' }), false);
    assert.equal(isDevIdportenAllowed({ NODE_ENV: 'development' }), true);
    assert.equal(isDevIdportenAllowed({}), true);
    assert.throws(() => assertDevIdportenAllowed({ NODE_ENV: 'production' }), /never be mounted/);
    assert.doesNotThrow(() => assertDevIdportenAllowed({ NODE_ENV: 'test' }));
  });

  test('the plugin refuses to register when NODE_ENV=production', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const app = Fastify();
    try {
      app.register(devIdportenPlugin, {
        prefix: '/dev/idporten',
        issuer: 'http://localhost:3000/dev/idporten',
        clients: [{ clientId: 'c', clientSecret: 's', redirectUris: ['http://localhost:3000/auth/callback'] }],
      });
      await assert.rejects(async () => app.ready(), /never be mounted/);
    } finally {
      if (previous === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = previous;
      await app.close().catch(() => {});
    }
  });

  test('the prefix must match the issuer path', async () => {
    const app = Fastify();
    app.register(devIdportenPlugin, {
      prefix: '/somewhere-else',
      issuer: 'http://localhost:3000/dev/idporten',
      clients: [{ clientId: 'c', clientSecret: 's', redirectUris: ['http://localhost:3000/auth/callback'] }],
    });
    await assert.rejects(async () => app.ready(), /must match/);
    await app.close().catch(() => {});
  });
});
