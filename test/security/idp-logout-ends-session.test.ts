// Logging out at the identity provider (ID-porten, or the municipality's IdP for caseworkers) must
// end our session too, or the person believes they are logged out while our cookie still works.
// Back-channel: the stand-ins (real oidc-provider) POST a signed logout token, as ID-porten does.
// Front-channel: the IdP's logout page loads our URL with its issuer and session id.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import type { FastifyInstance } from 'fastify';
import { HttpClient, decodeEntities } from '../kit/http-client.ts';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { loginCaseworker, startTestMottak, type TestMottak } from '../kit/mottak.ts';
import { useNewVisitorAddress } from '../kit/portal-visitors.ts';

/**
 * Logs out at the IdP itself: its end-session page, "Logg ut" confirmed, as a person would. Returns
 * the page the IdP answers with (its front-channel frames), or undefined when it only redirects.
 */
async function logOutAtIdp(client: HttpClient, endSessionPath: string): Promise<string | undefined> {
  const page = await client.get(endSessionPath);
  assert.equal(page.status, 200, 'the IdP asks to confirm');
  const form = /<form[^>]*id="op.logoutForm"[^>]*>([\s\S]*?)<\/form>/.exec(page.text);
  assert.ok(form, 'the IdP logout form');
  const action = decodeEntities(/action="([^"]+)"/.exec(form[0])![1]!);
  const fields: Record<string, string> = { logout: 'yes' };
  for (const m of form[1]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]!] = decodeEntities(m[2]!);
  const confirmed = await client.request('POST', new URL(action, page.url).href, { form: fields });
  assert.ok(confirmed.status >= 200 && confirmed.status < 400, `confirm answered ${confirmed.status}`);
  return confirmed.status === 200 ? confirmed.text : undefined;
}

/** The front-channel frames on the IdP's logout page, as the browser would load them. */
function frames(html: string): URL[] {
  return [...html.matchAll(/<iframe src="([^"]+)"/g)].map((m) => new URL(decodeEntities(m[1]!)));
}

/** The IdP's session id in the ID token our sealed cookie holds (read with the app's own key). */
function idpSid(app: FastifyInstance, client: HttpClient, cookieName: string, tokenField: string): string {
  const value = /(?:^|; )([^=]+)=([^;]*)/g;
  let sealed = '';
  for (const m of client.cookieHeader().matchAll(value)) if (m[1] === cookieName) sealed = decodeURIComponent(m[2]!);
  const session = (app as unknown as { decodeSecureSession(v: string): { get(k: string): unknown } | null }).decodeSecureSession(sealed);
  const idToken = session?.get(tokenField);
  assert.equal(typeof idToken, 'string', 'the ID token is in the session');
  const sid = decodeJwt(idToken as string).sid;
  assert.equal(typeof sid, 'string', 'the ID token names the IdP session');
  return sid as string;
}

for (const database of testDatabases()) {
  describe(`logging out at the identity provider ends our session (${database.name})`, () => {
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

    test('portal: logging out at ID-porten (back-channel) ends the portal session, and the cookie reaches nothing', async () => {
      await useNewVisitorAddress();
      const client = new HttpClient(portal.url);
      await client.login('/mine-meldinger', 4);
      assert.equal((await client.get('/mine-meldinger')).status, 200);
      await logOutAtIdp(client, '/dev/idporten/session/end');
      const after = await client.get('/mine-meldinger');
      assert.equal(after.status, 302);
      assert.match(after.location ?? '', /^\/auth\/login\?returnTo=/);
    });

    test('mottak: logging out at the caseworker IdP (back-channel) ends the mottak session', async () => {
      await useNewVisitorAddress();
      const client = new HttpClient(mottak.url);
      await loginCaseworker(client, 'Sigrid Aune');
      assert.equal((await client.get('/innboks')).status, 200);
      await logOutAtIdp(client, '/dev/caseworker-idp/session/end');
      assert.match((await client.get('/innboks')).location ?? '', /^\/innlogging\?returnTo=/);
    });

    test('front-channel: the IdP session id from the right issuer ends the session; from another issuer nothing', async () => {
      await useNewVisitorAddress();
      const client = new HttpClient(portal.url);
      await client.login('/mine-meldinger', 1);
      const sid = idpSid(portal.app, client, 'mp_session', 'idToken');
      const issuer = portal.app.config.idporten.issuer;
      const stranger = new HttpClient(portal.url);
      const forged = await stranger.get(`/auth/frontchannel-logout?iss=${encodeURIComponent('https://evil.example')}&sid=${encodeURIComponent(sid)}`);
      assert.equal(forged.status, 200);
      assert.equal((await client.get('/mine-meldinger')).status, 200, 'another issuer ends nothing');
      const framed = await stranger.get(`/auth/frontchannel-logout?iss=${encodeURIComponent(issuer)}&sid=${encodeURIComponent(sid)}`);
      assert.equal(framed.status, 200);
      assert.match(framed.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors ${new URL(issuer).origin}`), 'only the IdP may frame it');
      assert.equal((await client.get('/mine-meldinger')).status, 302, 'the session the IdP named has ended');
    });

    test('the ID-porten stand-in’s logout page loads the portal’s front-channel URL with its issuer and this session’s id', async () => {
      await useNewVisitorAddress();
      const client = new HttpClient(portal.url);
      await client.login('/mine-meldinger', 2);
      const sid = idpSid(portal.app, client, 'mp_session', 'idToken');
      const page = await logOutAtIdp(client, '/dev/idporten/session/end');
      assert.ok(page, 'a page with frames, not only a redirect');
      const [frame, ...more] = frames(page);
      assert.equal(more.length, 0);
      assert.equal(frame!.pathname, '/auth/frontchannel-logout');
      assert.equal(frame!.searchParams.get('iss'), portal.app.config.idporten.issuer.replace(/\/+$/, ''));
      assert.equal(frame!.searchParams.get('sid'), sid);
      assert.equal((await new HttpClient(portal.url).get(frame!.pathname + frame!.search)).status, 200);
      assert.match(page, /<a class="ds-link" href="[^"]+">Gå tilbake til tjenesten<\/a>/, 'and a link on to where the logout was going');
    });

    test('mottak front-channel: the caseworker IdP names the session, and it ends', async () => {
      await useNewVisitorAddress();
      const client = new HttpClient(mottak.url);
      await loginCaseworker(client, 'Magnus Rørvik');
      const sid = idpSid(mottak.app, client, 'mottak_session', 'caseworkerIdToken');
      const page = await new HttpClient(mottak.url).get(`/innlogging/frontchannel-logout?iss=${encodeURIComponent(new URL('/dev/caseworker-idp', mottak.url).href)}&sid=${encodeURIComponent(sid)}`);
      assert.equal(page.status, 200);
      assert.equal((await client.get('/innboks')).status, 302);
    });
  });
}
