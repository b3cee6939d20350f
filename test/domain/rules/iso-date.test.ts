import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatNorwegianDate, isValidIsoDate, parseIsoDate } from '../../../src/domain/rules/iso-date.ts';

describe('ISO calendar dates typed by people', () => {
  it('accepts real days and refuses rolled-over ones', () => {
    assert.deepEqual(parseIsoDate('2016-08-16'), { year: 2016, month: 8, day: 16 });
    assert.equal(isValidIsoDate('2024-02-29'), true);
    assert.equal(isValidIsoDate('2026-02-29'), false);
    assert.equal(isValidIsoDate('1900-02-29'), false);
    assert.equal(isValidIsoDate('2000-02-29'), true);
    assert.equal(isValidIsoDate('2026-04-31'), false);
    assert.equal(isValidIsoDate('2026-13-01'), false);
    assert.equal(isValidIsoDate('16.08.2016'), false);
    assert.equal(isValidIsoDate('2016-8-16'), false);
  });

  it('formats for Norwegian running text', () => {
    assert.equal(formatNorwegianDate('2016-08-16'), '16.08.2016');
    assert.equal(formatNorwegianDate('not a date'), 'not a date');
  });
});
