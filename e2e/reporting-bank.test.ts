// The reporting bank walked through as a developer would show it: reports are sent through the real
// portal, Trondheim's mottak pulls them and a caseworker concludes them, mottak sends its figures with
// its own token, and the public statistics page shows them in Debian's Chromium, JavaScript off, in
// bokmål, nynorsk and English: axe clean, reflowing, headings in order, each chart under its own
// heading with its table folded under it, labels readable on a phone, the same numbers in chart,
// table and API, and a page no taller than that; the country's page with the keyboard alone; and the
// manager's own figures in mottak, laid out the same way, in bokmål and nynorsk.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { translator, type Language } from '../src/web/i18n.ts';
import { ManualClock } from '../src/clock.ts';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { devCaseworker, loginCaseworker, startTestMottak, type TestMottak } from '../test/kit/mottak.ts';
import { HttpClient } from '../test/kit/http-client.ts';
import { sendPrivateReport } from '../test/kit/portal-visitors.ts';
import { waitFor } from '../test/kit/wait.ts';
import type { ExportCell, StatisticsExport } from '../src/portal/statistics/statistics-export.ts';
import { checkA11y, launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import { BROWSER_LOCALE, checkPage, checkReflow, pageFacts } from '../test/kit/browser/page-checks.ts';
import { pressKey, tabTo } from '../test/kit/browser/keyboard.ts';
import { navigation } from '../test/kit/browser/journey.ts';
import { caseworkerVisitor } from '../test/kit/browser/mottak-browser.ts';
import { checkStatisticsLayout, publishedText } from '../test/kit/browser/statistics-layout.ts';

const WORKER = 'Sigrid Aune';
const MANAGER = 'Magnus Rørvik';
const REPORTS = 6;

/**
 * How tall each page may be at 1280×900, from what it has to show. The country's page: 6 charts with
 * 124 bars (3,300 px with their headings and summaries: about 26 px a bar, more where an SSB code text
 * wraps), five short tables (1,800 px), the text above, between and below them (900 px), header and
 * footer (600 px): 6,600 px in bokmål, 6,700 in English. With every table again in full under its
 * chart it was 9,300–12,200 px. Trondheim's page has no chart (3,100–3,200 px). The manager's page in
 * mottak: 4 charts with 49 bars (2,200 px) and two short tables (800 px), 3,550–3,600 px; it was 5,440.
 * The bounds leave about 10 % for longer words.
 */
const MAX_HEIGHT = { country: 7_300, trondheim: 3_500, manager: 3_950 };

describe('the reporting bank, from report to published figure', () => {
  const clock = new ManualClock();
  let portal: TestPortal;
  let mottak: TestMottak;
  let browser: Browser;
  let keysDir: string;

  before(async () => {
    const database = testDatabases()[0]!;
    [portal, browser] = await Promise.all([startTestPortal(database, {}, { clock }), launchBrowser()]);
    // Only Trondheim's service: what this walk needs, and few calls on the portal's rate limit.
    keysDir = mkdtempSync(join(tmpdir(), 'mottak-e2e-keys-'));
    const { serviceOrgnr } = devCaseworker(WORKER);
    symlinkSync(join(portal.dataDir, 'receivers', serviceOrgnr), join(keysDir, serviceOrgnr), 'dir');
    mottak = await startTestMottak(database, portal, { MOTTAK_KEYS_DIR: keysDir }, { clock });
    const sent = [];
    for (let i = 0; i < REPORTS; i++) sent.push(await sendPrivateReport(portal, { municipality: '7011', personIndex: i % 4 }));
    for (const r of sent) await waitFor('report in mottak', () => mottak.database.db.selectFrom('reports').select('id').where('id', '=', r.id).executeTakeFirst());
    // The caseworker concludes each within its deadline: an investigation, reported by a school.
    const caseworker = new HttpClient(mottak.url);
    await loginCaseworker(caseworker, WORKER);
    for (const r of sent) {
      const form = await caseworker.get(`/meldinger/${r.id}/konklusjon`);
      const done = await caseworker.submit(form, `/meldinger/${r.id}/konklusjon`, { conclusionCode: '2', reason: '', reporterCode: '11', contentCodes: ['2.4.05'] });
      assert.equal(done.status, 200);
    }
    await mottak.pullNow();
    // Past the snapshot's minute, so the page is made from what mottak sent.
    clock.set(new Date(clock.now().getTime() + 2 * 60_000));
    await waitFor('the figures published', async () => {
      const data = (await (await fetch(`${portal.url}/api/v1/statistikk?omrade=5001`)).json()) as StatisticsExport;
      return data.barneverntjenester.tall?.konkludert?.antall === REPORTS ? data : undefined;
    });
  });
  after(async () => {
    await browser?.close();
    await mottak?.close();
    await portal?.close();
    rmSync(keysDir, { recursive: true, force: true });
  });

  test('with the keyboard alone: from the skip link to the reviews by month and the download, every stop visibly focused', async () => {
    const t = translator('nb');
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false, locale: BROWSER_LOCALE.nb });
    try {
      await page.goto('/statistikk');
      const visited: string[] = [];
      const first = await pressKey(page, 'Tab', visited);
      assert.equal(first.text, t('common.skipLink'));
      // The reviews by month are a chart with its table folded under it: the summary is a stop, Enter
      // opens it, and the table, which may scroll on a narrow screen, is a stop of its own.
      const heading = t('statistics.cases.reviewMonthsHeading');
      await tabTo(page, "the reviews by month's summary", (f) => f.tag === 'summary' && f.text === `${t('statistics.table.show')}: ${heading}`, visited, { max: 80 });
      await pressKey(page, 'Enter', visited);
      await tabTo(page, 'the reviews by month', (f) => f.tag === 'div' && f.text.startsWith(t('statistics.cases.reviewMonthsCaption')), visited, { max: 1 });
      const csv = await tabTo(page, 'the CSV download', (f) => f.tag === 'a' && f.text === t('statistics.download.csv'), visited);
      assert.equal(csv.tag, 'a');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.match(readFileSync((await download.path())!, 'utf8'), /\r\ntjeneste,,Barneverntjenesten i Trondheim,/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  for (const lang of ['nb', 'nn', 'en'] as Language[]) {
    const t = translator(lang);
    test(`${lang}: Trondheim's page shows its service's figures; the country's lists the service`, async () => {
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false, locale: BROWSER_LOCALE[lang] });
      try {
        await page.goto('/statistikk?omrade=5001');
        await checkPage(page, t, "Trondheim's statistics");
        assert.deepEqual(await checkStatisticsLayout(page, t, "Trondheim's statistics", MAX_HEIGHT.trondheim), [], 'no chart: the code splits are the country\'s');
        const section = page.getByRole('region', { name: `${t('statistics.cases.heading')}: Barneverntjenesten i Trondheim` });
        assert.ok(await section.isVisible(), 'the service section names the service');
        const key = section.getByRole('region', { name: t('statistics.cases.keyHeading') });
        assert.equal(await key.getByRole('row', { name: t('statistics.cases.received'), exact: false }).first().getByRole('cell').innerText(), String(REPORTS));
        const review = section.getByRole('region', { name: t('statistics.cases.reviewHeading') });
        assert.equal((await review.getByRole('row', { name: t('statistics.cases.reviewShare') }).getByRole('cell').innerText()).replace(/\s/g, ' '), '100 %');
        assert.equal(await key.getByRole('row', { name: t('statistics.cases.investigationsOpened') }).getByRole('cell').innerText(), String(REPORTS));

        await page.goto('/statistikk');
        await checkPage(page, t, 'the country');
        const charts = new Map((await checkStatisticsLayout(page, t, 'the country', MAX_HEIGHT.country)).map((c) => [c.id, c]));
        // Each chart draws what the API publishes, bar by bar (its table says the same, checked above).
        const data = (await (await fetch(`${portal.url}/api/v1/statistikk`)).json()) as StatisticsExport;
        const drawn = (id: string) => charts.get(id)!.bars.map(([, value]) => value);
        const byCode = (id: string, prefix: string) => charts.get(id)!.bars.map(([label]) => publishedText(t, data.barneverntjenester.tall![`${prefix}.${label.split(' ')[0]}`]!));
        assert.deepEqual([...charts.keys()], ['months', 'parts', 'cases-review-months', 'cases-conclusions', 'cases-content', 'cases-melder']);
        assert.deepEqual(drawn('months'), data.omrade.perMaaned!.map((m) => publishedText(t, m.sendt)));
        assert.deepEqual(drawn('parts'), data.omrade.omrader!.map((a) => publishedText(t, a.tall.sendt)));
        assert.deepEqual(drawn('cases-review-months'), data.barneverntjenester.perMaaned!.map((m) => publishedText(t, m['gjennomgang.innen-frist'] as ExportCell)));
        assert.deepEqual(drawn('cases-conclusions'), byCode('cases-conclusions', 'konklusjon'));
        assert.deepEqual(drawn('cases-content'), byCode('cases-content', 'saksinnhold'));
        assert.deepEqual(drawn('cases-melder'), byCode('cases-melder', 'melder'));
        assert.deepEqual(charts.get('cases-conclusions')!.bars.filter(([, value]) => value !== '0').map(([label, value]) => [label.split(' ')[0], value]), [['2', String(REPORTS)]], 'one bar of 6: code 2');
        // SSB's code texts are bokmål whatever the page's language, and marked so for a screen reader.
        assert.equal(await page.locator('table[data-table="cases-melder"] tbody th').first().getAttribute('lang'), lang === 'nb' ? null : 'nb');
        const services = page.getByRole('table', { name: t('statistics.cases.servicesCaption') });
        assert.equal(await services.getByRole('row', { name: /Trondheim/ }).getByRole('cell').first().innerText(), String(REPORTS));
        const onboarded = (await portal.database.db.selectFrom('services').select('id').where('onboarded', '=', true).execute()).length;
        assert.ok(await page.getByText(t('statistics.cases.coverage', { reporting: 1, onboarded })).isVisible(), 'says how many services the figures come from');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  for (const lang of ['nb', 'nn'] as Language[]) {
    const t = translator(lang);
    test(`${lang}: the manager's own figures in mottak, each chart under its heading with its table folded, JavaScript off`, async () => {
      const { context, page, problems } = await caseworkerVisitor(browser, mottak.url, MANAGER, 'leder', { javaScriptEnabled: false, auditStandIn: false });
      try {
        if (lang === 'nn') await navigation(page, () => page.getByRole('link', { name: 'Nynorsk' }).click());
        await page.goto('/statistikk');
        const facts = await pageFacts(page);
        assert.equal(facts.lang, lang);
        assert.deepEqual(facts.h1, [t('mottak.statistics.title')]);
        facts.headingLevels.forEach((level, i) => assert.ok(i === 0 || level <= facts.headingLevels[i - 1]! + 1, `heading levels in order: ${facts.headingLevels.join(',')}`));
        await checkA11y(page, `the manager's statistics (${lang})`);
        await checkReflow(page, `the manager's statistics (${lang})`);
        const charts = await checkStatisticsLayout(page, t, "the manager's statistics", MAX_HEIGHT.manager);
        assert.deepEqual(charts.map((c) => c.id), ['own-review-months', 'own-conclusions', 'own-content', 'own-melder']);
        // Unprotected: every report counted, in the month it came, and concluded as code 2.
        assert.equal(charts[0]!.bars.at(-1)![1], String(REPORTS));
        assert.deepEqual(charts[1]!.bars.filter(([, value]) => value !== '0').map(([label, value]) => [label.split(' ')[0], value]), [['2', String(REPORTS)]]);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});
