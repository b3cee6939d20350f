// The exact real-number attacker of disclosure control: which unknowns can move by one or more.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { movableCells } from '../../../src/domain/statistics/linear-range.ts';

test('two parts of a shown total, each 0–4: both can move; with one fixed at its bound, neither', () => {
  // x0 + x1 = 5, 1 ≤ x ≤ 4, truth (2, 3): (1, 4) and (4, 1) are other tables.
  assert.deepEqual([...movableCells([[1, 1]], [5], [1, 1], [4, 4], [2, 3], [0, 1])!].sort(), [0, 1]);
  // x0 + x1 = 8 with both ≤ 4: only (4, 4).
  assert.deepEqual([...movableCells([[1, 1]], [8], [1, 1], [4, 4], [4, 4], [0, 1])!], []);
});

test('a hidden count without upper bound beside a small one: the small one can move within its bound', () => {
  // x0 (small, 1–4) + x1 (hidden, ≥ 0) = 9, truth (3, 6).
  assert.deepEqual([...movableCells([[1, 1]], [9], [1, 0], [4, Infinity], [3, 6], [0, 1])!].sort(), [0, 1]);
});

test('a chain of sums that pins a cell: x0 = x1, x1 = 2 − x2, x2 ≥ 2', () => {
  const moved = movableCells([[1, -1, 0], [0, 1, 1]], [0, 2], [0, 0, 2], [4, 4, Infinity], [0, 0, 2], [0, 1, 2])!;
  assert.deepEqual([...moved], [], 'x2 = 2 forces x1 = 0 and x0 = 0');
});

test('no solution at all is reported as such', () => {
  assert.equal(movableCells([[1, 1]], [20], [0, 0], [4, 4], [0, 0], [0]), undefined);
});
