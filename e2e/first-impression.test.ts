// Issue 17, the reporter's side: what a new user met in Chromium and should not have. Each test is a
// short story on the real portal, with JavaScript off unless the story needs it, axe on every page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testDatabases } from '../test/helpers/databases.ts';
import { startTestPortal, type TestPortal } from '../test/helpers/portal.ts';
import { checkA11y, launchBrowser, newVisitor } from './helpers/browser.ts';
import { makePng } from './helpers/files.ts';
import { continueTo, expectPage, fillPrivateReportUpTo, navigation, option, pathOf, visit } from './helpers/journey.ts';

describe('first impression: the reporter’s way', () => {
  let portal: TestPortal;
  let browser: Browser;
  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  for (const javaScriptEnabled of [false, true]) {
    test(`a file chosen and "Fortsett" pressed without "Last opp" is uploaded, not dropped (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled });
      try {
        await fillPrivateReportUpTo(page, 'Kari Nordmann', '/meld/vedlegg');
        const png = makePng();
        await page.getByLabel('Velg fil').setInputFiles({ name: 'bilde.png', mimeType: 'image/png', buffer: png });
        await continueTo(page, '/meld/oppsummering');
        assert.ok(await page.getByRole('main').getByText(`bilde.png (${png.length} B)`).isVisible(), 'the summary lists the file');

        // A file that cannot be taken stops the reporter with the reason, on the same page.
        await page.goto('/meld/vedlegg');
        await page.getByLabel('Velg fil').setInputFiles({ name: 'notat.txt', mimeType: 'text/plain', buffer: Buffer.from('hei') });
        const response = await navigation(page, () => page.getByRole('button', { name: 'Fortsett', exact: true }).click());
        await expectPage(page, response, '/meld/vedlegg/last-opp', 422);
        assert.match(await page.locator('#error-summary').innerText(), /notat\.txt/);
        await checkA11y(page, 'vedlegg with a refused file');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  test('"Logg ut" ends the ID-porten session too: the next "Logg inn" asks who you are, the unsent report is gone, and the page says so', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false });
    try {
      await fillPrivateReportUpTo(page, 'Kari Nordmann', '/meld/barn');
      // Logging out with answers written asks first; going back keeps them.
      let response = await navigation(page, () => page.getByRole('button', { name: 'Logg ut' }).click());
      await expectPage(page, response, '/auth/logout');
      await checkA11y(page, 'logout with an unsent report');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Du har ikke sendt meldingen');
      response = await navigation(page, () => page.getByRole('link', { name: 'Gå tilbake til meldingen' }).click());
      await expectPage(page, response, '/meld/barn');

      response = await navigation(page, () => page.getByRole('button', { name: 'Logg ut' }).click());
      response = await navigation(page, () => page.getByRole('button', { name: 'Logg ut og slett meldingen' }).click());
      // The stand-in, like ID-porten, ends its own session and sends the browser back.
      if (pathOf(page).startsWith('/dev/idporten/')) {
        await checkA11y(page, 'the stand-in’s logout');
        response = await navigation(page, () => page.getByRole('button', { name: /Logg ut/ }).click());
      }
      await expectPage(page, response, '/auth/logget-ut');
      await checkA11y(page, 'logged out');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Du er logget ut');
      assert.ok(await page.getByText('Meldingen du ikke sendte, er slettet.', { exact: false }).isVisible());
      assert.equal(await page.getByRole('button', { name: 'Logg ut' }).count(), 0, 'no one is logged in');

      // A new report starts empty, and logging in asks who you are again.
      await visit(page, '/meld/hvem');
      assert.equal(await option(page, 'Hvem er du?', 'Privatperson').isChecked(), false, 'the earlier choice is gone');
      await option(page, 'Hvem er du?', 'Privatperson').check();
      await continueTo(page, '/meld/innlogging');
      await navigation(page, () => page.getByRole('link', { name: 'Logg inn med ID-porten' }).click());
      assert.match(pathOf(page), /^\/dev\/idporten\//, 'ID-porten asks again');
      assert.ok(await page.getByLabel('Ola Nordmann', { exact: true }).isVisible(), 'the person picker is shown');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('"Avbryt og slett meldingen" asks first, and then says the report is deleted', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false });
    try {
      await fillPrivateReportUpTo(page, 'Ola Nordmann', '/meld/oppsummering');
      let response = await navigation(page, () => page.getByRole('button', { name: 'Avbryt og slett meldingen' }).click());
      await expectPage(page, response, '/meld/avbryt');
      await checkA11y(page, 'confirm delete');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Vil du slette meldingen?');
      response = await navigation(page, () => page.getByRole('link', { name: 'Gå tilbake til meldingen' }).click());
      await expectPage(page, response, '/meld/oppsummering');

      await navigation(page, () => page.getByRole('button', { name: 'Avbryt og slett meldingen' }).click());
      response = await navigation(page, () => page.getByRole('button', { name: 'Ja, slett meldingen' }).click());
      await expectPage(page, response, '/meld/slettet');
      await checkA11y(page, 'deleted');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Meldingen er slettet');
      response = await navigation(page, () => page.getByRole('link', { name: 'Start en ny melding' }).click());
      await expectPage(page, response, '/meld/hvem');
      assert.equal(await option(page, 'Hvem er du?', 'Privatperson').isChecked(), false);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
