// A professional reporter (a teacher in Oslo) over real HTTP: the duty-to-report helper decides
// whether a consent record is needed, the district decides the recipient, and the receiving service
// opens a schema-valid offentlig.v2 document with both children and both guardians.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { HttpClient } from '../../kit/http-client.ts';
import { CANARY } from '../../kit/journey.ts';
import { validateFiksDocument } from '../../../src/domain/fiks/validate-fiks.ts';
import {
  CHILD_FNR,
  SCHOOL_ORGNR,
  assertNoLeak,
  assertSummaryLinksResolve,
  checkedValues,
  consentAnswers,
  errorSummaryText,
  expectPage,
  fieldValue,
  openStoredReport,
  referenceIn,
  teacherAnswers,
  walkProfessionalJourneyToReporterStep,
  walkProfessionalJourneyToSummary,
} from '../../kit/portal-visitors.ts';

const OFFENTLIG = 'no.ks.fiks.bekymringsmelding.offentlig.v2';

for (const database of testDatabases()) {
  describe(`a professional reports a concern (${database.name})`, () => {
    let portal: TestPortal;
    before(async () => {
      portal = await startTestPortal(database);
    });
    after(async () => {
      await portal?.close();
    });

    test('a teacher in Oslo picks Frogner; the duty is triggered, so no consent is asked; Frogner receives it', async () => {
      const client = new HttpClient(portal.url);
      const reporterStep = await walkProfessionalJourneyToReporterStep(client, { grounds: ['seriousNeglect', 'mistreatedAtHome'], bydel: '05' });
      assert.doesNotMatch(reporterStep.text, /name="parentsConsented"/, 'no consent fields when the duty is triggered');
      assert.doesNotMatch(reporterStep.text, /name="consentDate"/);
      assert.doesNotMatch(reporterStep.text, /name="howRecorded"/);
      let page = await client.submit(reporterStep, '/meld/melder', teacherAnswers());
      expectPage(page, '/meld/vedlegg');
      page = await client.submit(page, '/meld/vedlegg', { action: 'continue' });
      expectPage(page, '/meld/oppsummering');
      assert.match(page.text, /Barneverntjenesten i bydel Frogner/);
      assert.match(page.text, /Nora Bakke/);
      assert.match(page.text, /Emil Bakke/);

      const receipt = await client.submit(page, '/meld/send', {});
      assert.equal(receipt.status, 200);
      const reference = referenceIn(receipt.text);
      const { row, service, fiks, files } = await openStoredReport(portal, reference);
      assert.equal(row.message_type, OFFENTLIG);
      assert.equal(row.reporter_type, 'professional');
      assert.equal(row.kommunenummer, '0301');
      assert.equal(row.bydelsnummer, '05');
      assert.equal(service.name, 'Barneverntjenesten i bydel Frogner');
      assert.deepEqual(validateFiksDocument(OFFENTLIG, fiks), { valid: true });
      assert.equal(fiks.kommunenummer, '0301');
      assert.equal(fiks.bydelsnummer, '05');
      assert.equal(fiks.bydelsnavn, 'Bydel Frogner');
      assert.equal(fiks.offentligMelder.personnavn, 'Ola Nordmann');
      assert.equal(fiks.offentligMelder.rolle, 'Kontaktlærer');
      assert.equal(fiks.offentligMelder.virksomhet.orgnr, SCHOOL_ORGNR);
      assert.equal(fiks.offentligBarn.length, 2);
      assert.equal(fiks.offentligBarn[0].personnavn, 'Nora Bakke');
      assert.equal(fiks.offentligBarn[0].fnr, CHILD_FNR);
      assert.equal(fiks.offentligBarn[0].orientert, true);
      assert.equal(fiks.offentligBarn[1].personnavn, 'Emil Bakke');
      assert.equal(fiks.offentligBarn[1].fnr, '');
      assert.equal(fiks.offentligBarn[1].orientert, false);
      assert.equal(fiks.offentligBarn[1].orientertGrunn, 'Han er for liten.');
      assert.deepEqual(
        fiks.foresatte.map((f: { personnavn: string; orientert: boolean }) => [f.personnavn, f.orientert]),
        [
          ['Hanne Bakke', true],
          ['Jon Bakke', false],
        ],
      );
      assert.match(fiks.melding.melding, new RegExp(CANARY));
      assert.equal(fiks.andreHjelpeinstanser, 'Helsesykepleier på skolen.');
      assert.ok(files['bekymringsmelding.pdf']);
    });

    test('"Vet ikke" for the district sends the report to the default recipient', async () => {
      const client = new HttpClient(portal.url);
      const summary = await walkProfessionalJourneyToSummary(client, { grounds: ['untreatedIllness'], bydel: 'unknown', personIndex: 1 });
      const defaultDistrict = await portal.database.db
        .selectFrom('districts')
        .innerJoin('services', 'services.id', 'districts.service_id')
        .select(['districts.bydelsnummer', 'districts.name', 'services.name as serviceName', 'services.id as serviceId'])
        .where('districts.kommunenummer', '=', '0301')
        .where('districts.default_recipient', '=', true)
        .executeTakeFirstOrThrow();
      assert.match(summary.text, new RegExp(defaultDistrict.serviceName));
      const receipt = await client.submit(summary, '/meld/send', {});
      const { row, fiks } = await openStoredReport(portal, referenceIn(receipt.text));
      assert.equal(row.service_id, defaultDistrict.serviceId);
      assert.equal(row.bydelsnummer, defaultDistrict.bydelsnummer);
      assert.deepEqual(validateFiksDocument(OFFENTLIG, fiks), { valid: true });
      assert.equal(fiks.bydelsnummer, defaultDistrict.bydelsnummer);
      assert.equal(fiks.bydelsnavn, defaultDistrict.name);
    });

    test('no ground ticked: the reporter step demands the consent record (422) until it is given; the document carries both children and the guardians', async () => {
      const client = new HttpClient(portal.url);
      const reporterStep = await walkProfessionalJourneyToReporterStep(client, { grounds: ['none'], bydel: '05', personIndex: 2 });
      assert.match(reporterStep.text, /name="parentsConsented"/, 'consent fields are shown');
      assert.match(reporterStep.text, /name="childOver15"/);
      assert.match(reporterStep.text, /name="consentDate"/);
      assert.match(reporterStep.text, /name="howRecorded"/);

      // The teacher's details alone are not enough.
      let page = await client.submit(reporterStep, '/meld/melder', teacherAnswers());
      expectPage(page, '/meld/melder', 422);
      const ids = assertSummaryLinksResolve(page.text);
      assert.deepEqual(ids.sort(), ['childOver15', 'consentDate', 'howRecorded', 'parentsConsented']);
      assert.equal(fieldValue(page.text, 'role'), 'Kontaktlærer', 'what was typed is kept');
      assert.equal(fieldValue(page.text, 'email'), 'kontaktlaerer@osloskolen.no');
      assertNoLeak(page.text);

      // A child over 15 who did not consent, and a consent date in the future, are refused too.
      const future = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000);
      const futureDate = `${String(future.getUTCDate()).padStart(2, '0')}.${String(future.getUTCMonth() + 1).padStart(2, '0')}.${future.getUTCFullYear()}`;
      page = await client.submit(page, '/meld/melder', { ...teacherAnswers(), ...consentAnswers(), childOver15: 'no', consentDate: futureDate });
      expectPage(page, '/meld/melder', 422);
      assert.match(errorSummaryText(page.text), /Barn over 15 år må også samtykke/);
      assert.match(errorSummaryText(page.text), /kan ikke være fram i tid/);
      assert.deepEqual(checkedValues(page.text, 'childOver15'), ['no']);
      assert.deepEqual(checkedValues(page.text, 'parentsConsented'), ['true']);
      assert.equal(fieldValue(page.text, 'consentDate'), futureDate);

      // The summary cannot be reached while the consent is missing.
      const skip = await client.get('/meld/oppsummering');
      assert.equal(skip.status, 302);
      assert.equal(skip.location, '/meld/melder');

      page = await client.submit(page, '/meld/melder', { ...teacherAnswers(), ...consentAnswers() });
      expectPage(page, '/meld/vedlegg');
      page = await client.submit(page, '/meld/vedlegg', { action: 'continue' });
      expectPage(page, '/meld/oppsummering');
      const receipt = await client.submit(page, '/meld/send', {});
      assert.equal(receipt.status, 200);
      const { row, fiks } = await openStoredReport(portal, referenceIn(receipt.text));
      assert.equal(row.message_type, OFFENTLIG);
      assert.deepEqual(validateFiksDocument(OFFENTLIG, fiks), { valid: true });
      assert.deepEqual(
        fiks.offentligBarn.map((b: { personnavn: string }) => b.personnavn),
        ['Nora Bakke', 'Emil Bakke'],
      );
      assert.deepEqual(
        fiks.foresatte.map((f: { personnavn: string }) => f.personnavn),
        ['Hanne Bakke', 'Jon Bakke'],
      );
      assert.equal(fiks.foresatte[1].orientertGrunn, 'Han bor ikke med barna og er ikke å få tak i.');
      // The consent is recorded in the text the service reads.
      assert.match(fiks.melding.melding, /[Ss]amtykke/);
      assert.match(fiks.melding.melding, /Samtale med begge foreldrene på skolen/);
    });

    test('changing the duty assessment to "none" afterwards sends the teacher back to the reporter step for consent', async () => {
      const client = new HttpClient(portal.url);
      let page = await walkProfessionalJourneyToSummary(client, { grounds: ['seriousBehaviour'], bydel: '05', personIndex: 3 });
      page = await client.getFollow('/meld/meldeplikt?endre=1');
      expectPage(page, '/meld/meldeplikt');
      const changed = await client.request('POST', '/meld/meldeplikt', { form: { _csrf: /name="_csrf" value="([^"]*)"/.exec(page.text)![1]!, grounds: 'none', returnTo: 'oppsummering' } });
      assert.equal(changed.status, 303);
      // The summary is not reachable now (the consent record is missing): the change leads straight
      // to the reporter step, still in "change" mode, not through every step in between.
      assert.equal(changed.location, '/meld/melder?endre=1');
      const summary = await client.get('/meld/oppsummering');
      assert.equal(summary.status, 302);
      assert.equal(summary.location, '/meld/melder');
      page = await client.getFollow('/meld/melder?endre=1');
      expectPage(page, '/meld/melder');
      assert.match(page.text, /name="parentsConsented"/);
      assert.match(page.text, /name="returnTo" value="oppsummering"/);
      assert.equal(fieldValue(page.text, 'role'), 'Kontaktlærer', 'the saved answers are still there');
      const send = await client.request('POST', '/meld/send', { form: { _csrf: /name="_csrf" value="([^"]*)"/.exec(page.text)![1]! } });
      assert.equal(send.status, 303);
      assert.equal(send.location, '/meld/melder', 'a stale summary tab cannot send without consent');
      // With the consent recorded, the teacher is back on the summary in one step.
      page = await client.submit(page, '/meld/melder', { ...teacherAnswers(), ...consentAnswers(), returnTo: 'oppsummering' });
      expectPage(page, '/meld/oppsummering');
    });

    test('a professional cannot skip ahead: later steps redirect to the first incomplete one', async () => {
      const client = new HttpClient(portal.url);
      let page = await client.getFollow('/meld/hvem');
      page = await client.submit(page, '/meld/hvem', { reporterType: 'professional' });
      expectPage(page, '/meld/meldeplikt');
      // Before the duty helper is answered, even the login-free summary path leads back to it.
      const early = await client.get('/meld/oppsummering');
      assert.equal(early.status, 302);
      assert.match(early.location ?? '', /^\/meld\/(meldeplikt|innlogging)/);
      page = await client.submit(page, '/meld/meldeplikt', { grounds: ['seriousNeglect'] });
      expectPage(page, '/meld/kommune');
      // Logged in early (from the front page, say): the steps still come in order.
      page = await client.login('/meld/kommune', 4);
      expectPage(page, '/meld/kommune');
      for (const step of ['oppsummering', 'vedlegg', 'melder', 'bekymring', 'foresatte', 'barn', 'bydel']) {
        const response = await client.get(`/meld/${step}`);
        assert.equal(response.status, 302, step);
        assert.equal(response.location, '/meld/kommune', step);
      }
      page = await client.submit(page, '/meld/kommune', { kommune: 'Oslo' });
      expectPage(page, '/meld/bydel');
      for (const step of ['oppsummering', 'barn', 'melder']) {
        const response = await client.get(`/meld/${step}`);
        assert.equal(response.location, '/meld/bydel', step);
      }
      // Posting to a later step is redirected the same way, and nothing is saved.
      const csrf = /name="_csrf" value="([^"]*)"/.exec(page.text)![1]!;
      const post = await client.request('POST', '/meld/bekymring', { form: { _csrf: csrf, whatHappened: 'x' } });
      assert.equal(post.status, 303);
      assert.equal(post.location, '/meld/bydel');
      const sent = await client.request('POST', '/meld/send', { form: { _csrf: csrf } });
      assert.equal(sent.status, 303);
      assert.equal(sent.location, '/meld/bydel');
      page = await client.submit(page, '/meld/bydel', { bydel: '05' });
      expectPage(page, '/meld/barn');
      assert.deepEqual(checkedValues((await client.get('/meld/bydel')).text, 'bydel'), ['05'], 'the chosen district is shown when going back');
    });
  });
}
