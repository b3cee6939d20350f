// What a statistics page must be to be read, in the portal and in mottak: each chart under a heading
// of its own, the table of its numbers folded right under it (and saying the same), labels a person
// can read at 1280 and 390 px, no chart wider than a 320 px screen, and a page no taller than its
// content needs. Read in the browser, as the page is shown.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Translate } from '../../../src/web/i18n.ts';
import type { ExportCell } from '../../../src/portal/statistics/statistics-export.ts';
import { checkA11y } from './browser.ts';

/** A chart as read on the page, and the table folded under it. */
export interface ShownChart {
  id: string;
  heading: string;
  /** [label, number or words] per bar, as the chart shows them. */
  bars: [string, string][];
  /** [row header, the plotted column's cell] per row of its table. */
  rows: [string, string][];
  /** Whether its table is unfolded, and what the summary that unfolds it says. */
  open: boolean;
  summary: string;
}

/** The table column a chart draws: the first number column, except the reviews by month (received comes first). */
const plottedColumn = (chartId: string) => (chartId.endsWith('review-months') ? 2 : 1);

const MIN_LABEL_PX = 12;

/** A cell of the API as the page writes it: its number, or the words for a hidden one. */
export function publishedText(t: Translate, cell: ExportCell): string {
  return cell.antall === null ? t(cell.skjult === 'under-5' ? 'statistics.cell.small' : 'statistics.cell.hidden') : String(cell.antall);
}

/** The charts of the page as it is shown: heading, bars and the table under each. */
async function shownCharts(page: Page): Promise<ShownChart[]> {
  // No named functions inside evaluate: tsx's compiled names do not exist in the page.
  const charts = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-chart]')).map((chart) => {
      const section = chart.closest('section');
      const heading = section ? document.getElementById(section.getAttribute('aria-labelledby') ?? '') : null;
      const details = chart.nextElementSibling;
      return {
        id: chart.dataset.chart ?? '',
        role: chart.getAttribute('role'),
        name: chart.getAttribute('aria-label') ?? (chart.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
        chartsInSection: section?.querySelectorAll('[data-chart]').length ?? 0,
        heading: heading && /^H[2-6]$/.test(heading.tagName) ? (heading.textContent ?? '') : '',
        // What stands between the heading and the chart: only words introducing it, not another table.
        between: Array.from(section?.children ?? [])
          .slice(1, Array.from(section?.children ?? []).findIndex((el) => el.contains(chart)))
          .map((el) => el.tagName.toLowerCase()),
        foldedTable: details?.tagName === 'DETAILS' ? { open: (details as HTMLDetailsElement).open, summary: details.querySelector(':scope > summary')?.textContent ?? '', tables: details.querySelectorAll('table').length } : null,
        // The text of each bar's label and number: [data-label] rows, in order.
        bars: Array.from(chart.querySelectorAll('[data-label]')).map((row) => Array.from(row.querySelectorAll('.mp-chart__label, .mp-chart__value')).map((el) => el.textContent ?? '')),
        rows: Array.from(details?.querySelectorAll('table tbody tr') ?? []).map((tr) => Array.from(tr.children).map((cell) => cell.textContent ?? '')),
      };
    }),
  );
  const clean = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  return charts.map((c) => {
    assert.equal(c.role, 'img', `chart ${c.id} is an image to a screen reader`);
    assert.ok(c.name.length > 10, `chart ${c.id} is named for a screen reader`);
    assert.equal(c.chartsInSection, 1, `chart ${c.id} is the only chart in its section`);
    assert.ok(c.heading, `chart ${c.id} has a heading of its own`);
    assert.ok(c.between.every((tag) => tag === 'p'), `chart ${c.id} comes right under its heading, not after ${c.between.join(', ')}`);
    assert.ok(c.foldedTable, `chart ${c.id} has its table in a <details> right under it`);
    assert.equal(c.foldedTable.tables, 1, `chart ${c.id}: one table in its details`);
    const column = plottedColumn(c.id);
    return {
      id: c.id,
      heading: clean(c.heading),
      bars: c.bars.map((b) => [clean(b[0]), clean(b.at(-1))] as [string, string]),
      rows: c.rows.map((r) => [clean(r[0]), clean(r[column])] as [string, string]),
      open: c.foldedTable.open,
      summary: clean(c.foldedTable.summary),
    };
  });
}

/**
 * Everything above, at the widths a reader uses: the page at 1280×900 no taller than `maxHeight`,
 * and its charts (returned). The tables are folded when the page comes, say what their charts say,
 * and open without script; axe runs again with every table open.
 */
export async function checkStatisticsLayout(page: Page, t: Translate, label: string, maxHeight: number): Promise<ShownChart[]> {
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= maxHeight, `${label}: the page is ${height} px tall at 1280×900, more than the ${maxHeight} px its content needs`);
    const charts = await shownCharts(page);
    assert.equal(new Set(charts.map((c) => c.heading)).size, charts.length, `${label}: every chart has a heading of its own`);
    for (const chart of charts) {
      assert.equal(chart.open, false, `${label}: the table under ${chart.id} is folded`);
      assert.ok(chart.summary.startsWith(t('statistics.table.show')), `${label}: ${chart.id}'s summary says what it opens: ${chart.summary}`);
      assert.ok(chart.bars.length > 0, `${label}: ${chart.id} has bars`);
      assert.deepEqual(chart.bars, chart.rows, `${label}: ${chart.id} and its table say the same`);
    }
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const smallest = await smallestChartText(page);
      assert.ok(smallest.px >= MIN_LABEL_PX, `${label} at ${width} px: chart text "${smallest.text}" is ${smallest.px.toFixed(1)} px`);
    }
    await page.setViewportSize({ width: 320, height: 700 });
    const spill = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('[data-chart]')).flatMap((chart) => {
        const box = chart.getBoundingClientRect();
        // A row with no box of its own (display: contents) has an empty rectangle at 0,0: not drawn.
        return Array.from(chart.querySelectorAll('*'))
          .map((el) => [el, el.getBoundingClientRect()] as const)
          .filter(([, r]) => r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5))
          .map(([el]) => `${chart.dataset.chart}: ${(el.textContent ?? el.tagName).trim().slice(0, 40)}`);
      }),
    );
    assert.deepEqual(spill, [], `${label}: nothing in a chart reaches past its edge at 320 px`);

    // Open every table, as a reader would, with the mouse (no script needed): shown, and axe clean.
    await page.setViewportSize({ width: 1280, height: 900 });
    const summaries = page.locator('[data-chart] + details > summary');
    for (let i = 0; i < (await summaries.count()); i++) await summaries.nth(i).click();
    assert.equal(await page.locator('[data-chart] + details:not([open])').count(), 0, `${label}: every table opens`);
    for (const table of await page.locator('[data-chart] + details table').all()) assert.ok(await table.isVisible(), `${label}: an opened table is shown`);
    await checkA11y(page, `${label} with every table open (${t.lang})`);
    return charts;
  } finally {
    await page.setViewportSize(original);
  }
}

/**
 * The smallest text of any chart as drawn: its computed font size times the scale of an SVG it sits in
 * (text in a scaled SVG is drawn at the SVG's scale, whatever its CSS font size says).
 */
async function smallestChartText(page: Page): Promise<{ px: number; text: string }> {
  return page.evaluate(() => {
    const sizes = Array.from(document.querySelectorAll('[data-chart]')).flatMap((chart) => {
      const texts = Array.from(chart.querySelectorAll('*')).filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()) && el.tagName.toLowerCase() !== 'title');
      return texts.map((el) => {
        const scale = el instanceof SVGGraphicsElement ? Math.abs(el.getScreenCTM()?.a ?? 1) : 1;
        return { px: parseFloat(getComputedStyle(el).fontSize) * scale, text: (el.textContent ?? '').trim() };
      });
    });
    return sizes.reduce((a, b) => (b.px < a.px ? b : a), { px: Infinity, text: '' });
  });
}
