// The reporting bank walked through as a developer would show it: reports are sent through the real
// portal, Trondheim's mottak pulls them and a caseworker concludes them, mottak sends its figures with
// its own token, and the public statistics page shows them in Debian's Chromium, JavaScript off, in
// bokmål, nynorsk and English: axe clean, reflowing, headings in order, charts named, and the same
// numbers in the tables as in the API; and the country's page with the keyboard alone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { translator, type Language } from '../src/web/i18n.ts';
import { ManualClock } from '../src/clock.ts';
import { testDatabases } from '../test/helpers/databases.ts';
import { startTestPortal, type TestPortal } from '../test/helpers/portal.ts';
import { devCaseworker, loginCaseworker, startTestMottak, type TestMottak } from '../test/helpers/mottak.ts';
import { HttpClient } from '../test/helpers/http-client.ts';
import { sendPrivateReport } from '../test/portal/portal-test-utils.ts';
import { waitFor } from '../test/helpers/wait.ts';
import type { StatisticsExport } from '../src/portal/statistics/statistics-export.ts';
import { launchBrowser, newVisitor } from './helpers/browser.ts';
import { BROWSER_LOCALE, checkPage } from './helpers/page-checks.ts';
import { pressKey, tabTo } from './helpers/keyboard.ts';

const WORKER = 'Sigrid Aune';
const REPORTS = 6;

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
      // The months table may scroll on a narrow screen: it is a stop of its own, named by its caption.
      await tabTo(page, 'the reviews by month', (f) => f.tag === 'div' && f.text.startsWith(t('statistics.cases.reviewMonthsCaption')), visited, { max: 80 });
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
        const section = page.getByRole('region', { name: `${t('statistics.cases.heading')}: Barneverntjenesten i Trondheim` });
        assert.ok(await section.isVisible(), 'the service section names the service');
        const key = section.getByRole('region', { name: t('statistics.cases.keyHeading') });
        assert.equal(await key.getByRole('row', { name: t('statistics.cases.received'), exact: false }).first().getByRole('cell').innerText(), String(REPORTS));
        const review = section.getByRole('region', { name: t('statistics.cases.reviewHeading') });
        assert.equal((await review.getByRole('row', { name: t('statistics.cases.reviewShare') }).getByRole('cell').innerText()).replace(/\s/g, ' '), '100 %');
        assert.equal(await key.getByRole('row', { name: t('statistics.cases.investigationsOpened') }).getByRole('cell').innerText(), String(REPORTS));
        // The code splits are the country's: there the conclusions chart and its table say the same.
        assert.equal(await page.locator('[data-chart="cases-conclusions"]').count(), 0);

        await page.goto('/statistikk');
        await checkPage(page, t, 'the country');
        const bar = page.locator('[data-chart="cases-conclusions"] [data-value="6"]');
        assert.equal(await bar.count(), 1, 'one bar of 6: code 2');
        assert.match((await bar.getAttribute('data-label')) ?? '', /^2 /);
        assert.equal(await page.locator('table[data-table="cases-conclusions"] tr[data-figure="konklusjon.2"] td').innerText(), String(REPORTS));
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
});
