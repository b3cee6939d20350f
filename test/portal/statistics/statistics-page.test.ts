// The public statistics after real reports: the page shows them with small counts hidden, its charts
// and tables say the same (each table folded under its chart), the CSV and JSON downloads match the
// page, and the API answers bad areas with clear JSON. On PGlite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock.ts';
import { MIN_SHOWN } from '../../../src/domain/statistics/disclosure.ts';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { sendPrivateReport } from '../../kit/portal-visitors.ts';
import { waitFor } from '../../kit/wait.ts';
import type { StatisticsExport, ExportArea, ExportCell } from '../../../src/portal/statistics/statistics-export.ts';

const HIDDEN_WORDS: Record<string, string> = { 'under-5': 'færre enn 5', beskyttet: 'skjult' };

/** The words a cell reads as on the page. */
const asText = (cell: ExportCell) => (cell.antall === null ? HIDDEN_WORDS[cell.skjult]! : String(cell.antall));

/** Body rows of a table marked data-table=name: [label, ...cells], as text. */
function tableRows(html: string, name: string): string[][] {
  const table = new RegExp(`<table[^>]*data-table="${name}"[^>]*>[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
    .map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()))
    .filter((cells) => cells.length > 1);
}

/** The figure that holds a chart: the chart, then its table folded in a details. */
function chartFigure(html: string, name: string): { bars: string; folded: string } | undefined {
  const figure = [...html.matchAll(/<figure class="mp-figure">([\s\S]*?)<\/figure>/g)].map((m) => m[1]!).find((f) => f.includes(`data-chart="${name}"`));
  const [bars, folded] = figure?.split('<details') ?? [];
  return bars === undefined || folded === undefined ? undefined : { bars, folded: `<details${folded}` };
}

/** A chart's bars: [label, value], where a hidden one's value is its kind. */
function chartBars(html: string, name: string): [string, string][] {
  return [...(chartFigure(html, name)?.bars ?? '').matchAll(/data-label="([^"]*)" data-value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]);
}

/** The chart's table is folded right under it, behind a summary that says so and names the section. */
function assertFoldedUnder(html: string, name: string, heading: string): void {
  const folded = chartFigure(html, name)?.folded ?? '';
  assert.match(folded, new RegExp(`^<details class="[^"]*"><summary>Vis tallene som tabell<span class="mp-visually-hidden">: ${heading}</span></summary>`), `${name}: a closed details with the summary`);
  assert.match(folded, new RegExp(`<table[^>]*data-table="${name}"`), `${name}: its table is in the details`);
}

for (const database of testDatabases()) {
  describe(`statistics page (${database.name})`, () => {
    let portal: TestPortal;
    const clock = new ManualClock();
    before(async () => {
      portal = await startTestPortal(database, { DELIVERY_WORKERS: 'false' }, { clock });
      // Six reports to Bærum, two to Trondheim: Trondheim's 2 must never be shown.
      for (let i = 0; i < 6; i++) await sendPrivateReport(portal, { municipality: '1337', personIndex: i % 4 });
      for (let i = 0; i < 2; i++) await sendPrivateReport(portal, { municipality: '7011', personIndex: i });
    });
    after(async () => {
      await portal?.close();
    });

    const get = async (path: string) => {
      const response = await fetch(new URL(path, portal.url), { headers: { 'accept-language': 'nb' } });
      return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text(), headers: response.headers };
    };
    const api = async (omrade: string) => JSON.parse((await get(`/api/v1/statistikk?omrade=${omrade}`)).text) as StatisticsExport;

    test('the country: 8 sent, never a count from 1 to 4 anywhere; Trondheim alone is "færre enn 5"', async () => {
      const data = await api('land');
      const cells = (area: ExportArea): ExportCell[] => [...Object.values(area.tall), ...(area.perMaaned ?? []).map((m) => m.sendt), ...(area.omrader ?? []).flatMap(cells)];
      for (const cell of cells(data.omrade)) if (cell.antall !== null) assert.ok(cell.antall === 0 || cell.antall >= MIN_SHOWN, `a shown ${cell.antall}`);
      // What protection costs stays small: the country's total and the counties without reports
      // are shown; it is Akershus that is hidden beside Trøndelag's small count.
      assert.deepEqual(data.omrade.tall.sendt, { antall: 8 });
      assert.deepEqual(data.omrade.omrader!.find((c) => c.nummer === '03')!.tall.sendt, { antall: 0 }, 'Oslo, with no reports, shows 0');
      const trondelag = await api('50');
      const trondheim = trondelag.omrade.omrader!.find((a) => a.nummer === '5001')!;
      assert.deepEqual(trondheim.tall.sendt, { antall: null, skjult: 'under-5' });
      const akershus = await api('32');
      const baerum = akershus.omrade.omrader!.find((a) => a.nummer === '3201')!;
      // Bærum's 6 sits beside Trondheim's hidden 2 in the national sums: shown, or hidden to protect it.
      assert.ok(baerum.tall.sendt.antall === 6 || (baerum.tall.sendt.antall === null && baerum.tall.sendt.skjult === 'beskyttet'), JSON.stringify(baerum.tall.sendt));
      // The month the reports were sent holds them; the other months hold none.
      const months = data.omrade.perMaaned!;
      assert.equal(months.length, 12);
      assert.ok(months.slice(0, -1).every((m) => m.sendt.antall === 0 || m.sendt.antall === null), 'no earlier month shows a report');
      assert.ok([8, null].includes(months.at(-1)!.sendt.antall), `this month: ${JSON.stringify(months.at(-1))}`);
    });

    for (const omrade of ['land', '32', '3201']) {
      test(`${omrade}: the page's tables and charts say what the JSON says, and the CSV has the same rows`, async () => {
        const page = await get(`/statistikk?omrade=${omrade}`);
        assert.equal(page.status, 200);
        assert.match(page.text, /<html lang="nb">/);
        const data = await api(omrade);
        const area = data.omrade;
        // Key figures.
        const key = tableRows(page.text, 'key').map((r) => r[1]);
        assert.deepEqual(key, ['sendt', 'sendt.privat', 'sendt.offentlig', 'levert', 'til-print'].map((f) => asText(area.tall[f as keyof typeof area.tall])));
        // Months: table and chart.
        if (area.perMaaned) {
          const rows = tableRows(page.text, 'months');
          assert.deepEqual(rows.map((r) => r[1]), area.perMaaned.map((m) => asText(m.sendt)));
          assert.deepEqual(chartBars(page.text, 'months').map(([label, value]) => [label, value]), rows.map((r, i) => [r[0], area.perMaaned![i]!.sendt.antall === null ? (area.perMaaned![i]!.sendt as { skjult: string }).skjult.replace('under-5', 'small').replace('beskyttet', 'hidden') : String(area.perMaaned![i]!.sendt.antall)]));
          assertFoldedUnder(page.text, 'months', 'Meldinger sendt per måned');
        } else {
          assert.equal(tableRows(page.text, 'months').length, 0, 'a municipality has no month table');
        }
        // Parts: table and chart.
        if (area.omrader) {
          const rows = tableRows(page.text, 'parts');
          assert.deepEqual(rows.map((r) => [r[1], r[2]]), area.omrader.map((p) => [asText(p.tall.sendt), asText(p.tall.levert)]));
          assert.deepEqual(chartBars(page.text, 'parts').map(([label]) => label), rows.map((r) => r[0]));
          assertFoldedUnder(page.text, 'parts', omrade === 'land' ? 'Meldinger sendt per fylke' : 'Meldinger sendt per kommune');
        }
        // CSV: every figure of the area and its parts, as in the JSON.
        const csv = await get(`/api/v1/statistikk?omrade=${omrade}&format=csv`);
        assert.equal(csv.status, 200);
        assert.match(csv.type, /^text\/csv/);
        assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="bekymringsmeldinger-/);
        const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(','));
        assert.deepEqual(lines[0], ['omrade_type', 'omrade_nummer', 'omrade_navn', 'periode', 'tall', 'antall', 'skjult']);
        const expected = [area, ...(area.omrader ?? [])].flatMap((a) => [
          ...Object.entries(a.tall).map(([figure, cell]) => [a.nummer, figure, cell.antall === null ? '' : String(cell.antall), cell.antall === null ? cell.skjult : '']),
          ...(a.perMaaned ?? []).map((m) => [a.nummer, 'sendt', m.sendt.antall === null ? '' : String(m.sendt.antall), m.sendt.antall === null ? m.sendt.skjult : '']),
        ]);
        assert.deepEqual(lines.slice(1).map((l) => [l[1], l[4], l[5], l[6]]), expected);
      });
    }

    test('a municipality under 5,000 inhabitants is only in its county; bad areas get clear answers', async () => {
      const utsira = await get('/statistikk?omrade=1151');
      assert.equal(utsira.status, 200);
      assert.match(utsira.text, /Utsira vises bare i tallene for fylket/);
      assert.match(utsira.text, /href="\/statistikk\?omrade=11"/);
      const apiUtsira = await get('/api/v1/statistikk?omrade=1151');
      assert.equal(apiUtsira.status, 404);
      assert.deepEqual(JSON.parse(apiUtsira.text), { error: 'NOT_FOUND', message: 'Kommunen har færre enn 5 000 innbyggere og vises bare i tallene for fylket.' });
      for (const [path, status] of [['/statistikk?omrade=9999', 404], ['/statistikk?omrade=%3Cscript%3E', 404]] as const) {
        const page = await get(path);
        assert.equal(page.status, status, path);
        assert.match(page.text, /Fant ikke siden/);
        assert.doesNotMatch(page.text, /<script>/);
      }
      const bad = await get('/api/v1/statistikk?omrade=oslo');
      assert.equal(bad.status, 400);
      assert.equal(JSON.parse(bad.text).error, 'BAD_REQUEST');
      const format = await get('/api/v1/statistikk?format=xml');
      assert.equal(format.status, 400);
    });

    test('a new report shows once the snapshot is a minute old, not before', async () => {
      const first = await api('land');
      const before = first.omrade.tall['sendt.privat'];
      await sendPrivateReport(portal, { municipality: '1337', personIndex: 3 });
      assert.deepEqual((await api('land')).omrade.tall['sendt.privat'], before, 'the same snapshot within the minute');
      clock.set(new Date(clock.now().getTime() + 61_000));
      const stale = await api('land'); // served stale while the new one is made (on its worker thread)
      assert.equal(stale.oppdatert, first.oppdatert);
      const next = await waitFor('the new snapshot', async () => {
        const data = await api('land');
        return data.oppdatert !== first.oppdatert ? data : undefined;
      });
      const after = next.omrade.tall['sendt.privat'];
      if (before.antall !== null) assert.equal(before.antall, 8);
      assert.ok(after.antall === 9 || (after.antall === null && after.skjult === 'beskyttet'), `9 private reports now (or protected): ${JSON.stringify(after)}`);
    });
  });
}
