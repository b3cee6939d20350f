// What the statistics publish from the portal's counts: small municipalities only within their
// county, every figure protected together, and the figures that are shown true and adding up.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MIN_SHOWN, unsafeCells } from '../../../src/domain/statistics/disclosure.ts';
import { FIGURES, MIN_POPULATION_SHOWN, publishStatistics, publishedTable, windowMonths, type MonthlyCount, type Municipality } from '../../../src/domain/statistics/publish.ts';
import { PORTAL_MEASURES } from '../../../src/domain/statistics/measures.ts';

const GEOGRAPHY: Municipality[] = [
  { kommunenummer: '3201', navn: 'Bærum', fylkesnummer: '32', fylkesnavn: 'Akershus', folketall: 130_921 },
  { kommunenummer: '3203', navn: 'Asker', fylkesnummer: '32', fylkesnavn: 'Akershus', folketall: 98_000 },
  { kommunenummer: '3242', navn: 'Flå', fylkesnummer: '32', fylkesnavn: 'Akershus', folketall: MIN_POPULATION_SHOWN - 1 },
  { kommunenummer: '1103', navn: 'Stavanger', fylkesnummer: '11', fylkesnavn: 'Rogaland', folketall: 149_048 },
  { kommunenummer: '1151', navn: 'Utsira', fylkesnummer: '11', fylkesnavn: 'Rogaland', folketall: 215 },
  { kommunenummer: '1144', navn: 'Kvitsøy', fylkesnummer: '11', fylkesnavn: 'Rogaland', folketall: 560 },
];
const MONTHS = windowMonths('2026-11-01', 3);

function count(kommunenummer: string, month: string, measure: string, n: number): MonthlyCount {
  return { kommunenummer, month, measure, count: n };
}

describe('published statistics', () => {
  test('the window is the months ending with the last one, across a new year', () => {
    assert.deepEqual(windowMonths('2026-02-01', 4), ['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
  });

  test('municipalities below the population threshold appear only as their county’s smaller municipalities', () => {
    const result = publishStatistics(GEOGRAPHY, [count('3201', MONTHS[2]!, 'sendt.privat', 40), count('3242', MONTHS[2]!, 'sendt.privat', 12), count('1151', MONTHS[1]!, 'sendt.offentlig', 3), count('1144', MONTHS[1]!, 'sendt.offentlig', 4)], MONTHS);
    const akershus = result.counties.find((c) => c.fylkesnummer === '32')!;
    assert.deepEqual(akershus.municipalities.map((m) => m.navn), ['Bærum', 'Asker'], 'Flå is not listed on its own');
    assert.equal(akershus.smaller?.municipalities, 1);
    const rogaland = result.counties.find((c) => c.fylkesnummer === '11')!;
    assert.deepEqual(rogaland.municipalities.map((m) => m.navn), ['Stavanger']);
    assert.equal(rogaland.smaller?.municipalities, 2);
    // Utsira's 3 and Kvitsøy's 4 together are 7: shown for the group, never for either.
    assert.deepEqual(rogaland.smaller?.figures['sendt.offentlig'], { kind: 'shown', value: 7 });
  });

  test('counts outside the window, and measures the statistics do not know, are left out', () => {
    const result = publishStatistics(GEOGRAPHY, [count('3201', '2025-01-01', 'sendt.privat', 99), count('3201', MONTHS[0]!, 'noe-annet', 50), count('3201', MONTHS[0]!, 'sendt.privat', 20)], MONTHS);
    assert.deepEqual(result.national.figures.sendt, { kind: 'shown', value: 20 });
    assert.deepEqual(result.national.months[MONTHS[0]!], { kind: 'shown', value: 20 });
  });

  // Counts as the portal makes them: a delivery is counted by its channel and by its time together,
  // so the two splits of `levert` agree (a table where they did not could never be counted).
  const amount = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 30 }));
  const place = { kommunenummer: fc.constantFrom(...GEOGRAPHY.map((m) => m.kommunenummer)), month: fc.constantFrom(...MONTHS) };
  const counts = fc
    .array(
      fc.oneof(
        fc.record({ ...place, measure: fc.constantFrom(...PORTAL_MEASURES.filter((m) => !m.startsWith('levert.') && !m.startsWith('leveringstid.'))), count: amount }).map((c) => [c]),
        fc
          .record({ ...place, channel: fc.constantFrom(...PORTAL_MEASURES.filter((m) => m.startsWith('levert.'))), time: fc.constantFrom(...PORTAL_MEASURES.filter((m) => m.startsWith('leveringstid.'))), count: amount })
          .map(({ channel, time, ...c }) => [{ ...c, measure: channel }, { ...c, measure: time }]),
      ),
      { maxLength: 20 },
    )
    .map((groups) => groups.flat());

  test('property: nothing from 1 to 4 is shown, every shown figure is true, and every hidden one is proven safe', () => {
    fc.assert(
      fc.property(counts, (rows) => {
        const { values, relations } = publishedTable(GEOGRAPHY, rows, MONTHS);
        const result = publishStatistics(GEOGRAPHY, rows, MONTHS);
        const areas = [
          ['N', result.national],
          ...result.counties.flatMap((c) => [[`F${c.fylkesnummer}`, c], ...c.municipalities.map((m) => [`K${m.kommunenummer}`, m]), ...(c.smaller ? [[`S${c.fylkesnummer}`, c.smaller]] : [])]),
        ] as [string, { figures: Record<string, { kind: string; value?: number }> }][];
        const disclosed = new Map();
        for (const [area, figures] of areas) {
          for (const figure of FIGURES) {
            const d = figures.figures[figure]!;
            const truth = values.get(`${area}|Y|${figure}`)!;
            disclosed.set(`${area}|Y|${figure}`, d);
            if (d.kind === 'shown') assert.ok(d.value === truth && (truth === 0 || truth >= MIN_SHOWN), `${area} ${figure}: shown ${d.value}, true ${truth}`);
            else assert.ok(d.kind === 'hidden' || (truth >= 1 && truth < MIN_SHOWN), `${area} ${figure}: small but ${truth}`);
          }
        }
        for (const [area, shape] of [['N', result.national], ...result.counties.map((c) => [`F${c.fylkesnummer}`, c])] as [string, { months: Record<string, unknown> }][]) {
          for (const month of MONTHS) disclosed.set(`${area}|${month}|sendt`, shape.months[month]);
        }
        assert.equal(disclosed.size, values.size, 'every published count is in the result');
        assert.deepEqual(unsafeCells(values, disclosed, relations), []);
      }),
      { numRuns: 60 },
    );
  });
});
