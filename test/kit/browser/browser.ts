// One Debian Chromium per test file (never a downloaded browser), a fresh profile per visitor, and
// axe with the WCAG 2.2 AA tags on every page a reporter sees.
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** Contexts opened with JavaScript off; axe cannot run inside them (see checkA11y). */
const scriptless = new WeakSet<BrowserContext>();

export interface Visitor {
  context: BrowserContext;
  page: Page;
  /**
   * What went wrong in the browser: script errors, and console errors such as a Content Security
   * Policy violation (a blocked inline style or script). HTTP error statuses of pages the test
   * expects (404, 422) are not problems.
   */
  problems: string[];
}

/** A fresh browser profile (cookies, storage) for one visitor, with a Norwegian locale. */
export async function newVisitor(browser: Browser, options: BrowserContextOptions = {}): Promise<Visitor> {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', acceptDownloads: true, ...options });
  if (options.javaScriptEnabled === false) scriptless.add(context);
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`script error on ${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of (404|422)\b/.test(message.text())) return;
    problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  return { context, page, problems };
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Chromium with JavaScript disabled runs no timers or promise jobs, and axe.run then takes the
 * whole browser down. So a scriptless page is audited as a replica: the DOM it shows (which no
 * script has touched) is served at the same URL in a script-enabled audit tab, with the real
 * stylesheet and fonts from the portal and every script blocked, and axe runs there.
 */
interface AuditTab {
  page: Page;
  snapshot: { url: string; html: string };
  queue: Promise<unknown>;
}

const auditTabs = new WeakMap<Browser, Promise<AuditTab>>();

async function openAuditTab(browser: Browser): Promise<AuditTab> {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  const tab: AuditTab = { page: await context.newPage(), snapshot: { url: '', html: '' }, queue: Promise.resolve() };
  await tab.page.route('**/*', (route) => {
    const request = route.request();
    if (request.isNavigationRequest() && request.url() === tab.snapshot.url) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: tab.snapshot.html });
    }
    if (request.resourceType() === 'script') return route.abort();
    return route.continue();
  });
  return tab;
}

async function withReplica<T>(page: Page, run: (replica: Page) => Promise<T>): Promise<T> {
  const browser = page.context().browser();
  assert.ok(browser, 'page belongs to a launched browser');
  let tab = auditTabs.get(browser);
  if (!tab) {
    tab = openAuditTab(browser);
    auditTabs.set(browser, tab);
  }
  const audit = await tab;
  const html = await page.content();
  const url = new URL(page.url());
  url.hash = '';
  const turn = audit.queue.then(async () => {
    audit.snapshot = { url: url.href, html };
    await audit.page.goto(url.href);
    return run(audit.page);
  });
  audit.queue = turn.catch(() => undefined);
  return turn;
}

function describeViolations(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  return violations
    .flatMap((v) => [
      `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}`,
      ...v.nodes.map((n) => {
        const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' ');
        const summary = n.failureSummary ? ` – ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 240)}` : '';
        return `    at ${target}${summary}`;
      }),
    ])
    .join('\n');
}

/** Runs axe (WCAG 2.0–2.2 A and AA) on the page as it is now; fails with a readable list. */
export async function checkA11y(page: Page, label: string): Promise<void> {
  // Legacy mode runs axe in the page itself; our pages have no frames, and it saves a tab per run.
  const analyze = (target: Page) => new AxeBuilder({ page: target }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  const results = scriptless.has(page.context()) ? await withReplica(page, analyze) : await analyze(page);
  // A blank page would pass trivially; every real page of ours has a title and a language.
  const passed = new Set(results.passes.map((r) => r.id));
  for (const rule of ['document-title', 'html-has-lang']) {
    if (!passed.has(rule)) assert.fail(`axe did not see a whole page on ${label} (${page.url()}): rule ${rule} did not pass`);
  }
  assert.equal(results.violations.length, 0, `axe found ${results.violations.length} violation(s) on ${label} (${page.url()}):\n${describeViolations(results.violations)}`);
}
