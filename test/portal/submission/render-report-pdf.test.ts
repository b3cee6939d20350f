// The report PDF is read by two people: the caseworker at the receiving service and the reporter
// keeping their receipt. These tests read it the way they would (as extracted text, via poppler)
// and the way an archive would (fonts, PDF/A identification, colour profile).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import type { Report } from '../../../src/domain/report.ts';
import { DUTY_GROUNDS, emptyChild } from '../../../src/domain/report.ts';
import { renderReportPdf } from '../../../src/portal/submission/render-report-pdf.ts';
import { plainConcernOf } from '../../../src/domain/plain-concerns.ts';
import { translator } from '../../../src/web/i18n.ts';
import { samplePrivateReport, sampleProfessionalReport } from '../../kit/fixtures/reports.ts';

const t = translator('nb');
let dir = '';
let fileCount = 0;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function render(report: Report, reference = 'MP-7K4Q-2XH9'): Promise<{ bytes: Buffer; file: string }> {
  const bytes = await renderReportPdf(report, { reference, t });
  const file = join(dir, `report-${++fileCount}.pdf`);
  writeFileSync(file, bytes);
  return { bytes, file };
}

function poppler(tool: string, ...args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8' });
}

/** The page text with runs of whitespace collapsed, so wrapped sentences still match. */
function readText(file: string): string {
  return poppler('pdftotext', '-layout', file, '-').replace(/\s+/g, ' ');
}

function pageCount(file: string): number {
  const match = /^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', file));
  assert.ok(match, 'pdfinfo reports a page count');
  return Number(match[1]);
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('renderReportPdf', () => {
  test('each answer on the copy is labelled with the question the reporter saw on the form', async () => {
    const { file } = await render(samplePrivateReport());
    // In reading order rather than layout: a long question wraps in its column beside the answer.
    const text = flat(poppler('pdftotext', file, '-'));
    for (const question of ['journey.barn.informed', 'journey.bekymring.whatHappened', 'journey.bekymring.history', 'journey.melder.relationToChild', 'journey.foresatte.informed', 'journey.bekymring.plainCategories']) {
      assert.ok(text.includes(flat(t(question))), `the copy asks «${t(question)}»`);
    }
  });

  test('a neighbour who asks to stay unknown gets a complete receipt', async () => {
    const report = samplePrivateReport();
    const { bytes, file } = await render(report);
    assert.equal(bytes.subarray(0, 8).toString('latin1'), '%PDF-1.7');
    const text = readText(file);

    assert.match(text, /Bekymringsmelding til barneverntjenesten/);
    assert.match(text, /MP-7K4Q-2XH9/);
    // 11:03 UTC in November is 12:03 in Oslo (winter time).
    assert.match(text, /23\. november 2026 kl\. 12:03/);
    assert.match(text, /Barneverntjenesten i Bærum/);
    assert.match(text, /Privatperson/);
    assert.match(text, /Kari Nordmann/);
    assert.match(text, /Nabo/);
    assert.ok(text.includes(flat(t('pdf.reporter.keepIdentityYes'))), 'the wish to stay unknown is stated');
    assert.match(text, /Ola Åsheim/);
    assert.match(text, /ca\. 8 år/);
    assert.match(text, /Per Åsheim/);
    assert.match(text, /Jeg hører roping og gråt fra leiligheten/);
    // A question left blank says so instead of leaving a gap.
    assert.match(text, /Ikke oppgitt/);
    // A private person reads the areas back in the everyday words they ticked, without codes.
    for (const code of report.concern.categories) {
      assert.ok(text.includes(flat(t(`categories.plain.${plainConcernOf(code)}`))), `category ${code} is listed in plain words`);
    }
    assert.doesNotMatch(text, /2\.4\.05/);
    // A municipality without districts gets no district line at all.
    assert.doesNotMatch(text, new RegExp(`${t('pdf.summary.district')} `));
    assert.doesNotMatch(text, /HASTER/);
  });

  test('a teacher’s urgent report about two children shows urgency, duty and every child', async () => {
    const report = sampleProfessionalReport();
    const { file } = await render(report, 'MP-AB12-CD34');
    const text = readText(file);

    assert.match(text, /MP-AB12-CD34/);
    // 08:15 UTC in July is 10:15 in Oslo (summer time).
    assert.match(text, /1\. juli 2026 kl\. 10:15/);
    assert.match(text, /Frogner \(05\)/);
    assert.match(text, /Offentlig ansatt/);
    assert.match(text, /Lise Lærer/);
    assert.match(text, /Kontaktlærer/);
    assert.match(text, /974760673/);
    assert.match(text, /lise\.laerer@skole\.oslo\.no/);
    assert.ok(text.includes(flat(t('pdf.urgentBanner'))), 'the urgency banner is printed');
    assert.ok(text.includes(`${t('journey.bekymring.urgency')} ${t('pdf.concern.urgent')}`), 'the urgency row says it is urgent');
    assert.ok(text.includes(t('pdf.duty.grounds.mistreatedAtHome')), 'the ticked § 13-2 ground is named');
    assert.doesNotMatch(text, new RegExp(t('pdf.duty.grounds.humanTrafficking')));
    assert.match(text, /Sara Hansen/);
    assert.match(text, /28071364498/);
    assert.match(text, /Jonas Hansen/);
    assert.match(text, /16\. august 2016/);
    assert.match(text, /Geir Hansen/);
    assert.match(text, /Følelsesmessig støtte/);
    assert.match(text, /Polsk/);
    for (const code of report.concern.categories) assert.ok(text.includes(code), `category ${code} is listed`);
  });

  test('a professional without a duty to report shows the consent, an unborn child, no guardians and the attachments', async () => {
    const report = sampleProfessionalReport({
      duty: { grounds: [] },
      children: [{ ...emptyChild(), identification: 'unborn', dueDate: '2027-03-01', informed: 'no' }],
      guardians: [],
      attachments: [
        { id: 'a1', fileName: 'skolerapport-høst.pdf', contentType: 'application/pdf', size: 1_572_864 },
        { id: 'a2', fileName: 'tegning.png', contentType: 'image/png', size: 2_048 },
      ],
    });
    report.professionalReporter.consent = {
      parentsConsented: true,
      childOver15: 'notApplicable',
      consentDate: '2026-06-28',
      howRecorded: 'Samtale med mor på skolen, notert i elevmappen.',
    };
    const { file } = await render(report);
    const text = readText(file);

    assert.ok(text.includes(flat(t('pdf.duty.notTriggered'))), 'says the duty was not triggered');
    assert.ok(text.includes(`${t('journey.melder.parentsConsentedLegend')} Ja`));
    assert.ok(text.includes(t('pdf.duty.consent.notApplicable')));
    assert.match(text, /28\. juni 2026/);
    assert.match(text, /Samtale med mor på skolen/);
    assert.match(text, /Ufødt barn/);
    assert.match(text, /1\. mars 2027/);
    assert.ok(text.includes(t('pdf.guardians.none')), 'says no guardians were given');
    assert.match(text, /skolerapport-høst\.pdf/);
    assert.match(text, /PDF-dokument, 1,5 MB/);
    assert.match(text, /tegning\.png/);
    assert.match(text, /PNG-bilde, 2 kB/);
    assert.ok(text.includes(flat(t('pdf.attachments.note'))));
  });

  test('only embedded fonts are used, none of the standard 14', async () => {
    for (const report of [samplePrivateReport(), sampleProfessionalReport()]) {
      const { file } = await render(report);
      const rows = poppler('pdffonts', file).trim().split('\n').slice(2);
      assert.ok(rows.length >= 1, 'at least one font is listed');
      for (const row of rows) {
        // name type encoding emb sub uni object-id: "emb" is the fourth column from the right.
        const columns = row.trim().split(/\s+/);
        assert.equal(columns.at(-5), 'yes', `embedded: ${row}`);
        assert.doesNotMatch(row, /Helvetica|Times|Courier|Symbol|ZapfDingbats/, `not a standard font: ${row}`);
        assert.match(row, /DejaVuSans/);
      }
    }
  });

  test('the file declares PDF/A-2b and carries an sRGB output intent with its ICC profile', async () => {
    const { bytes } = await render(sampleProfessionalReport());
    const raw = bytes.toString('latin1');

    const xmpStart = raw.indexOf('<?xpacket begin=');
    const xmpEnd = raw.indexOf('<?xpacket end=', xmpStart);
    assert.ok(xmpStart >= 0 && xmpEnd > xmpStart, 'an uncompressed XMP packet is present');
    const xmp = raw.slice(xmpStart, xmpEnd);
    assert.match(xmp, /<pdfaid:part>2<\/pdfaid:part>/);
    assert.match(xmp, /<pdfaid:conformance>B<\/pdfaid:conformance>/);
    assert.match(xmp, /<xmp:CreateDate>2026-07-01T08:15:30Z<\/xmp:CreateDate>/);
    assert.ok(xmp.includes(t('pdf.title')), 'the XMP title matches the document title');

    assert.match(raw, /\/Metadata \d+ 0 R/);
    assert.match(raw, /\/Lang \(nb-NO\)/);
    assert.match(raw, /\/StructTreeRoot \d+ 0 R/);
    const intent = /\/Type \/OutputIntent\s*\/S \/GTS_PDFA1[\s\S]*?\/DestOutputProfile (\d+) 0 R/.exec(raw);
    assert.ok(intent, 'an output intent for PDF/A points to a profile');
    assert.match(raw, /\/OutputIntents \[\d+ 0 R\]/);

    // The profile object is a 3-component ICC stream; its header carries the 'acsp' signature.
    const objectStart = raw.indexOf(`\n${intent[1]} 0 obj`);
    assert.ok(objectStart >= 0, 'the profile object exists');
    const dictionary = raw.slice(objectStart, raw.indexOf('stream', objectStart));
    assert.match(dictionary, /\/N 3/);
    const dataStart = raw.indexOf('stream\n', objectStart) + 'stream\n'.length;
    const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1]);
    const stored = bytes.subarray(dataStart, dataStart + length);
    const profile = /\/FlateDecode/.test(dictionary) ? inflateSync(stored) : stored;
    assert.equal(profile.subarray(36, 40).toString('latin1'), 'acsp');
    assert.equal(profile.subarray(16, 20).toString('latin1'), 'RGB ');
  });

  test('a 20,000-character account flows over several numbered pages without losing its end', async () => {
    const sentences: string[] = [];
    for (let i = 1; sentences.join(' ').length < 20_000; i++) {
      sentences.push(`Setning ${i}: gutten var alene hjemme og gråt i trappeoppgangen.`);
    }
    const last = `Setning ${sentences.length}:`;
    const base = samplePrivateReport();
    const { file } = await render({ ...base, concern: { ...base.concern, whatHappened: sentences.join(' ') } });

    const pages = pageCount(file);
    assert.ok(pages > 1, `more than one page (got ${pages})`);
    const text = readText(file);
    assert.ok(text.includes(`Side 1 av ${pages}`));
    assert.ok(text.includes(`Side ${pages} av ${pages}`));
    assert.ok(text.includes('Setning 1:'));
    assert.ok(text.includes(last), 'the last sentence is printed');
    // The reference is in every page's footer.
    const perPage = poppler('pdftotext', '-layout', file, '-').split('\f').filter((p) => p.trim() !== '');
    assert.equal(perPage.length, pages);
    for (const page of perPage) assert.match(page, /Referanse: MP-7K4Q-2XH9/);
  });

  test('a word longer than a line is broken, not cut off', async () => {
    const base = samplePrivateReport();
    const word = 'x'.repeat(400) + 'SLUTT';
    const { file } = await render({ ...base, concern: { ...base.concern, history: word } });
    assert.match(poppler('pdftotext', file, '-').replace(/\s+/g, ''), /x{400}SLUTT/);
  });

  test('Sámi, Polish and other letters outside Latin-1 are printed as typed', async () => {
    const base = samplePrivateReport();
    const { file } = await render({
      ...base,
      children: [{ ...base.children[0]!, name: 'Máret Ŋuvttis Čeavččageađgi' }],
      concern: {
        ...base.concern,
        whatHappened: 'Sámegiella: čđŋšŧž ČĐŊŠŦŽ áá. Polski: łę Łódź, żółć. Ελληνικά и кириллица.',
        interpreterNeed: 'yes',
        interpreterLanguage: 'Nordsamisk (davvisámegiella)',
      },
    });
    const text = readText(file);
    assert.match(text, /čđŋšŧž ČĐŊŠŦŽ/);
    assert.match(text, /łę Łódź, żółć/);
    assert.match(text, /Ελληνικά и кириллица/);
    assert.match(text, /Máret Ŋuvttis Čeavččageađgi/);
    assert.match(text, /davvisámegiella/);
  });

  test('characters the font cannot draw become a visible replacement mark', async () => {
    const base = samplePrivateReport();
    const decomposed = 'A\u030Asheim'; // "Åsheim" typed with a combining ring
    const { file } = await render({
      ...base,
      concern: {
        ...base.concern,
        whatHappened: `Mor sa 中文 til meg.\u0007\r\nNeste linje ${decomposed}.\vLinje fra Word.`,
      },
    });
    const lines = poppler('pdftotext', '-layout', file, '-').split('\n').map((l) => l.trim());
    assert.ok(lines.includes('Mor sa \uFFFD\uFFFD til meg.\uFFFD'), 'unknown glyphs and the bell are marked');
    assert.ok(lines.includes('Neste linje Åsheim.'), 'CRLF is a line break and the name is composed');
    assert.ok(lines.includes('Linje fra Word.'), 'a pasted manual line break is a line break');
    assert.doesNotMatch(lines.join('\n'), /中/);
  });

  test('the same report renders to the same bytes, also when rendered side by side with another', async () => {
    const options = { reference: 'MP-AB12-CD34', t };
    const first = await renderReportPdf(sampleProfessionalReport(), options);
    const [second] = await Promise.all([
      renderReportPdf(sampleProfessionalReport(), options),
      renderReportPdf(samplePrivateReport(), options),
    ]);
    assert.ok(first.equals(second));
  });

  test('every § 13-2 ground a professional can tick is named in the copy', async () => {
    const { file } = await render(sampleProfessionalReport({ duty: { grounds: [...DUTY_GROUNDS] } }));
    const text = readText(file);
    for (const ground of DUTY_GROUNDS) {
      assert.ok(text.includes(flat(t(`pdf.duty.grounds.${ground}`))), `ground ${ground} is printed`);
    }
  });

  test('XML characters in the reference do not break the archival metadata', async () => {
    const { bytes, file } = await render(samplePrivateReport(), 'A&B<1>');
    assert.match(readText(file), /A&B<1>/);
    const raw = bytes.toString('latin1');
    const xmp = raw.slice(raw.indexOf('<?xpacket begin='), raw.indexOf('<?xpacket end='));
    assert.doesNotMatch(xmp, /&B|<1>/);
  });

  test('headings, label/value lists and paragraphs are tagged for assistive technology', async () => {
    const { file } = await render(sampleProfessionalReport());
    // -struct, not -struct-text: poppler takes seconds to attach text to every element.
    const structure = poppler('pdfinfo', '-struct', file)
      .split('\n')
      .map((line) => line.trim().replace(/ \(block\)$/, ''))
      .filter(Boolean);
    assert.deepEqual(structure.slice(0, 7), ['Document', 'H1', 'P', 'L', 'LI', 'Lbl', 'LBody']);
    assert.equal(structure.filter((type) => type === 'Sect').length, 6, 'one section per part of the report');
    assert.equal(structure.filter((type) => type === 'H2').length, 6);
    assert.equal(structure.filter((type) => type === 'H3').length, 4, 'one sub-heading per child and guardian');
  });
});
