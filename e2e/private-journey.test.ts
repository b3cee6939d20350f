// A neighbour in Bærum reports a concern in a real browser, once with JavaScript and once without:
// every step filled by label like a person would, two real attachments, the receipt, the PDF copy —
// and axe on every page on the way, the ID-porten stand-in included.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { checkA11y, launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import { openDeliveredReport, pdfText } from '../test/kit/browser/delivered.ts';
import { makePdf, makePng } from '../test/kit/browser/files.ts';
import { CANARY, continueTo, expectPage, fillChild, fillConcern, fillGuardian, loginAtIdporten, navigation, option, visit } from '../test/kit/browser/journey.ts';

describe('a neighbour reports a concern about a child in Bærum', () => {
  let portal: TestPortal;
  let browser: Browser;
  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    const reporter = javaScriptEnabled ? 'Ola Nordmann' : 'Kari Nordmann';
    test(`a neighbour reports in Bærum with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled });
      try {
        // The front page tells what to do when it is urgent, and where to start.
        await visit(page, '/');
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Meld bekymring for et barn');
        assert.ok(await page.getByRole('region', { name: 'Haster det?' }).getByText('ring politiet på 112').isVisible());
        let response = await navigation(page, () => page.getByRole('link', { name: 'Start meldingen' }).click());
        await expectPage(page, response, '/meld/hvem');
        await checkA11y(page, 'hvem');

        await option(page, 'Hvem er du?', 'Privatperson').check();
        await continueTo(page, '/meld/kommune');

        // Where the child lives: the Bærum postcode, before the login, which then names the service.
        await checkA11y(page, 'kommune');
        await page.getByLabel('Kommune eller postnummer der barnet bor').fill('1337');
        await continueTo(page, '/meld/innlogging');
        await checkA11y(page, 'innlogging');
        assert.ok(await page.getByText('Meldingen går til Barneverntjenesten i Bærum.').isVisible());
        assert.ok(await page.getByText('Vil du melde anonymt, må du ringe barneverntjenesten.', { exact: false }).isVisible());
        await navigation(page, () => page.getByRole('link', { name: 'Logg inn med ID-porten' }).click());
        assert.match(new URL(page.url()).pathname, /^\/dev\/idporten\//, 'the login goes through the ID-porten stand-in');
        await loginAtIdporten(page, reporter, '/meld/barn');
        await checkA11y(page, 'barn');
        assert.equal(await page.getByText('Steg 3 av 8').count(), 1, 'a private reporter sees eight steps');

        await fillChild(page, 1, {
          name: 'Ola Åsheim',
          identification: 'estimatedAge',
          value: '8',
          street: 'Storgata 1',
          postcode: '1337',
          informed: 'Nei',
          notInformedReason: 'Han er for liten.',
        });
        await continueTo(page, '/meld/foresatte');
        await checkA11y(page, 'foresatte');
        await fillGuardian(page, 1, { name: 'Per Åsheim', phone: '912 34 567', informed: 'Ja' });
        await continueTo(page, '/meld/bekymring');

        await checkA11y(page, 'bekymring');
        // The receiving service's own barnevernvakt is shown where urgency is asked.
        assert.ok(await page.getByRole('region', { name: 'Haster det?' }).getByText('Barnevernvakten').isVisible());
        // What happened comes first, in the reporter's words; the areas are everyday words, and optional.
        assert.ok(
          (await page.getByLabel('Hva har skjedd, og hva har du sett eller hørt?').boundingBox())!.y < (await page.getByRole('group', { name: 'Hva handler bekymringen om? (valgfritt)' }).boundingBox())!.y,
          'the question about what happened comes before the areas',
        );
        await fillConcern(page, {
          categories: ['Barnet får ikke nok mat, klær, søvn, stell eller tilsyn', 'Barnet blir slått, truet eller skadet'],
          urgent: false,
          whatHappened: `Jeg hører roping og gråt fra leiligheten nesten hver kveld.\nI går sto gutten ute på trappa i en time. ${CANARY}`,
          history: 'Siden i sommer.',
          interpreter: 'Nei',
        });
        await continueTo(page, '/meld/melder');

        await checkA11y(page, 'melder');
        assert.ok(await page.getByText(`Navnet ditt er hentet fra ID-porten: ${reporter}.`).isVisible());
        await page.getByLabel('Telefonnummeret ditt').fill('987 65 432');
        await page.getByLabel('Hvordan kjenner du barnet?').fill('Nabo');
        await page.getByLabel('Jeg ber om at familien ikke får vite hvem som har meldt').check();
        await continueTo(page, '/meld/vedlegg');

        // Two real files, chosen by the file field's label and uploaded one at a time.
        await checkA11y(page, 'vedlegg');
        assert.ok(await page.getByText('Ingen vedlegg lagt til.').isVisible());
        const png = makePng();
        const pdf = await makePdf('Notat fra naboen');
        for (const file of [
          { name: 'tegning.png', mimeType: 'image/png', buffer: png },
          { name: 'notat.pdf', mimeType: 'application/pdf', buffer: pdf },
        ]) {
          await page.getByLabel('Velg fil').setInputFiles(file);
          response = await navigation(page, () => page.getByRole('button', { name: 'Last opp' }).click());
          await expectPage(page, response, '/meld/vedlegg');
          assert.ok(await page.getByRole('button', { name: `Fjern ${file.name}` }).isVisible(), `${file.name} is listed with a remove button`);
          await checkA11y(page, `vedlegg after uploading ${file.name}`);
        }
        // Listed at the size it is sent at, once cleaned.
        assert.ok(await page.getByText(/^tegning\.png \(\d+ B\)$/).isVisible());
        await continueTo(page, '/meld/oppsummering');

        // Check your answers: what will be sent, and to whom.
        await checkA11y(page, 'oppsummering');
        const summary = page.getByRole('main');
        for (const text of ['Barneverntjenesten i Bærum', 'Ola Åsheim', 'Omtrent 8 år', 'Storgata 1, 1337 Sandvika', 'Nei: Han er for liten.', 'Per Åsheim', 'Barnet får ikke nok mat, klær, søvn, stell eller tilsyn', CANARY, 'Nabo', 'Ja, familien skal ikke få vite hvem jeg er', 'tegning.png (', 'notat.pdf']) {
          assert.ok(await summary.getByText(text, { exact: false }).first().isVisible(), `the summary shows "${text}"`);
        }
        response = await navigation(page, () => page.getByRole('button', { name: 'Send meldingen' }).click());
        assert.equal(response.status(), 200);
        const reference = /^\/meld\/kvittering\/(BM-[0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(new URL(page.url()).pathname)?.[1];
        assert.ok(reference, `the receipt's address carries the reference (${page.url()})`);

        // The receipt: reference, recipient, what happens next, and the PDF copy.
        await checkA11y(page, 'kvittering');
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Meldingen er sendt');
        assert.ok(await page.getByText(reference, { exact: true }).isVisible(), 'the reference is shown');
        assert.ok(await page.getByText('Meldingen ble sendt til Barneverntjenesten i Bærum', { exact: false }).isVisible());
        assert.ok(await page.getByText('senest innen en uke', { exact: false }).isVisible());
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Last ned kopi av meldingen (PDF)' }).click()]);
        assert.equal(download.suggestedFilename(), `bekymringsmelding-${reference}.pdf`);
        const copy = await download.path();
        assert.equal(readFileSync(copy).subarray(0, 5).toString('latin1'), '%PDF-', 'the copy is a PDF');
        const copyText = pdfText(copy);
        assert.match(copyText, new RegExp(reference), 'the copy names the reference');
        assert.match(copyText, /Ola Åsheim/, 'the copy holds what was reported');

        // And Bærum, only Bærum, opens a report with the child and both files byte for byte.
        const delivered = await openDeliveredReport(portal, reference);
        assert.equal(delivered.kommunenummer, '3201');
        assert.equal(delivered.serviceName, 'Barneverntjenesten i Bærum');
        assert.equal(delivered.fiks.privatBarn[0].personnavn, 'Ola Åsheim');
        assert.match(delivered.fiks.melding, new RegExp(CANARY));
        // Cleaned on the way (decision 019), each still what the reporter attached: the same pixels, the same text.
        const pixels = (image: Uint8Array) => sharp(image).raw().toBuffer();
        assert.deepEqual(await pixels(delivered.files['vedlegg/tegning.png']!), await pixels(png), 'the PNG shows the same picture');
        const deliveredPdf = join(portal.dataDir, `notat-${reference}.pdf`);
        writeFileSync(deliveredPdf, delivered.files['vedlegg/notat.pdf']!);
        assert.match(pdfText(deliveredPdf), /Notat fra naboen/, 'the PDF holds the same text');
        assert.deepEqual(problems, [], 'no script errors or CSP violations in the browser');
      } finally {
        await context.close();
      }
    });
  }
});
