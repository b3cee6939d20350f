// The error states only special conditions produce, in bokmål, nynorsk and English, in Debian's
// Chromium: a step sent with a stale form token (403, re-rendered with what was typed), a text far over
// any limit (413), a service that has no valid certificate (503 at Send), a draft that expired (410),
// too many requests from one address (429), and the database away (503, on PostgreSQL behind a proxy
// the test owns). On every one: the page's language, a title that says the page or the error,
// headings in order, the skip link first, axe with the WCAG 2.2 A/AA tags and no horizontal scrolling
// at 320 and 640 px. Texts are read from the locale files of the language under test.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { translator, type Language, type Translate } from '../src/web/i18n.ts';
import { testDatabases, type TestDatabase } from '../test/kit/databases.ts';
import { expireCertificatesOf, startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { childAnswers, concernAnswers } from '../test/kit/journey.ts';
import { postgresBehindProxy, type TcpProxy } from '../test/kit/tcp-proxy.ts';
import { spendPageBudget } from '../test/kit/portal-visitors.ts';
import { launchBrowser, newVisitor, type Visitor } from '../test/kit/browser/browser.ts';
import { navigation, pathOf } from '../test/kit/browser/journey.ts';
import { BROWSER_LOCALE, checkPage, expectAt, fillWithoutScript, pressContinue } from '../test/kit/browser/page-checks.ts';

const LANGUAGES: Language[] = ['nb', 'nn', 'en'];

/** The browser logs every answer of these statuses as a failed load; here they are the answers the test asks for. */
function unexpected(problems: string[], statuses: number[]): string[] {
  return problems.filter((p) => !statuses.some((s) => p.includes(`the server responded with a status of ${s}`)));
}

/** A visitor in the language's browser locale, reporting about a child in Bærum, logged in at the ID-porten stand-in, on the child step. */
async function privateReporterAtChild(browser: Browser, url: string, lang: Language, personIndex: number, javaScriptEnabled: boolean): Promise<Visitor> {
  const visitor = await newVisitor(browser, { baseURL: url, locale: BROWSER_LOCALE[lang], javaScriptEnabled });
  const { page } = visitor;
  await page.goto('/meld/hvem');
  await fillWithoutScript(page, { reporterType: 'private' });
  await expectAt(page, await pressContinue(page, false), '/meld/kommune');
  await answerStep(page, '/meld/kommune', { kommune: '1337' }, '/meld/innlogging');
  await navigation(page, () => page.locator('main a[href^="/auth/login"]').click());
  assert.match(pathOf(page), /^\/dev\/idporten\//);
  await page.locator(`#person-${personIndex}`).check();
  await expectAt(page, await navigation(page, () => page.locator('form button[type="submit"]').first().click()), '/meld/barn');
  return visitor;
}

async function answerStep(page: Page, path: string, answers: Record<string, string | string[]>, next: string): Promise<void> {
  assert.equal(pathOf(page), path);
  await fillWithoutScript(page, answers);
  await expectAt(page, await pressContinue(page, false), next);
}

async function h1(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}

describe('rare error states in every language', () => {
  let portal: TestPortal;
  let browser: Browser;
  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!, { DELIVERY_WORKERS: 'false' }), launchBrowser()]);
    // Bærum's certificates have all expired: nothing can be encrypted to it.
    await expireCertificatesOf(portal, '3201');
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  for (const [index, lang] of LANGUAGES.entries()) {
    const t = translator(lang);
    // JavaScript on for one language, off for the others: the pages are the same HTML either way.
    const javaScriptEnabled = index === 1;

    test(`${lang}: a stale form token, too much text, a service that cannot receive, an expired draft (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { context, page, problems } = await privateReporterAtChild(browser, portal.url, lang, index, javaScriptEnabled);
      try {
        await answerStep(page, '/meld/barn', childAnswers(), '/meld/foresatte');
        await answerStep(page, '/meld/foresatte', {}, '/meld/bekymring');

        // A text far over any limit: the body is refused before it is read, so the page can only say
        // why; the browser's Back brings the step back with the text still in it.
        const huge = 'Jeg ser dette hver dag. '.repeat(26_000);
        await page.locator('#whatHappened').fill(huge);
        await expectAt(page, await pressContinue(page, false), '/meld/bekymring', 413);
        await checkPage(page, t, 'a text too large');
        assert.equal(await h1(page), t('common.errors.tooLarge.title'));
        assert.ok(await page.getByText(t('common.errors.tooLarge.body')).isVisible());
        await page.goBack();
        assert.equal(pathOf(page), '/meld/bekymring');
        assert.equal((await page.locator('#whatHappened').inputValue()).length, huge.length, 'Back gives the text back');

        // A form token gone stale (the session changed under an open tab): the step comes back with
        // everything typed, says why, and the next press goes through.
        const concern = concernAnswers();
        await page.locator('#whatHappened').fill('');
        await fillWithoutScript(page, concern);
        await page.locator('#step-form input[name="_csrf"]').evaluate((input) => ((input as HTMLInputElement).value = 'stale'));
        await expectAt(page, await pressContinue(page, false), '/meld/bekymring', 403);
        await checkPage(page, t, 'a stale form token', { error: true });
        assert.ok(await page.locator('#error-summary').getByText(t('journey.errors.csrf')).isVisible(), 'the summary says why');
        assert.equal(await page.locator('#whatHappened').inputValue(), concern.whatHappened, 'the text is kept');
        for (const code of concern.categories!) assert.ok(await page.locator(`#step-form input[name="categories"][value="${code}"]`).isChecked(), `category ${code} is kept`);
        await expectAt(page, await pressContinue(page, false), '/meld/melder');

        await answerStep(page, '/meld/melder', { phone: '98765432', relationToChild: 'Nabo' }, '/meld/vedlegg');
        await answerStep(page, '/meld/vedlegg', {}, '/meld/oppsummering');

        // The service cannot receive: nothing is sent, the page says whom to call, the answers wait.
        const send = await navigation(page, () => page.locator('form[action="/meld/send"] button[type="submit"]').click());
        assert.equal(send.status(), 503);
        await checkPage(page, t, 'a service that cannot receive');
        assert.equal(await h1(page), t('journey.recipientUnavailable.title'));
        assert.ok(await page.getByText(t('journey.recipientUnavailable.saved')).isVisible());
        assert.ok((await page.locator('main a[href^="tel:"]').count()) >= 1, 'a phone number to call');
        await expectAt(page, await navigation(page, () => page.getByRole('link', { name: t('journey.recipientUnavailable.back') }).click()), '/meld/oppsummering');
        assert.ok(await page.getByText(String(concern.whatHappened)).isVisible(), 'the answers are still there');

        // The draft expires while the tab is open: a page says so, once, and how to start again.
        await portal.database.db.updateTable('drafts').set({ expires_at: new Date(Date.now() - 60_000) }).execute();
        const gone = await page.reload();
        assert.equal(gone!.status(), 410);
        await checkPage(page, t, 'an expired draft');
        assert.equal(await h1(page), t('common.errors.draftExpired.title'));
        assert.ok(await page.getByText(t('common.errors.draftExpired.body')).isVisible());
        await expectAt(page, await navigation(page, () => page.getByRole('link', { name: t('common.errors.startAgain') }).click()), '/meld/hvem');
        assert.deepEqual(unexpected(problems, [403, 410, 413, 503]), []);
      } finally {
        await context.close();
      }
    });
  }

  // Last in this portal's life: the address's budget is spent for a minute after it.
  test('too many requests from one address: the 429 page in every language, with JavaScript on and off', async () => {
    // Spent again just before each page: the minute's window may turn while the languages are checked
    // (it began with this portal's earlier tests), and a fresh window rightly answers 200.
    async function spendBudget(): Promise<void> {
      const response = await spendPageBudget(portal.url, 400);
      await response.arrayBuffer();
      assert.equal(response.status, 429, 'the budget of 127.0.0.1 is spent');
    }
    for (const [index, lang] of LANGUAGES.entries()) {
      const t = translator(lang);
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, locale: BROWSER_LOCALE[lang], javaScriptEnabled: index !== 1 });
      try {
        await spendBudget();
        const response = await page.goto('/meld/hvem');
        assert.equal(response!.status(), 429);
        assert.equal(response!.headers()['retry-after'], '60');
        // Without its stylesheet (refused too), as the reporter's browser gets it.
        await checkPage(page, t, 'too many requests');
        assert.equal(await h1(page), t('common.errors.rateLimited.title'));
        assert.ok(await page.getByText(t('common.errors.rateLimited.body')).isVisible());
        assert.deepEqual(unexpected(problems, [429]), []);
      } finally {
        await context.close();
      }
    }
  });
});

const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

describe('the database away, in every language (PostgreSQL)', { skip: adminUrl ? false : 'set TEST_DATABASE_URL to run against PostgreSQL' }, () => {
  let portal: TestPortal;
  let proxy: TcpProxy;
  let dropDatabase: () => Promise<void>;
  let browser: Browser;
  before(async () => {
    let viaProxy: TestDatabase;
    ({ proxy, viaProxy, drop: dropDatabase } = await postgresBehindProxy());
    [portal, browser] = await Promise.all([startTestPortal(viaProxy, { DELIVERY_WORKERS: 'false' }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
    await proxy?.close();
    await dropDatabase?.();
  });

  for (const [index, lang] of LANGUAGES.entries()) {
    const t = translator(lang);
    const javaScriptEnabled = index !== 1;
    test(`${lang}: a page shown and a step sent while the database is away; the reload the page advises sends what was typed (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { context, page, problems } = await privateReporterAtChild(browser, portal.url, lang, index, javaScriptEnabled);
      try {
        const child = childAnswers({ 'child-0-name': `Sara ${lang.toUpperCase()} Lund` });
        await fillWithoutScript(page, child);
        await proxy.close();
        let reopened = false;
        try {
          // Sent: what was typed could not be saved; the page says so, and that a reload sends it again.
          await expectAt(page, await pressContinue(page, false), '/meld/barn', 503);
          await checkPage(page, t, 'a step sent while the database is away');
          assert.equal(await h1(page), t('common.errors.unavailable.title'));
          assert.ok(await page.getByText(t('common.errors.unsavedInput')).isVisible());
          // Shown (in another tab, as Back would re-ask the database too): nothing typed was lost,
          // so the page does not claim it.
          const other = await context.newPage();
          const shown = await other.goto('/meld/oppsummering');
          assert.equal(shown!.status(), 503);
          await checkPage(other, t, 'a page asked for while the database is away');
          assert.ok(await other.getByText(t('common.errors.unavailable.body')).isVisible());
          assert.equal(await other.getByText(t('common.errors.unsavedInput')).count(), 0);
          await other.close();
          await proxy.open();
          reopened = true;
          // The reload re-sends the form the browser still holds (Chromium asks a person first).
          const resent = await page.reload();
          assert.equal(resent!.request().redirectedFrom()?.method(), 'POST', 'the form was sent again, and answered with a redirect');
          assert.equal(pathOf(page), '/meld/foresatte', 'the step went through');
        } finally {
          if (!reopened) await proxy.open();
        }
        await page.goto('/meld/barn');
        assert.equal(await page.locator('[id="child-0-name"]').inputValue(), child['child-0-name'], 'what was typed during the outage was saved');
        assert.deepEqual(unexpected(problems, [503]), []);
      } finally {
        await context.close();
      }
    });
  }
});
