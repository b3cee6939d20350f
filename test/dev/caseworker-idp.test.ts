import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import * as oidc from 'openid-client';
import { demoServices } from '../../src/dev/demo-services.ts';
import {
  CASEWORKER_ACR,
  DEV_CASEWORKERS,
  assertDevCaseworkerIdpAllowed,
  devCaseworkerIdpPlugin,
  findDevCaseworker,
  isDevCaseworkerIdpAllowed,
  type DevCaseworker,
} from '../../src/dev/caseworker-idp/index.ts';
import { TestBrowser, closeListening, listeningFastify } from '../kit/http-browser.ts';

const CLIENT = { clientId: 'mottak-test', clientSecret: 'test-secret-fedcba9876543210' };

function caseworker(serviceName: string, role: 'saksbehandler' | 'leder'): DevCaseworker {
  const found = DEV_CASEWORKERS.find((c) => c.serviceName === serviceName && c.roles.includes(role));
  assert.ok(found, `no ${role} in ${serviceName}`);
  return found;
}

/** Everything between `<tag … id="id"` and its closing tag, for asserting on one element. */
function elementById(html: string, id: string): string | undefined {
  return new RegExp(`<(\\w+)[^>]* id="${id}"[^>]*>(.*?)</\\1>`, 's').exec(html)?.[2];
}

describe("caseworkers' IdP stand-in", () => {
  let app: FastifyInstance;
  let server: Server;
  let origin: string;
  let issuer: string;
  let redirectUri: string;
  let config: oidc.Configuration;

  before(async () => {
    ({ app, server, origin } = await listeningFastify());
    issuer = `${origin}/dev/caseworker-idp`;
    // Only registered; the test reads the code off the redirect the browser is sent to.
    redirectUri = `${origin}/mottak/auth/callback`;
    await app.register(formbody);
    await app.register(devCaseworkerIdpPlugin, {
      prefix: '/dev/caseworker-idp',
      issuer,
      clients: [{ ...CLIENT, redirectUris: [redirectUri], postLogoutRedirectUris: [`${origin}/mottak/`] }],
    });
    await app.ready();
    config = await oidc.discovery(new URL(issuer), CLIENT.clientId, CLIENT.clientSecret, oidc.ClientSecretBasic(CLIENT.clientSecret), {
      execute: [oidc.allowInsecureRequests],
    });
  });

  after(async () => closeListening(app, server));

  /** Starts a login as mottak would and returns the picker page the browser lands on. */
  async function startLogin(browser: TestBrowser) {
    const checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    const { response, visited } = await browser.follow(url);
    const interactionPath = visited.at(-1)!.pathname;
    return { checks, response, interactionPath };
  }

  /** Follows the stand-in's redirects back to the client and returns the callback URL. */
  async function backToClient(browser: TestBrowser, posted: Response): Promise<URL> {
    assert.equal(posted.status, 303);
    const { response, visited } = await browser.follow(posted.headers.get('location')!);
    await response.arrayBuffer();
    const callback = visited.at(-1)!;
    assert.equal(callback.origin + callback.pathname, redirectUri);
    return callback;
  }

  test('discovery describes a code flow with PKCE S256, RP-initiated logout and the caseworker claims', async () => {
    const doc = config.serverMetadata();
    assert.equal(doc.issuer, issuer);
    assert.deepEqual(doc.response_types_supported, ['code']);
    assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
    assert.equal(doc.end_session_endpoint, `${issuer}/session/end`);
    assert.deepEqual(doc.acr_values_supported, [CASEWORKER_ACR]);
    for (const claim of ['sub', 'name', 'email', 'service_orgnr', 'roles', 'acr', 'amr']) {
      assert.ok(doc.claims_supported?.includes(claim), `claims_supported lacks ${claim}`);
    }
  });

  for (const [serviceName, role] of [
    ['Barneverntjenesten i bydel Gamle Oslo', 'leder'],
    ['Barneverntjenesten i Trondheim', 'saksbehandler'],
  ] as const) {
    test(`code flow with PKCE: the ID token of a ${role} in ${serviceName} carries their service and roles`, async () => {
      const chosen = caseworker(serviceName, role);
      const browser = new TestBrowser(origin);
      const { checks, response, interactionPath } = await startLogin(browser);
      assert.equal(response.status, 200);
      assert.match(interactionPath, /^\/dev\/caseworker-idp\/interaction\/[\w-]+$/);
      await response.arrayBuffer();

      const posted = await browser.request(`${interactionPath}/login`, { form: { caseworker: chosen.sub } });
      const callback = await backToClient(browser, posted);
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      assert.equal(claims.iss, issuer);
      assert.equal(claims.aud, CLIENT.clientId);
      assert.equal(claims.sub, chosen.sub);
      assert.equal(claims.name, chosen.name);
      assert.equal(claims.email, chosen.email);
      assert.equal(claims.service_orgnr, chosen.serviceOrgnr);
      assert.match(String(claims.service_orgnr), /^\d{9}$/);
      assert.deepEqual(claims.roles, [role]);
      assert.equal(claims.acr, CASEWORKER_ACR);
      assert.deepEqual(claims.amr, ['pwd', 'otp']);
      assert.equal(typeof claims.auth_time, 'number');
    });
  }

  test('the login page lists the caseworkers grouped by service, with role, warning and cancel', async () => {
    const { response } = await startLogin(new TestBrowser(origin));
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /^<!doctype html><html lang="nb">/);
    assert.equal(html.match(/<h1[\s>]/g)?.length, 1);
    assert.match(html, /<h1[^>]*>Velg testsaksbehandler<\/h1>/);
    assert.match(html, /Dette er en testinnlogging som bare finnes i utviklingsmiljøet/);
    assert.match(html, /Den finnes ikke i produksjon/);
    assert.match(html, /<form method="post" action="\/dev\/caseworker-idp\/interaction\/[\w-]+\/login">/);
    assert.match(html, /<button type="submit"[^>]*formaction="\/dev\/caseworker-idp\/interaction\/[\w-]+\/abort">Avbryt innloggingen<\/button>/);
    assert.doesNotMatch(html, /<style|<script|style="/);

    for (const serviceName of new Set(DEV_CASEWORKERS.map((c) => c.serviceName))) {
      // The service's own fieldset holds exactly its caseworkers.
      const fieldset = new RegExp(`<fieldset[^>]*><legend[^>]*>${serviceName}</legend>(.*?)</fieldset>`, 's').exec(html)?.[1];
      assert.ok(fieldset, `no fieldset for ${serviceName}`);
      const subs = [...fieldset.matchAll(/<input[^>]* value="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(subs, DEV_CASEWORKERS.filter((c) => c.serviceName === serviceName).map((c) => c.sub));
    }
    for (const c of DEV_CASEWORKERS) {
      const id = /<input[^>]* id="([^"]+)"[^>]* value="([^"]+)"/g;
      const inputId = [...html.matchAll(id)].find((m) => m[2] === c.sub)?.[1];
      assert.ok(inputId, `no radio for ${c.name}`);
      assert.match(html, new RegExp(`<label[^>]* for="${inputId}">${c.name}</label>`));
      assert.equal(elementById(html, `${inputId}-description`), `Rolle: ${c.roles.join(' og ')}`);
    }
  });

  test('posting without a choice gives 400 and the form again, with the error linked', async () => {
    const browser = new TestBrowser(origin);
    const { response, interactionPath } = await startLogin(browser);
    await response.arrayBuffer();

    const empty = await browser.request(`${interactionPath}/login`, { form: {} });
    assert.equal(empty.status, 400);
    const html = await empty.text();
    assert.match(html, /<html lang="nb">/);
    const describedBy = /<fieldset[^>]* aria-describedby="([^"]+)"/.exec(html)?.[1];
    assert.ok(describedBy, 'the fieldset points to the error');
    assert.equal(elementById(html, describedBy), 'Du må velge en testsaksbehandler for å logge inn.');
    for (const radio of html.matchAll(/<input[^>]*type="radio"[^>]*>/g)) {
      assert.match(radio[0], new RegExp(`aria-describedby="[^"]*\\b${describedBy}\\b`));
      assert.match(radio[0], /aria-invalid="true"/);
    }

    // An unknown sub is no choice either; the interaction stays usable afterwards.
    const bogus = await browser.request(`${interactionPath}/login`, { form: { caseworker: 'nobody' } });
    assert.equal(bogus.status, 400);
    await bogus.arrayBuffer();
    const posted = await browser.request(`${interactionPath}/login`, { form: { caseworker: DEV_CASEWORKERS[0]!.sub } });
    const callback = await backToClient(browser, posted);
    assert.ok(callback.searchParams.get('code'));
  });

  test('cancelling sends access_denied back to the client', async () => {
    const browser = new TestBrowser(origin);
    const { checks, response, interactionPath } = await startLogin(browser);
    await response.arrayBuffer();

    const posted = await browser.request(`${interactionPath}/abort`, { form: {} });
    const callback = await backToClient(browser, posted);
    assert.equal(callback.searchParams.get('error'), 'access_denied');
    assert.equal(callback.searchParams.get('code'), null);
    await assert.rejects(
      oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state }),
      (err: { error?: string }) => err.error === 'access_denied',
    );
  });

  test('an unknown client is refused with an error page, not a redirect', async () => {
    const response = await fetch(`${issuer}/auth?client_id=nope&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(redirectUri)}`, {
      redirect: 'manual',
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
    const html = await response.text();
    assert.match(html, /<html lang="nb">/);
    assert.match(html, /Noe gikk galt i testinnloggingen/);
    assert.match(html, /invalid_client/);
  });

  test('a redirect URI the client has not registered is refused without redirecting there', async () => {
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: 'https://evil.example/callback',
      scope: 'openid profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      state: 's',
    });
    const response = await fetch(url, { redirect: 'manual' });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
    assert.match(await response.text(), /invalid_redirect_uri/);
  });

  test('an authorization request without PKCE is refused', async () => {
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid profile', state: 'abc' });
    const response = await fetch(url, { redirect: 'manual' });
    assert.equal(response.status, 303);
    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(location.origin + location.pathname, redirectUri);
    assert.equal(location.searchParams.get('error'), 'invalid_request');
  });

  test('RP-initiated logout ends the session, so the next login shows the picker again', async () => {
    const browser = new TestBrowser(origin);
    const first = await startLogin(browser);
    await first.response.arrayBuffer();
    const callback = await backToClient(browser, await browser.request(`${first.interactionPath}/login`, { form: { caseworker: DEV_CASEWORKERS[0]!.sub } }));
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: first.checks.codeVerifier,
      expectedState: first.checks.state,
      expectedNonce: first.checks.nonce,
    });

    const endSession = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${origin}/mottak/` });
    const confirmPage = await browser.request(endSession);
    assert.equal(confirmPage.status, 200);
    const html = await confirmPage.text();
    assert.match(html, /Logg ut av testinnloggingen/);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(action && xsrf);
    const confirmed = await browser.request(action, { form: { xsrf, logout: 'yes' } });
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.headers.get('location'), `${origin}/mottak/`);

    const second = await startLogin(browser);
    assert.equal(second.response.status, 200);
    assert.match(await second.response.text(), /Velg testsaksbehandler/);
  });
});

describe('test caseworkers', () => {
  test('belong to demo registry services with the required roles', () => {
    const orgnrByName = new Map(demoServices().map((s) => [s.name, s.orgnr]));
    for (const c of DEV_CASEWORKERS) {
      assert.equal(c.serviceOrgnr, orgnrByName.get(c.serviceName), `${c.name}'s service is not in the demo registry`);
      assert.match(c.serviceOrgnr, /^\d{9}$/);
      assert.ok(c.roles.length > 0 && c.roles.every((r) => r === 'saksbehandler' || r === 'leder'));
      assert.match(c.email, /^[a-z.]+@[a-z.-]+\.test$/);
      assert.equal(findDevCaseworker(c.sub), c);
    }
    caseworker('Barneverntjenesten i bydel Gamle Oslo', 'saksbehandler');
    caseworker('Barneverntjenesten i bydel Gamle Oslo', 'leder');
    caseworker('Barneverntjenesten i bydel Grünerløkka', 'saksbehandler');
    caseworker('Barneverntjenesten i Trondheim', 'saksbehandler');
    caseworker('Barneverntjenesten i Trondheim', 'leder');
    caseworker('Barneverntjenesten i Bergen', 'saksbehandler');
    assert.equal(new Set(DEV_CASEWORKERS.map((c) => c.sub)).size, DEV_CASEWORKERS.length);
    // Picked by name in the stand-in: two of the same name could not be told apart.
    assert.equal(new Set(DEV_CASEWORKERS.map((c) => c.name)).size, DEV_CASEWORKERS.length);
    assert.equal(findDevCaseworker('nobody'), undefined);
  });

  test('every demo service has a saksbehandler to try mottak with, and each service outside Oslo a leder', () => {
    for (const service of demoServices()) {
      caseworker(service.name, 'saksbehandler');
      if (!service.name.startsWith('Barneverntjenesten i bydel ')) caseworker(service.name, 'leder');
    }
  });

  test('have subs derived from their e-mail, so they survive restarts, that reveal neither name nor e-mail', () => {
    for (const c of DEV_CASEWORKERS) {
      assert.equal(c.sub, createHash('sha256').update(`meldeportal-dev-caseworker-idp:${c.email}`).digest('base64url'));
      assert.ok(!c.sub.includes(c.email) && !c.sub.includes(c.name));
    }
  });
});

describe("caseworkers' IdP production guard", () => {
  test('isDevCaseworkerIdpAllowed / assertDevCaseworkerIdpAllowed refuse production', () => {
    assert.equal(isDevCaseworkerIdpAllowed({ NODE_ENV: 'production' }), false);
    assert.equal(isDevCaseworkerIdpAllowed({ NODE_ENV: 'development' }), true);
    assert.equal(isDevCaseworkerIdpAllowed({}), true);
    assert.throws(() => assertDevCaseworkerIdpAllowed({ NODE_ENV: 'production' }), /caseworker-idp\) must never be mounted/);
    assert.doesNotThrow(() => assertDevCaseworkerIdpAllowed({ NODE_ENV: 'test' }));
  });

  /** Registers the plugin on a fresh app and returns what app.ready() does. */
  async function registerUnder(prefix: string): Promise<void> {
    const app = Fastify();
    app.register(devCaseworkerIdpPlugin, {
      prefix,
      issuer: 'http://localhost:3001/dev/caseworker-idp',
      clients: [{ clientId: 'c', clientSecret: 's', redirectUris: ['http://localhost:3001/auth/callback'] }],
    });
    try {
      await app.ready();
    } finally {
      await app.close().catch(() => {});
    }
  }

  test('the plugin refuses to register when NODE_ENV=production', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await assert.rejects(registerUnder('/dev/caseworker-idp'), /caseworker-idp\) must never be mounted/);
    } finally {
      if (previous === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = previous;
    }
    // The same registration is fine outside production, so the refusal above is the guard's.
    await registerUnder('/dev/caseworker-idp');
  });

  test('the prefix must match the issuer path', async () => {
    await assert.rejects(registerUnder('/dev/idporten'), /devCaseworkerIdpPlugin .* must match/);
  });
});
