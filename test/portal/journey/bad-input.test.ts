// Anything a reporter (or an attacker) can send gets a clear Norwegian message and keeps what was
// typed: every step posted empty and with wrong values, wrong types, oversized fields and bodies,
// unknown and ambiguous municipalities, missing CSRF tokens, foreign or tampered cookies, expired
// drafts, skipping ahead, and uploads. Never a 500, never a stack trace, never unescaped input.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { HttpClient, csrfToken, type HttpResponse } from '../../kit/http-client.ts';
import { childAnswers, concernAnswers } from '../../kit/journey.ts';
import { onePagePdf, rgbPng } from '../../kit/crafted-files.ts';
import {
  assertNoLeak,
  assertSummaryLinksResolve,
  checkedValues,
  closeVisitorAddresses,
  useNewVisitorAddress,
  errorSummaryText,
  expectPage,
  fieldValue,
  openStoredReport,
  referenceIn,
  spendPageBudget,
  teacherAnswers,
  walkProfessionalJourneyToReporterStep,
} from '../../kit/portal-visitors.ts';

const XSS = '<script>alert(1)</script>';
const XSS_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const ATTR_XSS = '"><img src=x onerror=alert(1)>';

type Fields = Record<string, string | string[]>;

const PRIVATE_ANSWERS: Record<string, Fields> = {
  hvem: { reporterType: 'private' },
  kommune: { kommune: '1337' },
  bydel: { bydel: '05' },
  barn: { ...childAnswers(), action: 'continue' },
  foresatte: { 'guardian-0-name': 'Per Åsheim', 'guardian-0-phone': '91234567', 'guardian-0-informed': 'yes' },
  bekymring: concernAnswers(),
  melder: { phone: '98765432', relationToChild: 'Nabo', 'reporter-addressLine1': '', 'reporter-postcode': '', 'reporter-city': '' },
  vedlegg: { action: 'continue' },
};

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MB = 1024 * 1024;

/** A real picture, `width` pixels wide, that survives being cleaned. */
function picture(width: number): Buffer {
  return rgbPng(width, 10, (x) => [x * 10, 80, 160]);
}

function png(size: number): Buffer {
  return Buffer.concat([PNG_HEADER, Buffer.alloc(size - PNG_HEADER.length, 0x41)]);
}

/** A rejected step: 422, the same step, a Norwegian error summary whose links all resolve. */
function assertRejected(page: HttpResponse, path: string, expectedIds?: string[]): string[] {
  expectPage(page, path, 422);
  assert.match(page.text, /<title>Feil: /, 'the title says there is an error');
  assert.match(page.text, /Du må rette dette før du kan gå videre:/);
  const ids = assertSummaryLinksResolve(page.text);
  if (expectedIds) assert.deepEqual([...ids].sort(), [...expectedIds].sort(), errorSummaryText(page.text));
  assertNoLeak(page.text, path);
  return ids;
}

function assertEscaped(html: string): void {
  assert.equal(html.includes(XSS), false, 'a typed <script> is never echoed raw');
  assert.equal(html.includes('<img src=x'), false, 'a typed attribute breakout is never echoed raw');
}

/** Posts fields with the page's CSRF token and follows the redirect (like submit, but any fields). */
async function post(client: HttpClient, page: HttpResponse, path: string, fields: Fields): Promise<HttpResponse> {
  return client.submit(page, path, fields);
}

for (const database of testDatabases()) {
  describe(`bad input is answered clearly (${database.name})`, () => {
    let portal: TestPortal;
    before(async () => {
      portal = await startTestPortal(database);
    });
    after(async () => {
      await portal?.close();
      await closeVisitorAddresses();
    });
    // Each test is its own visitor with its own address, as in real life, so the portal's per-address
    // rate limit (300 a minute) applies per test rather than to the whole file.
    beforeEach(async () => {
      await useNewVisitorAddress();
    });

    /** A private reporter, logged in, with every step before `step` answered; returns the step's page. */
    async function privateAt(step: string, options: { kommune?: string; personIndex?: number } = {}): Promise<{ client: HttpClient; page: HttpResponse }> {
      const client = new HttpClient(portal.url);
      let page = await client.getFollow('/meld/hvem');
      if (step === 'hvem') return { client, page };
      page = await client.submit(page, '/meld/hvem', PRIVATE_ANSWERS.hvem!);
      for (const s of ['kommune', 'bydel', 'barn', 'foresatte', 'bekymring', 'melder', 'vedlegg']) {
        if (s === 'barn') page = await client.login('/meld/barn', options.personIndex ?? 0);
        if (s === step) break;
        if (s === 'bydel' && new URL(page.url).pathname !== '/meld/bydel') continue;
        page = await client.submit(page, `/meld/${s}`, s === 'kommune' ? { kommune: options.kommune ?? '1337' } : PRIVATE_ANSWERS[s]!);
      }
      expectPage(page, `/meld/${step}`);
      return { client, page };
    }

    test('hvem: empty, an unknown value, a repeated field and 100 values are each refused with a message', async () => {
      const { client, page } = await privateAt('hvem');
      const attempts: Fields[] = [{}, { reporterType: 'admin' }, { reporterType: ['a', 'b'] }, { reporterType: Array.from({ length: 100 }, (_, i) => `v${i}`) }, { reporterType: XSS }];
      for (const fields of attempts) {
        const rejected = await post(client, page, '/meld/hvem', fields);
        assertRejected(rejected, '/meld/hvem', ['reporterType']);
        assert.match(errorSummaryText(rejected.text), /Velg om du er privatperson eller offentlig ansatt/);
        assert.deepEqual(checkedValues(rejected.text, 'reporterType'), []);
        assertEscaped(rejected.text);
      }
    });

    test('meldeplikt: nothing ticked, an unknown ground, and a ground together with "none" are refused; the ticks are kept', async () => {
      const client = new HttpClient(portal.url);
      let page = await client.getFollow('/meld/hvem');
      page = await client.submit(page, '/meld/hvem', { reporterType: 'professional' });
      expectPage(page, '/meld/meldeplikt');
      let rejected = await post(client, page, '/meld/meldeplikt', {});
      assertRejected(rejected, '/meld/meldeplikt', ['grounds']);
      rejected = await post(client, page, '/meld/meldeplikt', { grounds: ['rm -rf', XSS] });
      assertRejected(rejected, '/meld/meldeplikt', ['grounds']);
      assertEscaped(rejected.text);
      rejected = await post(client, page, '/meld/meldeplikt', { grounds: ['seriousNeglect', 'none'] });
      assertRejected(rejected, '/meld/meldeplikt', ['grounds']);
      assert.match(errorSummaryText(rejected.text), /både krysse av for en grunn og for at ingen passer/);
      assert.deepEqual(checkedValues(rejected.text, 'grounds').sort(), ['none', 'seriousNeglect']);
      rejected = await post(client, page, '/meld/meldeplikt', { grounds: Array.from({ length: 100 }, () => 'bogus') });
      assertRejected(rejected, '/meld/meldeplikt', ['grounds']);
    });

    test('kommune: empty, an unknown name (escaped), an unknown postcode are refused with what was typed', async () => {
      const { client, page } = await privateAt('kommune');
      let rejected = await post(client, page, '/meld/kommune', { kommune: '' });
      assertRejected(rejected, '/meld/kommune', ['kommune']);
      assert.match(errorSummaryText(rejected.text), /Skriv navnet på en kommune eller et postnummer/);

      rejected = await post(client, page, '/meld/kommune', { kommune: XSS });
      assertRejected(rejected, '/meld/kommune', ['kommune']);
      assertEscaped(rejected.text);
      assert.ok(rejected.text.includes(XSS_ESCAPED), 'the typed value comes back escaped');
      assert.equal(fieldValue(rejected.text, 'kommune'), XSS);

      rejected = await post(client, page, '/meld/kommune', { kommune: ATTR_XSS });
      assertRejected(rejected, '/meld/kommune', ['kommune']);
      assertEscaped(rejected.text);
      assert.equal(fieldValue(rejected.text, 'kommune'), ATTR_XSS);

      rejected = await post(client, page, '/meld/kommune', { kommune: 'Atlantis' });
      assertRejected(rejected, '/meld/kommune', ['kommune']);
      assert.match(errorSummaryText(rejected.text), /Vi fant ingen kommune eller postnummer som passer med «Atlantis»/);
      assert.equal(fieldValue(rejected.text, 'kommune'), 'Atlantis');

      rejected = await post(client, page, '/meld/kommune', { kommune: '9999' });
      assertRejected(rejected, '/meld/kommune', ['kommune']);
      assert.match(errorSummaryText(rejected.text), /Postnummeret 9999 finnes ikke/);

      rejected = await post(client, page, '/meld/kommune', { kommune: ['Atlantis', 'Bærum'] });
      assertRejected(rejected, '/meld/kommune', ['kommune']);
      rejected = await post(client, page, '/meld/kommune', { kommune: 'x'.repeat(5000) });
      assertRejected(rejected, '/meld/kommune', ['kommune']);
    });

    test('kommune: "Herøy" offers a choice between the two, as a question and not an error; a choice outside them is refused', async () => {
      const { client, page } = await privateAt('kommune');
      const asked = await post(client, page, '/meld/kommune', { kommune: 'Herøy' });
      assert.equal(asked.status, 200);
      assert.equal(errorSummaryText(asked.text), '');
      assert.match(asked.text, /Flere kommuner passer\. Hvilken mener du\?/);
      assert.match(asked.text, /name="kommunenummer" value="1515"/);
      assert.match(asked.text, /name="kommunenummer" value="1818"/);
      assert.match(asked.text, />Herøy \(Møre og Romsdal\)</);
      assert.match(asked.text, />Herøy \(Nordland\)</);
      assert.equal(fieldValue(asked.text, 'kommune'), 'Herøy');
      // Sent again without choosing, it is a mistake.
      let rejected = await post(client, asked, '/meld/kommune', { kommune: 'Herøy', choiceFor: 'Herøy' });
      assertRejected(rejected, '/meld/kommune', ['kommunenummer']);
      assert.match(errorSummaryText(rejected.text), /Velg hvilken kommune du mener/);

      // Bærum's number is not one of the candidates for "Herøy".
      rejected = await post(client, rejected, '/meld/kommune', { kommune: 'Herøy', choiceFor: 'Herøy', kommunenummer: '3201' });
      assertRejected(rejected, '/meld/kommune', ['kommunenummer']);
      assert.deepEqual(checkedValues(rejected.text, 'kommunenummer'), []);

      // Choosing one works; Herøy is not onboarded, so the reporter is told how to report instead.
      const chosen = await post(client, rejected, '/meld/kommune', { kommune: 'Herøy', kommunenummer: '1818' });
      assert.equal(chosen.status, 200);
      assert.equal(new URL(chosen.url).pathname, '/meld/kommune/ikke-tilgjengelig');
      assert.match(chosen.text, /Herøy \(Nordland\) tar ikke imot meldinger her ennå/);
    });

    test('kommune: a municipality that is not onboarded (Lørenskog, 1470) leads to a page that explains phone and post', async () => {
      const { client, page } = await privateAt('kommune');
      const response = await client.request('POST', '/meld/kommune', { form: { _csrf: csrfToken(page.text), kommune: '1470' } });
      assert.equal(response.status, 303);
      assert.equal(response.location, '/meld/kommune/ikke-tilgjengelig?kommunenummer=3222');
      const explained = await client.follow(response);
      assert.equal(explained.status, 200);
      assert.match(explained.text, /Lørenskog tar ikke imot meldinger her ennå/);
      assert.match(explained.text, /Ring kommunens sentralbord og be om barneverntjenesten/);
      assert.match(explained.text, /Send meldingen i posten til «Barneverntjenesten, Lørenskog kommune»/);
      assert.match(explained.text, /116 111/);
      assert.match(explained.text, /href="\/meld\/kommune"/);
      // The same by name; and the page survives junk in its query string.
      const byName = await client.request('POST', '/meld/kommune', { form: { _csrf: csrfToken(page.text), kommune: 'lørenskog' } });
      assert.equal(byName.location, '/meld/kommune/ikke-tilgjengelig?kommunenummer=3222');
      for (const query of ['?kommunenummer=9999', '?kommunenummer=%3Cscript%3E', '?kommunenummer=a&kommunenummer=b', '']) {
        const junk = await client.get(`/meld/kommune/ikke-tilgjengelig${query}`);
        assert.ok(junk.status === 302 || junk.status === 200, `${query}: ${junk.status}`);
        assertNoLeak(junk.text);
      }
    });

    test('bydel: nothing chosen, an unknown district and junk are refused', async () => {
      const { client, page } = await privateAt('bydel', { kommune: 'Oslo' });
      assert.match(page.text, /Bydel Frogner/);
      const attempts: Fields[] = [{}, { bydel: '99' }, { bydel: '5' }, { bydel: XSS }, { bydel: ['x', '05'] }, { bydel: Array.from({ length: 100 }, () => 'zz') }];
      for (const fields of attempts) {
        const rejected = await post(client, page, '/meld/bydel', fields);
        assertRejected(rejected, '/meld/bydel', ['bydel']);
        assert.match(errorSummaryText(rejected.text), /Velg bydel, eller «Vet ikke»/);
        assertEscaped(rejected.text);
      }
    });

    test('barn: posted empty, every required answer is asked for (the name is asked as well as known, so not required)', async () => {
      const { client, page } = await privateAt('barn');
      const rejected = await post(client, page, '/meld/barn', { action: 'continue' });
      assertRejected(rejected, '/meld/barn', ['child-0-identification', 'child-0-informed']);
    });

    test('barn: wrong values are refused one by one, and everything typed comes back (escaped)', async () => {
      const { client, page } = await privateAt('barn');
      const year = new Date().getUTCFullYear();
      const fields = {
        childCount: '3',
        action: 'continue',
        'child-0-name': 'Ola\nNordmann',
        'child-0-identification': 'fnr',
        'child-0-fnr': '12345678901',
        'child-0-addressLine1': ATTR_XSS,
        'child-0-postcode': 'abcd',
        'child-0-city': XSS,
        'child-0-informed': 'maybe',
        'child-1-name': XSS,
        'child-1-identification': 'birthDate',
        'child-1-birthDate': `01.01.${year + 1}`,
        'child-1-informed': 'no',
        'child-1-notInformedReason': '',
        'child-2-name': 'Kari',
        'child-2-identification': 'estimatedAge',
        'child-2-estimatedAge': '25',
        'child-2-informed': 'yes',
      };
      const rejected = await post(client, page, '/meld/barn', fields);
      assertRejected(rejected, '/meld/barn', [
        'child-0-name',
        'child-0-fnr',
        'child-0-postcode',
        'child-0-informed',
        'child-1-birthDate',
        'child-1-notInformedReason',
        'child-2-estimatedAge',
      ]);
      const summary = errorSummaryText(rejected.text);
      // Each message names its child, and the question where the wording alone would not.
      assert.match(summary, /Barn 1: «Barnets navn» kan bare ha én linje tekst/);
      assert.match(summary, /Barn 1: Fødselsnummeret er ikke gyldig/);
      assert.match(summary, /Barn 1: Postnummeret må være fire siffer/);
      assert.match(summary, /Barn 1: Svar ja eller nei på om barnet vet at du melder/);
      assert.match(summary, /Barn 2: Fødselsdatoen kan ikke være fram i tid/);
      assert.match(summary, /Barn 2: Skriv hvorfor barnet ikke vet om meldingen/);
      assert.match(summary, /Barn 3: Skriv alderen som et tall fra 0 til 18/);
      assertEscaped(rejected.text);
      assert.equal(fieldValue(rejected.text, 'child-0-fnr'), '12345678901');
      assert.equal(fieldValue(rejected.text, 'child-0-addressLine1'), ATTR_XSS);
      assert.equal(fieldValue(rejected.text, 'child-0-city'), XSS);
      assert.equal(fieldValue(rejected.text, 'child-1-name'), XSS);
      assert.equal(fieldValue(rejected.text, 'child-2-estimatedAge'), '25');
      assert.deepEqual(checkedValues(rejected.text, 'child-0-identification'), ['fnr']);
      assert.deepEqual(checkedValues(rejected.text, 'child-1-identification'), ['birthDate']);
      assert.deepEqual(checkedValues(rejected.text, 'child-1-informed'), ['no']);

      // Dates that do not exist, and adults.
      let again = await post(client, page, '/meld/barn', { ...childAnswers(), 'child-0-identification': 'birthDate', 'child-0-birthDate': '31.02.2020' });
      assertRejected(again, '/meld/barn', ['child-0-birthDate']);
      assert.match(errorSummaryText(again.text), /Fødselsdatoen finnes ikke/);
      again = await post(client, page, '/meld/barn', { ...childAnswers(), 'child-0-identification': 'birthDate', 'child-0-birthDate': '01.01.1990' });
      assertRejected(again, '/meld/barn', ['child-0-birthDate']);
      assert.match(errorSummaryText(again.text), /gjelder barn under 18 år/);
      again = await post(client, page, '/meld/barn', { ...childAnswers(), 'child-0-identification': 'unborn', 'child-0-name': '', 'child-0-dueDate': 'snart' });
      assertRejected(again, '/meld/barn', ['child-0-dueDate']);
    });

    test('barn: wrong types and odd counts never crash and never save an empty list', async () => {
      const { client, page } = await privateAt('barn');
      // A repeated field reads its first value; 100 values for one field as well.
      let rejected = await post(client, page, '/meld/barn', { ...childAnswers(), 'child-0-informed': Array.from({ length: 100 }, () => 'maybe') });
      assertRejected(rejected, '/meld/barn', ['child-0-informed']);
      // A negative, fractional or absurd count is one child (or at most ten), never zero.
      for (const childCount of ['-3', '0', 'abc', '', '2.5', '1e9', 'Infinity', ['1', '5']]) {
        rejected = await post(client, page, '/meld/barn', { childCount, action: 'continue' });
        assertRejected(rejected, '/meld/barn');
        assert.ok(rejected.text.includes('id="child-0-name"'), `count ${String(childCount)} shows child 1`);
      }
      // Ten empty children: 20 messages (what is known of the age, and whether the child knows),
      // each linking to a field that exists.
      rejected = await post(client, page, '/meld/barn', { childCount: '10', action: 'continue' });
      const ids = assertRejected(rejected, '/meld/barn');
      assert.equal(ids.length, 20);
      assert.ok(!rejected.text.includes('id="child-10-name"'));
      // Add and remove keep input and judge nothing.
      let kept = await post(client, page, '/meld/barn', { ...childAnswers({ 'child-0-name': XSS }), action: 'add' });
      assert.equal(kept.status, 200);
      assert.equal(fieldValue(kept.text, 'child-0-name'), XSS);
      assert.ok(kept.text.includes('id="child-1-name"'));
      assert.match(kept.text, /<h1[^>]*>\s*Barna\s*</, 'the heading speaks of the children once a second is added');
      assertEscaped(kept.text);
      for (const action of ['remove-abc', 'remove-99', 'remove--1', 'remove-0', ['add', 'add']]) {
        kept = await post(client, page, '/meld/barn', { ...childAnswers(), childCount: '2', action });
        assert.equal(kept.status, 200, String(action));
        assertNoLeak(kept.text);
      }
      // The step is still answerable afterwards.
      const ok = await post(client, page, '/meld/barn', PRIVATE_ANSWERS.barn!);
      expectPage(ok, '/meld/foresatte');
    });

    test('foresatte: an empty form is "no guardians known", but half-filled guardians are refused', async () => {
      const { client, page } = await privateAt('foresatte');
      const rejected = await post(client, page, '/meld/foresatte', {
        'guardian-0-name': '',
        'guardian-0-phone': '12',
        'guardian-0-informed': 'kanskje',
        'guardian-1-name': XSS,
        'guardian-1-phone': 'ring meg',
        'guardian-1-informed': 'no',
        'guardian-1-notInformedReason': '',
      });
      assertRejected(rejected, '/meld/foresatte', ['guardian-0-name', 'guardian-0-phone', 'guardian-0-informed', 'guardian-1-phone', 'guardian-1-notInformedReason']);
      assert.match(errorSummaryText(rejected.text), /Telefonnummeret kan bare ha siffer/);
      assertEscaped(rejected.text);
      assert.equal(fieldValue(rejected.text, 'guardian-1-name'), XSS);
      assert.equal(fieldValue(rejected.text, 'guardian-1-phone'), 'ring meg');
      const tooLongReason = await post(client, page, '/meld/foresatte', { 'guardian-0-name': 'Per', 'guardian-0-informed': 'no', 'guardian-0-notInformedReason': 'x'.repeat(501) });
      assertRejected(tooLongReason, '/meld/foresatte', ['guardian-0-notInformedReason']);
      assert.match(errorSummaryText(tooLongReason.text), /for lang/);
      const none = await post(client, page, '/meld/foresatte', {});
      expectPage(none, '/meld/bekymring');
    });

    test('bekymring: empty, unknown categories, 100 values, and a 20,001-character text ("for lang", kept)', async () => {
      const { client, page } = await privateAt('bekymring');
      // A private person need not place the concern in an area.
      let rejected = await post(client, page, '/meld/bekymring', {});
      assertRejected(rejected, '/meld/bekymring', ['urgency', 'whatHappened', 'interpreterNeed']);

      rejected = await post(client, page, '/meld/bekymring', concernAnswers({ categories: ['9.9.99', XSS], interpreterNeed: 'yes', interpreterLanguage: '' }));
      assertRejected(rejected, '/meld/bekymring', ['categories', 'interpreterLanguage']);
      assert.match(errorSummaryText(rejected.text), /Ett av områdene finnes ikke/);
      assertEscaped(rejected.text);

      rejected = await post(client, page, '/meld/bekymring', concernAnswers({ categories: Array.from({ length: 100 }, (_, i) => `x${i}`) }));
      assertRejected(rejected, '/meld/bekymring', ['categories']);

      const long = `${XSS}\n${'æ'.repeat(20_001 - XSS.length - 1)}`;
      rejected = await post(client, page, '/meld/bekymring', concernAnswers({ whatHappened: long, history: ATTR_XSS }));
      assertRejected(rejected, '/meld/bekymring', ['whatHappened']);
      assert.match(errorSummaryText(rejected.text), /«Hva har skjedd, og hva har du sett eller hørt\?» er for lang\. Teksten kan være på høyst 20\u00a0000 tegn/);
      assert.equal(fieldValue(rejected.text, 'whatHappened'), long, 'all 20,001 characters come back');
      assert.equal(fieldValue(rejected.text, 'history'), ATTR_XSS);
      assert.ok(rejected.text.includes(XSS_ESCAPED));
      assertEscaped(rejected.text);
      assert.deepEqual(checkedValues(rejected.text, 'categories').sort(), ['2.1.02', '2.4.05']);
      assert.deepEqual(checkedValues(rejected.text, 'urgency'), ['normal']);

      // Exactly 20,000 is accepted.
      const ok = await post(client, page, '/meld/bekymring', concernAnswers({ whatHappened: 'ø'.repeat(20_000) }));
      expectPage(ok, '/meld/melder');
    });

    test('melder (private): empty and wrong values are refused, input kept', async () => {
      const { client, page } = await privateAt('melder');
      let rejected = await post(client, page, '/meld/melder', {});
      assertRejected(rejected, '/meld/melder', ['relationToChild']);
      rejected = await post(client, page, '/meld/melder', { phone: '123', 'reporter-postcode': '12', relationToChild: `Nabo\r\n${XSS}`, keepIdentityFromFamily: ['true', 'false'] });
      assertRejected(rejected, '/meld/melder', ['phone', 'reporter-postcode', 'relationToChild']);
      assertEscaped(rejected.text);
      assert.equal(fieldValue(rejected.text, 'phone'), '123');
      assert.deepEqual(checkedValues(rejected.text, 'keepIdentityFromFamily'), ['true']);
    });

    test('melder (professional): empty and wrong values are refused, input kept', async () => {
      const client = new HttpClient(portal.url);
      const page = await walkProfessionalJourneyToReporterStep(client, { grounds: ['seriousNeglect'], bydel: '05', personIndex: 1 });
      let rejected = await post(client, page, '/meld/melder', {});
      assertRejected(rejected, '/meld/melder', ['role', 'employerName', 'workPhone', 'email']);
      rejected = await post(client, page, '/meld/melder', teacherAnswers({ employerOrgnr: '123456789', email: 'ikke-en-epost', workPhone: 'abc', role: XSS, employerName: 'x'.repeat(201) }));
      assertRejected(rejected, '/meld/melder', ['employerOrgnr', 'email', 'workPhone', 'employerName']);
      assert.match(errorSummaryText(rejected.text), /Organisasjonsnummeret er ikke gyldig/);
      assert.match(errorSummaryText(rejected.text), /E-postadressen er ikke gyldig/);
      assertEscaped(rejected.text);
      assert.equal(fieldValue(rejected.text, 'role'), XSS);
      assert.equal(fieldValue(rejected.text, 'email'), 'ikke-en-epost');
    });

    test('a form body over the 512 KB limit gets the Norwegian 413 page, not a 500', async () => {
      const { client, page } = await privateAt('bekymring');
      const response = await client.request('POST', '/meld/bekymring', { form: { _csrf: csrfToken(page.text), whatHappened: 'x'.repeat(600 * 1024) } });
      assert.equal(response.status, 413);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(response.text, /Det du sendte var for stort/);
      assert.match(response.text, /<html lang="nb">/);
      assertNoLeak(response.text);
      // An oversized JSON or unknown content type is refused the same calm way.
      const json = await client.request('POST', '/meld/bekymring', { body: JSON.stringify({ _csrf: csrfToken(page.text), whatHappened: 'x' }), headers: { 'content-type': 'application/json' } });
      assert.ok(json.status >= 400 && json.status < 500, `json: ${json.status}`);
      assertNoLeak(json.text);
      const odd = await client.request('POST', '/meld/bekymring', { body: 'whatever', headers: { 'content-type': 'application/x-unknown' } });
      assert.ok(odd.status >= 400 && odd.status < 500, `unknown type: ${odd.status}`);
      assert.match(odd.text, /<html lang="nb">/);
      assertNoLeak(odd.text);
      // The draft is untouched and the step still works.
      const ok = await post(client, page, '/meld/bekymring', concernAnswers());
      expectPage(ok, '/meld/melder');
    });

    test('a step posted without (or with a wrong) CSRF token is re-rendered with 403 and the input kept', async () => {
      const { client, page } = await privateAt('bekymring');
      const typed = concernAnswers({ whatHappened: `Viktig tekst som ikke må mistes. ${XSS}` });
      for (const token of [undefined, 'forfalsket', ['a', 'b']]) {
        const form: Fields = { ...typed, ...(token === undefined ? {} : { _csrf: token }) };
        const response = await client.request('POST', '/meld/bekymring', { form });
        assert.equal(response.status, 403, `token ${String(token)}`);
        assert.match(response.text, /Av sikkerhetshensyn må du sende skjemaet på nytt/);
        assert.equal(fieldValue(response.text, 'whatHappened'), typed.whatHappened);
        assert.deepEqual(checkedValues(response.text, 'categories').sort(), ['2.1.02', '2.4.05']);
        assertSummaryLinksResolve(response.text);
        assertEscaped(response.text);
        assertNoLeak(response.text);
        // The re-rendered page carries a fresh token that works.
        const resent = await client.submit(response, '/meld/bekymring', typed as Fields);
        expectPage(resent, '/meld/melder');
        await client.get('/meld/bekymring');
      }
      // Other forms without a token: a clear 403 page, nothing changed.
      for (const path of ['/meld/send', '/meld/avbryt', '/meld/forleng', '/meld/vedlegg/fjern', '/auth/logout']) {
        const response = await client.request('POST', path, { form: { id: 'x' } });
        assert.equal(response.status, 403, path);
        assert.match(response.text, /Skjemaet må sendes på nytt|Av sikkerhetshensyn/);
        assertNoLeak(response.text);
      }
      assert.equal((await client.get('/meld/melder')).status, 200, 'still logged in with the draft intact');
    });

    test('a tampered session cookie, a garbage cookie and a cookie from another portal are a new visitor, no 500', async () => {
      const { client } = await privateAt('foresatte');
      const cookie = client.getCookieValue('mp_session')!;
      const other = await startTestPortal(testDatabases()[0]!);
      try {
        const foreignClient = new HttpClient(other.url);
        await foreignClient.getFollow('/meld/hvem');
        await foreignClient.login('/meld/hvem', 0);
        const foreign = foreignClient.getCookieValue('mp_session')!;
        assert.ok(foreign);
        const variants = {
          tampered: cookie.slice(0, 20) + (cookie[20] === 'A' ? 'B' : 'A') + cookie.slice(21),
          truncated: cookie.slice(0, cookie.length / 2),
          garbage: '%%%;;;',
          empty: '',
          huge: 'A'.repeat(3000),
          foreign,
        };
        for (const [name, value] of Object.entries(variants)) {
          const visitor = new HttpClient(portal.url);
          visitor.setCookieValue('mp_session', value);
          const step = await visitor.get('/meld/foresatte');
          assert.equal(step.status, 302, name);
          assert.match(step.location ?? '', /^\/meld\/(innlogging|hvem)/, `${name}: ${step.location}`);
          const start = await visitor.getFollow('/meld');
          assert.equal(start.status, 200, name);
          assert.equal(new URL(start.url).pathname, '/meld/hvem', name);
          assert.doesNotMatch(start.text, /Logget inn som/, `${name}: not logged in`);
          const posted = await visitor.request('POST', '/meld/foresatte', { form: { _csrf: 'x', 'guardian-0-name': 'Per' } });
          assert.ok(posted.status < 500, `${name}: ${posted.status}`);
          assertNoLeak(posted.text);
          const api = await visitor.get('/api/v1/kommuner/0301/bydeler');
          assert.equal(api.status, 200, name);
        }
      } finally {
        await other.close();
      }
    });

    test('an expired draft gives a clear page once, then a fresh start; no crash', async () => {
      const { client, page } = await privateAt('bekymring', { personIndex: 2 });
      await portal.database.db.updateTable('drafts').set({ expires_at: new Date(Date.now() - 60_000) }).execute();
      const gone = await client.get('/meld/bekymring');
      assert.equal(gone.status, 410);
      assert.match(gone.text, /Utkastet ditt finnes ikke lenger/);
      assert.match(gone.text, /Svarene slettes etter 24 timer/);
      assert.match(gone.text, /href="\/meld\/hvem"/);
      assertNoLeak(gone.text);
      // A POST of the step and a send from an old tab say the same, never 500.
      const stale = await client.request('POST', '/meld/send', { form: { _csrf: csrfToken(page.text) } });
      assert.equal(stale.status, 410);
      // Starting again works.
      const fresh = await client.getFollow('/meld/hvem');
      expectPage(fresh, '/meld/hvem');
      const next = await client.submit(fresh, '/meld/hvem', { reporterType: 'private' });
      expectPage(next, '/meld/kommune');
    });

    test('an expired draft while posting a step: a clear page, no crash', async () => {
      const { client, page } = await privateAt('barn', { personIndex: 3 });
      await portal.database.db.updateTable('drafts').set({ expires_at: new Date(Date.now() - 60_000) }).execute();
      const posted = await client.request('POST', '/meld/barn', { form: { _csrf: csrfToken(page.text), ...childAnswers() } });
      assert.equal(posted.status, 410);
      assert.match(posted.text, /Utkastet ditt finnes ikke lenger/);
      assertNoLeak(posted.text);
    });

    test('visiting a later step first redirects to the first incomplete step', async () => {
      const fresh = new HttpClient(portal.url);
      for (const step of ['meldeplikt', 'bydel', 'oppsummering', 'vedlegg']) {
        const response = await fresh.get(`/meld/${step}`);
        assert.equal(response.status, 302, step);
        assert.match(response.location ?? '', /^\/meld\/(hvem|innlogging)/, `${step}: ${response.location}`);
      }
      // Not logged in: steps with personal data ask for login first.
      const loginFirst = await fresh.get('/meld/barn');
      assert.equal(loginFirst.location, '/meld/innlogging?returnTo=%2Fmeld%2Fbarn');
      const { client } = await privateAt('foresatte');
      for (const step of ['bekymring', 'melder', 'vedlegg', 'oppsummering']) {
        const response = await client.get(`/meld/${step}`);
        assert.equal(response.status, 302, step);
        assert.equal(response.location, '/meld/foresatte', step);
      }
      assert.equal((await client.get('/meld/bydel')).location, '/meld/foresatte', 'Bærum has no districts');
      assert.equal((await client.get('/meld/meldeplikt')).location, '/meld/foresatte', 'a private reporter has no duty helper');
      assert.equal((await client.get('/meld/finnes-ikke')).status, 404);
      assert.match((await client.get('/meld/finnes-ikke')).text, /Fant ikke siden/);
      // The summary is not a form step: a post to it without a token is turned away, not processed.
      const summaryPost = await client.request('POST', '/meld/oppsummering', { form: {} });
      assert.ok([303, 403, 404].includes(summaryPost.status), `${summaryPost.status}`);
      assertNoLeak(summaryPost.text);
    });

    test('a malformed URL or multipart body is a Norwegian 400, not Fastify\'s English JSON or a 500', async () => {
      const { client, page } = await privateAt('vedlegg', { personIndex: 1 });
      for (const path of ['/meld/%C3%28', '/meld/%FF', `/meld/${'a'.repeat(300)}`, '/auth/%E0%80']) {
        const response = await client.get(path);
        assert.equal(response.status, 400, path);
        assert.match(response.text, /<html lang="nb">/);
        assert.match(response.text, /Vi forsto ikke forespørselen/);
        assert.doesNotMatch(response.text, /FST_ERR|not a valid url/);
        // Rejected before routing, yet with the same protective headers as every other page.
        assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, path);
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
      }
      const api = await client.get('/api/v1/kommuner/%C3%28/bydeler');
      assert.equal(api.status, 400);
      assert.deepEqual(JSON.parse(api.text), { error: 'BAD_REQUEST', message: 'Forespørselen er ugyldig.' });
      // Multipart without a boundary, with one longer than the parser allows, or cut short.
      const part = `--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrfToken(page.text)}\r\n--b--\r\n`;
      for (const [contentType, body] of [
        ['multipart/form-data', part],
        [`multipart/form-data; boundary=${'b'.repeat(300)}`, part],
        ['multipart/form-data; boundary=b', part.slice(0, 30)],
      ] as const) {
        const response = await client.request('POST', '/meld/vedlegg/last-opp', { body, headers: { 'content-type': contentType } });
        assert.ok(response.status >= 400 && response.status < 500, `${contentType}: ${response.status}`);
        assert.match(response.text, /<html lang="nb">/);
        assertNoLeak(response.text);
      }
    });

    test('too many requests from one address get the Norwegian 429 page with Retry-After', async () => {
      const response = await spendPageBudget(portal.url, 320);
      assert.equal(response.status, 429);
      assert.equal(response.headers.get('retry-after'), '60');
      const text = await response.text();
      assert.match(text, /For mange forespørsler/);
      assert.match(text, /<html lang="nb">/);
      const api = await fetch(new URL('/api/v1/kommuner', portal.url));
      assert.equal(api.status, 429);
      assert.deepEqual(await api.json(), { error: 'RATE_LIMITED', message: 'For mange forespørsler. Prøv igjen senere.' });
    });

    test('uploads: content decides the type, sizes are enforced, CSRF is required, and attachments can be removed', async () => {
      const { client, page: first } = await privateAt('vedlegg', { personIndex: 4 });
      let page = first;
      async function upload(name: string, content: Buffer, options: { csrf?: boolean } = {}): Promise<HttpResponse> {
        const form = new FormData();
        if (options.csrf !== false) form.append('_csrf', csrfToken(page.text));
        form.append('file', new Blob([new Uint8Array(content)]), name);
        return client.request('POST', '/meld/vedlegg/last-opp', { body: form });
      }
      function assertUploadRefused(response: HttpResponse, message: RegExp): void {
        assert.equal(response.status, 422, errorSummaryText(response.text));
        assert.match(errorSummaryText(response.text), message);
        assertSummaryLinksResolve(response.text);
        assertNoLeak(response.text);
        page = response;
      }

      assertUploadRefused(await upload('x.png', Buffer.from('dette er bare tekst, ikke et bilde')), /Filen «x\.png» er ikke en PDF, JPEG eller PNG\. Vi sjekker innholdet i filen/);
      assertUploadRefused(await upload('stor.png', png(11 * MB)), /Filen «stor\.png» er større enn 10 MB/);
      assertUploadRefused(await upload('tom.png', Buffer.alloc(0)), /Filen «tom\.png» er tom/);
      assertUploadRefused(await upload(`${XSS}.png`, Buffer.from('tekst')), /ikke en PDF/);
      assertEscaped(page.text);

      const noCsrf = await upload('ok.png', png(1000), { csrf: false });
      assert.equal(noCsrf.status, 403);
      assert.match(noCsrf.text, /Av sikkerhetshensyn må du sende skjemaet på nytt/);
      assertNoLeak(noCsrf.text);

      // No file at all.
      const empty = new FormData();
      empty.append('_csrf', csrfToken(page.text));
      const none = await client.request('POST', '/meld/vedlegg/last-opp', { body: empty });
      assertUploadRefused(none, /Velg en fil å laste opp/);
      // A urlencoded post to the upload route is refused calmly too.
      const notMultipart = await client.request('POST', '/meld/vedlegg/last-opp', { form: { _csrf: csrfToken(page.text), file: 'x' } });
      assertUploadRefused(notMultipart, /Velg en fil å laste opp/);

      // Two real pictures (how many and how much in all is test/security/upload-limits.test.ts).
      for (let i = 1; i <= 2; i++) {
        const accepted = await upload(`bilde-${i}.png`, picture(20 + i));
        assert.equal(accepted.status, 303, `file ${i}`);
        assert.equal(accepted.location, '/meld/vedlegg');
        page = await client.follow(accepted);
      }
      const ids = [...page.text.matchAll(/name="id" value="([^"]+)"/g)].map((m) => m[1]!);
      assert.equal(ids.length, 2);
      assert.match(page.text, /bilde-1\.png/);
      assert.match(page.text, /bilde-2\.png/);

      // Remove one (an unknown id or someone else's is a no-op), and add two more.
      const unknown = await client.request('POST', '/meld/vedlegg/fjern', { form: { _csrf: csrfToken(page.text), id: '00000000-0000-4000-8000-000000000000' } });
      assert.equal(unknown.status, 303);
      const removed = await client.submit(page, '/meld/vedlegg/fjern', { id: ids[0]! });
      expectPage(removed, '/meld/vedlegg');
      assert.doesNotMatch(removed.text, /bilde-1\.png/);
      assert.match(removed.text, /bilde-2\.png/);
      assert.equal(await portal.database.db.selectFrom('draft_attachments').select('id').where('id', '=', ids[0]!).executeTakeFirst(), undefined, 'the stored bytes are deleted');
      page = removed;
      const third = await upload('bilde-3.png', picture(23));
      assert.equal(third.status, 303);
      page = await client.follow(third);
      const pdf = await upload('rapport.pdf', onePagePdf());
      assert.equal(pdf.status, 303);
      page = await client.follow(pdf);

      // The attachments travel in the package the service opens.
      page = await client.submit(page, '/meld/vedlegg', { action: 'continue' });
      expectPage(page, '/meld/oppsummering');
      const receipt = await client.submit(page, '/meld/send', {});
      assert.equal(receipt.status, 200);
      const { files } = await openStoredReport(portal, referenceIn(receipt.text));
      const attached = Object.keys(files).filter((f) => f.startsWith('vedlegg/')).sort();
      assert.deepEqual(attached, ['vedlegg/bilde-2.png', 'vedlegg/bilde-3.png', 'vedlegg/rapport.pdf']);
      assert.equal((await sharp(files['vedlegg/bilde-2.png']!).metadata()).width, 22, 'the picture arrives, cleaned');
    });
  });
}
