// What the statistics publish of the receiving services' own figures: services covering few people
// only together, every figure protected as one table, the shown figures true and adding up; and what
// mottak counts for each event.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MIN_SHOWN, unsafeCells } from '../../../src/domain/statistics/disclosure.ts';
import { MIN_POPULATION_SHOWN, windowMonths } from '../../../src/domain/statistics/publish.ts';
import { SERVICE_FIGURES, SERVICE_LEVEL_FIGURES, SERVICE_MONTH_FIGURES, publishServiceStatistics, publishedServiceTable, serviceFigureValues, shareWithinDeadline, type ServiceArea, type ServiceCount } from '../../../src/domain/statistics/publish-services.ts';
import { MOTTAK_MEASURES, conclusionMeasures, feedbackMeasure, reviewMeasure } from '../../../src/domain/statistics/mottak-measures.ts';

const SERVICES: ServiceArea[] = [
  { orgnr: '999000011', navn: 'Barneverntjenesten i Trondheim', folketall: 214_565, kommuner: ['5001'], fylker: ['50'] },
  { orgnr: '999000021', navn: 'Barneverntjenesten i bydel Frogner', folketall: 47_000, kommuner: ['0301'], fylker: ['03'] },
  { orgnr: '999000031', navn: 'Barneverntjenesten i Utsira og Kvitsøy', folketall: 775, kommuner: ['1151', '1144'], fylker: ['11'] },
  { orgnr: '999000041', navn: 'Barneverntjenesten i Flå', folketall: MIN_POPULATION_SHOWN - 1, kommuner: ['3242'], fylker: ['32'] },
];
const MONTHS = windowMonths('2026-11-01', 3);

const count = (orgnr: string, month: string, measure: string, n: number): ServiceCount => ({ orgnr, month, measure, count: n });

describe('what mottak counts', () => {
  test('a conclusion counts its code, its melder, each main area once, and an investigation when it opens one', () => {
    assert.deepEqual(conclusionMeasures({ conclusionCode: '2', reporterCode: '11', contentCodes: ['2.4.05', '2.1.02', '3.1.03'], opensInvestigation: true }), ['konklusjon.2', 'melder.11', 'saksinnhold.2', 'saksinnhold.3', 'undersokelse.apnet']);
    assert.deepEqual(conclusionMeasures({ conclusionCode: '10', reporterCode: '23', contentCodes: ['1.1.01'], opensInvestigation: false }), ['konklusjon.10', 'melder.23', 'saksinnhold.1']);
  });

  test('the deadline day itself is within the deadline', () => {
    assert.equal(reviewMeasure('2026-11-09', '2026-11-09'), 'gjennomgang.innen-frist');
    assert.equal(reviewMeasure('2026-11-10', '2026-11-09'), 'gjennomgang.over-frist');
    assert.equal(feedbackMeasure('2026-11-30', '2026-11-30'), 'tilbakemelding.i-tide');
    assert.equal(feedbackMeasure('2026-12-01', '2026-11-30'), 'tilbakemelding.for-sent');
  });
});

describe("published services' figures", () => {
  test('services covering fewer than the threshold are shown only together; the country is the sum of all', () => {
    const result = publishServiceStatistics(
      SERVICES,
      [count('999000011', MONTHS[2]!, 'mottatt.ikke-haster', 40), count('999000031', MONTHS[2]!, 'mottatt.ikke-haster', 3), count('999000041', MONTHS[1]!, 'mottatt.ikke-haster', 4)],
      MONTHS,
    );
    assert.deepEqual(result.services.map((s) => s.navn), ['Barneverntjenesten i bydel Frogner', 'Barneverntjenesten i Trondheim']);
    assert.equal(result.smaller?.services, 2);
    // 3 and 4 together are 7: shown for the group, never for either.
    assert.deepEqual(result.smaller?.figures.mottatt, { kind: 'shown', value: 7 });
    assert.equal(result.reporting, 4);
    const national = result.national.figures.mottatt;
    assert.ok(national.kind === 'hidden' || (national.kind === 'shown' && national.value === 47), JSON.stringify(national));
  });

  test('a service publishes its totals and conclusion code 2; the code splits only the country, adding up', () => {
    const rows = [count('999000011', MONTHS[2]!, 'konklusjon.2', 9), count('999000011', MONTHS[2]!, 'konklusjon.10', 6), count('999000011', MONTHS[2]!, 'melder.11', 15), count('999000021', MONTHS[1]!, 'konklusjon.10', 7), count('999000021', MONTHS[1]!, 'melder.4', 7)];
    const result = publishServiceStatistics(SERVICES, rows, MONTHS);
    const trondheim = result.services.find((s) => /Trondheim/.test(s.navn))!;
    assert.deepEqual(trondheim.figures.konkludert, { kind: 'shown', value: 15 });
    assert.deepEqual(trondheim.figures['konklusjon.2'], { kind: 'shown', value: 9 });
    assert.ok(!('konklusjon.10' in trondheim.figures) && !('melder.11' in trondheim.figures));
    assert.deepEqual(result.national.figures['konklusjon.10'], { kind: 'shown', value: 13 });
    assert.deepEqual(result.national.figures['melder.11'], { kind: 'shown', value: 15 });
    assert.deepEqual(result.national.figures.konkludert, { kind: 'shown', value: 22 });
  });

  test('an investigation opened is not published apart from conclusion code 2, which is the same number', () => {
    assert.ok(!(SERVICE_FIGURES as readonly string[]).includes('undersokelse.apnet'));
    assert.ok((MOTTAK_MEASURES as readonly string[]).includes('undersokelse.apnet'));
  });

  test("a manager's own figures: the totals are the sums of their parts", () => {
    const values = serviceFigureValues([
      { measure: 'mottatt.haster', count: 2 },
      { measure: 'mottatt.ikke-haster', count: 9 },
      { measure: 'konklusjon.2', count: 3 },
      { measure: 'konklusjon.10', count: 4 },
      { measure: 'melder.4', count: 7 },
      { measure: 'gjennomgang.innen-frist', count: 6 },
      { measure: 'gjennomgang.over-frist', count: 2 },
      { measure: 'undersokelse.apnet', count: 3 },
    ]);
    assert.equal(values.mottatt, 11);
    assert.equal(values.konkludert, 7);
    assert.equal(values.gjennomgang, 8);
    assert.equal(values.tilbakemelding, 0);
    assert.equal(shareWithinDeadline({ 'gjennomgang.innen-frist': { kind: 'shown', value: 6 }, gjennomgang: { kind: 'shown', value: 8 } }), 0.75);
    assert.equal(shareWithinDeadline({ 'gjennomgang.innen-frist': { kind: 'small' }, gjennomgang: { kind: 'shown', value: 8 } }), undefined, 'no share from a hidden count');
  });

  // A month of one service as mottak would send it: conclusions and melders add up to the same.
  const serviceMonth = fc
    .record({
      orgnr: fc.constantFrom(...SERVICES.map((s) => s.orgnr)),
      month: fc.constantFrom(...MONTHS),
      urgent: fc.nat(12),
      other: fc.nat(30),
      conclusions: fc.array(fc.tuple(fc.constantFrom('2', '3', '10'), fc.constantFrom('2', '4', '11', '23')), { maxLength: 12 }),
      within: fc.nat(20),
      over: fc.nat(6),
      late: fc.nat(4),
    })
    .map((m) => {
      const rows = [count(m.orgnr, m.month, 'mottatt.haster', m.urgent), count(m.orgnr, m.month, 'mottatt.ikke-haster', m.other), count(m.orgnr, m.month, 'gjennomgang.innen-frist', m.within), count(m.orgnr, m.month, 'gjennomgang.over-frist', m.over), count(m.orgnr, m.month, 'tilbakemelding.for-sent', m.late)];
      for (const [code, melder] of m.conclusions) rows.push(count(m.orgnr, m.month, `konklusjon.${code}`, 1), count(m.orgnr, m.month, `melder.${melder}`, 1), count(m.orgnr, m.month, 'saksinnhold.2', 1));
      return rows;
    });

  test('property: nothing from 1 to 4 is shown, every shown figure is true, and every hidden one is proven safe', () => {
    fc.assert(
      fc.property(fc.array(serviceMonth, { maxLength: 5 }), (months) => {
        const rows = months.flat();
        const { values, relations } = publishedServiceTable(SERVICES, rows, MONTHS);
        const result = publishServiceStatistics(SERVICES, rows, MONTHS);
        const areas = [['N', result.national], ...result.services.map((s) => [`T${s.orgnr}`, s]), ...(result.smaller ? [['TS', result.smaller]] : [])] as [string, { figures: Record<string, { kind: string; value?: number }> }][];
        const disclosed = new Map();
        for (const [area, figures] of areas) {
          // The code splits are the country's only.
          assert.deepEqual(Object.keys(figures.figures).sort(), [...(area === 'N' ? SERVICE_FIGURES : SERVICE_LEVEL_FIGURES)].sort(), area);
          for (const figure of Object.keys(figures.figures)) {
            const d = figures.figures[figure]!;
            const truth = values.get(`${area}|Y|${figure}`)!;
            disclosed.set(`${area}|Y|${figure}`, d);
            if (d.kind === 'shown') assert.ok(d.value === truth && (truth === 0 || truth >= MIN_SHOWN), `${area} ${figure}: shown ${d.value}, true ${truth}`);
            else assert.ok(d.kind === 'hidden' || (truth >= 1 && truth < MIN_SHOWN), `${area} ${figure}: small but ${truth}`);
          }
        }
        for (const month of MONTHS) for (const figure of [...SERVICE_MONTH_FIGURES, 'gjennomgang'] as const) disclosed.set(`N|${month}|${figure}`, result.national.months[month]![figure]);
        assert.equal(disclosed.size, values.size, 'every published count is in the result');
        assert.deepEqual(unsafeCells(values, disclosed, relations), []);
      }),
      { numRuns: 40 },
    );
  });
});
