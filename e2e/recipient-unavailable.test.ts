// When the receiving service has no valid certificate, nothing can be encrypted to it: the reporter
// meets a clear page (axe clean, JS on and off) with the service's phones, and the draft waits.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testDatabases } from '../test/kit/databases.ts';
import { expireCertificatesOf, startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { checkA11y, launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import { fillPrivateReportInBrowser, navigation, visit } from '../test/kit/browser/journey.ts';

describe('a report to a service without a valid certificate', () => {
  let portal: TestPortal;
  let browser: Browser;
  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!, { DELIVERY_WORKERS: 'false' }), launchBrowser()]);
    await expireCertificatesOf(portal, '3201');
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`is not sent, says so plainly and keeps the answers (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled });
      try {
        await fillPrivateReportInBrowser(page, javaScriptEnabled ? 'Ola Nordmann' : 'Kari Nordmann', 'Roping og gråt hver kveld.', false);
        const response = await navigation(page, () => page.getByRole('button', { name: 'Send meldingen' }).click());
        assert.equal(response.status(), 503);
        await checkA11y(page, 'recipient unavailable');
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Vi kan ikke sende meldingen akkurat nå');
        assert.ok(await page.getByText('Svarene dine er lagret i 24 timer. Prøv å sende igjen senere', { exact: false }).isVisible());
        assert.ok((await page.getByRole('link', { name: /^\d[\d ]+$/ }).count()) >= 1, 'a phone number to call');
        await navigation(page, () => page.getByRole('link', { name: 'Tilbake til oppsummeringen' }).click());
        assert.equal(new URL(page.url()).pathname, '/meld/oppsummering');
        assert.ok(await page.getByText('Roping og gråt hver kveld.').isVisible(), 'the answers are still there');
        assert.deepEqual(problems.filter((p) => !/503/.test(p)), []);
      } finally {
        await context.close();
      }
    });
  }
});
