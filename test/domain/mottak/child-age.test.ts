import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { childAge, type ChildAgeInput } from '../../../src/domain/mottak/child-age.ts';
import { ageOnDate } from '../../../src/domain/rules/fnr.ts';
import { firstNationalId } from '../national-id-helpers.ts';

const none: ChildAgeInput = { identification: 'estimatedAge', fnr: '', birthDate: '', estimatedAge: '', dueDate: '' };
/** Noon in Oslo on a calendar day. */
const on = (isoDate: string) => new Date(`${isoDate}T10:00:00Z`);

describe("a child's age as the caseworker reads it", () => {
  it('is counted from the fnr, a D-number and a Tenor test number alike', () => {
    for (const kind of ['fnr', 'dnr', 'tenor'] as const) {
      const fnr = firstNationalId('2018-03-14', 500, kind);
      assert.deepEqual(childAge({ ...none, identification: 'fnr', fnr }, on('2026-03-13')), { kind: 'known', years: 7, months: 11, from: 'nationalId' }, kind);
      assert.deepEqual(childAge({ ...none, identification: 'fnr', fnr }, on('2026-03-14')), { kind: 'known', years: 8, months: 0, from: 'nationalId' }, kind);
    }
  });

  it('is counted from the birth date on the Norwegian calendar day, in months under one year', () => {
    assert.deepEqual(childAge({ ...none, identification: 'birthDate', birthDate: '2025-11-20' }, on('2026-03-19')), { kind: 'known', years: 0, months: 3, from: 'birthDate' });
    // 23:30 UTC on 19 March is 00:30 on 20 March in Oslo: four months old there.
    assert.deepEqual(childAge({ ...none, identification: 'birthDate', birthDate: '2025-11-20' }, new Date('2026-03-19T23:30:00Z')), { kind: 'known', years: 0, months: 4, from: 'birthDate' });
    assert.deepEqual(childAge({ ...none, identification: 'birthDate', birthDate: '2026-03-19' }, on('2026-03-19')), { kind: 'known', years: 0, months: 0, from: 'birthDate' });
  });

  it('agrees with ageOnDate on the years for any birth date and day', () => {
    const day = fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (birthDate, today) => {
        const age = childAge({ ...none, identification: 'birthDate', birthDate }, on(today));
        const years = ageOnDate(birthDate, on(today));
        if (years < 0) assert.deepEqual(age, { kind: 'unknown' });
        else assert.equal(age.kind === 'known' && age.years, years);
      }),
    );
  });

  it("is the reporter's estimate when that is all there is, and unknown when nothing is", () => {
    assert.deepEqual(childAge({ ...none, estimatedAge: ' 6 ' }, on('2026-03-19')), { kind: 'estimated', text: '6' });
    assert.deepEqual(childAge(none, on('2026-03-19')), { kind: 'unknown' });
    assert.deepEqual(childAge({ ...none, identification: 'fnr', fnr: '12345678901' }, on('2026-03-19')), { kind: 'unknown' }, 'an invalid number tells no age');
    assert.deepEqual(childAge({ ...none, identification: 'birthDate', birthDate: '2027-01-01' }, on('2026-03-19')), { kind: 'unknown' }, 'a birth date in the future is no age');
  });

  it('is the due date for an unborn child, where the reporter knew it', () => {
    assert.deepEqual(childAge({ ...none, identification: 'unborn', dueDate: '2027-03-03' }, on('2026-12-07')), { kind: 'unborn', dueDate: '2027-03-03' });
    assert.deepEqual(childAge({ ...none, identification: 'unborn' }, on('2026-12-07')), { kind: 'unborn', dueDate: null });
  });
});
