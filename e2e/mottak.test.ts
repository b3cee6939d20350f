// Mottak in a real browser: a reporter sends an urgent report with a drawing to Trondheim through
// the portal, and Trondheim's caseworker logs in through the IdP stand-in, finds it in the inbox
// (urgent and on top, with the time received and the child's name and age) with the filters, reads
// it (urgency and the child first, the reporter's words, guardians and reporter, names and dates in
// words, the raw Fiks JSON one link away), views the PDF and the drawing in the browser, downloads
// the PDF, takes it, writes a note, concludes it (first wrongly, then with an investigation, the
// melder code pre-filled) and extends the investigation's deadline. The manager reads the deadlines,
// the audit log (filtered and paged) and the refused packages; Bergen's and Bærum's caseworkers see
// none of it. The core again without JavaScript, and with the keyboard alone in bokmål and in
// nynorsk; the manager's pages and the error pages in nynorsk too — and axe on every page and error
// state on the way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { devCaseworker, startTestMottak, type TestMottak } from '../test/kit/mottak.ts';
import { sendPrivateReport } from '../test/kit/portal-visitors.ts';
import { CONCLUSION_CODES, codesValidOn } from '../src/domain/ssb-codes.ts';
import { demoServices } from '../src/dev/demo-services.ts';
import { appendAudit } from '../src/mottak/audit/audit-log.ts';
import { osloDate } from '../src/domain/delivery/working-days.ts';
import { formatDate } from '../src/mottak/web/format.ts';
import { translator } from '../src/web/i18n.ts';
import { checkA11y, launchBrowser, newVisitor, type Visitor } from '../test/kit/browser/browser.ts';
import { pdfText } from '../test/kit/browser/delivered.ts';
import { makePng } from '../test/kit/browser/files.ts';
import { expectErrorSummary, expectPage, focusedId, loginAtIdporten, navigation, throughFrontchannelLogout, visit } from '../test/kit/browser/journey.ts';
import { caseworkerVisitor, inboxReferences, inboxRow, pressKey, reloadUntilListed, sendUrgentReportToTrondheim, STAND_IN_TITLE, tabTo } from '../test/kit/browser/mottak-browser.ts';

const WORKER = 'Sigrid Aune';
const MANAGER = 'Magnus Rørvik';
const BERGEN_WORKER = 'Henrik Fjeld Tveit';
const BAERUM_WORKER = 'Marte Sandvik';
const CHILD = 'Mia Strand';
const WHAT_HAPPENED = 'Mia kom alene til barnehagen i morges og sa at mamma ikke våknet. E2E-MOTTAK-7Q2P';
/** The drawing the reporter attaches: a real PNG the browser can show. */
const DRAWING = makePng(24, 16);

/** A conclusion code that closes the report, valid today (SSB's list changes by date). */
const CLOSING_CODE = codesValidOn(CONCLUSION_CODES, osloDate(new Date())).filter((c) => c.closes).at(-1)!;
/** Conclusions in plain words with the SSB code beside them, as the caseworker reads them. */
const CLOSING_LABEL = `${translator('nb')(`mottak.conclusionCodes.codes.${CLOSING_CODE.code}`)} (SSB\u2011kode\u00a0${CLOSING_CODE.code})`;
// A no-break hyphen and space keep "SSB-kode 2" on one line.
const INVESTIGATION_LABEL = 'Undersøkelse åpnes – meldingen henlegges ikke (SSB\u2011kode\u00a02)';
const REASON_MISSING = 'Skriv en begrunnelse, eller kryss av for at meldingen er åpenbart grunnløs.';

interface Report {
  id: string;
  reference: string;
}

function h1(page: Page): Promise<string> {
  return page.getByRole('heading', { level: 1 }).innerText();
}

/** Text as read from cells: any run of white space (the no-break ones too) as one space. */
const oneSpaced = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The text of the row labelled `label` in a table of the region. */
async function rowValue(region: Locator, label: string): Promise<string> {
  return oneSpaced(await region.getByRole('row').filter({ has: region.page().getByRole('rowheader', { name: label, exact: true }) }).getByRole('cell').innerText());
}

/** The text of a report page's summary row (Oversikt). */
function summaryValue(page: Page, label: string): Promise<string> {
  return rowValue(page.getByRole('region', { name: 'Oversikt', exact: true }), label);
}

function click(page: Page, role: 'button' | 'link', name: string) {
  return navigation(page, () => page.getByRole(role, { name, exact: true }).click());
}

describe('mottak in the browser: a caseworker takes in a report of concern', () => {
  let portal: TestPortal;
  let mottak: TestMottak;
  let browser: Browser;
  /** Sent in the browser, urgent: the caseworker's journey with JavaScript. */
  let urgent: Report;
  /** Sent over HTTP: the journey without JavaScript, and the keyboard passes in bokmål and nynorsk. */
  let plain: Report;
  let keyboardReport: Report;
  let nynorskReport: Report;
  let worker: Visitor;
  let keysDir: string | undefined;
  const visitors: Visitor[] = [];

  before(async () => {
    const database = testDatabases()[0]!;
    [portal, browser] = await Promise.all([startTestPortal(database), launchBrowser()]);
    // This mottak hosts the three services the test needs. Pulling for all 22 demo services every
    // 0.2 s spends the portal's per-address rate limit (300 requests a minute) within seconds, and
    // the reporter's browser, on the same address, would then get 429.
    keysDir = mkdtempSync(join(tmpdir(), 'mottak-e2e-keys-'));
    for (const name of [WORKER, BERGEN_WORKER, BAERUM_WORKER]) {
      const { serviceOrgnr } = devCaseworker(name);
      symlinkSync(join(portal.dataDir, 'receivers', serviceOrgnr), join(keysDir, serviceOrgnr), 'dir');
    }
    // Three reports are on their way before the caseworker logs in; the fourth is sent while they watch.
    // Mottak starts first: its embedded database migrates on this process's event loop (PGlite is
    // WebAssembly), which would hold up the portal's answers to the logins long enough for their
    // code exchange to time out. In a deployment the two are separate processes.
    mottak = await startTestMottak(database, portal, { MOTTAK_KEYS_DIR: keysDir, MOTTAK_POLL_SECONDS: '0.5' });
    const [second, third, fourth] = await Promise.all([
      sendPrivateReport(portal, { municipality: '7011' }),
      sendPrivateReport(portal, { municipality: '7011', personIndex: 1 }),
      sendPrivateReport(portal, { municipality: '7011', personIndex: 2 }),
    ]);
    plain = { id: second.id, reference: second.reference };
    keyboardReport = { id: third.id, reference: third.reference };
    nynorskReport = { id: fourth.id, reference: fourth.reference };
  });
  after(async () => {
    for (const v of visitors) await v.context.close().catch(() => undefined);
    await browser?.close();
    await mottak?.close();
    await portal?.close();
    if (keysDir) rmSync(keysDir, { recursive: true, force: true });
  });

  const db = () => mottak.database.db;
  const reportRow = (id: string) => db().selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const caseworkerId = async (name: string) => (await db().selectFrom('caseworkers').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const idOf = async (reference: string) => (await db().selectFrom('reports').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
  async function track(visitor: Promise<Visitor>): Promise<Visitor> {
    const v = await visitor;
    visitors.push(v);
    return v;
  }

  test('the caseworker logs in through the stand-in to the inbox; a report sent in the browser meanwhile appears within seconds, on top', async () => {
    worker = await track(caseworkerVisitor(browser, mottak.url, WORKER, 'saksbehandler'));
    const { page } = worker;
    assert.equal(await h1(page), 'Innboks');
    assert.equal(await page.title(), 'Innboks – Mottak');
    assert.equal(await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innboks' }).getAttribute('aria-current'), 'page');
    assert.equal(await page.getByRole('link', { name: 'Revisjonslogg' }).count(), 0, 'a saksbehandler is not offered the manager pages');
    // The three reports that waited at the portal were pulled when mottak started.
    await reloadUntilListed(page, plain.reference);
    await reloadUntilListed(page, keyboardReport.reference);
    await reloadUntilListed(page, nynorskReport.reference);
    assert.equal(await page.getByRole('status').filter({ hasText: 'Viser 3 meldinger' }).count(), 1);
    await checkA11y(page, 'the inbox with reports');

    // A neighbour sends an urgent report in the browser while the caseworker has the inbox open.
    const reporter = await track(newVisitor(browser, { baseURL: portal.url }));
    const reference = await sendUrgentReportToTrondheim(reporter.page, 'Ola Nordmann', CHILD, WHAT_HAPPENED, { attachment: { name: 'tegning.png', mimeType: 'image/png', buffer: DRAWING } });
    assert.deepEqual(reporter.problems, [], 'no script errors or CSP violations for the reporter');
    await reporter.context.close();
    const waited = await reloadUntilListed(page, reference, 10_000);
    urgent = { id: await idOf(reference), reference };

    // Urgent first; the row says what a caseworker needs to pick it up.
    const references = await inboxReferences(page);
    assert.deepEqual(references.slice(0, 1), [urgent.reference], `the urgent report is on top (${references.join(', ')}), listed after ${waited} ms`);
    assert.deepEqual(new Set(references), new Set([urgent.reference, plain.reference, keyboardReport.reference, nynorskReport.reference]));
    const row = await inboxRow(page, urgent.reference);
    assert.equal(row[0], `${urgent.reference} Haster`);
    assert.equal(row[1], `${CHILD} (ca. 6 år)`, "the child's name and age");
    const sentAt = (await reportRow(urgent.id)).sent_at;
    const osloTime = sentAt.toLocaleTimeString('nb-NO', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit' }).replace(':', '.');
    assert.match(row[2]!, new RegExp(`^\\d{1,2}\\. [a-zæøå]+ \\d{4} kl\\. ${osloTime.replace('.', '\\.')}$`), `received with the time of day in Norwegian: ${row[2]}`);
    assert.match(row[3]!, /^\d{1,2}\. [a-zæøå]+ \d{4} \(7 dager igjen\)$/, 'the review deadline is a week away');
    assert.deepEqual(row.slice(4, 6), ['Ny', 'Ikke tildelt']);
    assert.equal((await inboxRow(page, plain.reference))[0], plain.reference, 'a report that does not say it is urgent has no tag');
    assert.equal((await inboxRow(page, plain.reference))[1], 'Ola Åsheim (ca. 8 år)');
    // The urgent row stands out in colour, not only by its tag.
    const background = (reference: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: reference, exact: true }) }).getByRole('cell').nth(1).evaluate((cell) => getComputedStyle(cell).backgroundColor);
    assert.notEqual(await background(urgent.reference), await background(plain.reference), 'the urgent row has a background of its own');
    assert.equal(await page.getByRole('row').filter({ has: page.getByRole('link', { name: urgent.reference, exact: true }) }).locator('strong').innerText().then((s) => s.replace(/\s+/g, ' ')), row[2], 'and its time received in bold');
    assert.equal(await page.getByRole('status').filter({ hasText: 'Viser 4 meldinger' }).count(), 1);
    await checkA11y(page, 'the inbox with an urgent report');
    const stored = await reportRow(urgent.id);
    assert.equal(stored.urgent, true);
    assert.equal(stored.status, 'ny');
    const portalRow = await portal.database.db.selectFrom('reports').select('status').where('id', '=', urgent.id).executeTakeFirstOrThrow();
    assert.equal(portalRow.status, 'LEVERT', 'the portal heard that it arrived');
    assert.deepEqual(worker.problems, []);
  });

  test('the filters: search by reference and by name, urgent only, and a filter that matches nothing', async () => {
    const { page } = worker;
    const search = page.getByLabel('Søk etter barnets navn, fødselsnummer eller referanse');
    await search.fill(urgent.reference);
    let response = await click(page, 'button', 'Vis meldinger');
    await expectPage(page, response, '/innboks');
    assert.equal(new URL(page.url()).searchParams.get('sok'), urgent.reference, 'the filtered view is a bookmarkable address');
    assert.deepEqual(await inboxReferences(page), [urgent.reference]);
    assert.equal(await page.getByRole('status').filter({ hasText: /^Viser 1 melding$/ }).count(), 1, 'one report, in the singular');
    assert.equal(await search.inputValue(), urgent.reference, 'the search box keeps what was typed');
    await checkA11y(page, 'the inbox searched by reference');

    await search.fill('ola åsheim');
    await click(page, 'button', 'Vis meldinger');
    assert.deepEqual(new Set(await inboxReferences(page)), new Set([plain.reference, keyboardReport.reference, nynorskReport.reference]), 'the search by name finds the three reports about Ola');

    await search.fill('');
    await page.getByLabel('Bare meldinger som haster').check();
    await click(page, 'button', 'Vis meldinger');
    assert.equal(new URL(page.url()).searchParams.get('haster'), 'ja');
    assert.deepEqual(await inboxReferences(page), [urgent.reference], 'only the urgent report');
    assert.ok(await page.getByLabel('Bare meldinger som haster').isChecked(), 'the checkbox stays ticked');
    await checkA11y(page, 'the inbox with urgent only');

    await search.fill(plain.reference);
    response = await click(page, 'button', 'Vis meldinger');
    assert.equal(response.status(), 200);
    assert.deepEqual(await inboxReferences(page), []);
    assert.ok(await page.getByText('Ingen meldinger passer med filtrene.').isVisible());
    await checkA11y(page, 'the inbox filtered to nothing');

    await click(page, 'link', 'Nullstill filtre');
    assert.equal(new URL(page.url()).search, '');
    assert.equal((await inboxReferences(page)).length, 4);
    await page.getByLabel('Søk etter barnets navn, fødselsnummer eller referanse').fill(urgent.reference);
    await click(page, 'button', 'Vis meldinger');
    assert.deepEqual(worker.problems, []);
  });

  test("opens the report: urgency and the child first, then the reporter's own words, the guardians and the reporter; names and Norwegian dates, the raw Fiks JSON behind one link", async () => {
    const { page } = worker;
    let response = await click(page, 'link', urgent.reference);
    await expectPage(page, response, `/meldinger/${urgent.id}`);
    assert.equal(await h1(page), `Melding ${urgent.reference}`);
    const main = page.getByRole('main');
    // Read top to bottom: the urgency right under the heading, then the child, then the rest.
    assert.equal((await main.locator('h1 ~ .ds-alert').first().innerText()).trim(), 'Haster – melderen mener barnet trenger hjelp raskt.');
    const headings = (await main.getByRole('heading', { level: 2 }).allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(headings.slice(0, 5), ['Barnet', 'Oversikt', 'Bekymringen', 'Foresatte', 'Melder'], headings.join(' | '));
    const child = page.getByRole('region', { name: 'Barnet', exact: true });
    assert.equal((await child.getByRole('heading', { level: 3 }).innerText()).trim(), CHILD);
    assert.equal(await rowValue(child, 'Alder'), 'ca. 6 år (melderens anslag)');
    assert.equal(await rowValue(child, 'Adresse'), 'Kongens gate 1, 7011 Trondheim');
    assert.equal(await rowValue(child, 'Vet om meldingen'), 'Ja');

    assert.equal(await summaryValue(page, 'Haster'), 'Ja – melderen mener det haster');
    assert.equal(await summaryValue(page, 'Status'), 'Under behandling', 'opening a new report puts it under treatment');
    assert.equal(await summaryValue(page, 'Melder'), 'Privatperson');
    assert.equal(await summaryValue(page, 'Kommune'), 'Trondheim', 'the municipality by name, not number');
    assert.equal(await summaryValue(page, 'Saksbehandler'), 'Ikke tildelt');
    assert.match(await summaryValue(page, 'Mottatt'), /^\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2}$/, 'received, in Norwegian words and time');

    const concern = page.getByRole('region', { name: 'Bekymringen' });
    assert.equal((await concern.locator('blockquote').first().innerText()).trim(), WHAT_HAPPENED, "the reporter's own words, as a quote");
    assert.ok(await concern.getByText('Basal og praktisk omsorg (2.1.02)').isVisible(), 'the category by name, with its code');
    const guardians = page.getByRole('region', { name: 'Foresatte' });
    assert.ok(await guardians.getByRole('heading', { name: 'Trine Strand' }).isVisible());
    assert.equal(await rowValue(guardians, 'Telefon'), '912 34 567');
    const reporter = page.getByRole('region', { name: 'Melder', exact: true });
    assert.equal(await rowValue(reporter, 'Navn'), 'Ola Nordmann');
    assert.equal(await rowValue(reporter, 'Forhold til barnet'), 'Nabo');
    assert.equal(await rowValue(reporter, 'Telefon'), '98765432');

    // Nothing of the raw dump: no ISO timestamps, protocol field names or codes for names.
    const text = await main.innerText();
    for (const raw of [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, /Bydelsnummer/, /Kanal/, /Fagsystem/, /\b5001\b/, /leveringskanal|sendingstidspunkt|privatBarn/]) {
      assert.doesNotMatch(text, raw, `the report page shows ${raw}`);
    }
    await checkA11y(page, 'the report page');
    assert.equal((await reportRow(urgent.id)).status, 'under_behandling');

    response = await click(page, 'link', 'Vis meldingen slik den kom (Fiks-JSON)');
    await expectPage(page, response, `/meldinger/${urgent.id}/fiks-json`);
    assert.equal(await h1(page), `Fiks-JSON for melding ${urgent.reference}`);
    const json = JSON.parse(await page.locator('pre').innerText()) as { kommunenummer: string; privatBarn: { personnavn: string }[] };
    assert.deepEqual([json.kommunenummer, json.privatBarn[0]!.personnavn], ['5001', CHILD], 'the JSON as it came');
    await checkA11y(page, 'the Fiks JSON page');
    response = await click(page, 'link', 'Tilbake til meldingen');
    await expectPage(page, response, `/meldinger/${urgent.id}`);
    const viewed = await db().selectFrom('audit_log').select('action').where('report_id', '=', urgent.id).where('action', '=', 'fiks-json.viewed').execute();
    assert.equal(viewed.length, 1, 'looking at the raw JSON is in the audit log');
    assert.deepEqual(worker.problems, []);
  });

  test('views the PDF and the drawing in the browser, downloads the PDF, takes the report (and is told so), and writes a note (an empty one is refused)', async () => {
    const { page } = worker;
    const files = page.getByRole('table', { name: 'Filer i meldingen' });
    assert.deepEqual((await files.locator('tbody td:first-child').allInnerTexts()).map((s) => s.trim()).sort(), ['bekymringsmelding.pdf', 'tegning.png'], 'the PDF and the attachment; the JSON files are behind the Fiks JSON link');
    let downloads = 0;
    page.on('download', () => downloads++);
    // The PDF opens in the browser's own viewer, served inline under a CSP that sandboxes it (the
    // viewer reports a policy of its own on the navigation, so the headers are read by a request
    // with the caseworker's session).
    for (const [name, type] of [['bekymringsmelding.pdf', 'application/pdf'], ['tegning.png', 'image/png']]) {
      const href = await files.getByRole('link', { name, exact: true }).getAttribute('href');
      const headers = (await page.context().request.get(href!)).headers();
      assert.deepEqual([headers['content-type'], headers['x-content-type-options']], [type, 'nosniff'], name);
      assert.match(headers['content-disposition']!, /^inline; /, name);
      assert.match(headers['content-security-policy']!, /^sandbox; default-src 'none'/, name);
    }
    let response = await click(page, 'link', 'bekymringsmelding.pdf');
    assert.equal(response.status(), 200);
    assert.equal(await page.evaluate(() => document.contentType), 'application/pdf', 'shown as a PDF, not saved');
    await page.goBack();
    response = await click(page, 'link', 'tegning.png');
    assert.deepEqual(await page.evaluate(() => [document.contentType, document.images[0]?.naturalWidth]), ['image/png', 24], 'the drawing is decoded and shown');
    await page.goBack();
    assert.equal(downloads, 0, 'viewing downloads nothing');
    // The browser's own image and PDF viewer pages style themselves inline, which the file's
    // sandboxing CSP refuses (and says so in the console); the files are shown all the same.
    const viewerNotices = (p: string) => p.includes(`/meldinger/${urgent.id}/vis?`) && /Content Security Policy/.test(p);
    worker.problems.splice(0, worker.problems.length, ...worker.problems.filter((p) => !viewerNotices(p)));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Last ned bekymringsmelding.pdf', exact: true }).click()]);
    assert.equal(download.suggestedFilename(), 'bekymringsmelding.pdf');
    const file = await download.path();
    assert.equal(readFileSync(file).subarray(0, 5).toString('latin1'), '%PDF-', 'the download is a PDF');
    const text = pdfText(file);
    assert.match(text, new RegExp(urgent.reference), 'the PDF names the reference');
    assert.match(text, new RegExp(CHILD), 'the PDF holds the report');
    const fileEntries = await db().selectFrom('audit_log').select(['action', 'detail']).where('report_id', '=', urgent.id).where('action', 'in', ['file.viewed', 'file.downloaded']).orderBy('seq').execute();
    assert.deepEqual(
      fileEntries.map((e) => [e.action, e.detail.file]),
      [
        // The header checks above fetched each file once, as a view, then the browser showed them.
        ['file.viewed', 'bekymringsmelding.pdf'],
        ['file.viewed', 'vedlegg/tegning.png'],
        ['file.viewed', 'bekymringsmelding.pdf'],
        ['file.viewed', 'vedlegg/tegning.png'],
        ['file.downloaded', 'bekymringsmelding.pdf'],
      ],
      'each view and download is audited with the file',
    );

    response = await click(page, 'button', 'Tildel til meg');
    await expectPage(page, response, `/meldinger/${urgent.id}`);
    assert.equal(await page.getByRole('status').filter({ hasText: 'Meldingen er tildelt deg.' }).count(), 1, 'the assignment is confirmed');
    assert.equal(await summaryValue(page, 'Saksbehandler'), WORKER, 'and shown in the overview');
    const assignee = page.getByRole('region', { name: 'Tildel' }).getByLabel('Saksbehandler');
    assert.equal(await assignee.locator('option:checked').innerText(), WORKER);
    assert.equal(await page.getByRole('button', { name: 'Tildel til meg' }).count(), 0, 'no "assign to me" once it is mine');
    assert.equal((await reportRow(urgent.id)).assignee_id, await caseworkerId(WORKER));
    await checkA11y(page, 'the report page with the assignment confirmed');

    response = await click(page, 'button', 'Lagre notat');
    await expectErrorSummary(page, response, 'an empty note', { note: 'Skriv notatet før du lagrer.' });
    assert.equal(await page.title(), `Feil: Melding ${urgent.reference} – Mottak`);
    const note = 'Ringte barnehagen. Mor hentet Mia kl. 12, virket ruset.';
    await page.getByLabel('Nytt notat').fill(note);
    response = await click(page, 'button', 'Lagre notat');
    await expectPage(page, response, `/meldinger/${urgent.id}`);
    assert.equal(new URL(page.url()).hash, '#notes-heading', 'back at the notes');
    const notes = page.getByRole('region', { name: 'Notater' });
    assert.ok(await notes.getByText(note).isVisible());
    assert.ok(await notes.getByText(new RegExp(`^${WORKER}, \\d{1,2}\\. [a-zæøå]+ \\d{4} kl\\.\\s\\d{2}\\.\\d{2}$`)).isVisible(), 'the note says who wrote it and when');
    assert.equal(await page.getByLabel('Nytt notat').inputValue(), '', 'the note field is empty again');
    await checkA11y(page, 'the report page with a note');
    const stored = await db().selectFrom('report_notes').select(['body', 'author_id']).where('report_id', '=', urgent.id).execute();
    assert.deepEqual(stored, [{ body: note, author_id: await caseworkerId(WORKER) }]);
    assert.deepEqual(worker.problems, []);
  });

  test('concludes: a closed code without reasons is refused with a linked summary; code 2 opens an investigation, whose deadline is extended', async () => {
    const { page } = worker;
    let response = await click(page, 'link', 'Konkluder meldingen');
    await expectPage(page, response, `/meldinger/${urgent.id}/konklusjon`);
    assert.equal(await h1(page), `Konkluder melding ${urgent.reference}`);
    const contentCode = page.getByLabel('2.1.02 Basal og praktisk omsorg (Grunnleggende omsorg)');
    assert.ok(await contentCode.isChecked(), "the reporter's category comes pre-ticked");
    // The melder code comes pre-chosen from what the reporter wrote, and says so.
    const reporterCode = page.getByLabel('Melder (SSB-kode)');
    assert.equal(await reporterCode.locator('option:checked').innerText(), '4 Andre privatpersoner', "the reporter's code is pre-filled");
    assert.ok(await page.getByText('Foreslått ut fra det melderen skrev om seg selv: «Nabo». Kontroller at koden stemmer.').isVisible());
    // Plain words with the SSB code beside them; SSB's typos are not ours.
    const codes = page.getByRole('group', { name: 'Konklusjon', exact: true });
    assert.equal(await codes.getByLabel(INVESTIGATION_LABEL, { exact: true }).count(), 1);
    assert.equal(await page.getByLabel('3.2.02 Fattigdom (Bolig, økonomi og arbeid)', { exact: true }).count(), 1);
    assert.equal(await page.getByLabel('3.3.04 Minoritetsspråklige familier (Nettverk og sosial integrering)', { exact: true }).count(), 1);
    assert.equal(await page.getByLabel('1.3.11 Barn som begår straffbare handlinger (Følelser og uttrykk)', { exact: true }).count(), 1);
    assert.equal(await reporterCode.locator('option', { hasText: /^5 Barneverntjenesten$/ }).count(), 1);
    assert.doesNotMatch(await page.getByRole('main').textContent() ?? '', /Fattogdom|Minioritets|straffbar handlinger|Barnvernstjenesten/);
    await checkA11y(page, 'the conclusion form');

    await codes.getByLabel(CLOSING_LABEL, { exact: true }).check();
    response = await click(page, 'button', 'Lagre konklusjonen');
    await expectErrorSummary(page, response, 'a closed conclusion without reasons', { reason: REASON_MISSING });
    assert.equal(await page.title(), `Feil: Konkluder melding ${urgent.reference} – Mottak`);
    assert.equal(await focusedId(page), 'error-summary', 'with JavaScript, focus moves to the error summary');
    await page.getByRole('link', { name: REASON_MISSING }).click();
    assert.equal(await focusedId(page), 'reason', 'the summary link puts the caseworker in the field');
    assert.ok(await codes.getByLabel(CLOSING_LABEL, { exact: true }).isChecked(), 'the chosen code is kept');
    assert.equal(await page.getByLabel('Melder (SSB-kode)').locator('option:checked').innerText(), '4 Andre privatpersoner');
    assert.ok(await contentCode.isChecked());
    assert.equal((await reportRow(urgent.id)).conclusion_code, null, 'nothing was saved');

    await codes.getByLabel(INVESTIGATION_LABEL, { exact: true }).check();
    response = await click(page, 'button', 'Lagre konklusjonen');
    await expectPage(page, response, `/meldinger/${urgent.id}`);
    assert.equal(new URL(page.url()).hash, '#conclusion-heading');
    let row = await reportRow(urgent.id);
    assert.equal(row.status, 'konkludert');
    assert.equal(row.conclusion_code, '2');
    assert.equal(row.reporter_code, '4');
    assert.deepEqual(row.content_codes, ['2.1.02']);
    assert.equal(row.concluded_by, await caseworkerId(WORKER));
    assert.ok(row.investigation_deadline && row.investigation_deadline > row.review_deadline, 'an investigation deadline after the review deadline');
    assert.equal(await summaryValue(page, 'Status'), 'Konkludert');
    const conclusion = page.getByRole('region', { name: 'Konklusjon' });
    assert.equal(await rowValue(conclusion, 'Konklusjon'), oneSpaced(INVESTIGATION_LABEL));
    // What the caseworker decided, no more: no reasons written, and not "obviously groundless".
    assert.equal(await rowValue(conclusion, 'Begrunnelse'), 'Ingen skriftlig begrunnelse');
    assert.doesNotMatch(await conclusion.innerText(), /grunnløs/i);
    assert.equal(row.conclusion_obviously_groundless, false);
    const firstDeadline = row.investigation_deadline;
    assert.ok(await conclusion.getByText(`Frist for undersøkelsen (§ 2-2): ${formatDate('nb', firstDeadline)} (`).isVisible(), 'the investigation deadline is shown');
    assert.equal(await page.getByRole('link', { name: 'Konkluder meldingen' }).count(), 0);
    await checkA11y(page, 'the concluded report with an investigation');

    response = await click(page, 'button', 'Utvid fristen');
    await expectErrorSummary(page, response, 'an extension without reasons', { extendReason: 'Skriv en begrunnelse for å utvide fristen.' });
    const reason = 'Venter på sakkyndig vurdering fra BUP.';
    await page.getByLabel('Begrunnelse for utvidet frist').fill(reason);
    response = await click(page, 'button', 'Utvid fristen');
    await expectPage(page, response, `/meldinger/${urgent.id}`);
    row = await reportRow(urgent.id);
    assert.equal(row.investigation_extended_reason, reason);
    assert.ok(row.investigation_deadline! > firstDeadline!, 'the deadline moved');
    assert.ok(await conclusion.getByText(`Fristen er utvidet til seks måneder. Begrunnelse: ${reason}`).isVisible());
    assert.ok(await conclusion.getByText(`Frist for undersøkelsen (§ 2-2): ${formatDate('nb', row.investigation_deadline!)} (`).isVisible(), 'the new deadline is shown');
    assert.equal(await page.getByRole('button', { name: 'Utvid fristen' }).count(), 0, 'a deadline is extended once');
    await checkA11y(page, 'the report with an extended investigation');

    const actions = (await db().selectFrom('audit_log').select(['action', 'actor_name']).where('report_id', '=', urgent.id).orderBy('seq').execute()).map((a) => a.action);
    for (const action of ['report.received', 'report.viewed', 'file.downloaded', 'report.assigned', 'note.added', 'report.concluded', 'investigation.extended']) {
      assert.ok(actions.includes(action), `the audit log has ${action}: ${actions.join(', ')}`);
    }
    assert.deepEqual(worker.problems, []);
  });

  test('a saksbehandler who opens a manager page is told it is for managers (403)', async () => {
    const { page } = worker;
    const forbidden = ['/logg', '/frister', '/avviste', '/statistikk'];
    for (const path of forbidden) {
      await visit(page, path, 403);
      assert.equal(await h1(page), 'Du har ikke tilgang');
      assert.equal(await page.title(), 'Du har ikke tilgang – Mottak');
      assert.ok(await page.getByText('Denne siden er for ledere.').isVisible());
    }
    // The browser logs each 403 as a failed resource; those are the answers this test expects.
    const expected = worker.problems.splice(0).filter((p) => !forbidden.some((path) => p.startsWith(`console error on ${mottak.url}${path}: Failed to load resource: the server responded with a status of 403`)));
    assert.deepEqual(expected, [], 'no other problems in the browser');
    const reads = await db().selectFrom('audit_log').select('seq').where('action', '=', 'audit.read').execute();
    assert.equal(reads.length, 0, 'a refused read of the log is no read');
  });

  test('without JavaScript: inbox, report, a conclusion with errors, and a closed conclusion with reasons', async () => {
    const { page, problems } = await track(caseworkerVisitor(browser, mottak.url, WORKER, 'saksbehandler', { javaScriptEnabled: false, auditStandIn: false }));
    await page.getByLabel('Søk etter barnets navn, fødselsnummer eller referanse').fill(plain.reference);
    await page.getByLabel('Status').selectOption({ label: 'Alle' });
    let response = await click(page, 'button', 'Vis meldinger');
    await expectPage(page, response, '/innboks');
    assert.deepEqual(await inboxReferences(page), [plain.reference]);
    assert.equal(await page.getByLabel('Status').locator('option:checked').innerText(), 'Alle');

    response = await click(page, 'link', plain.reference);
    await expectPage(page, response, `/meldinger/${plain.id}`);
    assert.equal(await summaryValue(page, 'Status'), 'Under behandling');
    assert.equal(await summaryValue(page, 'Haster'), 'Nei');

    response = await click(page, 'link', 'Konkluder meldingen');
    await expectPage(page, response, `/meldinger/${plain.id}/konklusjon`);
    const codes = page.getByRole('group', { name: 'Konklusjon', exact: true });
    await codes.getByLabel(CLOSING_LABEL, { exact: true }).check();
    for (const label of ['2.1.02 Basal og praktisk omsorg (Grunnleggende omsorg)', '2.4.05 Beskyttelse mot vold (Beskyttelse)']) {
      const box = page.getByLabel(label, { exact: true });
      assert.ok(await box.isChecked(), `${label} is pre-ticked`);
      await box.uncheck();
    }
    // The caseworker clears the suggested melder code, and must then choose one.
    await page.getByLabel('Melder (SSB-kode)').selectOption({ label: 'Velg melder' });
    response = await click(page, 'button', 'Lagre konklusjonen');
    await expectErrorSummary(page, response, 'a conclusion with three problems (no JavaScript)', {
      reason: REASON_MISSING,
      reporterCode: 'Velg hvem som meldte.',
      contentCodes: 'Velg minst én kode for saksinnhold.',
    });
    await page.getByRole('link', { name: 'Velg hvem som meldte.' }).click();
    assert.equal(await focusedId(page), 'reporterCode', 'the summary link puts the caseworker in the field, without JavaScript too');
    assert.ok(await codes.getByLabel(CLOSING_LABEL, { exact: true }).isChecked(), 'the chosen code is kept');

    const reason = 'Samtale med mor og skolen. Ingen grunn til bekymring for omsorgen.';
    await page.getByLabel('Begrunnelse', { exact: true }).fill(reason);
    await page.getByLabel('Melder (SSB-kode)').selectOption({ label: '4 Andre privatpersoner' });
    await page.locator('summary', { hasText: 'FORELDRENES OMSORG' }).click();
    await page.getByLabel('2.1.02 Basal og praktisk omsorg (Grunnleggende omsorg)', { exact: true }).check();
    response = await click(page, 'button', 'Lagre konklusjonen');
    await expectPage(page, response, `/meldinger/${plain.id}`);
    assert.equal(await summaryValue(page, 'Status'), 'Konkludert');
    const conclusion = page.getByRole('region', { name: 'Konklusjon' });
    assert.equal(await rowValue(conclusion, 'Konklusjon'), oneSpaced(CLOSING_LABEL));
    assert.ok(await conclusion.getByText(reason).isVisible());
    assert.equal(await conclusion.getByText('Frist for undersøkelsen', { exact: false }).count(), 0, 'a closed report opens no investigation');
    await checkA11y(page, 'the closed report (no JavaScript)');
    const row = await reportRow(plain.id);
    assert.deepEqual([row.status, row.conclusion_code, row.conclusion_reason, row.reporter_code, row.content_codes, row.investigation_deadline], ['konkludert', CLOSING_CODE.code, reason, '4', ['2.1.02'], null]);

    // Both concluded reports, and only those, under "Konkludert".
    await click(page, 'link', 'Innboks');
    await page.getByLabel('Status').selectOption({ label: 'Konkludert' });
    await click(page, 'button', 'Vis meldinger');
    assert.deepEqual(new Set(await inboxReferences(page)), new Set([urgent.reference, plain.reference]));
    assert.deepEqual(problems, []);
  });

  test('with the keyboard alone: inbox, open the report, take it, and write a note — focus always visible', async () => {
    const page = await worker.context.newPage();
    page.on('pageerror', (error) => worker.problems.push(`script error on ${page.url()}: ${error.message}`));
    const visited: string[] = [];
    await page.goto('/innboks');
    const f = await pressKey(page, 'Tab', visited);
    assert.deepEqual([f.tag, f.text], ['a', 'Hopp til hovedinnholdet'], 'the skip link is the first stop');
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'main', 'the skip link moves focus to the main content');

    await tabTo(page, 'the search field', (x) => x.id === 'sok', visited);
    await page.keyboard.type(keyboardReport.reference);
    let response = await navigation(page, () => page.keyboard.press('Enter'));
    await expectPage(page, response, '/innboks');
    assert.deepEqual(await inboxReferences(page), [keyboardReport.reference]);

    await tabTo(page, 'the report link', (x) => x.tag === 'a' && x.text === keyboardReport.reference, visited);
    response = await navigation(page, () => page.keyboard.press('Enter'));
    await expectPage(page, response, `/meldinger/${keyboardReport.id}`);

    await tabTo(page, '"Tildel til meg"', (x) => x.tag === 'button' && x.text === 'Tildel til meg', visited);
    response = await navigation(page, () => page.keyboard.press('Space'));
    await expectPage(page, response, `/meldinger/${keyboardReport.id}`);
    assert.equal((await reportRow(keyboardReport.id)).assignee_id, await caseworkerId(WORKER), 'Space on the button takes the report');

    const note = 'Ringt mor, avtalt hjemmebesøk.';
    await tabTo(page, 'the note field', (x) => x.id === 'note', visited);
    await page.keyboard.type(note);
    await tabTo(page, '"Lagre notat"', (x) => x.tag === 'button' && x.text === 'Lagre notat', visited, { max: 3 });
    response = await navigation(page, () => page.keyboard.press('Enter'));
    await expectPage(page, response, `/meldinger/${keyboardReport.id}`);
    assert.ok(await page.getByRole('region', { name: 'Notater' }).getByText(note).isVisible());
    const notes = await db().selectFrom('report_notes').select('body').where('report_id', '=', keyboardReport.id).execute();
    assert.deepEqual(notes, [{ body: note }]);
    assert.ok(visited.length > 15, `a real walk: ${visited.length} focus stops checked`);
    assert.deepEqual(worker.problems, []);
    await page.close();
  });

  test('with the keyboard alone in nynorsk: choose the language, then inbox, open the report, take it, and write a note — focus always visible', async () => {
    const nn = translator('nn');
    // A profile of its own: the language is kept in the session, and the worker's other pages stay in bokmål.
    const { page, problems } = await track(caseworkerVisitor(browser, mottak.url, WORKER, 'saksbehandler', { auditStandIn: false }));
    const lang = () => page.evaluate(() => document.documentElement.lang);
    const visited: string[] = [];
    // The switcher is at the foot of the page; the jump link in the header takes the keyboard there.
    await tabTo(page, 'the jump link to the language switcher', (x) => x.tag === 'a' && x.text.startsWith(`${translator('nb')('common.language.heading')} /`), visited);
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'sprakvalg', 'the jump link moves focus to the language switcher');
    await tabTo(page, 'the switcher link to nynorsk', (x) => x.tag === 'a' && x.text === nn('common.language.endonym'), visited, { max: 3 });
    let response = await navigation(page, () => page.keyboard.press('Enter'));
    await expectPage(page, response, '/innboks');
    assert.equal(await lang(), 'nn', 'the inbox in nynorsk');

    const f = await pressKey(page, 'Tab', visited);
    assert.deepEqual([f.tag, f.text], ['a', nn('common.skipLink')], 'the skip link is the first stop, in nynorsk');
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'main', 'the skip link moves focus to the main content');

    await tabTo(page, 'the search field', (x) => x.id === 'sok', visited);
    await page.keyboard.type(nynorskReport.reference);
    response = await navigation(page, () => page.keyboard.press('Enter'));
    await expectPage(page, response, '/innboks');
    assert.equal(await lang(), 'nn', 'the searched inbox in nynorsk');
    assert.deepEqual(await inboxReferences(page, nn('mottak.inbox.caption')), [nynorskReport.reference]);

    await tabTo(page, 'the report link', (x) => x.tag === 'a' && x.text === nynorskReport.reference, visited);
    response = await navigation(page, () => page.keyboard.press('Enter'));
    await expectPage(page, response, `/meldinger/${nynorskReport.id}`);
    assert.equal(await lang(), 'nn', 'the report in nynorsk');
    assert.equal(await h1(page), nn('mottak.report.title', { reference: nynorskReport.reference }));

    await tabTo(page, `"${nn('mottak.report.assign.toMe')}"`, (x) => x.tag === 'button' && x.text === nn('mottak.report.assign.toMe'), visited);
    response = await navigation(page, () => page.keyboard.press('Space'));
    await expectPage(page, response, `/meldinger/${nynorskReport.id}`);
    assert.equal(await lang(), 'nn', 'the report taken, in nynorsk');
    assert.equal((await reportRow(nynorskReport.id)).assignee_id, await caseworkerId(WORKER), 'Space on the button takes the report');

    const note = 'Ringde skulen, dei kjenner ikkje til noko.';
    await tabTo(page, 'the note field', (x) => x.id === 'note', visited);
    await page.keyboard.type(note);
    await tabTo(page, `"${nn('mottak.report.notes.submit')}"`, (x) => x.tag === 'button' && x.text === nn('mottak.report.notes.submit'), visited, { max: 3 });
    response = await navigation(page, () => page.keyboard.press('Enter'));
    await expectPage(page, response, `/meldinger/${nynorskReport.id}`);
    assert.equal(await lang(), 'nn', 'the report with the note, in nynorsk');
    assert.ok(await page.getByRole('region', { name: nn('mottak.report.notes.heading'), exact: true }).getByText(note).isVisible());
    await checkA11y(page, 'the report with a note written by keyboard, in nynorsk');
    const notes = await db().selectFrom('report_notes').select(['body', 'author_id']).where('report_id', '=', nynorskReport.id).execute();
    assert.deepEqual(notes, [{ body: note, author_id: await caseworkerId(WORKER) }]);
    assert.ok(visited.length > 15, `a real walk: ${visited.length} focus stops checked`);
    assert.deepEqual(problems, []);
  });

  test('the manager reads the deadlines, the audit log with its chain verified, and the refused packages', async () => {
    const { page, problems } = await track(caseworkerVisitor(browser, mottak.url, MANAGER, 'leder', { auditStandIn: false }));
    const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
    let response = await click(page, 'link', 'Frister');
    await expectPage(page, response, '/frister');
    assert.equal(await nav.getByRole('link', { name: 'Frister' }).getAttribute('aria-current'), 'page');
    const dueSoon = page.getByRole('region', { name: 'Gjennomganger med frist de neste sju dagene' });
    // The two the keyboard passes took are open; they came in together, so their order is not asserted.
    const open = [keyboardReport.reference, nynorskReport.reference].sort();
    assert.deepEqual((await dueSoon.getByRole('link').allInnerTexts()).sort(), open, 'the open reports are due this week; the concluded ones are not');
    for (const reference of open) {
      assert.ok(await dueSoon.getByRole('row').filter({ hasText: reference }).getByText(WORKER).isVisible(), `with who has ${reference}`);
    }
    assert.ok(await page.getByRole('region', { name: 'Gjennomganger som har passert fristen' }).getByText('Ingen.').isVisible());
    const feedback = page.getByRole('region', { name: 'Tilbakemeldinger til melder som ikke er sendt' });
    assert.equal(await feedback.getByRole('row').filter({ hasText: urgent.reference }).getByText('Meldingen er mottatt').count(), 1, 'the receipt the reporter is owed');
    await checkA11y(page, 'the deadlines');

    response = await click(page, 'link', 'Revisjonslogg');
    await expectPage(page, response, '/logg');
    const chain = await page.getByRole('status').innerText();
    const count = Number(/^Loggen er kontrollert og hel: (\d+) oppføringer\.$/.exec(chain.trim())?.[1]);
    const entries = await db().selectFrom('audit_log').innerJoin('services', 'services.id', 'audit_log.service_id').select('seq').where('services.name', '=', 'Barneverntjenesten i Trondheim').execute();
    assert.equal(count, entries.length, `the chain message counts every entry: ${chain}`);
    const log = page.getByRole('table', { name: 'Oppføringer i revisjonsloggen' });
    const concluded = log.getByRole('row').filter({ hasText: 'Konkluderte meldingen' }).filter({ hasText: urgent.reference });
    assert.equal(await concluded.count(), 1);
    assert.ok(await concluded.getByText(WORKER).isVisible(), 'who concluded');
    assert.equal(await log.getByRole('row').filter({ hasText: 'Utvidet fristen for undersøkelsen' }).count(), 1);
    assert.ok((await log.getByRole('row').filter({ hasText: 'Leste revisjonsloggen' }).filter({ hasText: MANAGER }).count()) >= 1, 'reading the log is itself logged');
    await checkA11y(page, 'the audit log');

    response = await click(page, 'link', 'Avviste pakker');
    await expectPage(page, response, '/avviste');
    assert.ok(await page.getByText('Ingen avviste pakker.').isVisible());
    await checkA11y(page, 'the refused packages, none');
    // A refused package, as the puller records one, is listed with its reason.
    const trondheim = await db().selectFrom('services').select('id').where('name', '=', 'Barneverntjenesten i Trondheim').executeTakeFirstOrThrow();
    await db()
      .insertInto('refused_packages')
      .values({ id: randomUUID(), service_id: trondheim.id, reference: 'BM-TEST-AVVI', reason: 'signature: the signature does not verify', ciphertext: Buffer.from('x') })
      .execute();
    await page.reload();
    const refused = page.getByRole('table', { name: 'Avviste pakker' });
    assert.ok(await refused.getByRole('row').filter({ hasText: 'BM-TEST-AVVI' }).getByText('signature: the signature does not verify').isVisible());
    await checkA11y(page, 'the refused packages, one');

    // The service's own figures, unprotected: every report pulled is counted, small numbers too.
    response = await click(page, 'link', 'Statistikk');
    await expectPage(page, response, '/statistikk');
    assert.equal(await h1(page), 'Statistikk for tjenesten');
    const received = await db().selectFrom('reports').select('id').where('service_id', '=', trondheim.id).execute();
    const concludedCount = received.length - (await db().selectFrom('reports').select('id').where('service_id', '=', trondheim.id).where('conclusion_code', 'is', null).execute()).length;
    const key = page.getByRole('region', { name: 'Mottatt og konkludert' });
    assert.equal(await key.getByRole('row', { name: /Meldinger mottatt/ }).getByRole('cell').innerText(), String(received.length));
    assert.equal(await key.getByRole('row', { name: /Meldinger konkludert/ }).getByRole('cell').innerText(), String(concludedCount));
    assert.equal(await page.locator('[data-chart="own-conclusions"]').getAttribute('role'), 'img');
    await checkA11y(page, "the service's own statistics");
    assert.deepEqual(problems, []);
  });

  test('the audit log says which file was viewed or downloaded, filters by person, report and action, and pages', async () => {
    const { page, problems } = await track(caseworkerVisitor(browser, mottak.url, MANAGER, 'leder', { auditStandIn: false }));
    const log = page.getByRole('table', { name: 'Oppføringer i revisjonsloggen' });
    const cells = async () => (await log.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()))));

    // From a report to its entries in the log.
    await visit(page, `/meldinger/${urgent.id}`);
    let response = await click(page, 'link', 'Se revisjonsloggen for meldingen');
    await expectPage(page, response, '/logg');
    assert.ok((await cells()).every((r) => r[4] === urgent.reference), "only the report's entries");

    // Person and report: what the caseworker did with the urgent report, the files named.
    await page.getByLabel('Hvem').selectOption({ label: WORKER });
    await page.getByLabel('Melding').fill(urgent.reference.toLowerCase());
    response = await click(page, 'button', 'Vis oppføringer');
    await expectPage(page, response, '/logg');
    let rows = await cells();
    assert.ok(rows.length > 5, `the worker's entries for the report: ${rows.length}`);
    assert.ok(rows.every((r) => r[2] === WORKER && r[4] === urgent.reference), 'only that person, only that report');
    assert.ok(rows.some((r) => r[3] === 'Lastet ned fil' && r[5] === 'Fil: bekymringsmelding.pdf'), 'the download names its file');
    assert.ok(rows.some((r) => r[3] === 'Åpnet fil i nettleseren' && r[5] === 'Fil: vedlegg/tegning.png'), 'so does a view in the browser');
    assert.ok(rows.some((r) => r[3] === 'Konkluderte meldingen' && r[5] === oneSpaced(INVESTIGATION_LABEL)), 'the conclusion, in words');
    assert.equal(await page.getByLabel('Melding').inputValue(), urgent.reference, 'the filter shows what it used');
    await checkA11y(page, 'the audit log filtered by person and report');

    // Action: every download in the service, and nothing else.
    await page.getByLabel('Melding').fill('');
    await page.getByLabel('Hvem').selectOption({ label: 'Alle' });
    await page.getByLabel('Hva').selectOption({ label: 'Lastet ned fil' });
    await click(page, 'button', 'Vis oppføringer');
    rows = await cells();
    const downloads = await db().selectFrom('audit_log').innerJoin('services', 'services.id', 'audit_log.service_id').select('seq').where('services.name', '=', 'Barneverntjenesten i Trondheim').where('action', '=', 'file.downloaded').execute();
    assert.deepEqual(rows.map((r) => r[0]).sort(), downloads.map((d) => String(d.seq)).sort(), 'every download, and only downloads');

    // A reference that is not one: told so, with what was typed kept.
    await page.getByLabel('Hva').selectOption({ label: 'Alle handlinger' });
    await page.getByLabel('Melding').fill('BM-123');
    response = await click(page, 'button', 'Vis oppføringer');
    await expectErrorSummary(page, response, 'an audit filter with a malformed reference', { melding: 'Skriv referansen slik den står på meldingen, for eksempel BM-7K2P-Q9XA. Du skrev «BM-123».' });
    assert.equal(await page.getByLabel('Melding').inputValue(), 'BM-123');

    // Pages: a person's 120 views of a report spill onto a second page, and back.
    const trondheim = await db().selectFrom('services').select('id').where('name', '=', 'Barneverntjenesten i Trondheim').executeTakeFirstOrThrow();
    const workerId = await caseworkerId(WORKER);
    for (let i = 0; i < 120; i++) {
      await db().transaction().execute((trx) => appendAudit(trx, { serviceId: trondheim.id, actorId: workerId, actorName: WORKER, action: 'report.viewed', reportId: plain.id, ip: '127.0.0.1', at: new Date() }));
    }
    await visit(page, `/logg?hvem=${workerId}&hva=report.viewed&melding=${plain.reference}`);
    rows = await cells();
    assert.equal(rows.length, 100, 'a page holds 100 entries');
    assert.equal(await page.getByRole('link', { name: 'Nyere oppføringer' }).count(), 0, 'the newest page has none newer');
    const firstPage = rows.map((r) => r[0]);
    response = await click(page, 'link', 'Eldre oppføringer');
    await expectPage(page, response, '/logg');
    rows = await cells();
    const viewsOfPlain = await db().selectFrom('audit_log').select('seq').where('report_id', '=', plain.id).where('actor_id', '=', workerId).where('action', '=', 'report.viewed').execute();
    assert.equal(rows.length, viewsOfPlain.length - 100, 'the rest on the second page');
    assert.ok(rows.every((r) => r[2] === WORKER && r[3] === 'Åpnet meldingen' && r[4] === plain.reference), 'the filter holds on the next page');
    assert.equal(await page.getByLabel('Hva').locator('option:checked').innerText(), 'Åpnet meldingen');
    assert.ok(Number(rows[0]![0]) < Number(firstPage.at(-1)), 'older than the first page');
    await checkA11y(page, 'the second page of the audit log');
    response = await click(page, 'link', 'Nyere oppføringer');
    assert.deepEqual((await cells()).map((r) => r[0]), firstPage, 'back to the first page');
    assert.deepEqual(problems, []);
  });

  test('in nynorsk: the manager’s pages and a refused conclusion, in nynorsk, axe clean, with titles that say the error', async () => {
    const nn = translator('nn');
    const { page, problems } = await track(caseworkerVisitor(browser, mottak.url, MANAGER, 'leder', { auditStandIn: false }));
    // The switcher at the foot of every page; the choice holds on every page after.
    let response = await click(page, 'link', 'Nynorsk');
    await expectPage(page, response, '/innboks');
    const pages: [string, string][] = [
      ['/innboks', nn('mottak.inbox.title')],
      [`/meldinger/${keyboardReport.id}`, nn('mottak.report.title', { reference: keyboardReport.reference })],
      [`/meldinger/${keyboardReport.id}/konklusjon`, nn('mottak.conclude.title', { reference: keyboardReport.reference })],
      [`/meldinger/${keyboardReport.id}/fiks-json`, nn('mottak.fiksJson.title', { reference: keyboardReport.reference })],
      [`/logg?melding=${keyboardReport.reference}`, nn('mottak.audit.title')],
      ['/frister', nn('mottak.deadlines.title')],
      ['/logg', nn('mottak.audit.title')],
      ['/avviste', nn('mottak.refused.title')],
      ['/statistikk', nn('mottak.statistics.title')],
    ];
    for (const [path, title] of pages) {
      await visit(page, path);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'nn', path);
      assert.equal(await page.title(), `${title} – ${nn('mottak.appName')}`, path);
    }
    // A conclusion sent without a code (the report the keyboard pass took, still open): refused in
    // nynorsk, and the title says so.
    await visit(page, `/meldinger/${keyboardReport.id}/konklusjon`);
    response = await click(page, 'button', nn('mottak.conclude.submit'));
    await expectPage(page, response, `/meldinger/${keyboardReport.id}/konklusjon`, 422);
    assert.equal(await page.title(), `${nn('common.errorTitlePrefix')} ${nn('mottak.conclude.title', { reference: keyboardReport.reference })} – ${nn('mottak.appName')}`);
    assert.ok(await page.getByText(nn('mottak.conclude.errors.conclusionCodeMissing')).first().isVisible());
    await checkA11y(page, 'a refused conclusion in nynorsk');
    assert.equal((await reportRow(keyboardReport.id)).conclusion_code, null, 'nothing was concluded');
    assert.deepEqual(problems, []);
  });

  test("the stand-in has a caseworker for every demo service; Bærum's logs in to Bærum's own inbox", async () => {
    const visitor = await track(newVisitor(browser, { baseURL: mottak.url }));
    await visitor.page.goto('/innboks');
    assert.match(await visitor.page.title(), STAND_IN_TITLE);
    for (const service of demoServices()) {
      assert.ok((await visitor.page.getByRole('group', { name: service.name, exact: true }).getByRole('radio').count()) >= 1, `a caseworker to try ${service.name} with`);
    }
    await visitor.context.close();
    const { page, problems } = await track(caseworkerVisitor(browser, mottak.url, BAERUM_WORKER, 'saksbehandler', { auditStandIn: false }));
    assert.equal((await page.locator('.mp-header__home').innerText()).trim(), 'Mottak – Barneverntjenesten i Bærum');
    assert.deepEqual(await inboxReferences(page), [], "none of Trondheim's reports");
    await checkA11y(page, "Bærum's inbox");
    assert.deepEqual(problems, []);
  });

  test("Bergen's caseworker sees none of Trondheim's reports: an empty inbox, and 404 for the report's address", async () => {
    const { page, problems } = await track(caseworkerVisitor(browser, mottak.url, BERGEN_WORKER, 'saksbehandler', { auditStandIn: false }));
    assert.ok(await page.getByText('Barneverntjenesten i Bergen', { exact: false }).first().isVisible(), "the header names Bergen's service");
    assert.deepEqual(await inboxReferences(page), []);
    await checkA11y(page, "Bergen's empty inbox");
    await page.getByLabel('Status').selectOption({ label: 'Alle' });
    await page.getByLabel('Søk etter barnets navn, fødselsnummer eller referanse').fill(urgent.reference);
    await click(page, 'button', 'Vis meldinger');
    assert.deepEqual(await inboxReferences(page), [], 'the search does not find it either');

    for (const [i, path] of [`/meldinger/${urgent.id}`, `/meldinger/${urgent.id}/konklusjon`, '/meldinger/ikke-en-id'].entries()) {
      // One page for every unknown address: axe once.
      if (i === 0) await visit(page, path, 404);
      else assert.equal((await page.goto(path))?.status(), 404, path);
      assert.equal(await h1(page), 'Fant ikke siden');
      assert.equal(await page.title(), 'Fant ikke siden – Mottak');
      const body = await page.locator('body').innerText();
      assert.ok(!body.includes(urgent.reference) && !body.includes(CHILD), `${path} shows nothing of the report`);
    }
    assert.equal(await page.getByRole('link', { name: 'Gå til innboksen' }).count(), 1);
    const seen = await db().selectFrom('audit_log').select('action').where('report_id', '=', urgent.id).where('actor_name', '=', BERGEN_WORKER).execute();
    assert.deepEqual(seen, [], "no trace of Bergen in Trondheim's report");
    assert.deepEqual(problems, []);
  });

  test('in nynorsk: a manager’s page refused to a saksbehandler (403), another service’s report and an unknown address (404), and the logged-out page', async () => {
    const nn = translator('nn');
    // Bergen's saksbehandler is refused the manager's pages like any saksbehandler, and Trondheim's
    // report is another service's to them.
    const { page, problems } = await track(caseworkerVisitor(browser, mottak.url, BERGEN_WORKER, 'saksbehandler', { auditStandIn: false }));
    let response = await click(page, 'link', nn('common.language.endonym'));
    await expectPage(page, response, '/innboks');
    async function expectNynorskPage(path: string, heading: string, body: string): Promise<void> {
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'nn', `${path} is in nynorsk`);
      assert.equal(await h1(page), heading, path);
      assert.equal(await page.title(), `${heading} – ${nn('mottak.appName')}`, path);
      assert.ok(await page.getByRole('main').getByText(body, { exact: true }).isVisible(), `${path} says: ${body}`);
    }

    const forbidden = ['/logg', '/frister', '/avviste', '/statistikk'];
    for (const path of forbidden) {
      await visit(page, path, 403);
      await expectNynorskPage(path, nn('mottak.errors.forbidden.title'), nn('mottak.errors.forbidden.body'));
    }
    for (const path of [`/meldinger/${urgent.id}`, '/meldinger/ikke-en-id']) {
      await visit(page, path, 404);
      await expectNynorskPage(path, nn('mottak.errors.notFound.title'), nn('mottak.errors.notFound.body'));
      assert.equal(await page.getByRole('link', { name: nn('mottak.errors.toInbox'), exact: true }).count(), 1, path);
      const body = await page.locator('body').innerText();
      assert.ok(!body.includes(urgent.reference) && !body.includes(CHILD), `${path} shows nothing of the report`);
    }

    // Logging out passes the IdP's own page (the stand-in speaks bokmål only), then mottak's own.
    await click(page, 'button', nn('common.logout'));
    assert.match(await page.title(), STAND_IN_TITLE, `on the IdP's logout page (${page.url()})`);
    response = await throughFrontchannelLogout(page, await click(page, 'button', 'Logg ut'));
    await expectPage(page, response, '/utlogget');
    await checkA11y(page, 'the logged-out page in nynorsk');
    await expectNynorskPage('/utlogget', nn('mottak.login.loggedOut.title'), nn('mottak.login.loggedOut.again'));
    assert.equal(await page.getByRole('button', { name: nn('common.logout'), exact: true }).count(), 0, 'no one is logged in');
    await click(page, 'link', nn('mottak.login.loggedOut.again'));
    assert.match(await page.title(), STAND_IN_TITLE, 'logging in again goes by the IdP: the login is gone');

    // The browser logs each 403 as a failed resource; those are the answers this test expects.
    const unexpected = problems.splice(0).filter((p) => !forbidden.some((path) => p.startsWith(`console error on ${mottak.url}${path}: Failed to load resource: the server responded with a status of 403`)));
    assert.deepEqual(unexpected, [], 'no other problems in the browser');
    const seen = await db().selectFrom('audit_log').select('action').where('report_id', '=', urgent.id).where('actor_name', '=', BERGEN_WORKER).execute();
    assert.deepEqual(seen, [], "no trace of Bergen in Trondheim's report");
  });

  test('the caseworker confirms receipt to the reporter, who reads it on Mine meldinger', async () => {
    const { page, problems } = worker;
    await visit(page, `/meldinger/${urgent.id}`);
    const feedback = page.getByRole('region', { name: 'Tilbakemelding til melder' });
    assert.ok(await feedback.getByText('har bekreftet at de har mottatt meldingen din', { exact: false }).isVisible(), 'the caseworker sees the text the reporter will get');
    await checkA11y(page, 'the report page with feedback due');
    const response = await navigation(page, () => feedback.getByRole('button', { name: 'Send tilbakemeldingen' }).click());
    assert.equal(response.status(), 200);
    assert.ok(await page.getByRole('status').filter({ hasText: 'Tilbakemeldingen er sendt til melderen' }).isVisible());
    await checkA11y(page, 'the report page after sending feedback');
    const sent = await db().selectFrom('report_feedback').select(['type', 'sent_at']).where('report_id', '=', urgent.id).execute();
    assert.deepEqual(sent.map((f) => [f.type, f.sent_at !== null]), [['mottatt', true]]);
    assert.deepEqual(problems, []);

    const reporter = await track(newVisitor(browser, { baseURL: portal.url }));
    await reporter.page.goto('/mine-meldinger');
    await loginAtIdporten(reporter.page, 'Ola Nordmann', '/mine-meldinger');
    const mine = reporter.page.getByRole('region', { name: urgent.reference }).or(reporter.page.locator('section, article').filter({ hasText: urgent.reference }));
    assert.ok(await mine.first().getByText('Barneverntjenesten i Trondheim har bekreftet at de har mottatt meldingen din.').isVisible(), 'the receipt is on Mine meldinger');
    await checkA11y(reporter.page, 'Mine meldinger with feedback from the service');
    assert.deepEqual(reporter.problems, []);
  });
});
