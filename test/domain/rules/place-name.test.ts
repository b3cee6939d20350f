// Postal towns from Bring's register, written as a person writes the place's name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeName } from '../../../src/domain/rules/place-name.ts';

test('capitals become a place name, with the small joining words kept small', () => {
  assert.equal(placeName('SANDVIKA'), 'Sandvika');
  assert.equal(placeName('MO I RANA'), 'Mo i Rana');
  assert.equal(placeName('BØ I TELEMARK'), 'Bø i Telemark');
  assert.equal(placeName('KRISTIANSAND S'), 'Kristiansand S');
  assert.equal(placeName('NORD-SOLVÆR'), 'Nord-Solvær');
  assert.equal(placeName('I'), 'I');
});
