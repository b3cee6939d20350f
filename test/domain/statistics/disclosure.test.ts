// Disclosure control: no count from 1 to 4 is shown, and no hidden count can be worked out from what
// is shown. The property tests build random published cubes (areas in a hierarchy × months with a
// year total × reporter type) from random counts, protect them, and then attack them the slow, exact
// way: every whole-number assignment of the hidden cells that agrees with everything published is
// searched for, and each hidden cell must have at least two possible values.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MIN_SHOWN, unsafeCells, type CellId, type Disclosed, type Relation } from '../../../src/domain/statistics/disclosure.ts';
import { protectCounts } from '../../../src/domain/statistics/protect-counts.ts';

/** A published table as the statistics page builds it: leaves are counted, the rest are sums. */
interface Cube {
  values: Map<CellId, number>;
  relations: Relation[];
}

interface Shape {
  /** Number of municipalities under each county (0: the county is counted itself). */
  counties: number[];
  months: number;
  split: boolean;
}

function buildCube(shape: Shape, leafValues: number[]): Cube {
  const areas: { id: string; children: string[] }[] = [];
  const counties = shape.counties.map((n, c) => {
    const id = `F${c}`;
    const children = Array.from({ length: n }, (_, m) => `${id}K${m}`);
    for (const child of children) areas.push({ id: child, children: [] });
    areas.push({ id, children });
    return id;
  });
  areas.push({ id: 'N', children: counties });
  const months = Array.from({ length: shape.months }, (_, m) => `M${m}`);
  const kinds = shape.split ? ['privat', 'offentlig'] : [];
  const values = new Map<CellId, number>();
  const relations: Relation[] = [];
  const id = (area: string, period: string, kind = 'alle') => `${area}|${period}|${kind}`;
  let next = 0;
  const leaf = () => leafValues[next++ % leafValues.length]!;
  // Leaves: a leaf area in a month, per reporter type when split.
  for (const area of areas.filter((a) => a.children.length === 0)) {
    for (const month of months) {
      if (kinds.length) for (const kind of kinds) values.set(id(area.id, month, kind), leaf());
      else values.set(id(area.id, month), leaf());
    }
  }
  const sum = (ids: string[]) => ids.reduce((s, x) => s + values.get(x)!, 0);
  const relate = (total: string, parts: string[]) => {
    if (!values.has(total)) values.set(total, sum(parts));
    relations.push({ total, parts });
  };
  for (const kind of kinds.length ? [...kinds, 'alle'] : ['alle']) {
    for (const area of areas) {
      for (const month of months) {
        if (area.children.length) relate(id(area.id, month, kind), area.children.map((c) => id(c, month, kind)));
        if (kind === 'alle' && kinds.length) relate(id(area.id, month), kinds.map((k) => id(area.id, month, k)));
      }
      relate(id(area.id, 'Y', kind), months.map((m) => id(area.id, m, kind)));
    }
  }
  // Every margin in every dimension, as the page publishes them: year totals of parents are sums
  // of their children's, and a year total of all reporters is the sum of the two kinds.
  for (const kind of kinds.length ? [...kinds, 'alle'] : ['alle']) {
    for (const area of areas.filter((a) => a.children.length)) relations.push({ total: id(area.id, 'Y', kind), parts: area.children.map((c) => id(c, 'Y', kind)) });
  }
  if (kinds.length) for (const area of areas) relations.push({ total: id(area.id, 'Y'), parts: kinds.map((k) => id(area.id, 'Y', k)) });
  // Totals computed above in area order; recompute bottom-up so every sum is right.
  for (let pass = 0; pass < 4; pass++) for (const r of relations) values.set(r.total, sum([...r.parts]));
  return { values, relations };
}

type Verdict = 'another value' | 'pinned' | 'too big';

/**
 * The exact attacker, for one hidden cell: is there a whole-number table, other than the true one,
 * that agrees with everything published (shown counts, every relation, small cells 1–4, hidden ones
 * 0 up to a cap above any true value; a cap only makes the attacker stronger) and gives the cell
 * another value? A depth-first search that fixes the cell first, tries values near the true ones
 * first, and fills in any cell a relation leaves with one unknown. "pinned" only after searching
 * every table; "too big" when the step budget ran out first.
 */
function attackCell(cube: Cube, disclosed: Map<CellId, Disclosed>, target: CellId, budget = 50_000): Verdict {
  const hidden = [...disclosed].filter(([, d]) => d.kind !== 'shown').map(([id]) => id);
  const cap = Math.max(...cube.values.values()) * 2 + MIN_SHOWN;
  const domain = (id: CellId): [number, number] => (disclosed.get(id)!.kind === 'small' ? [1, MIN_SHOWN - 1] : [0, cap]);
  /** The domain, nearest the true value first. */
  const candidates = (id: CellId, skip?: number): number[] => {
    const [lo, hi] = domain(id);
    const truth = cube.values.get(id)!;
    return Array.from({ length: hi - lo + 1 }, (_, k) => lo + k)
      .filter((v) => v !== skip)
      .sort((a, b) => Math.abs(a - truth) - Math.abs(b - truth) || a - b);
  };
  const assigned = new Map<CellId, number>();
  const valueOf = (id: CellId) => {
    const d = disclosed.get(id)!;
    return d.kind === 'shown' ? d.value : assigned.get(id);
  };
  let steps = 0;
  function solve(): boolean {
    if (++steps > budget) return false;
    const forced: CellId[] = [];
    const undo = () => forced.forEach((id) => assigned.delete(id));
    for (let changed = true; changed; ) {
      changed = false;
      for (const r of cube.relations) {
        const unknown = [r.total, ...r.parts].filter((c) => valueOf(c) === undefined);
        if (unknown.length > 1) continue;
        const partsSum = r.parts.reduce((sum, p) => sum + (valueOf(p) ?? 0), 0);
        const total = valueOf(r.total);
        if (unknown.length === 0) {
          if (partsSum !== total) return (undo(), false);
          continue;
        }
        const u = unknown[0]!;
        const v = u === r.total ? partsSum : total! - partsSum;
        const [lo, hi] = domain(u);
        if (v < lo || v > hi) return (undo(), false);
        assigned.set(u, v);
        forced.push(u);
        changed = true;
      }
    }
    const open = hidden.find((id) => !assigned.has(id));
    if (open === undefined) return true;
    for (const v of candidates(open)) {
      assigned.set(open, v);
      if (solve()) return true;
      assigned.delete(open);
      if (steps > budget) break;
    }
    undo();
    return false;
  }
  for (const v of candidates(target, cube.values.get(target))) {
    assigned.clear();
    assigned.set(target, v);
    if (solve()) return 'another value';
    if (steps > budget) return 'too big';
  }
  return 'pinned';
}

const shapes = fc.record({
  counties: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
  months: fc.integer({ min: 1, max: 3 }),
  split: fc.boolean(),
});
// Small enough for the exhaustive search to finish.
const searchableShapes = fc.record({
  counties: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 2 }),
  months: fc.integer({ min: 1, max: 2 }),
  split: fc.boolean(),
});
// Mostly small counts, where disclosure happens; zeros and larger ones too.
const counts = fc.array(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 2, arbitrary: fc.integer({ min: 5, max: 12 }) }), { minLength: 1, maxLength: 40 });

describe('disclosure control', () => {
  test('a small part in a line whose total is shown takes the smallest other part with it', () => {
    const values = new Map([['a', 3], ['b', 9], ['c', 6], ['t', 18]]);
    const result = protectCounts(values, [{ total: 't', parts: ['a', 'b', 'c'] }]);
    assert.deepEqual(Object.fromEntries(result), { a: { kind: 'small' }, b: { kind: 'shown', value: 9 }, c: { kind: 'hidden' }, t: { kind: 'shown', value: 18 } });
  });

  test('two small parts of 1 whose sum could be worked out (2 from the total) take a third count with them', () => {
    const values = new Map([['a', 1], ['b', 1], ['c', 7], ['t', 9]]);
    const result = protectCounts(values, [{ total: 't', parts: ['a', 'b', 'c'] }]);
    assert.equal(result.get('c')!.kind, 'hidden', 'a and b alone would both be pinned to 1');
    assert.deepEqual(unsafeCells(values, result, [{ total: 't', parts: ['a', 'b', 'c'] }]), []);
  });

  test('zeros and counts of 5 or more are shown where nothing small needs them hidden', () => {
    const values = new Map([['a', 0], ['b', 5], ['t', 5]]);
    const result = protectCounts(values, [{ total: 't', parts: ['a', 'b'] }]);
    assert.deepEqual([...result.values()].map((d) => d.kind), ['shown', 'shown', 'shown']);
  });

  test('a small total hides itself, and the parts it would give away', () => {
    const values = new Map([['a', 0], ['b', 3], ['t', 3]]);
    const relations = [{ total: 't', parts: ['a', 'b'] }];
    const result = protectCounts(values, relations);
    assert.equal(result.get('t')!.kind, 'small');
    assert.equal(result.get('b')!.kind, 'small');
    assert.deepEqual(unsafeCells(values, result, relations), []);
  });

  test('refuses a count that is not a whole number ≥ 0', () => {
    assert.throws(() => protectCounts(new Map([['a', -1]]), []), RangeError);
    assert.throws(() => protectCounts(new Map([['a', 1.5]]), []), RangeError);
  });

  test('property: nothing from 1 to 4 is shown, what is shown is true, and the labels are honest', () => {
    fc.assert(
      fc.property(shapes, counts, (shape, leaves) => {
        const cube = buildCube(shape, leaves);
        const result = protectCounts(cube.values, cube.relations);
        for (const r of cube.relations) assert.equal(r.parts.reduce((sum, p) => sum + cube.values.get(p)!, 0), cube.values.get(r.total), 'the cube adds up');
        for (const [id, value] of cube.values) {
          const d = result.get(id)!;
          if (value >= 1 && value < MIN_SHOWN) assert.notEqual(d.kind, 'shown', `${id}: ${value} is never shown`);
          if (d.kind === 'shown') assert.ok(d.value === value && (value === 0 || value >= MIN_SHOWN), `${id}: shown ${d.value}, true ${value}`);
          if (d.kind === 'small') assert.ok(value >= 1 && value < MIN_SHOWN, `${id}: marked small, true ${value}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('property: no hidden count can be worked out from the published ones, by an exhaustive search', () => {
    let searched = 0;
    let tooBig = 0;
    fc.assert(
      fc.property(searchableShapes, counts, (shape, leaves) => {
        const cube = buildCube(shape, leaves);
        const result = protectCounts(cube.values, cube.relations);
        for (const [id, d] of result) {
          if (d.kind === 'shown') continue;
          const verdict = attackCell(cube, result, id);
          if (verdict === 'too big') tooBig++;
          else searched++;
          assert.notEqual(verdict, 'pinned', `${id} (true ${cube.values.get(id)}) can be worked out: no other value fits what is published`);
        }
      }),
      { numRuns: 200 },
    );
    // The exhaustive search must have decided almost every case, or this test proves little.
    assert.ok(tooBig <= searched / 10, `${tooBig} cells too big to search, ${searched} decided`);
  });

  test('property: the protection leaves no cell its own check cannot prove safe', () => {
    fc.assert(
      fc.property(shapes, counts, (shape, leaves) => {
        const cube = buildCube(shape, leaves);
        const result = protectCounts(cube.values, cube.relations);
        assert.deepEqual(unsafeCells(cube.values, result, cube.relations), []);
      }),
      { numRuns: 300 },
    );
  });
});
