import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FIKS_PHONE_PATTERN, isValidPhone, normalizePhone } from '../../../src/domain/rules/phone.ts';

describe('isValidPhone: what the Fiks telefonnummer pattern accepts, with a sane digit count', () => {
  it('accepts Norwegian and international numbers as people write them', () => {
    for (const phone of ['98765432', '22 00 00 00', '+47 912 34 567', '+4798765432', '987-65-432', '0047 98 76 54 32', '+46 70 123 45 67']) {
      assert.equal(isValidPhone(phone), true, phone);
    }
  });

  it('normalises stray and doubled whitespace before checking', () => {
    assert.equal(normalizePhone('  987  65\t432 '), '987 65 432');
    assert.equal(isValidPhone('  987  65\t432 '), true);
  });

  it('refuses what the Fiks pattern refuses', () => {
    for (const bad of ['(+47) 98765432', '+47 (0) 98765432', '98765432 ext 2', '+ 4798765432', '98765432-', '987--65432', '987 - 65432', '++4798765432', '98.76.54.32', 'nine8765432']) {
      assert.equal(isValidPhone(bad), false, bad);
    }
  });

  it('needs 8–15 digits', () => {
    assert.equal(isValidPhone('1234567'), false);
    assert.equal(isValidPhone('12345678'), true);
    assert.equal(isValidPhone('+123 456 789 012 345'), true);
    assert.equal(isValidPhone('1234567890123456'), false);
    assert.equal(isValidPhone(''), false);
  });

  it('every number we accept also passes the Fiks pattern once normalised', () => {
    for (const phone of ['  22  00 00 00', '+47 912 34 567']) {
      assert.match(normalizePhone(phone), FIKS_PHONE_PATTERN);
    }
  });
});
