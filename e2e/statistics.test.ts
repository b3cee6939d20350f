// The statistics page in Debian's Chromium, in bokmål, nynorsk and English, without JavaScript: the
// country, a county, a municipality and one too small to be shown, each axe clean (WCAG 2.2 A/AA),
// reflowing at 320 and 640 px, with headings in order; each chart named for screen readers, under a
// heading of its own, drawing what the API publishes, with the same numbers in a table folded under
// it, and labels readable on a phone; no page taller than that. The area is chosen with the page's
// own form or a county's table, and the CSV link downloads the figures.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { translator, type Language, type Translate } from '../src/web/i18n.ts';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { sendPrivateReport } from '../test/kit/portal-visitors.ts';
import { launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import { navigation, pathOf } from '../test/kit/browser/journey.ts';
import { BROWSER_LOCALE, checkPage } from '../test/kit/browser/page-checks.ts';
import { checkStatisticsLayout, publishedText } from '../test/kit/browser/statistics-layout.ts';
import { monthLabel } from '../src/web/case-statistics.tsx';
import type { StatisticsExport } from '../src/portal/statistics/statistics-export.ts';

const LANGUAGES: Language[] = ['nb', 'nn', 'en'];

/**
 * How tall each page may be at 1280×900, from what it has to show (no service has sent figures here).
 * The country: two charts, 12 months and 15 counties (1,000 px with their headings and summaries,
 * about 26 px a bar), the key figures and the delivery table (720 px), the text above, the services'
 * note and the downloads (800 px), header and footer (550 px): 3,100 px in bokmål, 3,200 in English.
 * A county adds its municipalities of 5,000 inhabitants or more (Akershus: 16 bars, 750 px). A
 * municipality has no chart. The bounds leave about 10 % for longer words. With every table again in
 * full under its chart the country was 4,400–4,460 px and Akershus 4,960–5,090.
 */
const MAX_HEIGHT = { country: 3_500, county: 3_750, municipality: 2_550 };

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

  /** The page's layout checked, and each chart drawing what the API publishes for the area. */
  async function checkChartsAgainstApi(page: Page, t: Translate, label: string, omrade: string, maxHeight: number): Promise<void> {
    const charts = await checkStatisticsLayout(page, t, label, maxHeight);
    const data = (await (await fetch(`${portal.url}/api/v1/statistikk?omrade=${omrade}`)).json()) as StatisticsExport;
    assert.deepEqual(
      charts.map((c) => [c.id, c.bars]),
      [
        ['months', data.omrade.perMaaned!.map((m) => [monthLabel(t, `${m.maaned}-01`), publishedText(t, m.sendt)])],
        ['parts', data.omrade.omrader!.map((a) => [a.type === 'mindre' ? t('statistics.area.smaller', { count: String(a.kommuner) }) : a.navn, publishedText(t, a.tall.sendt)])],
      ],
      `${label}: the charts draw what the API publishes`,
    );
  }

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
        await checkChartsAgainstApi(page, t, 'the country', 'land', MAX_HEIGHT.country);
        // Trondheim's single report: "fewer than 5" in Trøndelag's row, never the number.
        assert.equal(await page.locator('table[data-table="parts"] tr[data-label="Trøndelag"] td').first().innerText(), t('statistics.cell.small'));

        // The page's own form chooses an area (GET, so it works without script).
        await page.locator('#omrade').selectOption('32');
        await navigation(page, () => page.locator('form[action="/statistikk"] button[type="submit"]').click());
        assert.equal(new URL(page.url()).search, '?omrade=32');
        await checkPage(page, t, 'a county');
        await checkChartsAgainstApi(page, t, 'a county', '32', MAX_HEIGHT.county);
        // The county's table, opened by its summary, leads on to a municipality.
        await page.goto('/statistikk?omrade=32');
        await page.locator('[data-chart="parts"] + details > summary').click();
        await navigation(page, () => page.locator('table[data-table="parts"] a', { hasText: 'Bærum' }).click());
        await checkPage(page, t, 'a municipality');
        assert.deepEqual(await checkStatisticsLayout(page, t, 'a municipality', MAX_HEIGHT.municipality), [], 'a municipality has no chart');
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
