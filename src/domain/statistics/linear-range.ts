// How far unknowns can move under linear equalities and bounds, by a small dense two-phase simplex
// with Bland's rule (no cycling). It is the exact attacker of disclosure control over the real
// numbers: given what is published, can a hidden count take another value? Used only for the cells a
// cheaper check cannot prove safe, on the hidden cells around one area.

const EPSILON = 1e-9;

/**
 * Which targets can move: for each x[target], whether some real solution of A·x = b with
 * lower ≤ x ≤ upper (upper may be Infinity) puts it at least one away from `truth` (itself a
 * solution). Every solution the simplex visits on the way proves all the cells it moves at once, so
 * most targets need no optimisation of their own. Undefined when the system has no solution.
 */
export function movableCells(A: readonly number[][], b: readonly number[], lower: readonly number[], upper: readonly number[], truth: readonly number[], targets: readonly number[]): Set<number> | undefined {
  const n = lower.length;
  // Shift to y = x − lower ≥ 0.
  const rhs = b.map((v, r) => v - A[r]!.reduce((s, a, i) => s + a * lower[i]!, 0));
  const bounded = upper.map((u, i) => (Number.isFinite(u) ? i : -1)).filter((i) => i >= 0);
  const m = A.length;
  const rows = m + bounded.length;
  // Columns: y (n), slacks of the bounded (bounded.length), artificials of the equalities (m), rhs.
  const cols = n + bounded.length + m;
  const T: number[][] = [];
  const basis: number[] = [];
  for (let r = 0; r < m; r++) {
    const sign = rhs[r]! < 0 ? -1 : 1;
    const row = new Array<number>(cols + 1).fill(0);
    for (let i = 0; i < n; i++) row[i] = sign * A[r]![i]!;
    row[n + bounded.length + r] = 1;
    row[cols] = sign * rhs[r]!;
    T.push(row);
    basis.push(n + bounded.length + r);
  }
  bounded.forEach((i, k) => {
    const row = new Array<number>(cols + 1).fill(0);
    row[i] = 1;
    row[n + k] = 1;
    row[cols] = upper[i]! - lower[i]!;
    T.push(row);
    basis.push(n + k);
  });
  const artificial = (c: number) => c >= n + bounded.length;

  // Phase 1: minimise the artificials' sum.
  const phase1 = new Array<number>(cols + 1).fill(0);
  for (let c = n + bounded.length; c < cols; c++) phase1[c] = 1;
  if (!minimise(T, basis, phase1, cols, () => true)) return undefined;
  if (objectiveValue(T, basis, phase1, cols) > 1e-7) return undefined;
  // Drive artificials still basic (at zero) out of the basis where a real column can replace them.
  for (let r = 0; r < rows; r++) {
    if (!artificial(basis[r]!)) continue;
    const c = T[r]!.findIndex((v, k) => k < n + bounded.length && Math.abs(v) > EPSILON);
    if (c >= 0) pivot(T, basis, r, c, cols);
  }
  const allowed = (c: number) => !artificial(c);
  const movable = new Set<number>();
  const open = new Set(targets);
  const record = () => {
    const y = new Array<number>(n).fill(0);
    basis.forEach((c, r) => {
      if (c < n) y[c] = T[r]![cols]!;
    });
    for (const i of open) {
      if (Math.abs(y[i]! + lower[i]! - truth[i]!) >= 1 - 1e-7) {
        movable.add(i);
        open.delete(i);
      }
    }
  };
  record();
  // Warm starts: each optimisation begins where the last one ended, which is feasible too.
  for (const target of targets) {
    for (const sign of [-1, 1] as const) {
      if (!open.has(target)) break;
      const cost = new Array<number>(cols + 1).fill(0);
      cost[target] = sign;
      if (!minimise(T, basis, cost, cols, allowed)) {
        // Unbounded: the cell can grow without limit.
        movable.add(target);
        open.delete(target);
        break;
      }
      record();
    }
  }
  return movable;
}

function objectiveValue(T: number[][], basis: number[], cost: number[], cols: number): number {
  return basis.reduce((s, c, r) => s + cost[c]! * T[r]![cols]!, 0);
}

function pivot(T: number[][], basis: number[], r: number, c: number, cols: number): void {
  const row = T[r]!;
  const p = row[c]!;
  for (let k = 0; k <= cols; k++) row[k]! /= p;
  for (let i = 0; i < T.length; i++) {
    if (i === r) continue;
    const f = T[i]![c]!;
    if (Math.abs(f) < EPSILON) continue;
    const target = T[i]!;
    for (let k = 0; k <= cols; k++) target[k]! -= f * row[k]!;
  }
  basis[r] = c;
}

/** Minimises cost·x over the tableau; false when unbounded. Columns not `allowed` never enter. */
function minimise(T: number[][], basis: number[], cost: number[], cols: number, allowed: (c: number) => boolean): boolean {
  // Reduced costs, kept up to date through each pivot like one more row of the tableau.
  const z = cost.slice();
  for (let r = 0; r < T.length; r++) {
    const cb = cost[basis[r]!]!;
    if (cb === 0) continue;
    const row = T[r]!;
    for (let k = 0; k <= cols; k++) z[k]! -= cb * row[k]!;
  }
  for (let iteration = 0; iteration < 50_000; iteration++) {
    // Bland's rule: the first column with a negative reduced cost enters.
    let entering = -1;
    for (let c = 0; c < cols; c++) {
      if (z[c]! < -EPSILON && allowed(c)) {
        entering = c;
        break;
      }
    }
    if (entering < 0) return true;
    let leaving = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < T.length; r++) {
      const a = T[r]![entering]!;
      if (a <= EPSILON) continue;
      const ratio = T[r]![cols]! / a;
      if (ratio < best - EPSILON || (Math.abs(ratio - best) <= EPSILON && basis[r]! < basis[leaving]!)) {
        best = ratio;
        leaving = r;
      }
    }
    if (leaving < 0) return false;
    pivot(T, basis, leaving, entering, cols);
    const f = z[entering]!;
    const row = T[leaving]!;
    for (let k = 0; k <= cols; k++) z[k]! -= f * row[k]!;
  }
  return true;
}
