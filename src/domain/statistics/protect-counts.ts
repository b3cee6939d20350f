// Secondary suppression: which further counts to hide so that no hidden count can be worked out
// (the threat and the checks are described in disclosure.ts). A cell the checks cannot prove safe
// gets one more count hidden near it: a shown one, or as a last resort a small one loses its label;
// then the checks run again, until every hidden count is proven to have another possible value.
import { MIN_SHOWN, unsafeCells, type CellId, type Disclosed, type Relation } from './disclosure.ts';

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
  /** The cells not yet `seen` that share a relation with a cell of `ring`, each marked seen as it is met. */
  const unseenAround = (ring: readonly CellId[], seen: Set<CellId>): CellId[] => {
    const met: CellId[] = [];
    for (const c of ring) {
      for (const r of relationsOf.get(c) ?? []) {
        for (const x of [r.total, ...r.parts]) {
          if (seen.has(x)) continue;
          seen.add(x);
          met.push(x);
        }
      }
    }
    return met;
  };
  /** Every cell matching `wanted` reachable from `start` through hidden cells, best by `order`. */
  const reachable = (start: CellId, wanted: (c: CellId) => boolean, order: (x: CellId, y: CellId) => number): CellId | undefined => {
    const seen = new Set<CellId>([start]);
    const found: CellId[] = [];
    let ring = [start];
    while (ring.length > 0) {
      const next: CellId[] = [];
      for (const x of unseenAround(ring, seen)) {
        if (wanted(x)) found.push(x);
        else if (disclosed.get(x)!.kind !== 'shown') next.push(x);
      }
      ring = next;
    }
    return found.sort(order)[0];
  };
  /** The cell matching `wanted` at the fewest relation steps from `start` (at most `maxSteps`), best by `order`. */
  const nearest = (start: CellId, wanted: (c: CellId) => boolean, order: (x: CellId, y: CellId) => number, maxSteps = Number.POSITIVE_INFINITY): CellId | undefined => {
    const seen = new Set<CellId>([start]);
    let ring = [start];
    if (wanted(start)) return start;
    for (let step = 0; ring.length > 0 && step < maxSteps; step++) {
      const next = unseenAround(ring, seen);
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
