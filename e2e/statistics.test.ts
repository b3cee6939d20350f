// The statistics page in Debian's Chromium, in bokmål, nynorsk and English, without JavaScript: the
// country, a county, a municipality and one too small to be shown, each axe clean (WCAG 2.2 A/AA),
// reflowing at 320 and 640 px, with headings in order and the chart named for screen readers. The
// area is chosen with the page's own form, and the CSV link downloads the figures.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { translator, type Language } from '../src/web/i18n.ts';
import { testDatabases } from '../test/helpers/databases.ts';
import { startTestPortal, type TestPortal } from '../test/helpers/portal.ts';
import { sendPrivateReport } from '../test/portal/portal-test-utils.ts';
import { launchBrowser, newVisitor } from './helpers/browser.ts';
import { navigation, pathOf } from './helpers/journey.ts';
import { BROWSER_LOCALE, checkPage } from './helpers/page-checks.ts';

const LANGUAGES: Language[] = ['nb', 'nn', 'en'];

describe('the statistics page in every language', () => {
  let portal: TestPortal;
  let browser: Browser;
  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!, { DELIVERY_WORKERS: 'false' }), launchBrowser()]);
    for (let i = 0; i < 6; i++) await sendPrivateReport(portal, { municipality: '1337', personIndex: i % 4 });
    await sendPrivateReport(portal, { municipality: '7011' });
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  for (const lang of LANGUAGES) {
    const t = translator(lang);
    test(`${lang}: the country, a county, a municipality and a small one, with JavaScript off`, async () => {
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false, locale: BROWSER_LOCALE[lang] });
      try {
        // Found from the footer of the front page.
        await page.goto('/');
        await navigation(page, () => page.locator('footer a[href="/statistikk"]').click());
        assert.equal(pathOf(page), '/statistikk');
        assert.equal((await checkPage(page, t, 'the country')).h1[0], t('statistics.title'));
        assert.ok(await page.getByRole('img', { name: t('statistics.months.chart') }).isVisible(), 'the months chart is named for screen readers');
        assert.equal(await page.locator('[data-chart="parts"]').getAttribute('role'), 'img');
        // Trondheim's single report: "fewer than 5" in Trøndelag's row, never the number.
        assert.equal(await page.locator('table[data-table="parts"] tr[data-label="Trøndelag"] td').first().innerText(), t('statistics.cell.small'));

        // The page's own form chooses an area (GET, so it works without script).
        await page.locator('#omrade').selectOption('32');
        await navigation(page, () => page.locator('form[action="/statistikk"] button[type="submit"]').click());
        assert.equal(new URL(page.url()).search, '?omrade=32');
        await checkPage(page, t, 'a county');
        await navigation(page, () => page.locator('table[data-table="parts"] a', { hasText: 'Bærum' }).click());
        await checkPage(page, t, 'a municipality');
        assert.equal(await page.getByText(t('statistics.months.notPublished')).count(), 1);

        await page.goto('/statistikk?omrade=1151');
        assert.equal((await checkPage(page, t, 'a municipality too small to show')).h1[0], t('statistics.below.heading', { municipality: 'Utsira' }));

        // The CSV link downloads the figures of the area shown.
        await page.goto('/statistikk?omrade=32');
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href*="format=csv"]').click()]);
        const csv = readFileSync((await download.path())!, 'utf8');
        assert.match(csv, /^\ufeffomrade_type,omrade_nummer/);
        assert.match(csv, /kommune,3201,Bærum,/);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});
