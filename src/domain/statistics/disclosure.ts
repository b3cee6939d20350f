// Disclosure control for published counts of reports of concern. A count of 1–4 is never shown
// (primary suppression: "færre enn 5"), and no hidden count may be worked out from the counts that
// are shown: every total that is published is the sum of its parts, so a hidden part could be
// recovered by subtraction, also across several tables (a month's total minus the other months, a
// county's minus its municipalities, the year minus the private reporters…). Secondary suppression
// hides further counts until every hidden count is proven to have another possible value.
//
// The attacker knows everything published, every relation between the numbers, and what the labels
// say: "fewer than 5" is 1–4, and "hidden" says nothing (any count, 0 included: a count hidden to
// protect another may be 0, or ≥ 5, or a small one whose label had to go). A hidden cell is safe when
// there is a second table that agrees with all of that and differs in the cell. Two checks prove it:
// a whole-number step along a null-space direction of the relations (hidden cells whose changes cancel
// in every published sum) that stays inside every label; failing that, a real-number solution of the
// relations (linear-range.ts) that puts the cell at least one away from its true value. Where a total
// is shown, the hidden parts together may not be 1–4 either, or a small group could be read off. A
// cell neither proves safe gets one more count hidden near it: a shown one, or as a last resort a
// small one loses its label; then the checks run again. The tests attack the result with an exact
// whole-number search.

import { movableCells } from './linear-range.ts';

export type CellId = string;

/** `total` is published as the sum of `parts`. */
export interface Relation {
  total: CellId;
  parts: readonly CellId[];
}

/** What is published for one count. */
export type Disclosed =
  | { kind: 'shown'; value: number }
  /** 1–4: published as "fewer than 5". */
  | { kind: 'small' }
  /** Hidden to protect another count, with no claim about its size. */
  | { kind: 'hidden' };

/** The smallest count that may be shown (other than 0). */
export const MIN_SHOWN = 5;

function bounds(kind: 'small' | 'hidden'): [number, number] {
  return kind === 'small' ? [1, MIN_SHOWN - 1] : [0, Number.POSITIVE_INFINITY];
}

const EPSILON = 1e-9;

/**
 * The hidden cells we cannot prove safe: for none of them is there a second table, as described
 * above, in which the cell has another value. Empty when the publication discloses nothing.
 * `proven` holds cells already proven safe, which hiding more cannot undo (every second table stays
 * one, with the newly hidden cells at their true values); cells proven here are added to it.
 */
export function unsafeCells(values: ReadonlyMap<CellId, number>, disclosed: ReadonlyMap<CellId, Disclosed>, relations: readonly Relation[], proven = new Set<CellId>()): CellId[] {
  const hidden = [...disclosed].filter(([, d]) => d.kind !== 'shown').map(([id]) => id);
  const column = new Map(hidden.map((id, i) => [id, i]));
  const isHidden = (id: CellId) => column.has(id);
  const truth = (id: CellId) => values.get(id) ?? 0;
  const unsafe = new Set<CellId>();

  // Rows of Σ parts − total = 0 over the hidden cells only; grouped into connected components.
  const shownValue = (id: CellId) => (disclosed.get(id) as { value: number } | undefined)?.value ?? 0;
  const rows = relations
    .map((r) => ({
      terms: [...r.parts.filter(isHidden).map((id) => ({ col: column.get(id)!, a: 1 })), ...(isHidden(r.total) ? [{ col: column.get(r.total)!, a: -1 }] : [])],
      // What the hidden terms add up to, from the shown counts.
      rhs: (isHidden(r.total) ? 0 : shownValue(r.total)) - r.parts.filter((id) => !isHidden(id)).reduce((sum, id) => sum + shownValue(id), 0),
    }))
    .filter((row) => row.terms.length > 0);
  const parent = hidden.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const row of rows) for (const { col } of row.terms.slice(1)) parent[find(col)] = find(row.terms[0]!.col);
  const components = new Map<number, { cols: number[]; rows: typeof rows }>();
  hidden.forEach((_, i) => {
    const root = find(i);
    if (!components.has(root)) components.set(root, { cols: [], rows: [] });
    components.get(root)!.cols.push(i);
  });
  for (const row of rows) components.get(find(row.terms[0]!.col))!.rows.push(row);

  for (const { cols, rows: compRows } of components.values()) {
    if (cols.every((c) => proven.has(hidden[c]!))) continue;
    const local = new Map(cols.map((c, i) => [c, i]));
    const n = cols.length;
    // Dense reduced row echelon form; components are small (the hidden cells around one area).
    const matrix = compRows.map((row) => {
      const line = new Array<number>(n).fill(0);
      for (const { col, a } of row.terms) line[local.get(col)!]! += a;
      return line;
    });
    const pivots: number[] = [];
    let rank = 0;
    for (let c = 0; c < n && rank < matrix.length; c++) {
      let best = rank;
      for (let r = rank + 1; r < matrix.length; r++) if (Math.abs(matrix[r]![c]!) > Math.abs(matrix[best]![c]!)) best = r;
      if (Math.abs(matrix[best]![c]!) < EPSILON) continue;
      [matrix[rank], matrix[best]] = [matrix[best]!, matrix[rank]!];
      const pivotRow = matrix[rank]!;
      const p = pivotRow[c]!;
      // Sums of sums stay sparse: touch only the pivot row's non-zero columns (a whole country's
      // hidden cells can form one component of a thousand columns).
      const nonZero: number[] = [];
      for (let k = 0; k < n; k++) {
        if (pivotRow[k] === 0) continue;
        pivotRow[k]! /= p;
        nonZero.push(k);
      }
      for (let r = 0; r < matrix.length; r++) {
        if (r === rank) continue;
        const f = matrix[r]![c]!;
        if (Math.abs(f) < EPSILON) continue;
        const target = matrix[r]!;
        for (const k of nonZero) target[k]! -= f * pivotRow[k]!;
      }
      pivots.push(c);
      rank++;
    }
    const pivotSet = new Set(pivots);
    const safe = new Set<number>(cols.map((c, i) => (proven.has(hidden[c]!) ? i : -1)).filter((i) => i >= 0));
    const label = (i: number) => bounds(disclosed.get(hidden[cols[i]!]!)!.kind as 'small' | 'hidden');
    // A step as its non-zero entries: directions through sums of sums touch few cells, and the
    // trials below add up thousands of them.
    type Step = [index: number, change: number][];
    const fitsFrom = (step: Step, sign: 1 | -1) =>
      step.every(([i, d]) => {
        const [lo, hi] = label(i);
        const next = truth(hidden[cols[i]!]!) + sign * d;
        return next >= lo && next <= hi;
      });
    const steps: Step[] = [];
    // One direction per free column: that cell +1, the pivot cells as the relations demand.
    for (let f = 0; f < n; f++) {
      if (pivotSet.has(f)) continue;
      const direction = new Array<number>(n).fill(0);
      direction[f] = 1;
      pivots.forEach((c, r) => (direction[c] = -matrix[r]![f]!));
      const whole = toIntegers(direction);
      if (!whole) continue;
      const step: Step = [];
      whole.forEach((d, i) => d !== 0 && step.push([i, d]));
      steps.push(step);
      if (fitsFrom(step, 1) || fitsFrom(step, -1)) for (const [i] of step) safe.add(i);
    }
    // Sums of two or three directions reach where single ones hit a label's bound; a fixed seed
    // keeps the outcome the same for the same table.
    let seed = 0x2545f491;
    const random = (k: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % k);
    for (let trial = 0; trial < 40 * steps.length && steps.length > 1 && safe.size < n; trial++) {
      const sum = new Map<number, number>();
      for (let j = 0; j < 2 + random(2); j++) {
        const pick = steps[random(steps.length)]!;
        const sign = random(2) === 0 ? 1 : -1;
        for (const [i, d] of pick) sum.set(i, (sum.get(i) ?? 0) + sign * d);
      }
      const step: Step = [...sum].filter(([, d]) => d !== 0);
      if (step.some(([i]) => !safe.has(i)) && (fitsFrom(step, 1) || fitsFrom(step, -1))) for (const [i] of step) safe.add(i);
    }
    // What the steps could not show, the exact range over the reals decides: a cell that can move by
    // at least one is not pinned (for sums of sums like ours, the extremes are whole numbers).
    const open = cols.map((_, i) => i).filter((i) => !safe.has(i));
    for (const i of safe) proven.add(hidden[cols[i]!]!);
    if (open.length === 0) continue;
    const A = compRows.map((row) => {
      const line = new Array<number>(n).fill(0);
      for (const { col, a } of row.terms) line[local.get(col)!]! += a;
      return line;
    });
    const labels = cols.map((_, i) => label(i));
    const movable = movableCells(A, compRows.map((row) => row.rhs), labels.map((l) => l[0]), labels.map((l) => l[1]), cols.map((c) => truth(hidden[c]!)), open);
    for (const i of open) {
      if (movable?.has(i)) proven.add(hidden[cols[i]!]!);
      else unsafe.add(hidden[cols[i]!]!);
    }
  }

  // A small group read off a shown total: the hidden parts together are 1–4.
  for (const r of relations) {
    if (isHidden(r.total)) continue;
    const hiddenParts = r.parts.filter(isHidden);
    if (hiddenParts.length === 0) continue;
    const group = hiddenParts.reduce((sum, id) => sum + truth(id), 0);
    if (group >= 1 && group < MIN_SHOWN) for (const id of hiddenParts) unsafe.add(id);
  }
  return [...unsafe];
}

/** The smallest whole-number multiple of a rational direction, or undefined if it has none small enough. */
function toIntegers(direction: number[]): number[] | undefined {
  for (let k = 1; k <= 60; k++) {
    const scaled = direction.map((d) => d * k);
    if (scaled.every((d) => Math.abs(d - Math.round(d)) < 1e-6)) return scaled.map((d) => Math.round(d));
  }
  return undefined;
}

/**
 * Decides what to publish for every count. Counts of 0 and of 5 or more are shown unless they must
 * be hidden to protect another; the counts chosen for that are parts before totals, so the figures
 * people look for first (totals) stay visible where they can, and the smallest first.
 */
export function protectCounts(values: ReadonlyMap<CellId, number>, relations: readonly Relation[]): Map<CellId, Disclosed> {
  const disclosed = new Map<CellId, Disclosed>();
  for (const [id, value] of values) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`a count must be a whole number ≥ 0 (${id})`);
    disclosed.set(id, value >= 1 && value < MIN_SHOWN ? { kind: 'small' } : { kind: 'shown', value });
  }
  for (const relation of relations) {
    for (const id of [relation.total, ...relation.parts]) if (!disclosed.has(id)) disclosed.set(id, { kind: 'shown', value: 0 });
  }
  const relationsOf = new Map<CellId, Relation[]>();
  const totals = new Set<CellId>();
  for (const relation of relations) {
    totals.add(relation.total);
    for (const id of [relation.total, ...relation.parts]) {
      const list = relationsOf.get(id) ?? [];
      list.push(relation);
      relationsOf.set(id, list);
    }
  }
  const rank = (c: CellId) => values.get(c) ?? 0;
  /** The cell matching `wanted` at the fewest relation steps from `start` (at most `maxSteps`), best by `order`. */
  /** Every cell matching `wanted` reachable from `start` through hidden cells, best by `order`. */
  const reachable = (start: CellId, wanted: (c: CellId) => boolean, order: (x: CellId, y: CellId) => number): CellId | undefined => {
    const seen = new Set<CellId>([start]);
    const found: CellId[] = [];
    let ring = [start];
    while (ring.length > 0) {
      const next: CellId[] = [];
      for (const c of ring) {
        for (const r of relationsOf.get(c) ?? []) {
          for (const x of [r.total, ...r.parts]) {
            if (seen.has(x)) continue;
            seen.add(x);
            if (wanted(x)) found.push(x);
            else if (disclosed.get(x)!.kind !== 'shown') next.push(x);
          }
        }
      }
      ring = next;
    }
    return found.sort(order)[0];
  };
  const nearest = (start: CellId, wanted: (c: CellId) => boolean, order: (x: CellId, y: CellId) => number, maxSteps = Number.POSITIVE_INFINITY): CellId | undefined => {
    const seen = new Set<CellId>([start]);
    let ring = [start];
    if (wanted(start)) return start;
    for (let step = 0; ring.length > 0 && step < maxSteps; step++) {
      const next: CellId[] = [];
      for (const c of ring) {
        for (const r of relationsOf.get(c) ?? []) {
          for (const x of [r.total, ...r.parts]) {
            if (seen.has(x)) continue;
            seen.add(x);
            next.push(x);
          }
        }
      }
      const found = next.filter(wanted).sort(order);
      if (found.length > 0) return found[0];
      // Only hidden cells carry a leak further.
      ring = next.filter((x) => disclosed.get(x)!.kind !== 'shown');
    }
    return undefined;
  };
  // Each round hides one more count next to every unsafe cell, then looks again. It ends when all
  // are safe, or when an unsafe cell has nothing left around it to hide (all hidden, or no relations).
  const proven = new Set<CellId>();
  const order = (x: CellId, y: CellId) => Number(totals.has(x)) - Number(totals.has(y)) || rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0);
  const shownCount = (c: CellId) => disclosed.get(c)!.kind === 'shown' && rank(c) > 0;
  const shownZero = (c: CellId) => disclosed.get(c)!.kind === 'shown' && rank(c) === 0;
  const small = (c: CellId) => disclosed.get(c)!.kind === 'small';
  // What to hide for an unsafe cell, from the cheapest kind of choice to the dearest: a shown count of
  // 5 or more that is no total (a municipality's figure before a county's, a county's before the
  // country's), beside the cell, then further along the relations through hidden cells (a leak can
  // run through a chain of hidden sums); then the same for totals; then a shown 0 (it sits at its
  // bound and can only move up, so it rarely protects anything); last, a small count loses its
  // label. Within a kind, the smallest count first. A dearer kind is used only in a round where no
  // unsafe cell had a cheaper one: hiding counts near other cells often makes a far one safe too.
  const shownPart = (c: CellId) => shownCount(c) && !totals.has(c);
  const choices: ((id: CellId) => CellId | undefined)[] = [
    (id) => nearest(id, shownPart, order, 1),
    (id) => reachable(id, shownPart, order),
    (id) => nearest(id, shownCount, order, 1),
    (id) => reachable(id, shownCount, order),
    (id) => nearest(id, shownZero, order),
    (id) => nearest(id, small, order),
  ];
  for (let round = 0; round < 100_000; round++) {
    const unsafe = unsafeCells(values, disclosed, relations, proven);
    if (unsafe.length === 0) break;
    let hid = false;
    for (const choose of choices) {
      // One count per relation a round: a second unsafe cell of the same relation may be safe once
      // the first is protected.
      const touched = new Set<Relation>();
      for (const id of unsafe) {
        const around = relationsOf.get(id) ?? [];
        if (around.some((r) => touched.has(r))) continue;
        const chosen = choose(id);
        if (chosen === undefined) continue;
        disclosed.set(chosen, { kind: 'hidden' });
        for (const r of relationsOf.get(chosen) ?? []) touched.add(r);
        for (const r of around) touched.add(r);
        hid = true;
        // A total, a 0 or a small label is dear: one a round, then look again.
        if (choose !== choices[0] && choose !== choices[1]) break;
      }
      if (hid) break;
    }
    if (!hid) break;
  }
  return disclosed;
}
