// What a caseworker does in mottak in the browser, and what a reporter does to give them something to
// do: log in through the caseworkers' IdP stand-in, wait for a report to reach the inbox, read the
// inbox table. Found by label, role and name, as a person finds them.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { checkA11y, newVisitor, type Visitor } from './browser.ts';
import { continueTo, expectPage, fillChild, fillConcern, fillGuardian, navigation, option } from './journey.ts';

export const STAND_IN_TITLE = /innlogging for ansatte i barneverntjenesten \(test\)$/;

/**
 * The caseworkers' IdP stand-in: choose the caseworker's radio, log in, land on `landOn`. Axe runs
 * on the stand-in unless `audit` is false (the page is the same for every caseworker).
 */
export async function loginAtCaseworkerIdp(page: Page, name: string, role: 'saksbehandler' | 'leder', landOn: string, audit = true): Promise<void> {
  assert.match(await page.title(), STAND_IN_TITLE, `on the caseworkers' IdP stand-in (${page.url()})`);
  assert.match(new URL(page.url()).pathname, /^\/dev\/caseworker-idp\//);
  if (audit) await checkA11y(page, "the caseworkers' IdP stand-in");
  await page.getByRole('radio', { name, exact: true }).check();
  const response = await navigation(page, () => page.getByRole('button', { name: 'Logg inn', exact: true }).click());
  await expectPage(page, response, landOn);
  assert.equal(await page.getByText(`${name} (${role})`, { exact: true }).count(), 1, 'the header names the caseworker and the role');
}

/** A fresh browser profile for a caseworker, logged in through the stand-in, on the inbox. */
export async function caseworkerVisitor(
  browser: Browser,
  mottakUrl: string,
  name: string,
  role: 'saksbehandler' | 'leder',
  options: { javaScriptEnabled?: boolean; auditStandIn?: boolean } = {},
): Promise<Visitor> {
  const visitor = await newVisitor(browser, { baseURL: mottakUrl, ...(options.javaScriptEnabled === undefined ? {} : { javaScriptEnabled: options.javaScriptEnabled }) });
  // Any page behind the login sends the caseworker to the IdP and back to where they were going.
  await visitor.page.goto('/innboks');
  await loginAtCaseworkerIdp(visitor.page, name, role, '/innboks', options.auditStandIn ?? true);
  return visitor;
}

/**
 * The references listed in the inbox table, top to bottom (none when the list is empty). The table
 * is named by its caption, in the page's language (`caption`, bokmål unless given).
 */
export async function inboxReferences(page: Page, caption = 'Meldinger'): Promise<string[]> {
  const table = page.getByRole('table', { name: caption, exact: true });
  if ((await table.count()) === 0) return [];
  return (await table.locator('tbody tr td:first-child a').allInnerTexts()).map((s) => s.trim());
}

/** The inbox row of a reference, its cells as the caseworker reads them. */
export async function inboxRow(page: Page, reference: string): Promise<string[]> {
  const row = page.getByRole('table', { name: 'Meldinger' }).getByRole('row').filter({ has: page.getByRole('link', { name: reference, exact: true }) });
  assert.equal(await row.count(), 1, `one inbox row for ${reference}`);
  return (await row.getByRole('cell').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
}

/** Reloads the inbox until the report is listed (mottak pulls in the background), within a bound. */
export async function reloadUntilListed(page: Page, reference: string, timeoutMs = 15_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    if ((await inboxReferences(page)).includes(reference)) return Date.now() - start;
    if (Date.now() - start > timeoutMs) assert.fail(`${reference} did not reach the inbox within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
    const response = await page.reload();
    assert.equal(response?.status(), 200, 'the inbox answers 200');
  }
}

/**
 * A private reporter sends an urgent report about a child in Trondheim through the portal in the
 * browser (logging in with ID-porten on the way), with an attachment if given; returns the
 * reference on the receipt. The
 * portal's pages are audited by the portal's own e2e tests, so no axe here.
 */
export async function sendUrgentReportToTrondheim(page: Page, reporter: string, childName: string, whatHappened: string, options: { attachment?: { name: string; mimeType: string; buffer: Buffer } } = {}): Promise<string> {
  await page.goto('/meld/hvem');
  await option(page, 'Hvem er du?', 'Privatperson').check();
  await continueTo(page, '/meld/kommune');
  await page.getByLabel('Kommune eller postnummer der barnet bor').fill('7011');
  await continueTo(page, '/meld/innlogging');
  await navigation(page, () => page.getByRole('link', { name: 'Logg inn med ID-porten' }).click());
  await page.getByRole('radio', { name: reporter, exact: true }).check();
  await continueTo(page, '/meld/barn', 'Logg inn');
  await fillChild(page, 1, { name: childName, identification: 'estimatedAge', value: '6', street: 'Kongens gate 1', postcode: '7011', informed: 'Ja' });
  await continueTo(page, '/meld/foresatte');
  await fillGuardian(page, 1, { name: 'Trine Strand', phone: '912 34 567', informed: 'Ja' });
  await continueTo(page, '/meld/bekymring');
  await fillConcern(page, { categories: ['Barnet får ikke nok mat, klær, søvn, stell eller tilsyn'], urgent: true, whatHappened, interpreter: 'Nei' });
  await continueTo(page, '/meld/melder');
  await page.getByLabel('Telefonnummeret ditt').fill('98765432');
  await page.getByLabel('Hvordan kjenner du barnet?').fill('Nabo');
  await continueTo(page, '/meld/vedlegg');
  if (options.attachment) {
    await page.getByLabel('Velg fil').setInputFiles(options.attachment);
    await continueTo(page, '/meld/vedlegg', 'Last opp');
  }
  await continueTo(page, '/meld/oppsummering');
  assert.ok(await page.getByText('Barneverntjenesten i Trondheim', { exact: false }).first().isVisible(), 'the summary names Trondheim as the recipient');
  await navigation(page, () => page.getByRole('button', { name: 'Send meldingen' }).click());
  const reference = /^\/meld\/kvittering\/(BM-[0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(new URL(page.url()).pathname)?.[1];
  assert.ok(reference, `the receipt's address carries the reference (${page.url()})`);
  return reference;
}

export { focused, pressKey, tabTo, type Focused } from './keyboard.ts';
