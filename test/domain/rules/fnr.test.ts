import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ageOnDate,
  birthDateFromNationalId,
  isTenorTestNumber,
  isValidNationalId,
  normalizeNationalId,
} from '../../../src/domain/rules/fnr.ts';
import { firstNationalId, withCheckDigits } from '../national-id-helpers.ts';

describe('isValidNationalId: which numbers a reporter can give for a child', () => {
  it('accepts ordinary fødselsnumre, including the ones in our fixtures and in KS’s examples', () => {
    for (const fnr of ['13116900216', '02029010075', '28071364498', '16081688781']) {
      assert.equal(isValidNationalId(fnr), true, fnr);
    }
  });

  it('accepts a D-nummer (day + 40)', () => {
    const dnr = firstNationalId('1985-01-01', 400, 'dnr');
    assert.match(dnr, /^410185/);
    assert.equal(isValidNationalId(dnr), true);
  });

  it('accepts Tenor / Test Norge synthetic numbers (month + 80) so ID-porten test persons can log in and report', () => {
    assert.equal(isValidNationalId('10915596784'), true); // from @navikt/fnrvalidator's README
    const tenor = firstNationalId('2014-03-05', 500, 'tenor');
    assert.match(tenor, /^058314/);
    assert.equal(isValidNationalId(tenor), true);
    assert.equal(isTenorTestNumber(tenor), true);
    assert.equal(isTenorTestNumber('13116900216'), false);
  });

  it('accepts Tenor D-numbers (day + 40 and month + 80)', () => {
    const id = withCheckDigits('418501400') ?? withCheckDigits('418501401');
    assert.ok(id);
    assert.equal(isValidNationalId(id), true);
  });

  it('accepts H-numbers (month + 40), which health workers may have for a child', () => {
    assert.equal(isValidNationalId('13527248013'), true);
  });

  it('accepts the 2032 check-digit rule (first check digit from remainder 1–3), as Skatteetaten asks', () => {
    const future = withCheckDigits('010132500', 1) ?? withCheckDigits('010132501', 1);
    assert.ok(future);
    assert.equal(isValidNationalId(future), true);
  });

  it('refuses wrong length, non-digits and separators', () => {
    for (const bad of ['', '1311690021', '131169002166', '1311690021a', '131169 00216', ' 13116900216', '１３１１６９００２１６']) {
      assert.equal(isValidNationalId(bad), false, JSON.stringify(bad));
    }
  });

  it('refuses every single mistyped digit', () => {
    for (const valid of ['13116900216', '28071364498', '10915596784']) {
      for (let i = 0; i < 11; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === valid[i]) continue;
          const typo = valid.slice(0, i) + d + valid.slice(i + 1);
          assert.equal(isValidNationalId(typo), false, `${valid} → ${typo}`);
        }
      }
    }
  });

  it('refuses numbers with correct check digits but an impossible date', () => {
    assert.equal(isValidNationalId('00000000000'), false);
    const feb31 = withCheckDigits('310269002') ?? withCheckDigits('310269003');
    assert.ok(feb31);
    assert.equal(isValidNationalId(feb31), false);
  });

  it('normalizeNationalId removes the space people type after the date', () => {
    assert.equal(normalizeNationalId(' 131169 00216 '), '13116900216');
  });
});

describe('birthDateFromNationalId', () => {
  it('reads the date and the century from the individual number', () => {
    assert.equal(birthDateFromNationalId('13116900216'), '1969-11-13'); // 002 → 1900s
    assert.equal(birthDateFromNationalId('28071364498'), '2013-07-28'); // 644, year 13 → 2000s
    assert.equal(birthDateFromNationalId('16081688781'), '2016-08-16');
    assert.equal(birthDateFromNationalId(firstNationalId('1860-01-01', 500)), '1860-01-01'); // 500–749, year ≥ 54
    assert.equal(birthDateFromNationalId(firstNationalId('1945-05-08', 900)), '1945-05-08'); // 900–999, year ≥ 40
    assert.equal(birthDateFromNationalId(firstNationalId('2005-12-24', 900)), '2005-12-24'); // 900–999, year ≤ 39
  });

  it('undoes the D-number, H-number and Tenor offsets', () => {
    assert.equal(birthDateFromNationalId(firstNationalId('1985-01-01', 400, 'dnr')), '1985-01-01');
    assert.equal(birthDateFromNationalId('13527248013'), '1972-12-13'); // H-number
    assert.equal(birthDateFromNationalId('68467038838'), '1970-06-28'); // D-number + H-number
    assert.equal(birthDateFromNationalId('10915596784'), '1955-11-10'); // Tenor
    assert.equal(birthDateFromNationalId(firstNationalId('2014-03-05', 500, 'tenor')), '2014-03-05');
  });

  it('gives null when the century cannot be known or the number is invalid', () => {
    assert.equal(birthDateFromNationalId(firstNationalId('1950-06-01', 800)), null); // 750–899 with year ≥ 40: never allocated
    assert.equal(birthDateFromNationalId('13116900217'), null);
    assert.equal(birthDateFromNationalId(''), null);
  });

  it('gives null for 29 February in a century where that year is not a leap year', () => {
    // Year "00" with individual number 000–499 is 1900, which had no 29 February.
    const id = firstNationalId('2000-02-29', 100);
    assert.equal(birthDateFromNationalId(id), null);
    assert.equal(birthDateFromNationalId(firstNationalId('2000-02-29', 500)), '2000-02-29');
  });
});

describe('ageOnDate', () => {
  it('counts whole years, turning older on the Norwegian birthday, not the UTC one', () => {
    assert.equal(ageOnDate('2016-08-16', new Date('2026-08-15T21:59:59Z')), 9); // 23:59:59 in Oslo
    assert.equal(ageOnDate('2016-08-16', new Date('2026-08-15T22:00:00Z')), 10); // midnight in Oslo
    assert.equal(ageOnDate('2016-08-16', new Date('2026-07-01T08:15:30Z')), 9);
  });

  it('someone born 29 February turns older on 1 March in common years', () => {
    assert.equal(ageOnDate('2012-02-29', new Date('2025-02-28T12:00:00Z')), 12);
    assert.equal(ageOnDate('2012-02-29', new Date('2025-03-01T12:00:00Z')), 13);
    assert.equal(ageOnDate('2012-02-29', new Date('2024-02-29T12:00:00Z')), 12);
  });

  it('is 0 on the day of birth and negative before it', () => {
    assert.equal(ageOnDate('2026-07-01', new Date('2026-07-01T08:00:00Z')), 0);
    assert.equal(ageOnDate('2026-07-02', new Date('2026-07-01T08:00:00Z')), -1);
  });

  it('refuses a malformed date rather than guessing', () => {
    assert.throws(() => ageOnDate('16.08.2016', new Date()), RangeError);
    assert.throws(() => ageOnDate('2026-02-30', new Date()), RangeError);
  });
});
