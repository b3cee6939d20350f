// Issue 17, the first screen and the last: the footer's pages a public website owes its readers, the
// icon in the tab, the file button in the page's language, the way in on screen at 1280 × 900, and a
// header on a phone that leaves room for the page. Each a short story in Debian's Chromium, axe on
// every page it opens.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, FileChooser, Page } from 'playwright-core';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { translator, type Language } from '../src/web/i18n.ts';
import { INFO_PAGES } from '../src/portal/info/info-routes.tsx';
import { checkA11y, launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import { makePng } from '../test/kit/browser/files.ts';
import { expectPage, fillPrivateReportUpTo, navigation, pathOf } from '../test/kit/browser/journey.ts';
import { BROWSER_LOCALE, checkPage, tabToward } from '../test/kit/browser/page-checks.ts';

/** The links in the page's footer, as a reader finds them there. */
async function footerLinks(page: Page): Promise<{ href: string; text: string }[]> {
  return page.locator('footer ul.mp-footer__links a').evaluateAll((links) => links.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').trim() })));
}

/** Height and horizontal overflow of what a phone shows first. */
async function headerFacts(page: Page): Promise<{ height: number; overflow: number; rows: number }> {
  return page.evaluate(() => {
    const header = document.querySelector('header')!;
    // Rows: the things in the header by the middle of their height, a new row where the next starts lower.
    const middles = Array.from(header.querySelectorAll('a, button, .mp-header__person'))
      .map((el) => el.getBoundingClientRect())
      .map((r) => (r.top + r.bottom) / 2)
      .sort((a, b) => a - b);
    const rows = middles.filter((m, i) => i === 0 || m - middles[i - 1]! > 12).length;
    return { height: header.getBoundingClientRect().height, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, rows };
  });
}

describe('footer and first screen', () => {
  let portal: TestPortal;
  let browser: Browser;
  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  // Each page once per language, audited (axe, reflow, lang, title, headings) as decision 013 asks.
  for (const [lang, javaScriptEnabled] of [
    ['nb', false],
    ['nn', false],
    ['en', true],
  ] as const) {
    test(`${lang}: every link in the footer leads to its page, which has its heading and is accessible and reflows (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const t = translator(lang);
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled, locale: BROWSER_LOCALE[lang] });
      try {
        await page.goto('/');
        const links = await footerLinks(page);
        assert.deepEqual(
          links.filter((l) => l.href !== '/statistikk'),
          INFO_PAGES.map((p) => ({ href: p.path, text: t(p.nav) })),
          'the five pages, named in the page’s language',
        );
        for (const info of INFO_PAGES) {
          await page.goto('/');
          const response = await navigation(page, () => page.locator(`footer a[href="${info.path}"]`).click());
          await expectPage(page, response, info.path);
          const facts = await checkPage(page, t, t(info.nav));
          assert.equal(facts.h1[0], t(info.title), `${info.path}: its heading`);
          // The development portal names no operator, and says so instead of inventing one.
          if (['/om-tjenesten', '/personvern', '/tilgjengelighet'].includes(info.path)) {
            assert.ok(await page.getByText(t('info.operator.notNamed')).first().isVisible(), `${info.path}: says it is a test installation`);
          }
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  test('se: a footer link on the Sámi start page leads to the page in bokmål, with the notice in Sámi', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false, locale: BROWSER_LOCALE.se });
    try {
      await page.goto('/');
      assert.equal(await page.locator('html').getAttribute('lang'), 'se');
      const link = page.locator('footer a[href="/tilgjengelighet"]');
      assert.equal(await link.getAttribute('lang'), 'nb', 'its bokmål name is marked as bokmål');
      await expectPage(page, await navigation(page, () => link.click()), '/tilgjengelighet');
      await checkPage(page, translator('nb'), 'the accessibility statement for a Sámi reader', { lang: 'nb' });
      assert.equal(await page.locator('main [lang="se"]').first().innerText(), translator('se')('common.language.notTranslated'));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the tab has our icon: the page links it, and /favicon.ico answers with it rather than a 404', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url });
    try {
      await page.goto('/');
      const href = await page.locator('head link[rel="icon"]').getAttribute('href');
      assert.match(href ?? '', /^\/static\/[0-9a-f]+\/favicon\.svg$/);
      const icon = await page.request.get(href!);
      assert.equal(icon.status(), 200);
      assert.equal(icon.headers()['content-type'], 'image/svg+xml');
      const legacy = await page.request.get('/favicon.ico');
      assert.equal(legacy.status(), 200, '/favicon.ico is not a 404');
      assert.deepEqual(await legacy.body(), await icon.body());
      // The browser can draw it: a 32 × 32 image with the theme's blue in its corner.
      const drawn = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 32;
        const g = canvas.getContext('2d')!;
        g.drawImage(img, 0, 0, 32, 32);
        return Array.from(g.getImageData(4, 16, 1, 1).data);
      }, href!);
      const blue = [0x00, 0x62, 0xba];
      assert.ok(drawn.slice(0, 3).every((c, i) => Math.abs(c - blue[i]!) <= 2), `the corner is the theme's blue, not ${drawn.join(',')}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  for (const javaScriptEnabled of [false, true]) {
    test(`the attachment step's file button is in Norwegian, and a file is chosen and uploaded with the keyboard alone (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const t = translator('nb');
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled });
      // Listening from the start: the browser is told to hand choosers to the test before any key
      // is pressed (a listener added just before the key press can be too late).
      const choosers: FileChooser[] = [];
      page.on('filechooser', (chooser) => choosers.push(chooser));
      const nextChooser = async (keyName: string): Promise<FileChooser> => {
        const before = choosers.length;
        await page.keyboard.press(keyName);
        for (let i = 0; i < 50 && choosers.length === before; i++) await page.waitForTimeout(100);
        assert.equal(choosers.length, before + 1, `${keyName} opens the file chooser`);
        return choosers.at(-1)!;
      };
      try {
        await fillPrivateReportUpTo(page, 'Kari Nordmann', '/meld/vedlegg');
        await checkA11y(page, 'vedlegg');
        // What a sighted reader sees is our label; the browser's own "Choose File" is out of sight.
        const button = page.locator('label[for="file"]');
        assert.ok(await button.isVisible());
        assert.equal((await button.innerText()).trim(), t('journey.vedlegg.file'));
        const native = (await page.locator('#file').boundingBox())!;
        assert.ok(native.width <= 1 && native.height <= 1, `the native control takes no room (${native.width} × ${native.height})`);
        const chosen = page.locator('#file-chosen');
        assert.equal(await chosen.innerText(), javaScriptEnabled ? t('journey.vedlegg.chosenNone') : t('journey.vedlegg.chooseThenUpload'));

        // Tab reaches it, with the focus shown on the label; Space and Enter open the chooser.
        await page.locator('main h1').click();
        await tabToward(page, 'the file chooser', (f) => f.id === 'file');
        const ring = await button.evaluate((label) => getComputedStyle(label).outlineStyle);
        assert.notEqual(ring, 'none', 'the label shows the focus');
        assert.equal((await nextChooser('Enter')).isMultiple(), false, 'one file at a time');
        const png = makePng();
        await (await nextChooser('Space')).setFiles({ name: 'tegning.png', mimeType: 'image/png', buffer: png });
        assert.equal(await chosen.innerText(), javaScriptEnabled ? t('journey.vedlegg.chosen', { name: 'tegning.png' }) : t('journey.vedlegg.chooseThenUpload'));
        if (javaScriptEnabled) assert.match((await page.locator('#file').getAttribute('aria-describedby')) ?? '', /file-chosen/, 'and a screen reader hears it with the field');

        // On to "Last opp" and Enter: the file is uploaded and listed.
        const upload = await tabToward(page, 'the upload button', (f) => f.tag === 'button' && f.text === t('journey.vedlegg.upload'));
        assert.equal(upload.value, 'upload');
        const response = await navigation(page, () => page.keyboard.press('Enter'));
        await expectPage(page, response, '/meld/vedlegg');
        assert.ok(await page.getByRole('main').getByText(/^tegning\.png \(\d+ B\)$/).isVisible(), 'the file is listed as uploaded');
        await checkA11y(page, 'vedlegg with a file');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  for (const lang of ['nb', 'nn', 'en', 'se'] as const satisfies readonly Language[]) {
    test(`${lang}: on a 1280 × 900 screen the start page's button is in view without scrolling, after the urgent help`, async () => {
      const t = translator(lang);
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false, locale: BROWSER_LOCALE[lang], viewport: { width: 1280, height: 900 } });
      try {
        await page.goto('/');
        const start = page.locator('main a.ds-button[href="/meld/hvem"]');
        assert.equal((await start.innerText()).trim(), t('start.start'));
        const box = (await start.boundingBox())!;
        assert.ok(box.y + box.height <= 900, `the button's bottom is at ${Math.round(box.y + box.height)} px`);
        const urgent = (await page.locator('#urgent-heading').boundingBox())!;
        assert.ok(urgent.y < box.y, 'what to do when it is urgent comes first');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  for (const lang of ['nb', 'en'] as const) {
    test(`${lang}: on a 375 px phone the header is a strip, logged out and logged in, and nothing runs off the side`, async () => {
      const t = translator(lang);
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, viewport: { width: 375, height: 667 } });
      try {
        await page.goto(`/sprak/${lang}?tilbake=/`);
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        let facts = await headerFacts(page);
        assert.ok(facts.height <= 80, `logged out: ${Math.round(facts.height)} px high`);
        assert.equal(facts.overflow, 0);
        // The journey's helpers read bokmål; the language is chosen again once logged in.
        await page.goto('/sprak/nb?tilbake=/');
        await fillPrivateReportUpTo(page, 'Kari Nordmann', '/meld/barn');
        await page.goto(`/sprak/${lang}?tilbake=/`);
        for (const path of ['/', '/meld/barn']) {
          await page.goto(path);
          facts = await headerFacts(page);
          assert.ok(facts.height <= 120, `logged in, ${path}: ${Math.round(facts.height)} px high`);
          assert.ok(facts.rows <= 3, `logged in, ${path}: ${facts.rows} rows`);
          assert.equal(facts.overflow, 0, `${path}: no sideways scrolling`);
          const header = page.locator('header');
          assert.ok(await header.getByRole('link', { name: t('myReports.nav') }).isVisible(), 'Mine meldinger is there');
          assert.ok(await header.getByRole('button', { name: t('common.logout') }).isVisible(), 'and the way out');
        }
        // And on a laptop's first screen, logged in with a report begun, the way on is in view: the
        // unsent report's "Fortsett meldingen" comes before the urgent help and the start button.
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto('/');
        const box = (await page.getByRole('region', { name: t('journey.unsent.heading') }).getByRole('link', { name: t('journey.unsent.continue') }).boundingBox())!;
        assert.ok(box.y + box.height <= 900, `logged in: the button's bottom is at ${Math.round(box.y + box.height)} px`);
        await checkA11y(page, 'the start page, logged in');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});
