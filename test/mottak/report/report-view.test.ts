// What the caseworker's report page is made from: our structured report when the package carries
// one, and the Fiks JSON alone when another Fiks sender's package does not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { samplePrivateReport, sampleProfessionalReport } from '../../kit/fixtures/reports.ts';
import { mapReportToFiks } from '../../../src/domain/fiks/map-to-fiks.ts';
import { presentReport, suggestedReporterCode, type StoredReport } from '../../../src/mottak/report/report-view.ts';
import type { Report } from '../../../src/domain/report.ts';

const TODAY = new Date('2026-11-30T10:00:00Z');

function stored(report: Report, options: { structured: boolean }): StoredReport {
  return {
    reporter_type: report.reporterType,
    kommunenummer: report.recipient.kommunenummer,
    bydelsnummer: report.recipient.bydelsnummer || '00',
    bydelsnavn: report.recipient.bydelsnavn,
    fiks_document: mapReportToFiks(report).document,
    report: options.structured ? report : null,
  };
}

describe("the caseworker's view of a report", () => {
  for (const structured of [true, false]) {
    const source = structured ? 'our structured report' : 'the Fiks JSON alone';

    it(`a professional's report about two siblings, from ${source}: names, ages, guardians and reporter`, () => {
      const view = presentReport(stored(sampleProfessionalReport(), { structured }), TODAY);
      assert.equal(view.municipality, sampleProfessionalReport().recipient.kommunenavn);
      assert.deepEqual(
        view.children.map((c) => [c.name, c.age]),
        [
          ['Sara Hansen', { kind: 'known', years: 13, months: 4, from: 'nationalId' }],
          // The Fiks JSON has no birth date, only the text: the age is then unknown, not guessed.
          ['Jonas Hansen', structured ? { kind: 'known', years: 10, months: 3, from: 'birthDate' } : { kind: 'unknown' }],
        ],
      );
      assert.deepEqual(view.guardians.map((g) => [g.name, g.informed]), [
        ['Mona Hansen', { yes: true, reason: '' }],
        ['Geir Hansen', { yes: false, reason: 'Bor i utlandet, ikke kontakt.' }],
      ]);
      assert.equal(view.reporter.type, 'professional');
      assert.deepEqual(view.reporter.type === 'professional' && [view.reporter.name, view.reporter.role, view.reporter.employer], ['Lise Lærer', 'Kontaktlærer', 'Frogner skole']);
      assert.equal(suggestedReporterCode(view.reporter, '2026-11-30')?.code, '11', 'a teacher at a school reports as Skole');
      assert.deepEqual(view.concern.interpreter, structured ? { need: 'yes', language: 'Polsk' } : { text: 'Ja, språk: Polsk' });
    });

    it(`a private report, from ${source}: the reporter's own words and the estimated age`, () => {
      const report = samplePrivateReport();
      const view = presentReport(stored(report, { structured }), TODAY);
      assert.deepEqual(view.children.map((c) => [c.name, c.age, c.address]), [['Ola Åsheim', { kind: 'estimated', text: '8' }, 'Storgata 1, 1337 Sandvika']]);
      assert.equal(view.district, '', 'no district for a municipality without districts');
      assert.equal(view.reporter.type === 'private' && view.reporter.relation, 'Nabo');
      // Our report keeps the reporter's text apart; the Fiks JSON has only the one composed text, which holds it.
      if (structured) assert.equal(view.concern.whatHappened, report.concern.whatHappened);
      else assert.ok(view.concern.whatHappened.includes(report.concern.whatHappened));
    });
  }

  it('says what the portal removed from each attachment, found by its path in the package, also when names repeat', () => {
    const report: Report = {
      ...samplePrivateReport(),
      attachments: [
        { id: 'a', fileName: 'skjema.pdf', contentType: 'application/pdf', size: 10, cleaned: { removed: [] } },
        { id: 'b', fileName: 'skjema.pdf', contentType: 'application/pdf', size: 10, cleaned: { removed: ['javascript', 'links'] } },
        { id: 'c', fileName: 'bilde.jpg', contentType: 'image/jpeg', size: 10, cleaned: { removed: ['metadata'] } },
        // From a sender that does not say: nothing is claimed.
        { id: 'd', fileName: 'eldre.png', contentType: 'image/png', size: 10 },
      ],
    };
    assert.deepEqual(presentReport(stored(report, { structured: true }), TODAY).removedFromFiles, {
      'vedlegg/2-skjema.pdf': ['javascript', 'links'],
      'vedlegg/bilde.jpg': ['metadata'],
    });
    assert.deepEqual(presentReport(stored(report, { structured: false }), TODAY).removedFromFiles, {}, 'the Fiks JSON does not say');
  });
});
