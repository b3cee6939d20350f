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
// cell neither proves safe gets one more count hidden near it (protect-counts.ts), and the checks
// run again. The tests attack the result with an exact whole-number search.

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
    // The component's relations as dense rows, a fresh copy each call: the elimination below works in
    // place, and the exact range further down needs them as they were.
    const denseRows = () =>
      compRows.map((row) => {
        const line = new Array<number>(n).fill(0);
        for (const { col, a } of row.terms) line[local.get(col)!]! += a;
        return line;
      });
    // Dense reduced row echelon form; components are small (the hidden cells around one area).
    const matrix = denseRows();
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
    const A = denseRows();
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
