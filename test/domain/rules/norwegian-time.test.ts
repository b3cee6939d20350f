import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toNorwegianLocalDate, toNorwegianLocalDateTime } from '../../../src/domain/rules/norwegian-time.ts';
import { toNorwegianLocalDateTime as reExported } from '../../../src/domain/fiks/map-to-fiks.ts';

const at = (iso: string) => toNorwegianLocalDateTime(new Date(iso));

describe('toNorwegianLocalDateTime: sendingstidspunkt as the receiving service reads it', () => {
  it('is the function the Fiks mapping uses', () => {
    assert.equal(reExported, toNorwegianLocalDateTime);
  });

  it('adds two hours in summer', () => {
    assert.equal(at('2026-07-01T08:15:30Z'), '2026-07-01T10:15:30');
  });

  it('adds one hour in winter, across midnight into the next day', () => {
    assert.equal(at('2026-01-15T23:30:00Z'), '2026-01-16T00:30:00');
  });

  it('crosses the new year in Norway before UTC does', () => {
    assert.equal(at('2026-12-31T23:00:00Z'), '2027-01-01T00:00:00');
  });

  it('writes midnight as 00, never 24', () => {
    assert.equal(at('2026-06-30T22:00:00Z'), '2026-07-01T00:00:00');
  });

  it('drops milliseconds without rounding up', () => {
    assert.equal(at('2026-07-01T08:15:30.999Z'), '2026-07-01T10:15:30');
  });

  it('spring forward, 29 March 2026: 02:00–02:59 never happens', () => {
    assert.equal(at('2026-03-29T00:59:59Z'), '2026-03-29T01:59:59');
    assert.equal(at('2026-03-29T01:00:00Z'), '2026-03-29T03:00:00');
    for (let minute = 0; minute < 180; minute++) {
      const local = toNorwegianLocalDateTime(new Date(Date.UTC(2026, 2, 28, 23, minute)));
      assert.doesNotMatch(local, /^2026-03-29T02:/);
    }
  });

  it('fall back, 25 October 2026: 02:00–02:59 happens twice and the text cannot tell them apart', () => {
    assert.equal(at('2026-10-25T00:59:59Z'), '2026-10-25T02:59:59'); // still summer time
    assert.equal(at('2026-10-25T01:00:00Z'), '2026-10-25T02:00:00'); // winter time
    assert.equal(at('2026-10-25T00:30:00Z'), '2026-10-25T02:30:00');
    assert.equal(at('2026-10-25T01:30:00Z'), '2026-10-25T02:30:00');
    assert.equal(at('2026-10-25T02:00:00Z'), '2026-10-25T03:00:00');
  });

  it('has the Fiks shape, no zone', () => {
    assert.match(at('2026-11-23T11:03:00Z'), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it('refuses an invalid date instead of writing NaN', () => {
    assert.throws(() => toNorwegianLocalDateTime(new Date('nonsense')), RangeError);
  });
});

describe('toNorwegianLocalDate', () => {
  it('is the Norwegian calendar day', () => {
    assert.equal(toNorwegianLocalDate(new Date('2026-01-15T23:30:00Z')), '2026-01-16');
    assert.equal(toNorwegianLocalDate(new Date('2026-07-01T21:59:59Z')), '2026-07-01');
  });
});
