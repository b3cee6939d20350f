// Issue 18's open redirects, followed by Debian's Chromium: links on our own address whose return
// address normalises to `//evil.example`. Wherever the browser lands, after the language switch or
// a whole login through the stand-ins, it is on the app it started on. The browser resolves
// evil.example to a page the test serves, so a regression shows as a wrong address, not a DNS error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEV_TEST_PERSONS } from '../src/dev/idporten/index.ts';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestMottak, type TestMottak } from '../test/kit/mottak.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { CHROMIUM_ARGS, checkA11y, newVisitor, type Visitor } from '../test/kit/browser/browser.ts';
import { navigation } from '../test/kit/browser/journey.ts';

const ATTACKS = ['/.//evil.example', '/a/..//evil.example', '/%2e%2e//evil.example/meld'];
const REPORTER = DEV_TEST_PERSONS[0]!.name;
const CASEWORKER = 'Sigrid Aune';

describe('return addresses in the browser', () => {
  let portal: TestPortal;
  let mottak: TestMottak;
  let browser: Browser;
  let elsewhere: Server;
  const visitors: Visitor[] = [];

  before(async () => {
    portal = await startTestPortal(testDatabases()[0]!);
    mottak = await startTestMottak(testDatabases()[0]!, portal);
    elsewhere = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html lang="en"><title>elsewhere</title><h1>elsewhere</h1></html>'));
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const { port } = elsewhere.address() as AddressInfo;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP evil.example 127.0.0.1:${port}`],
      headless: true,
    });
  });
  after(async () => {
    await browser?.close();
    elsewhere?.close();
    await mottak?.close();
    await portal?.close();
  });

  async function visitorOn(baseURL: string): Promise<Page> {
    const visitor = await newVisitor(browser, { baseURL });
    visitors.push(visitor);
    return visitor.page;
  }

  /**
   * Picks the person on a stand-in's login page and logs in. Where the browser ends up is for the
   * caller to judge: a redirect chain that leaves the site after the stand-in's form is aborted by
   * Chromium (the form-action CSP), which would otherwise surface here as a navigation error.
   */
  async function logInAs(page: Page, name: string): Promise<void> {
    await page.getByRole('radio', { name, exact: true }).check();
    const landed = page.waitForURL((url) => !url.pathname.startsWith('/dev/')).catch(() => undefined);
    await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
    await landed;
  }

  function assertHome(page: Page, baseURL: string, attack: string, path?: string): void {
    const at = new URL(page.url());
    assert.equal(at.origin, new URL(baseURL).origin, `${JSON.stringify(attack)} took the browser to ${page.url()}`);
    if (path) assert.equal(at.pathname, path, `${JSON.stringify(attack)} landed on ${page.url()}`);
  }

  test('the language switch on both apps comes back to the app', async () => {
    for (const baseURL of [portal.url, mottak.url]) {
      const page = await visitorOn(baseURL);
      for (const attack of ATTACKS) {
        await page.goto(`/sprak/nn?tilbake=${encodeURIComponent(attack)}`);
        // Mottak's front page is behind the login: the browser goes on to the caseworkers' IdP stand-in,
        // which is mounted on mottak's own host.
        assertHome(page, baseURL, attack, baseURL === portal.url ? '/' : undefined);
      }
    }
    assert.deepEqual(visitors.flatMap((v) => v.problems), []);
  });

  test('logging in to the portal with a foreign return address ends on the portal', async () => {
    for (const [i, attack] of ATTACKS.entries()) {
      const page = await visitorOn(portal.url);
      await page.goto(`/auth/login?returnTo=${encodeURIComponent(attack)}`);
      if (i === 0) await checkA11y(page, 'the ID-porten stand-in');
      await logInAs(page, REPORTER);
      assertHome(page, portal.url, attack, '/');
      assert.equal(await page.getByText(`Logget inn som ${REPORTER}`).count(), 1, 'logged in');
      if (i === 0) await checkA11y(page, 'the start page after login');
      // Logged in, the login link sends the person straight on: still home.
      const response = await navigation(page, () => page.goto(`/auth/login?returnTo=${encodeURIComponent(attack)}`));
      assert.equal(response.status(), 200);
      assertHome(page, portal.url, attack, '/');
    }
  });

  test("logging in to mottak with a foreign return address ends in mottak's inbox", async () => {
    for (const [i, attack] of ATTACKS.entries()) {
      const page = await visitorOn(mottak.url);
      await page.goto(`/innlogging?returnTo=${encodeURIComponent(attack)}`);
      if (i === 0) await checkA11y(page, "the caseworkers' IdP stand-in");
      await logInAs(page, CASEWORKER);
      assertHome(page, mottak.url, attack, '/innboks');
      assert.equal(await page.getByText(`${CASEWORKER} (saksbehandler)`, { exact: true }).count(), 1, 'logged in');
      if (i === 0) await checkA11y(page, 'the inbox after login');
    }
    assert.deepEqual(visitors.flatMap((v) => v.problems), []);
  });
});
