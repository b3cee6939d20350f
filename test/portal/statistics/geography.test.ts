// The statistics' geography: every municipality in the reference data has a population, and the
// threshold sorts them as the published figures need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadStatisticsGeography } from '../../../src/portal/statistics/geography.ts';
import { MIN_POPULATION_SHOWN } from '../../../src/domain/statistics/publish.ts';

test('all 357 municipalities with their county and a population, summing to Norway’s (SSB, 1 January 2024)', () => {
  const geography = loadStatisticsGeography();
  assert.equal(geography.length, 357);
  assert.equal(geography.reduce((sum, m) => sum + m.folketall, 0), 5_550_203);
  const oslo = geography.find((m) => m.kommunenummer === '0301')!;
  assert.deepEqual([oslo.navn, oslo.fylkesnummer, oslo.folketall], ['Oslo', '03', 717_710]);
  const utsira = geography.find((m) => m.kommunenummer === '1151')!;
  assert.ok(utsira.folketall < MIN_POPULATION_SHOWN, 'Utsira is shown only within Rogaland');
});
