import { test } from 'node:test';
import assert from 'node:assert/strict';
import { osloDateAndTime } from '../../../src/portal/submission/render-report-pdf-format.ts';

test('the receipt shows Norwegian wall-clock time, summer and winter, across the new year', () => {
  assert.deepEqual(osloDateAndTime(new Date('2026-07-01T10:05:00Z')), { date: '01.07.2026', time: '12.05' });
  assert.deepEqual(osloDateAndTime(new Date('2026-12-31T23:30:00Z')), { date: '01.01.2027', time: '00.30' });
  assert.deepEqual(osloDateAndTime(new Date('2026-03-29T00:59:00Z')), { date: '29.03.2026', time: '01.59' });
  assert.deepEqual(osloDateAndTime(new Date('2026-03-29T01:00:00Z')), { date: '29.03.2026', time: '03.00' });
});
