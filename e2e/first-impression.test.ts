// Issue 17, the reporter's side: what a new user met in Chromium and should not have. Each test is a
// short story on the real portal, with JavaScript off unless the story needs it, axe on every page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { checkA11y, launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import { makePng } from '../test/kit/browser/files.ts';
import { continueTo, expectPage, fillChild, fillPrivateReportUpTo, navigation, norwegianDate, option, pathOf, sendInBrowser, throughFrontchannelLogout, visit } from '../test/kit/browser/journey.ts';

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
        assert.ok(await page.getByRole('main').getByText(/^bilde\.png \(\d+ B\)$/).isVisible(), 'the summary lists the file');

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
        response = await throughFrontchannelLogout(page, await navigation(page, () => page.getByRole('button', { name: /Logg ut/ }).click()));
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
      await continueTo(page, '/meld/kommune');
      await page.getByLabel('Kommune eller postnummer der barnet bor').fill('1337');
      await continueTo(page, '/meld/innlogging');
      await navigation(page, () => page.getByRole('link', { name: 'Logg inn med ID-porten' }).click());
      assert.match(pathOf(page), /^\/dev\/idporten\//, 'ID-porten asks again');
      assert.ok(await page.getByLabel('Ola Nordmann', { exact: true }).isVisible(), 'the person picker is shown');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('where the child lives: spellings without æøå and "1337 Sandvika" are understood, "Sand" is asked about, the service is named before the login, and a municipality not connected is told before the login', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false });
    try {
      await fillPrivateReportUpTo(page, 'Ola Nordmann', '/meld/kommune');
      const field = page.getByLabel('Kommune eller postnummer der barnet bor');
      // The browser suggests the municipalities' names as the reporter types (a datalist: no script needed).
      assert.equal(await field.getAttribute('list'), 'kommune-suggestions');
      assert.equal(await page.locator('#kommune-suggestions option').count(), 357);
      assert.equal(await page.locator('#kommune-suggestions option[value="Bærum"]').count(), 1);
      for (const typed of ['Baerum', '1337 Sandvika']) {
        await page.goto('/meld/kommune');
        await field.fill(typed);
        await continueTo(page, '/meld/innlogging');
        await checkA11y(page, `login gate after "${typed}"`);
        assert.ok(await page.getByText('Meldingen går til Barneverntjenesten i Bærum.').isVisible(), `"${typed}" goes to Bærum, and the page says so before the login`);
      }

      // "Sand": a postal town in Suldal, or the start of Sandnes, Sande, Sandefjord: a question, not an answer and not an error.
      await page.goto('/meld/kommune');
      await field.fill('Sand');
      let response = await navigation(page, () => page.getByRole('button', { name: 'Fortsett', exact: true }).click());
      await expectPage(page, response, '/meld/kommune');
      await checkA11y(page, 'kommune with a choice');
      assert.equal(await page.locator('#error-summary').count(), 0, 'a choice is not an error');
      const choice = page.getByRole('group', { name: 'Flere kommuner passer. Hvilken mener du?' });
      assert.ok(await choice.getByText('Sand er et poststed i Suldal.').isVisible());
      assert.ok(await choice.getByLabel('Sandnes (Rogaland)').isVisible());
      assert.equal(await choice.getByRole('radio', { checked: true }).count(), 0, 'nothing is chosen for the reporter');
      // Pressing on without choosing is the mistake.
      response = await navigation(page, () => page.getByRole('button', { name: 'Fortsett', exact: true }).click());
      await expectPage(page, response, '/meld/kommune', 422);
      assert.match(await page.locator('#error-summary').innerText(), /Velg hvilken kommune du mener/);

      // An intermunicipal service is named with the municipality it serves.
      await page.goto('/meld/kommune');
      await field.fill('Vega');
      await continueTo(page, '/meld/innlogging');
      assert.ok(await page.getByText('Meldingen går til Sør-Helgeland barneverntjeneste, som er barneverntjenesten for Vega.').isVisible());

      // Not connected: said before the login, with the municipality's website for its phone and address.
      await page.goto('/meld/kommune');
      await field.fill('Lørenskog');
      response = await navigation(page, () => page.getByRole('button', { name: 'Fortsett', exact: true }).click());
      await expectPage(page, response, '/meld/kommune/ikke-tilgjengelig');
      await checkA11y(page, 'not connected, before login');
      assert.equal(await page.getByRole('button', { name: 'Logg ut' }).count(), 0, 'no login was needed to learn this');
      assert.equal(await page.getByRole('link', { name: 'www.lorenskog.kommune.no' }).getAttribute('href'), 'https://www.lorenskog.kommune.no/');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('after the choice, every step says where the report goes, with a way to change it', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false });
    try {
      await fillPrivateReportUpTo(page, 'Kari Nordmann', '/meld/foresatte');
      assert.ok(await page.getByText('Meldingen går til Barneverntjenesten i Bærum.').isVisible());
      const response = await navigation(page, () => page.getByRole('link', { name: 'Endre kommune' }).click());
      await expectPage(page, response, '/meld/kommune');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the child step: a name only as well as known, an unborn child not asked whether it knows, a past due date refused, and every error names its question and child', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false });
    try {
      await fillPrivateReportUpTo(page, 'Ola Nordmann', '/meld/barn');
      // Two children: the first unnamed, of about eight; the second not yet born, due in the past.
      await fillChild(page, 1, { name: '', identification: 'estimatedAge', value: '8', street: '', postcode: '', informed: 'Ja' });
      await navigation(page, () => page.getByRole('button', { name: 'Legg til et barn til' }).click());
      const second = page.getByRole('region', { name: 'Barn 2', exact: true });
      await option(second, 'Hva vet du om barnets alder?', 'Barnet er ikke født ennå').check();
      assert.equal(await second.getByRole('group', { name: 'Vet barnet at du melder?' }).isVisible(), false, 'an unborn child is not asked whether it knows');
      assert.equal(await second.getByLabel('Fødselsnummer (11 siffer)').isVisible(), false, 'only the question for the answer chosen is shown');
      await second.getByLabel('Termindato (valgfritt)').fill(norwegianDate(-10));
      const response = await navigation(page, () => page.getByRole('button', { name: 'Fortsett', exact: true }).click());
      await expectPage(page, response, '/meld/barn', 422);
      await checkA11y(page, 'barn with a past due date');
      const summary = await page.locator('#error-summary').innerText();
      assert.match(summary, /Barn 2: Termindatoen har vært\./);
      assert.doesNotMatch(summary, /Barn 1|navn/i, 'the unnamed first child is no mistake');
      assert.doesNotMatch(summary, /vet at du melder/, 'the unborn child is not asked whether it knows');

      // On its own page the same mistake reads "Barn 1: ..." and names the question.
      await second.getByLabel('Termindato (valgfritt)').fill(norwegianDate(60));
      await continueTo(page, '/meld/foresatte');
      await page.goto('/meld/barn');
      await option(page.getByRole('region', { name: 'Barn 1', exact: true }), 'Vet barnet at du melder?', 'Nei').check();
      await navigation(page, () => page.getByRole('button', { name: 'Fortsett', exact: true }).click());
      assert.match(await page.locator('#error-summary').innerText(), /Barn 1: Skriv hvorfor barnet ikke vet om meldingen\./);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('what was typed on a refused page, a second child included, is still there after going back and returning', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false });
    try {
      await fillPrivateReportUpTo(page, 'Kari Nordmann', '/meld/barn');
      await fillChild(page, 1, { name: 'Ola Åsheim', identification: 'fnr', value: '12345678901', street: 'Storgata 1', postcode: '1337', informed: 'Ja' });
      await navigation(page, () => page.getByRole('button', { name: 'Legg til et barn til' }).click());
      await page.getByRole('region', { name: 'Barn 2', exact: true }).getByLabel('Barnets navn').fill('Kari Åsheim');
      const refused = await navigation(page, () => page.getByRole('button', { name: 'Fortsett', exact: true }).click());
      await expectPage(page, refused, '/meld/barn', 422);

      // Away by "Tilbake", and on again to the child step.
      await navigation(page, () => page.getByRole('link', { name: 'Tilbake' }).click());
      await continueTo(page, '/meld/barn');
      const first = page.getByRole('region', { name: 'Barn 1', exact: true });
      assert.equal(await first.getByLabel('Barnets navn').inputValue(), 'Ola Åsheim');
      assert.equal(await first.getByLabel('Fødselsnummer (11 siffer)').inputValue(), '12345678901', 'the number to correct is kept');
      assert.equal(await page.getByRole('region', { name: 'Barn 2', exact: true }).getByLabel('Barnets navn').inputValue(), 'Kari Åsheim', 'the added child is kept');
      await checkA11y(page, 'barn returned to');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  for (const javaScriptEnabled of [false, true]) {
    test(`a private person says what happened first, picks areas in plain words if any, and sees the text's limit (JavaScript ${javaScriptEnabled ? 'on: with a live count' : 'off: in the hint'})`, async () => {
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled });
      try {
        await fillPrivateReportUpTo(page, 'Ola Nordmann', '/meld/bekymring');
        const text = page.getByLabel('Hva har skjedd, og hva har du sett eller hørt?');
        const areas = page.getByRole('group', { name: 'Hva handler bekymringen om? (valgfritt)' });
        assert.ok((await text.boundingBox())!.y < (await areas.boundingBox())!.y, 'what happened is asked first');
        assert.ok(await areas.getByLabel('Barnet ser eller hører vold hjemme').isVisible(), 'areas in everyday words');
        assert.equal(await page.getByText('Basal og praktisk omsorg').count(), 0, 'not SSB’s professional list');
        assert.match(await page.locator('#whatHappened-description').innerText(), /Du kan skrive opptil 20\s000 tegn\./);
        const counter = page.locator('#whatHappened-counter');
        if (javaScriptEnabled) {
          await text.fill('Jeg hører roping.');
          assert.match(await counter.innerText(), /^Du har 19\s983 tegn igjen\.$/);
          await text.fill('x'.repeat(20_003));
          assert.match(await counter.innerText(), /^Du har skrevet 3 tegn for mye\.$/);
          assert.match((await text.getAttribute('aria-describedby')) ?? '', /whatHappened-counter/);
        } else {
          assert.equal(await counter.isVisible(), false, 'no count without script; the hint says the limit');
        }
        // No area ticked is no mistake for a private person.
        await text.fill('Jeg hører roping og gråt hver kveld.');
        await option(page, 'Haster det?', 'Nei, det haster ikke').check();
        await option(page, 'Trenger barnet eller familien tolk?', 'Vet ikke').check();
        await continueTo(page, '/meld/melder');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  test('after sending: the copy is downloaded again from Mine meldinger, and a report begun and not sent is offered to continue there and on the start page', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false });
    try {
      const reference = await sendInBrowser(page, 'Kari Nordmann', 'Jeg hører roping og gråt.', false);
      // The receipt's heading says what the section is; the link says what it does.
      assert.ok(await page.getByRole('heading', { name: 'Kopi av meldingen' }).isVisible());
      assert.equal(await page.getByRole('heading', { name: 'Last ned kopi av meldingen (PDF)' }).count(), 0);

      // Another report, begun and left after the municipality.
      await visit(page, '/meld/hvem');
      await option(page, 'Hvem er du?', 'Privatperson').check();
      await continueTo(page, '/meld/kommune');
      await page.getByLabel('Kommune eller postnummer der barnet bor').fill('Vega');
      await continueTo(page, '/meld/barn');

      await visit(page, '/mine-meldinger');
      const unsent = page.getByRole('region', { name: 'Du har en melding som ikke er sendt' });
      assert.match(await unsent.innerText(), /Meldingen skal til Sør-Helgeland barneverntjeneste\. Svarene dine er lagret kryptert i 24 timer etter siste endring, og bare denne nettleseren kan åpne dem\./);
      const card = page.getByRole('region', { name: `Melding ${reference}` });
      assert.match(await card.innerText(), /Kopien kan lastes ned i denne nettleseren til/);
      const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: 'Last ned kopi av meldingen (PDF)' }).click()]);
      assert.equal(readFileSync(await download.path()).subarray(0, 5).toString('latin1'), '%PDF-');
      let response = await navigation(page, () => unsent.getByRole('link', { name: 'Fortsett meldingen' }).click());
      await expectPage(page, response, '/meld/barn');

      // The start page offers it too, first after the lead, so it is not begun twice.
      await visit(page, '/');
      await checkA11y(page, 'start page with an unsent report');
      const offered = page.getByRole('region', { name: 'Du har en melding som ikke er sendt' });
      assert.match(await offered.innerText(), /Meldingen skal til Sør-Helgeland barneverntjeneste\./);
      response = await navigation(page, () => offered.getByRole('link', { name: 'Fortsett meldingen' }).click());
      await expectPage(page, response, '/meld/barn');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('Northern Sámi for a logged-in person: the start and contact pages, a missing page and the form answer and are accessible, and the way back to bokmål is on each', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false, locale: 'se-NO' });
    try {
      await fillPrivateReportUpTo(page, 'Kari Nordmann', '/meld/barn');
      await page.goto('/sprak/se?tilbake=/');
      for (const [path, status, lang] of [['/', 200, 'se'], ['/kontakt', 200, 'se'], ['/finnes-ikke', 404, 'se'], ['/meld/barn', 200, 'nb'], ['/mine-meldinger', 200, 'nb']] as const) {
        await visit(page, path, status);
        assert.equal(await page.locator('html').getAttribute('lang'), lang, path);
        // Pages in Sámi have the way back to bokmål; a form page is shown in bokmål already.
        if (lang === 'se') assert.ok(await page.getByRole('link', { name: 'Bokmål' }).count(), `${path}: bokmål is one link away`);
        assert.equal(await page.locator('header form[action="/auth/logout"]').count(), 1, `${path}: still logged in`);
      }
      await page.goto('/');
      assert.equal(await page.getByRole('link', { name: 'Mine meldinger' }).getAttribute('lang'), 'nb', 'a text not written in Sámi is marked as bokmål');
      assert.deepEqual(problems.filter((p) => !/status of 404/.test(p)), []);
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
