// What a reporter sees when something is wrong: every step sent empty or with invalid values answers
// 422 with an error summary whose links reach the fields, "Feil:" in the title, the typed input kept,
// focus on the summary when JavaScript runs — and axe clean in every error state. Also the pages
// outside the form: an unknown municipality, one that is not connected, a missing page, a forged file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { checkA11y, launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import {
  TEACHER,
  continueTo,
  expectErrorSummary,
  expectPage,
  fillChild,
  fillConcern,
  fillTeacher,
  focusedId,
  loginAtIdporten,
  navigation,
  option,
  visit,
} from '../test/kit/browser/journey.ts';

/** Presses the step's button and returns the response (expected to be a refusal). */
function press(page: Page, button = 'Fortsett') {
  return navigation(page, () => page.getByRole('button', { name: button, exact: true }).click());
}

async function expectFocusOnSummary(page: Page, label: string): Promise<void> {
  assert.equal(await focusedId(page), 'error-summary', `${label}: with JavaScript, focus moves to the error summary`);
}

describe('errors a reporter can meet', () => {
  let portal: TestPortal;
  let browser: Browser;
  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  test('a private reporter sends every step empty or wrong (JavaScript on): 422, a linked error summary with focus, input kept', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url });
    try {
      await visit(page, '/meld/hvem');
      let response = await press(page);
      await expectErrorSummary(page, response, 'hvem', { reporterType: 'Velg om du er privatperson eller offentlig ansatt.' });
      await expectFocusOnSummary(page, 'hvem');
      // Following the summary's link puts the reporter on the field.
      await page.getByRole('link', { name: 'Velg om du er privatperson eller offentlig ansatt.' }).click();
      assert.equal(await focusedId(page), 'reporterType', 'the summary link moves focus to the field');
      await option(page, 'Hvem er du?', 'Privatperson').check();
      await continueTo(page, '/meld/kommune');

      // The municipality: empty, unknown, a postcode that does not exist, and one not connected.
      const kommune = page.getByLabel('Kommune eller postnummer der barnet bor');
      response = await press(page);
      await expectErrorSummary(page, response, 'kommune empty', { kommune: 'Skriv navnet på en kommune eller et postnummer.' });
      await expectFocusOnSummary(page, 'kommune empty');
      await kommune.fill('Atlantis');
      response = await press(page);
      await expectErrorSummary(page, response, 'kommune unknown', { kommune: 'Vi fant ingen kommune eller postnummer som passer med «Atlantis». Sjekk stavemåten.' });
      assert.equal(await kommune.inputValue(), 'Atlantis', 'the typed name is kept');
      await kommune.fill('0000');
      response = await press(page);
      await expectErrorSummary(page, response, 'kommune unknown postcode', { kommune: 'Postnummeret 0000 finnes ikke. Sjekk at det er riktig.' });
      assert.equal(await kommune.inputValue(), '0000');
      await kommune.fill('Lørenskog');
      response = await press(page);
      await expectPage(page, response, '/meld/kommune/ikke-tilgjengelig');
      await checkA11y(page, 'not onboarded (from the form)');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Lørenskog tar ikke imot meldinger her ennå');
      assert.ok(await page.getByText('Send meldingen i posten til «Barneverntjenesten, Lørenskog kommune»', { exact: false }).isVisible(), 'says how to report instead');
      response = await navigation(page, () => page.getByRole('link', { name: 'Velg en annen kommune' }).click());
      await expectPage(page, response, '/meld/kommune');
      await kommune.fill('1337');
      await continueTo(page, '/meld/innlogging');
      await navigation(page, () => page.getByRole('link', { name: 'Logg inn med ID-porten' }).click());
      await loginAtIdporten(page, 'Per Olav Haugen', '/meld/barn');

      // The child: empty, then a bad fødselsnummer and postcode and a missing reason.
      response = await press(page);
      // The name is asked as well as the reporter knows it: its absence is not a mistake.
      await expectErrorSummary(page, response, 'barn empty', {
        'child-0-identification': 'Barn 1: Velg hva du vet om barnets alder.',
        'child-0-informed': 'Barn 1: Svar ja eller nei på om barnet vet at du melder.',
      });
      await expectFocusOnSummary(page, 'barn empty');
      await fillChild(page, 1, { name: 'Ola Åsheim', identification: 'fnr', value: '12345678901', street: 'Storgata 1', postcode: '13a7', informed: 'Nei' });
      response = await press(page);
      await expectErrorSummary(page, response, 'barn invalid', {
        'child-0-fnr': 'Barn 1: Fødselsnummeret er ikke gyldig. Sjekk at du har skrevet 11 riktige siffer.',
        'child-0-postcode': 'Barn 1: Postnummeret må være fire siffer.',
        'child-0-notInformedReason': 'Barn 1: Skriv hvorfor barnet ikke vet om meldingen.',
      });
      const child = page.getByRole('region', { name: 'Barn 1', exact: true });
      assert.equal(await child.getByLabel('Barnets navn').inputValue(), 'Ola Åsheim', 'the name is kept');
      assert.equal(await child.getByLabel('Fødselsnummer (11 siffer)').inputValue(), '12345678901', 'the wrong number is kept to be corrected');
      assert.equal(await child.getByLabel('Gateadresse').inputValue(), 'Storgata 1');
      assert.equal(await child.getByLabel('Postnummer').inputValue(), '13a7');
      assert.ok(await option(child, 'Hva vet du om barnets alder?', 'Jeg vet fødselsnummeret').isChecked(), 'the choice is kept');
      assert.ok(await option(child, 'Vet barnet at du melder?', 'Nei').isChecked());
      await fillChild(page, 1, { name: 'Ola Åsheim', identification: 'estimatedAge', value: '8', street: 'Storgata 1', postcode: '1337', informed: 'Nei', notInformedReason: 'Han er for liten.' });
      await continueTo(page, '/meld/foresatte');

      // A guardian with only a bad phone number.
      const guardian = page.getByRole('region', { name: 'Foresatt 1', exact: true });
      await guardian.getByLabel('Telefonnummer (valgfritt)').fill('ring meg');
      response = await press(page);
      await expectErrorSummary(page, response, 'foresatte invalid', {
        'guardian-0-name': 'Foresatt 1: Skriv navnet til den foresatte, eller tøm feltene for denne personen.',
        'guardian-0-phone': 'Foresatt 1: Telefonnummeret kan bare ha siffer, mellomrom og + foran, og må ha 8 til 15 siffer.',
        'guardian-0-informed': 'Foresatt 1: Svar ja eller nei på om denne personen vet at du melder.',
      });
      await expectFocusOnSummary(page, 'foresatte');
      assert.equal(await guardian.getByLabel('Telefonnummer (valgfritt)').inputValue(), 'ring meg');
      await guardian.getByLabel('Telefonnummer (valgfritt)').fill('');
      await continueTo(page, '/meld/bekymring'); // no guardian known is an answer too

      // The concern: empty, then a text one character over the limit.
      response = await press(page);
      // A private person is asked what happened first; the areas are optional for them.
      await expectErrorSummary(page, response, 'bekymring empty', {
        whatHappened: 'Beskriv hva du har sett, hørt eller fått vite.',
        urgency: 'Svar på om det haster.',
        interpreterNeed: 'Svar på om det trengs tolk.',
      });
      await expectFocusOnSummary(page, 'bekymring empty');
      const tooLong = `${'Jeg så noe. '.repeat(1667)}xxxxx`.slice(0, 20_001);
      assert.equal(tooLong.length, 20_001);
      await fillConcern(page, { categories: ['Barnet blir slått, truet eller skadet'], urgent: true, whatHappened: tooLong, interpreter: 'Ja' });
      response = await press(page);
      await expectErrorSummary(page, response, 'bekymring too long', {
        whatHappened: /^«Hva har skjedd, og hva har du sett eller hørt\?» er for lang\. Teksten kan være på høyst 20\s?000 tegn\.$/,
        interpreterLanguage: 'Skriv hvilket språk tolken må kunne.',
      });
      assert.equal((await page.getByLabel('Hva har skjedd, og hva har du sett eller hørt?').inputValue()).length, 20_001, 'the whole text is kept, nothing is lost');
      assert.ok(await page.getByLabel('Barnet blir slått, truet eller skadet', { exact: true }).isChecked());
      assert.ok(await option(page, 'Haster det?', 'Ja, barnet trenger hjelp nå eller i løpet av få dager').isChecked());
      await fillConcern(page, { categories: [], urgent: false, whatHappened: 'Jeg hører roping og gråt nesten hver kveld.', interpreter: 'Nei' });
      await continueTo(page, '/meld/melder');

      // About the reporter: empty, then a bad phone number and postcode.
      response = await press(page);
      await expectErrorSummary(page, response, 'melder empty', { relationToChild: 'Skriv hvordan du kjenner barnet.' });
      await expectFocusOnSummary(page, 'melder empty');
      await page.getByLabel('Telefonnummeret ditt').fill('123');
      await page.getByRole('group', { name: 'Adressen din (valgfritt)' }).getByLabel('Postnummer').fill('12');
      await page.getByLabel('Hvordan kjenner du barnet?').fill('Nabo');
      response = await press(page);
      await expectErrorSummary(page, response, 'melder invalid', {
        phone: 'Telefonnummeret kan bare ha siffer, mellomrom og + foran, og må ha 8 til 15 siffer.',
        'reporter-postcode': 'Postnummeret må være fire siffer.',
      });
      assert.equal(await page.getByLabel('Hvordan kjenner du barnet?').inputValue(), 'Nabo');
      await page.getByLabel('Telefonnummeret ditt').fill('98765432');
      await page.getByRole('group', { name: 'Adressen din (valgfritt)' }).getByLabel('Postnummer').fill('');
      await continueTo(page, '/meld/vedlegg');

      // Attachments: no file chosen, and a text file named like a picture.
      response = await press(page, 'Last opp');
      await expectErrorSummary(page, response, 'vedlegg without file', { file: 'Velg en fil å laste opp.' });
      await expectFocusOnSummary(page, 'vedlegg without file');
      await page.getByLabel('Velg fil').setInputFiles({ name: 'bilde.png', mimeType: 'image/png', buffer: Buffer.from('Dette er bare tekst, ikke et bilde.\n') });
      response = await press(page, 'Last opp');
      await expectErrorSummary(page, response, 'vedlegg forged type', { file: 'Filen «bilde.png» er ikke en PDF, JPEG eller PNG. Vi sjekker innholdet i filen, ikke bare navnet.' });
      assert.ok(await page.getByText('Ingen vedlegg lagt til.').isVisible(), 'nothing was added');
      await continueTo(page, '/meld/oppsummering');
      assert.deepEqual(problems, [], 'no script errors or CSP violations in the browser');
    } finally {
      await context.close();
    }
  });

  test('a teacher sends the duty helper, the district and the reporter step empty or wrong (JavaScript off)', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false });
    try {
      await visit(page, '/meld/hvem');
      await option(page, 'Hvem er du?', 'Offentlig ansatt eller yrkesutøver med taushetsplikt').check();
      await continueTo(page, '/meld/meldeplikt');
      let response = await press(page);
      await expectErrorSummary(page, response, 'meldeplikt empty', { grounds: 'Kryss av for minst én grunn, eller for at ingen passer.' });
      const grounds = 'Kryss av for det som passer';
      await option(page, grounds, 'barnet blir eller vil bli mishandlet i hjemmet').check();
      await option(page, grounds, 'Ingen av disse passer, men jeg mener familien kan ha nytte av hjelp').check();
      response = await press(page);
      await expectErrorSummary(page, response, 'meldeplikt contradiction', { grounds: 'Du kan ikke både krysse av for en grunn og for at ingen passer.' });
      assert.ok(await option(page, grounds, 'barnet blir eller vil bli mishandlet i hjemmet').isChecked(), 'both ticks are kept');
      await option(page, grounds, 'Ingen av disse passer, men jeg mener familien kan ha nytte av hjelp').uncheck();
      await continueTo(page, '/meld/kommune');

      await page.getByLabel('Kommune eller postnummer der barnet bor').fill('Oslo');
      await continueTo(page, '/meld/bydel');
      response = await press(page);
      await expectErrorSummary(page, response, 'bydel empty', { bydel: 'Velg bydel, eller «Vet ikke».' });
      await option(page, 'Hvilken bydel bor barnet i?', 'Bydel Frogner').check();
      await continueTo(page, '/meld/innlogging');
      await navigation(page, () => page.getByRole('link', { name: 'Logg inn med ID-porten' }).click());
      await loginAtIdporten(page, 'Ola Nordmann', '/meld/barn');
      await fillChild(page, 1, { name: 'Nora Bakke', identification: 'estimatedAge', value: '10', street: '', postcode: '', informed: 'Ja' });
      await continueTo(page, '/meld/foresatte');
      await continueTo(page, '/meld/bekymring');
      await fillConcern(page, { categories: ['Trivsel i barnehage og skole'], urgent: false, whatHappened: 'Kommer ofte sulten.', interpreter: 'Nei' });
      await continueTo(page, '/meld/melder');

      response = await press(page);
      await expectErrorSummary(page, response, 'melder (professional) empty', {
        role: 'Skriv stillingen din.',
        employerName: 'Skriv navnet på arbeidsgiveren din.',
        workPhone: 'Skriv telefonnummeret ditt på jobb.',
        email: 'Skriv e-postadressen din på jobb.',
      });
      await fillTeacher(page, { ...TEACHER, orgnr: '123456789', postcode: 'O266', email: 'lærer@skole' });
      response = await press(page);
      await expectErrorSummary(page, response, 'melder (professional) invalid', {
        employerOrgnr: 'Organisasjonsnummeret er ikke gyldig. Det har 9 siffer.',
        'employer-postcode': 'Postnummeret må være fire siffer.',
        email: 'E-postadressen er ikke gyldig. Skriv den som navn@virksomhet.no.',
      });
      assert.equal(await page.getByLabel('Organisasjonsnummer (valgfritt)').inputValue(), '123456789', 'the typed values are kept');
      assert.equal(await page.getByLabel('E-post på jobb').inputValue(), 'lærer@skole');
      assert.equal(await page.getByRole('group', { name: 'Arbeidsstedets adresse (valgfritt)' }).getByLabel('Postnummer').inputValue(), 'O266');
      assert.equal(await page.getByLabel('Stillingen din').inputValue(), TEACHER.role);
      await fillTeacher(page, TEACHER);
      await continueTo(page, '/meld/vedlegg');
      assert.deepEqual(problems, [], 'no script errors or CSP violations in the browser');
    } finally {
      await context.close();
    }
  });

  test('pages outside the form: an unknown municipality, one not connected, and a missing page, in Norwegian and accessible', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url });
    try {
      // The contact search on the front page with a name that matches nothing.
      await visit(page, '/');
      const search = page.getByRole('region', { name: 'Finn barneverntjenesten' });
      await search.getByLabel('Kommune eller postnummer').fill('Atlantis');
      let response = await navigation(page, () => search.getByRole('button', { name: 'Finn telefonnummer' }).click());
      await expectPage(page, response, '/kontakt', 422);
      await expectErrorSummary(page, response, 'kontakt unknown', { kommune: 'Vi fant ingen kommune eller postnummer som passer med «Atlantis».' });
      await expectFocusOnSummary(page, 'kontakt unknown');
      assert.equal(await page.getByLabel('Kommune eller postnummer').inputValue(), 'Atlantis');

      // A municipality that is not connected: how to reach it instead.
      await page.getByLabel('Kommune eller postnummer').fill('Lørenskog');
      response = await navigation(page, () => page.getByRole('button', { name: 'Finn telefonnummer' }).click());
      await expectPage(page, response, '/kontakt');
      await checkA11y(page, 'kontakt not onboarded');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Lørenskog tar ikke imot meldinger her ennå');
      assert.ok(await page.getByText('Ring kommunens sentralbord og be om barneverntjenesten.', { exact: false }).isVisible());
      assert.ok(await page.getByText('ring 112 eller Alarmtelefonen 116 111', { exact: false }).isVisible());

      await visit(page, '/meld/kommune/ikke-tilgjengelig?kommunenummer=3222');
      assert.match(await page.title(), /^Lørenskog tar ikke imot meldinger her ennå – /);
      assert.equal(await page.getByRole('link', { name: 'Velg en annen kommune' }).getAttribute('href'), '/meld/kommune');

      // A page that does not exist, inside and outside the form.
      for (const path of ['/finnes-ikke', '/meld/finnes-ikke']) {
        await visit(page, path, 404);
        assert.match(await page.title(), /^Fant ikke siden – /);
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Fant ikke siden');
        assert.ok(await page.getByText('Vi fant ikke siden du ba om.', { exact: false }).isVisible());
        assert.equal(await page.getByRole('link', { name: 'Gå til forsiden' }).getAttribute('href'), '/');
      }
      assert.deepEqual(problems, [], 'no script errors or CSP violations in the browser');
    } finally {
      await context.close();
    }
  });
});
