// "Min barnevernssak" in Debian's Chromium (decision 024): the mother of the Nordmann family logs in
// through the ID-porten stand-in and reads her case and the decision with its appeal countdown, in
// bokmål, nynorsk and English, with JavaScript off and with the keyboard alone; every page and state
// (a case list, a case, none shared, a child too young, a case not hers) is axe-clean and reflows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { translator, type Language } from '../src/web/i18n.ts';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import { navigation, pathOf } from '../test/kit/browser/journey.ts';
import { focused } from '../test/kit/browser/keyboard.ts';
import { BROWSER_LOCALE, checkPage, tabToward } from '../test/kit/browser/page-checks.ts';
import { CASE_TITLE, DECISION, EMIL, MOTHER, STRANGER, indexNordmannFamily } from '../test/kit/innsyn-family.ts';

async function logIn(page: Page, personIndex: number): Promise<void> {
  await page.goto('/min-sak');
  assert.match(pathOf(page), /^\/dev\/idporten\//);
  await page.locator(`#person-${personIndex}`).check();
  await navigation(page, () => page.locator('form button[type="submit"]').first().click());
  assert.equal(pathOf(page), '/min-sak');
}

describe('Min barnevernssak in the browser', () => {
  let portal: TestPortal;
  let browser: Browser;
  let caseId: string;
  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!), launchBrowser()]);
    ({ caseId } = await indexNordmannFamily(portal));
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  for (const lang of ['nb', 'nn', 'en'] as Language[]) {
    test(`${lang}: the mother reads her case and the decision's appeal countdown with JavaScript off; a case not hers is 404`, async () => {
      const t = translator(lang);
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false, locale: BROWSER_LOCALE[lang] });
      try {
        await logIn(page, MOTHER.index);
        assert.equal((await checkPage(page, t, 'the case list')).h1[0], t('innsyn.list.title'));
        await navigation(page, () => page.getByRole('link', { name: CASE_TITLE }).click());
        assert.equal(pathOf(page), `/min-sak/${caseId}`);
        const facts = await checkPage(page, t, 'the case');
        assert.equal(facts.h1[0], CASE_TITLE);
        assert.equal(await page.getByRole('heading', { name: DECISION }).count(), 1);
        assert.equal(await page.locator('[data-appeal]').count(), 1, 'the decision shows its appeal deadline');
        const missing = await page.goto('/min-sak/00000000-0000-4000-8000-000000000000');
        assert.equal(missing!.status(), 404);
        await checkPage(page, t, 'a case that is not hers');
        assert.deepEqual(problems.filter((p) => !/status of 404/.test(p)), []);
      } finally {
        await context.close();
      }
    });
  }

  test('by keyboard alone: from the front page to the list, to the case and back', async () => {
    const t = translator('nb');
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url });
    try {
      await page.goto('/');
      await tabToward(page, 'the link to one’s own case', (f) => f.tag === 'a' && f.text === t('innsyn.start.link'));
      await navigation(page, () => page.keyboard.press('Enter'));
      assert.match(pathOf(page), /^\/dev\/idporten\//, 'the case is behind ID-porten');
      await page.locator(`#person-${MOTHER.index}`).check();
      await navigation(page, () => page.locator('form button[type="submit"]').first().click());
      assert.equal(pathOf(page), '/min-sak');
      await tabToward(page, 'the case link', (f) => f.tag === 'a' && f.text === CASE_TITLE);
      await navigation(page, () => page.keyboard.press('Enter'));
      assert.equal(pathOf(page), `/min-sak/${caseId}`);
      await tabToward(page, 'the back link', (f) => f.tag === 'a' && f.text === t('common.back'));
      assert.equal((await focused(page)).tag, 'a');
      await navigation(page, () => page.keyboard.press('Enter'));
      assert.equal(pathOf(page), '/min-sak');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a child too young and a person with no case each get a page that says so, accessible', async () => {
    const t = translator('nb');
    for (const [who, key] of [
      [EMIL, 'innsyn.list.childTooYoung'],
      [STRANGER, 'innsyn.list.none'],
    ] as const) {
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false });
      try {
        await logIn(page, who.index);
        await checkPage(page, t, key);
        assert.ok((await page.locator('main').innerText()).includes(t(key, { age: '15' }).slice(0, 30)));
        assert.equal(await page.getByRole('link', { name: CASE_TITLE }).count(), 0);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });
});
