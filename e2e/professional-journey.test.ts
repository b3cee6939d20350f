// A teacher in Oslo reports two siblings in a real browser. The duty-to-report helper decides whether
// a consent record is needed; the district decides who receives it. Axe runs on every page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { firstNationalId } from '../test/domain/national-id-helpers.ts';
import { checkA11y, launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import { openDeliveredReport } from '../test/kit/browser/delivered.ts';
import {
  CANARY,
  TEACHER,
  continueTo,
  expectErrorSummary,
  expectPage,
  fillChild,
  fillConcern,
  fillGuardian,
  fillTeacher,
  loginAtIdporten,
  navigation,
  norwegianDate,
  option,
  visit,
} from '../test/kit/browser/journey.ts';

const OFFENTLIG = 'no.ks.fiks.bekymringsmelding.offentlig.v2';
const CHILD_FNR = firstNationalId(`${new Date().getUTCFullYear() - 10}-03-14`, 500, 'tenor');
const SIBLING_BIRTH_DATE = `02.05.${new Date().getUTCFullYear() - 6}`;
/** As the summary writes it: the date in words. */
const SIBLING_BIRTH_DATE_SHOWN = `2. mai ${new Date().getUTCFullYear() - 6}`;

interface TeacherRun {
  javaScriptEnabled: boolean;
  person: string;
  /** Labels of the duty grounds ticked, or the "none of these" option. */
  grounds: string[];
  /** The district's radio label, or "Vet ikke". */
  district: string;
}

/** From the front page to the reporter step, with two children and two guardians. */
async function teacherReachesReporterStep(page: Page, run: TeacherRun, defaultService: string): Promise<void> {
  await visit(page, '/');
  let response = await navigation(page, () => page.getByRole('link', { name: 'Start meldingen' }).click());
  await expectPage(page, response, '/meld/hvem');
  await checkA11y(page, 'hvem');
  await option(page, 'Hvem er du?', 'Offentlig ansatt eller yrkesutøver med taushetsplikt').check();
  await continueTo(page, '/meld/meldeplikt');

  await checkA11y(page, 'meldeplikt');
  assert.ok(await page.getByText('barnevernsloven § 13-2', { exact: false }).isVisible(), 'the duty helper cites the law');
  for (const ground of run.grounds) await option(page, 'Kryss av for det som passer', ground).check();
  await continueTo(page, '/meld/kommune');

  await checkA11y(page, 'kommune');
  await page.getByLabel('Kommune eller postnummer der barnet bor').fill('Oslo');
  await continueTo(page, '/meld/bydel');
  await checkA11y(page, 'bydel');
  const districts = page.getByRole('group', { name: 'Hvilken bydel bor barnet i?' });
  assert.equal(await districts.getByRole('radio').count(), 16, 'fifteen districts and "Vet ikke"');
  assert.ok(await page.getByText(`Meldingen går da til ${defaultService}, som sender den videre.`).isVisible(), '"Vet ikke" says who gets the report');
  await districts.getByLabel(run.district, { exact: true }).check();
  await continueTo(page, '/meld/innlogging');
  await checkA11y(page, 'innlogging');
  await navigation(page, () => page.getByRole('link', { name: 'Logg inn med ID-porten' }).click());
  await loginAtIdporten(page, run.person, '/meld/barn');

  // Two siblings: the first, then "Legg til et barn til" keeps what was typed and adds a second card.
  await checkA11y(page, 'barn');
  await fillChild(page, 1, { name: 'Nora Bakke', identification: 'fnr', value: CHILD_FNR, street: 'Bygdøy allé 10', postcode: '0262', informed: 'Ja' });
  response = await navigation(page, () => page.getByRole('button', { name: 'Legg til et barn til' }).click());
  await expectPage(page, response, '/meld/barn');
  assert.equal(await page.getByRole('region', { name: /^Barn \d$/ }).count(), 2, 'a second child card');
  const first = page.getByRole('region', { name: 'Barn 1', exact: true });
  assert.equal(await first.getByLabel('Barnets navn').inputValue(), 'Nora Bakke', 'the first child is kept');
  assert.equal(await first.getByLabel('Fødselsnummer (11 siffer)').inputValue(), CHILD_FNR);
  assert.ok(await option(first, 'Vet barnet at du melder?', 'Ja').isChecked());
  await checkA11y(page, 'barn with two children');
  await fillChild(page, 2, {
    name: 'Emil Bakke',
    identification: 'birthDate',
    value: SIBLING_BIRTH_DATE,
    street: 'Bygdøy allé 10',
    postcode: '0262',
    city: 'Oslo',
    informed: 'Nei',
    notInformedReason: 'Han er for liten.',
  });
  await continueTo(page, '/meld/foresatte');

  await checkA11y(page, 'foresatte');
  await fillGuardian(page, 1, { name: 'Hanne Bakke', phone: '91234567', informed: 'Ja' });
  await fillGuardian(page, 2, { name: 'Jon Bakke', informed: 'Nei', notInformedReason: 'Han bor ikke med barna og er ikke å få tak i.' });
  await continueTo(page, '/meld/bekymring');

  await checkA11y(page, 'bekymring');
  await fillConcern(page, {
    categories: ['Trivsel i barnehage og skole', 'Basal og praktisk omsorg'],
    urgent: false,
    whatHappened: `Nora kommer ofte sulten og uten matpakke, og Emil hentes ofte sent. ${CANARY}`,
    interpreter: 'Vet ikke',
    otherAgencies: 'Helsesykepleier på skolen.',
  });
  await continueTo(page, '/meld/melder');
  await checkA11y(page, 'melder');
  assert.ok(await page.getByText(`Navnet ditt er hentet fra ID-porten: ${run.person}.`).isVisible());
}

/** From the summary: send, read the receipt, and open what the service received. */
async function sendAndOpen(page: Page, portal: TestPortal, recipient: string) {
  await checkA11y(page, 'oppsummering');
  const main = page.getByRole('main');
  for (const text of [recipient, 'Nora Bakke', `Fødselsnummer ${CHILD_FNR}`, 'Emil Bakke', `Født ${SIBLING_BIRTH_DATE_SHOWN}`, 'Hanne Bakke', 'Jon Bakke', 'Kontaktlærer', 'Frogner skole (974760673)']) {
    assert.ok(await main.getByText(text, { exact: false }).first().isVisible(), `the summary shows "${text}"`);
  }
  const response = await navigation(page, () => page.getByRole('button', { name: 'Send meldingen' }).click());
  assert.equal(response.status(), 200);
  await checkA11y(page, 'kvittering');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Meldingen er sendt');
  assert.ok(await page.getByText(`Meldingen ble sendt til ${recipient}`, { exact: false }).isVisible());
  assert.ok(await page.getByText('Som offentlig melder får du også vite om barneverntjenesten starter en undersøkelse', { exact: false }).isVisible());
  const reference = /BM-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(page.url())?.[0];
  assert.ok(reference, 'the receipt carries the reference');
  const delivered = await openDeliveredReport(portal, reference);
  assert.equal(delivered.messageType, OFFENTLIG);
  assert.equal(delivered.serviceName, recipient);
  assert.deepEqual(
    delivered.fiks.offentligBarn.map((b: { personnavn: string }) => b.personnavn),
    ['Nora Bakke', 'Emil Bakke'],
  );
  assert.equal(delivered.fiks.offentligBarn[0].fnr, CHILD_FNR);
  assert.equal(delivered.fiks.offentligMelder.rolle, 'Kontaktlærer');
  assert.equal(delivered.fiks.offentligMelder.virksomhet.orgnr, TEACHER.orgnr);
  return delivered;
}

describe('a teacher in Oslo reports two siblings', () => {
  let portal: TestPortal;
  let browser: Browser;
  let defaultService: string;
  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!), launchBrowser()]);
    defaultService = (
      await portal.database.db
        .selectFrom('districts')
        .innerJoin('services', 'services.id', 'districts.service_id')
        .select('services.name')
        .where('districts.kommunenummer', '=', '0301')
        .where('districts.default_recipient', '=', true)
        .executeTakeFirstOrThrow()
    ).name;
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  test('the duty is triggered and the teacher picks Frogner: no consent is asked, Frogner receives it (JavaScript on)', async () => {
    const run: TeacherRun = {
      javaScriptEnabled: true,
      person: 'Sunniva Lien Berg',
      grounds: ['barnet blir eller vil bli utsatt for annen alvorlig omsorgssvikt', 'barnet blir eller vil bli mishandlet i hjemmet'],
      district: 'Bydel Frogner',
    };
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: run.javaScriptEnabled });
    try {
      await teacherReachesReporterStep(page, run, defaultService);
      assert.equal(await page.getByRole('region', { name: 'Samtykke' }).count(), 0, 'no consent record when the duty is triggered');
      await fillTeacher(page, TEACHER);
      await continueTo(page, '/meld/vedlegg');
      await checkA11y(page, 'vedlegg');
      await continueTo(page, '/meld/oppsummering');
      assert.ok(await page.getByText('Utløst: barnet blir eller vil bli mishandlet i hjemmet', { exact: false }).isVisible(), 'the summary states the duty');
      const delivered = await sendAndOpen(page, portal, 'Barneverntjenesten i bydel Frogner');
      assert.equal(delivered.bydelsnummer, '05');
      assert.equal(delivered.fiks.bydelsnavn, 'Bydel Frogner');
      assert.deepEqual(problems, [], 'no script errors or CSP violations in the browser');
    } finally {
      await context.close();
    }
  });

  test('no ground applies and the teacher answers "Vet ikke" for the district: the consent record is required, the default recipient receives it (JavaScript off)', async () => {
    const run: TeacherRun = {
      javaScriptEnabled: false,
      person: 'Aisha Rahman',
      grounds: ['Ingen av disse passer, men jeg mener familien kan ha nytte av hjelp'],
      district: 'Vet ikke',
    };
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: run.javaScriptEnabled });
    try {
      await teacherReachesReporterStep(page, run, defaultService);
      const consent = page.getByRole('region', { name: 'Samtykke' });
      assert.ok(await consent.isVisible(), 'the consent record is asked for');

      // The teacher's own details are not enough without the consent.
      await fillTeacher(page, TEACHER);
      const refused = await navigation(page, () => page.getByRole('button', { name: 'Fortsett' }).click());
      await expectErrorSummary(page, refused, 'melder without consent', {
        parentsConsented: /samtykke fra foreldrene/,
        childOver15: 'Svar på om noen av barna er over 15 år.',
        consentDate: 'Skriv datoen for samtykket.',
        howRecorded: 'Skriv hvordan samtykket ble gitt og dokumentert.',
      });
      assert.equal(await page.getByLabel('Stillingen din').inputValue(), TEACHER.role, 'what was typed is kept');
      assert.equal(await page.getByLabel('E-post på jobb').inputValue(), TEACHER.email);

      await consent.getByLabel('Foreldrene har samtykket til meldingen og innholdet').check();
      await option(consent, 'Er noen av barna over 15 år?', 'Nei, ingen av barna er over 15 år').check();
      await consent.getByLabel('Dato for samtykket').fill(norwegianDate(-3));
      await consent.getByLabel('Hvordan ble samtykket gitt og dokumentert?').fill('Samtale med begge foreldrene på skolen, notat i elevmappen.');
      await continueTo(page, '/meld/vedlegg');
      await checkA11y(page, 'vedlegg');
      await continueTo(page, '/meld/oppsummering');
      assert.ok(await page.getByText('Ikke utløst – samtykke registrert').isVisible(), 'the summary states the consent');
      const delivered = await sendAndOpen(page, portal, defaultService);
      assert.match(delivered.fiks.melding.melding, /Samtale med begge foreldrene på skolen/, 'the consent record reaches the service');
      assert.deepEqual(problems, [], 'no script errors or CSP violations in the browser');
    } finally {
      await context.close();
    }
  });
});
