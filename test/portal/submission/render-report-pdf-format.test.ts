import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileSize, osloDateAndTime } from '../../../src/portal/submission/render-report-pdf-format.ts';

test('the receipt shows Norwegian wall-clock time, summer and winter, across the new year', () => {
  assert.deepEqual(osloDateAndTime('nb', new Date('2026-07-01T10:05:00Z')), { date: '1. juli 2026', time: '12:05' });
  assert.deepEqual(osloDateAndTime('nb', new Date('2026-12-31T23:30:00Z')), { date: '1. januar 2027', time: '00:30' });
  assert.deepEqual(osloDateAndTime('nb', new Date('2026-03-29T00:59:00Z')), { date: '29. mars 2026', time: '01:59' });
  assert.deepEqual(osloDateAndTime('nb', new Date('2026-03-29T01:00:00Z')), { date: '29. mars 2026', time: '03:00' });
});

test('in the reporter’s language, still on Norwegian time', () => {
  assert.deepEqual(osloDateAndTime('en', new Date('2026-07-01T10:05:00Z')), { date: '1 July 2026', time: '12:05' });
  assert.deepEqual(osloDateAndTime('nn', new Date('2026-12-31T23:30:00Z')), { date: '1. januar 2027', time: '00:30' });
});

test('file sizes with the decimal mark of the language', () => {
  assert.deepEqual(fileSize('nb', 2.5 * 1024 * 1024), { size: '2,5', unit: 'sizeMb' });
  assert.deepEqual(fileSize('en', 2.5 * 1024 * 1024), { size: '2.5', unit: 'sizeMb' });
  assert.deepEqual(fileSize('nb', 300), { size: '300', unit: 'sizeBytes' });
});
