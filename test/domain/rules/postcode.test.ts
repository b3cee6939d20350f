import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isValidPostcode } from '../../../src/domain/rules/postcode.ts';

describe('isValidPostcode', () => {
  it('accepts four digits, leading zero included', () => {
    for (const code of ['0262', '1337', '9990']) assert.equal(isValidPostcode(code), true, code);
  });

  it('refuses anything else', () => {
    for (const code of ['262', '02620', 'abcd', ' 0262', '0262 ', '02 62', '']) assert.equal(isValidPostcode(code), false, code);
  });
});
