// Page weight: what a reporter's phone downloads for each public page on a first visit (empty
// cache): the HTML, the stylesheet, the fonts the page actually uses and any script, as Chromium
// receives them (compressed where we compress). The target is 60 KB for every page; the page that
// weighs most is the headline. Also checks that no page needs JavaScript: each is loaded with
// scripts off as well, and must show the same main heading.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/kit/browser/browser.ts';
import { csrfToken, type HttpClient } from '../test/kit/http-client.ts';
import { walkPrivateJourneyToSummary } from '../test/kit/journey.ts';
import { atMost, describeMachine, printFigure } from './lib/figures.ts';
import { startPortalProcess } from './lib/processes.ts';
import { closeVisitors, newVisitor } from './lib/visitors.ts';

const BUDGET_KB = 60;

interface Weight {
  /** Response bodies as received (compressed where we compress). */
  total: number;
  /** Response headers as sent over HTTP/1.1; HTTP/2 in production compresses their repeats. */
  headers: number;
  byType: Record<string, number>;
  requests: number;
}

function cookiesOf(client: HttpClient, url: string): Array<{ name: string; value: string; url: string }> {
  const header = client.cookieHeader();
  if (!header) return [];
  return header.split('; ').map((pair) => {
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url };
  });
}

/** Loads one page in a fresh profile (nothing cached), as the reporter whose cookies are given. */
async function weigh(browser: Browser, url: string, cookies: Array<{ name: string; value: string; url: string }>, javaScript: boolean, before?: (page: import('playwright-core').Page) => Promise<void>): Promise<{ weight: Weight; heading: string; status: number }> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: 'nb-NO' });
  if (cookies.length) await context.addCookies(cookies);
  const page = await context.newPage();
  // Every load of this page is a first visit, including the error page after a post.
  // Chromium serves a page's second load of the same assets from its memory cache and reports no
  // sizes for them; so an error page (a post after the form) counts its own document plus the
  // assets of the form page, which is what a first visit to it downloads.
  const assets: Weight = { total: 0, headers: 0, byType: {}, requests: 0 };
  let documentWeight: Weight = { total: 0, headers: 0, byType: {}, requests: 0 };
  const counting: Promise<void>[] = [];
  page.on('requestfinished', (request) => {
    counting.push(
      (async () => {
        const sizes = await request.sizes();
        if (sizes.responseBodySize < 0) return;
        const response = await request.response();
        const type = (response?.headers()['content-type'] ?? 'other').split(';')[0]!.replace(/^(font|text|application)\//, '');
        const into = request.resourceType() === 'document' ? documentWeight : assets;
        into.total += sizes.responseBodySize;
        into.headers += sizes.responseHeadersSize;
        into.byType[type] = (into.byType[type] ?? 0) + sizes.responseBodySize;
        into.requests++;
      })(),
    );
  });
  const settle = async () => {
    // Fonts load after layout; wait until the browser has fetched what the page uses. (A page
    // without scripts runs no promise jobs, so there the fonts get a moment instead.)
    if (javaScript) await page.evaluate(() => document.fonts.ready.then(() => true));
    await page.waitForTimeout(javaScript ? 150 : 500);
    await Promise.all(counting.splice(0));
  };
  let status = 0;
  if (before) {
    await page.goto(url);
    await settle();
    documentWeight = { total: 0, headers: 0, byType: {}, requests: 0 };
    await before(page);
    status = 422;
  } else {
    const response = await page.goto(url, { waitUntil: 'load' });
    status = response?.status() ?? 0;
  }
  await settle();
  const weight: Weight = {
    total: assets.total + documentWeight.total,
    headers: assets.headers + documentWeight.headers,
    byType: { ...assets.byType },
    requests: assets.requests + documentWeight.requests,
  };
  for (const [type, bytes] of Object.entries(documentWeight.byType)) weight.byType[type] = (weight.byType[type] ?? 0) + bytes;
  const heading = ((await page.locator('h1').first().textContent().catch(() => '')) ?? '').trim();
  await context.close();
  return { weight, heading, status };
}

console.log(`Page weight on ${describeMachine()}, Debian Chromium, empty cache`);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-weight-'));
const portal = await startPortalProcess({ dataDir });
const browser = await launchBrowser();
let heaviest = 0;
let heaviestHeaders = 0;
const scriptDependent: string[] = [];
try {
  const reporter = await newVisitor(portal.url);
  const summary = await walkPrivateJourneyToSummary(reporter);
  const loggedIn = cookiesOf(reporter, portal.url);
  const pages: Array<{ label: string; path: string; cookies: typeof loggedIn; before?: (page: import('playwright-core').Page) => Promise<void> }> = [
    { label: 'start page', path: '/', cookies: [] },
    { label: 'contact the service', path: '/kontakt', cookies: [] },
    { label: 'contact, one municipality', path: '/kontakt?kommune=3201', cookies: [] },
    { label: 'who are you', path: '/meld/hvem', cookies: [] },
    {
      label: 'who are you, with an error',
      path: '/meld/hvem',
      cookies: [],
      before: async (page) => {
        await page.getByRole('button', { name: 'Fortsett', exact: true }).click();
        await page.waitForLoadState('load');
      },
    },
    { label: 'log in', path: '/meld/innlogging', cookies: [] },
    { label: 'municipality', path: '/meld/kommune', cookies: loggedIn },
    { label: 'the child', path: '/meld/barn', cookies: loggedIn },
    { label: 'guardians', path: '/meld/foresatte', cookies: loggedIn },
    { label: 'the concern', path: '/meld/bekymring', cookies: loggedIn },
    { label: 'about you', path: '/meld/melder', cookies: loggedIn },
    { label: 'attachments', path: '/meld/vedlegg', cookies: loggedIn },
    { label: 'summary', path: '/meld/oppsummering', cookies: loggedIn },
    { label: 'page not found', path: '/finnes-ikke', cookies: [] },
  ];
  const rows: string[] = [];
  const measure = async (label: string, path: string, cookies: typeof loggedIn, before?: (page: import('playwright-core').Page) => Promise<void>) => {
    const withScripts = await weigh(browser, new URL(path, portal.url).href, cookies, true, before);
    const without = before ? withScripts : await weigh(browser, new URL(path, portal.url).href, cookies, false);
    if (!withScripts.heading || withScripts.heading !== without.heading) scriptDependent.push(`${label} ("${withScripts.heading}" / "${without.heading}")`);
    const kb = withScripts.weight.total / 1024;
    heaviest = Math.max(heaviest, kb);
    heaviestHeaders = Math.max(heaviestHeaders, withScripts.weight.headers / 1024);
    const parts = Object.entries(withScripts.weight.byType)
      .sort((a, b) => b[1] - a[1])
      .map(([type, bytes]) => `${type} ${(bytes / 1024).toFixed(1)}`)
      .join(', ');
    rows.push(`  ${label.padEnd(30)} ${kb.toFixed(1).padStart(6)} KB in ${withScripts.weight.requests} requests (${parts})`);
  };
  for (const page of pages) await measure(page.label, page.path, page.cookies, page.before);
  // The receipt and the reporter's list, after sending.
  const receipt = await reporter.request('POST', '/meld/send', { form: { _csrf: csrfToken(summary.text) } });
  const afterSending = cookiesOf(reporter, portal.url);
  await measure('receipt', receipt.location ?? '/', afterSending);
  await measure('my reports', '/mine-meldinger', afterSending);
  console.log('Page, all-in on a first visit (response bodies in KB as received, by content type):');
  for (const row of rows) console.log(row);
} finally {
  await browser.close();
  await closeVisitors();
  await portal.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
for (const page of scriptDependent) console.log(`  differs without JavaScript: ${page}`);
printFigure('response headers of the heaviest page set, HTTP/1.1', heaviestHeaders, 'KB');
printFigure('pages whose main heading differs without JavaScript', scriptDependent.length, '', atMost(0));
printFigure('heaviest public page, all-in, first visit', heaviest, 'KB', atMost(BUDGET_KB));
