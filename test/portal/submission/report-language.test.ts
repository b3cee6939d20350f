// The reporter's copy of the report (the receipt PDF) and the notices sent later are in the language
// the reporter used; the service's copy in the package is Norwegian (nynorsk when the reporter wrote
// nynorsk, otherwise bokmål), because that is what the service archives and works from.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { PACKAGE_FILE_NAMES } from '../../../src/package/package-files.ts';
import { translator, type Language } from '../../../src/web/i18n.ts';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { HttpClient } from '../../kit/http-client.ts';
import { walkPrivateJourneyToSummary } from '../../kit/journey.ts';
import { waitFor } from '../../kit/wait.ts';
import { closeVisitorAddresses, deliveryClientFor, openStoredReport, referenceIn, useNewVisitorAddress, waitForReportStatus } from '../../kit/portal-visitors.ts';

function pdfText(portal: TestPortal, name: string, pdf: Uint8Array): string {
  const file = join(portal.dataDir, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const database = testDatabases()[0]!;

describe(`the report in the reporter's language (${database.name})`, () => {
  let portal: TestPortal;
  before(async () => {
    portal = await startTestPortal(database);
  });
  after(async () => {
    await portal?.close();
    await closeVisitorAddresses();
  });
  beforeEach(async () => {
    await useNewVisitorAddress();
  });

  async function sendIn(lang: Language, personIndex: number) {
    const client = new HttpClient(portal.url);
    await client.get(`/sprak/${lang}?tilbake=/`);
    const summary = await walkPrivateJourneyToSummary(client, { personIndex });
    assert.match(summary.text, new RegExp(`<html lang="${lang}"`));
    const receipt = await client.submit(summary, '/meld/send', {});
    assert.equal(receipt.status, 200);
    assert.match(receipt.text, new RegExp(`<h1 class="ds-heading" data-size="lg">${translator(lang)('journey.kvittering.title')}</h1>`));
    const reference = referenceIn(receipt.text);
    const download = await client.get(`/meld/kvittering/${reference}/melding.pdf`);
    assert.equal(download.status, 200);
    const stored = await openStoredReport(portal, reference);
    return { reference, receiptPdf: download.body, servicePdf: stored.files[PACKAGE_FILE_NAMES.pdf]!, row: stored.row };
  }

  test('English: the receipt PDF is in English, the service’s copy in bokmål, and the feedback notice in English', async () => {
    const sent = await sendIn('en', 2);
    const receiptText = pdfText(portal, 'receipt-en.pdf', sent.receiptPdf);
    const serviceText = pdfText(portal, 'service-en.pdf', sent.servicePdf);
    assert.ok(receiptText.includes(translator('en')('pdf.title')), 'the receipt’s title is English');
    assert.ok(receiptText.includes(translator('en')('pdf.footer.reference', { reference: sent.reference })));
    assert.ok(!receiptText.includes(translator('nb')('pdf.title')));
    assert.ok(serviceText.includes(translator('nb')('pdf.title')), 'the service’s copy is in bokmål');
    assert.ok(!serviceText.includes(translator('en')('pdf.title')));
    assert.equal(sent.row.reporter_language, 'en');

    // Feedback from the service: the notice the reporter gets is in English.
    const service = await portal.database.db.selectFrom('services').select('orgnr').where('id', '=', sent.row.service_id).executeTakeFirstOrThrow();
    const client = deliveryClientFor(portal, service.orgnr);
    await waitForReportStatus(portal, sent.row.id, 'SENDT_FAGSYSTEM');
    await client.answer(sent.row.id, { type: 'mottatt' });
    await client.sendFeedback(sent.row.id, 'mottatt');
    const noticeFile = join(portal.dataDir, 'notice-outbox', `${sent.reference}-mottatt.json`);
    await waitFor('the notice', () => (existsSync(noticeFile) ? true : undefined), 30_000);
    const notice = JSON.parse(readFileSync(noticeFile, 'utf8')) as { text: string };
    assert.equal(notice.text, translator('en')('notice.feedback', { reference: sent.reference }));
  });

  test('nynorsk: both copies in nynorsk', async () => {
    const sent = await sendIn('nn', 3);
    assert.ok(pdfText(portal, 'receipt-nn.pdf', sent.receiptPdf).includes(translator('nn')('pdf.title')));
    assert.ok(pdfText(portal, 'service-nn.pdf', sent.servicePdf).includes(translator('nn')('pdf.title')));
    assert.equal(sent.row.reporter_language, 'nn');
  });

  test('bokmål: one PDF, the same bytes for the reporter and the service', async () => {
    const sent = await sendIn('nb', 4);
    assert.ok(Buffer.from(sent.receiptPdf).equals(Buffer.from(sent.servicePdf)));
    assert.equal(sent.row.reporter_language, 'nb');
  });
});
