import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addWorkingDays,
  easterSunday,
  isWorkingDay,
  norwegianPublicHolidays,
  osloDate,
  osloInstant,
  osloMidnight,
  workingDaysBetween,
} from '../../../src/domain/delivery/working-days.ts';
import { toNorwegianLocalDateTime } from '../../../src/domain/rules/norwegian-time.ts';

/** An Oslo wall-clock time, written the way the cases below are reasoned about. */
const oslo = (localDateTime: string): Date => {
  const [date, time] = localDateTime.split(' ');
  return osloInstant(date!, time);
};
const deadline = (start: string, days = 2): string => toNorwegianLocalDateTime(addWorkingDays(oslo(start), days)).replace('T', ' ');

describe('easterSunday', () => {
  it('matches the published dates', () => {
    const known: Record<number, string> = {
      2000: '2000-04-23',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2028: '2028-04-16',
      2029: '2029-04-01',
      2030: '2030-04-21',
      2038: '2038-04-25',
      // The extremes of the Gregorian range: earliest 22 March, latest 25 April.
      2285: '2285-03-22',
      1943: '1943-04-25',
    };
    for (const [year, expected] of Object.entries(known)) {
      const { year: y, month, day } = easterSunday(Number(year));
      assert.equal(`${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, expected, year);
    }
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2200; year++) {
      const { month, day } = easterSunday(year);
      assert.equal(new Date(Date.UTC(year, month - 1, day)).getUTCDay(), 0, String(year));
      assert.ok((month === 3 && day >= 22) || (month === 4 && day <= 25), String(year));
    }
  });

  it('refuses years the Gregorian computus does not cover', () => {
    for (const year of [1582, 2026.5, Number.NaN, 10000]) assert.throws(() => easterSunday(year), RangeError, String(year));
  });
});

describe('norwegianPublicHolidays', () => {
  it('2026, literally', () => {
    assert.deepEqual(norwegianPublicHolidays(2026), [
      { date: '2026-01-01', name: 'Første nyttårsdag' },
      { date: '2026-04-02', name: 'Skjærtorsdag' },
      { date: '2026-04-03', name: 'Langfredag' },
      { date: '2026-04-05', name: 'Første påskedag' },
      { date: '2026-04-06', name: 'Andre påskedag' },
      { date: '2026-05-01', name: 'Offentlig høytidsdag' },
      { date: '2026-05-14', name: 'Kristi himmelfartsdag' },
      { date: '2026-05-17', name: 'Grunnlovsdag' },
      { date: '2026-05-24', name: 'Første pinsedag' },
      { date: '2026-05-25', name: 'Andre pinsedag' },
      { date: '2026-12-25', name: 'Første juledag' },
      { date: '2026-12-26', name: 'Andre juledag' },
    ]);
  });

  it('2027, when Andre pinsedag is 17 May: both are listed, in date order', () => {
    assert.deepEqual(norwegianPublicHolidays(2027), [
      { date: '2027-01-01', name: 'Første nyttårsdag' },
      { date: '2027-03-25', name: 'Skjærtorsdag' },
      { date: '2027-03-26', name: 'Langfredag' },
      { date: '2027-03-28', name: 'Første påskedag' },
      { date: '2027-03-29', name: 'Andre påskedag' },
      { date: '2027-05-01', name: 'Offentlig høytidsdag' },
      { date: '2027-05-06', name: 'Kristi himmelfartsdag' },
      { date: '2027-05-16', name: 'Første pinsedag' },
      { date: '2027-05-17', name: 'Grunnlovsdag' },
      { date: '2027-05-17', name: 'Andre pinsedag' },
      { date: '2027-12-25', name: 'Første juledag' },
      { date: '2027-12-26', name: 'Andre juledag' },
    ]);
  });

  it('sorts by date when Kristi himmelfartsdag falls on 1 May (2008)', () => {
    const dates = norwegianPublicHolidays(2008).map((h) => h.date);
    assert.deepEqual(dates, [...dates].sort());
    assert.deepEqual(
      norwegianPublicHolidays(2008).filter((h) => h.date === '2008-05-01').map((h) => h.name),
      ['Offentlig høytidsdag', 'Kristi himmelfartsdag'],
    );
  });

  it('returns a fresh list each time, so a caller cannot change the calendar', () => {
    norwegianPublicHolidays(2026).pop();
    assert.equal(norwegianPublicHolidays(2026).length, 12);
    assert.equal(isWorkingDay('2026-12-28'), true);
    assert.equal(isWorkingDay('2026-12-25'), false);
  });
});

describe('isWorkingDay', () => {
  it('skips Saturdays and Sundays', () => {
    assert.equal(isWorkingDay('2026-03-27'), true); // Friday
    assert.equal(isWorkingDay('2026-03-28'), false); // Saturday
    assert.equal(isWorkingDay('2026-03-29'), false); // Sunday
    assert.equal(isWorkingDay('2026-03-30'), true); // Monday
    assert.equal(isWorkingDay('2024-02-29'), true); // Thursday, leap day
    assert.equal(isWorkingDay('2033-01-01'), false); // Saturday and a holiday
  });

  it('skips each movable holiday, and only that day, across years', () => {
    const moving: [string, number][] = [
      ['Skjærtorsdag', -3],
      ['Langfredag', -2],
      ['Første påskedag', 0],
      ['Andre påskedag', 1],
      ['Kristi himmelfartsdag', 39],
      ['Første pinsedag', 49],
      ['Andre pinsedag', 50],
    ];
    for (const year of [2019, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2035, 2038]) {
      const { month, day } = easterSunday(year);
      const easter = Date.UTC(year, month - 1, day);
      const date = (offset: number) => new Date(easter + offset * 86_400_000).toISOString().slice(0, 10);
      for (const [name, offset] of moving) assert.equal(isWorkingDay(date(offset)), false, `${name} ${year}`);
      // The days around them that are not holidays: onsdag før skjærtorsdag, tirsdag etter påske,
      // fredag etter Kristi himmelfart, tirsdag etter pinse.
      for (const offset of [-4, 2, 40, 51]) assert.equal(isWorkingDay(date(offset)), date(offset) !== `${year}-05-17`, `${date(offset)}`);
    }
  });

  it('skips 17 May and 1 May on weekdays', () => {
    assert.equal(isWorkingDay('2028-05-17'), false); // Wednesday
    assert.equal(isWorkingDay('2028-05-16'), true);
    assert.equal(isWorkingDay('2028-05-18'), true);
    assert.equal(isWorkingDay('2025-05-01'), false); // Thursday
    assert.equal(isWorkingDay('2025-05-02'), true);
  });

  it('keeps to the statute: Christmas Eve and New Year’s Eve on weekdays are working days', () => {
    assert.equal(isWorkingDay('2025-12-24'), true); // Wednesday
    assert.equal(isWorkingDay('2025-12-25'), false);
    assert.equal(isWorkingDay('2025-12-26'), false);
    assert.equal(isWorkingDay('2025-12-31'), true);
    assert.equal(isWorkingDay('2026-01-01'), false);
    assert.equal(isWorkingDay('2026-04-04'), false); // Påskeaften is a Saturday
  });

  it('refuses text that is not a calendar date', () => {
    for (const bad of ['2026-02-30', '2026-1-05', '05.01.2026', '2026-01-05T00:00', '']) assert.throws(() => isWorkingDay(bad), RangeError, bad);
  });
});

describe('osloDate, osloInstant and osloMidnight', () => {
  it('midnight is 23:00 UTC in winter and 22:00 UTC in summer', () => {
    assert.equal(osloMidnight('2026-01-15').toISOString(), '2026-01-14T23:00:00.000Z');
    assert.equal(osloMidnight('2026-07-01').toISOString(), '2026-06-30T22:00:00.000Z');
  });

  it('the change days begin in the offset of the day before', () => {
    assert.equal(osloMidnight('2026-03-29').toISOString(), '2026-03-28T23:00:00.000Z');
    assert.equal(osloMidnight('2026-03-30').toISOString(), '2026-03-29T22:00:00.000Z'); // a 23-hour day between
    assert.equal(osloMidnight('2026-10-25').toISOString(), '2026-10-24T22:00:00.000Z');
    assert.equal(osloMidnight('2026-10-26').toISOString(), '2026-10-25T23:00:00.000Z'); // a 25-hour day between
  });

  it('a skipped wall-clock time moves forward by the gap; a repeated one is the first', () => {
    assert.equal(osloInstant('2026-03-29', '01:59:59').toISOString(), '2026-03-29T00:59:59.000Z');
    assert.equal(osloInstant('2026-03-29', '02:30').toISOString(), '2026-03-29T01:30:00.000Z'); // = 03:30 summer time
    assert.equal(osloInstant('2026-03-29', '03:00').toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(osloInstant('2026-10-25', '02:30').toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(osloInstant('2026-10-25', '03:00').toISOString(), '2026-10-25T02:00:00.000Z');
  });

  it('is the inverse of osloDate at midnight and a moment before', () => {
    for (const date of ['2026-01-01', '2026-03-29', '2026-03-30', '2026-10-25', '2026-10-26', '2027-01-01']) {
      assert.equal(osloDate(osloMidnight(date)), date);
      assert.notEqual(osloDate(new Date(osloMidnight(date).getTime() - 1)), date);
    }
  });

  it('refuses malformed dates and times', () => {
    assert.throws(() => osloMidnight('2026-13-01'), RangeError);
    assert.throws(() => osloInstant('2026-01-01', '24:00'), RangeError);
    assert.throws(() => osloInstant('2026-01-01', '9:00'), RangeError);
    assert.throws(() => osloDate(new Date('nonsense')), RangeError);
  });
});

describe('addWorkingDays: the receiving system’s two working days', () => {
  it('Tuesday 10:00 → Thursday 10:00', () => {
    assert.equal(deadline('2026-03-03 10:00'), '2026-03-05 10:00:00');
  });

  it('Friday 14:00 → Tuesday 14:00', () => {
    assert.equal(deadline('2026-03-06 14:00'), '2026-03-10 14:00:00');
  });

  it('Saturday 09:00 → Wednesday 00:00: a day off counts from the next working day', () => {
    assert.equal(deadline('2026-03-07 09:00'), '2026-03-11 00:00:00');
    assert.equal(deadline('2026-03-08 23:59'), '2026-03-11 00:00:00');
  });

  it('a start at midnight uses whole days, and a deadline reached on Friday night moves to Monday 00:00', () => {
    assert.equal(deadline('2026-03-03 00:00'), '2026-03-05 00:00:00');
    assert.equal(deadline('2026-03-05 00:00'), '2026-03-09 00:00:00'); // Thursday and Friday used
  });

  it('Easter 2027: sent on Skjærtorsdag, counted from the Tuesday after Andre påskedag', () => {
    assert.equal(deadline('2027-03-25 10:00'), '2027-04-01 00:00:00');
    assert.equal(deadline('2027-03-24 15:00'), '2027-03-31 15:00:00'); // the Wednesday before
  });

  it('Pentecost 2027: Friday 14 May skips the weekend and 17 May (Andre pinsedag)', () => {
    assert.equal(deadline('2027-05-14 14:00'), '2027-05-19 14:00:00');
    assert.equal(deadline('2027-05-16 12:00'), '2027-05-20 00:00:00');
  });

  it('17 May on a Wednesday (2028)', () => {
    assert.equal(deadline('2028-05-16 10:00'), '2028-05-19 10:00:00');
  });

  it('Kristi himmelfartsdag 2026 (Thursday 14 May)', () => {
    assert.equal(deadline('2026-05-13 09:30'), '2026-05-18 09:30:00');
  });

  it('Christmas: 24 December on a weekday counts, 25 and 26 do not', () => {
    assert.equal(deadline('2025-12-23 10:00'), '2025-12-29 10:00:00'); // Tue → Wed 24 → Mon 29
    assert.equal(deadline('2022-12-23 14:00'), '2022-12-28 14:00:00'); // Friday; 24 is a Saturday
  });

  it('the year boundary: Thursday 31 December 2026 → Tuesday 5 January 2027', () => {
    assert.equal(deadline('2026-12-31 10:00'), '2027-01-05 10:00:00');
  });

  it('spring forward: Friday 27 March 2026 14:00 → Tuesday 14:00, one hour less in real time', () => {
    const start = oslo('2026-03-27 14:00');
    const end = addWorkingDays(start, 2);
    assert.equal(start.toISOString(), '2026-03-27T13:00:00.000Z');
    assert.equal(end.toISOString(), '2026-03-31T12:00:00.000Z');
    assert.equal(end.getTime() - start.getTime(), (4 * 24 - 1) * 3_600_000);
  });

  it('fall back: Friday 23 October 2026 14:00 → Tuesday 14:00, one hour more in real time', () => {
    const start = oslo('2026-10-23 14:00');
    const end = addWorkingDays(start, 2);
    assert.equal(end.toISOString(), '2026-10-27T13:00:00.000Z');
    assert.equal(end.getTime() - start.getTime(), (4 * 24 + 1) * 3_600_000);
  });

  it('a start on a change day (always a Sunday) counts from Monday midnight', () => {
    assert.equal(toNorwegianLocalDateTime(addWorkingDays(new Date('2026-03-29T01:30:00Z'), 2)), '2026-04-01T00:00:00');
    // Both 02:30s of the autumn night.
    assert.equal(addWorkingDays(new Date('2026-10-25T00:30:00Z'), 2).toISOString(), '2026-10-27T23:00:00.000Z');
    assert.equal(addWorkingDays(new Date('2026-10-25T01:30:00Z'), 2).toISOString(), '2026-10-27T23:00:00.000Z');
  });

  it('keeps milliseconds, and gives the start back for 0 days', () => {
    const start = new Date('2026-03-03T09:00:00.123Z');
    assert.equal(addWorkingDays(start, 2).toISOString(), '2026-03-05T09:00:00.123Z');
    assert.equal(addWorkingDays(start, 0).getTime(), start.getTime());
    assert.notEqual(addWorkingDays(start, 0), start);
  });

  it('refuses negative, fractional and non-finite days, and an invalid start', () => {
    const start = new Date('2026-03-03T09:00:00Z');
    for (const days of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) assert.throws(() => addWorkingDays(start, days), RangeError, String(days));
    assert.throws(() => addWorkingDays(new Date('nonsense'), 2), RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working-day time in days', () => {
    assert.equal(workingDaysBetween(oslo('2026-03-03 10:00'), oslo('2026-03-05 10:00')), 2);
    assert.equal(workingDaysBetween(oslo('2026-03-06 14:00'), oslo('2026-03-10 14:00')), 2);
    assert.equal(workingDaysBetween(oslo('2026-03-06 12:00'), oslo('2026-03-07 12:00')), 0.5);
    assert.equal(workingDaysBetween(oslo('2026-03-07 09:00'), oslo('2026-03-08 20:00')), 0);
    assert.equal(workingDaysBetween(oslo('2026-03-10 14:00'), oslo('2026-03-06 14:00')), -2);
  });
});

describe('addWorkingDays: properties over 2020–2035', () => {
  const from = Date.UTC(2020, 0, 1);
  const to = Date.UTC(2036, 0, 1) - 1;
  // Midnights are where off-by-one-day mistakes live, so they are drawn as often as any instant.
  const instant = fc.oneof(
    fc.integer({ min: from, max: to }).map((ms) => new Date(ms)),
    fc.integer({ min: from, max: to }).map((ms) => osloMidnight(osloDate(new Date(ms)))),
  );

  it('the deadline is after the start, on a working day, exactly `days` of working-day time later, and as late as that allows', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 }), (start, days) => {
        const end = addWorkingDays(start, days);
        assert.ok(end.getTime() > start.getTime());
        assert.ok(isWorkingDay(osloDate(end)), `${toNorwegianLocalDateTime(end)} is a working day`);
        assert.equal(workingDaysBetween(start, end), days);
        assert.ok(workingDaysBetween(start, new Date(end.getTime() + 1)) > days);
      }),
      { numRuns: 500 },
    );
  });

  it('adding 1 day twice equals adding 2 days', () => {
    fc.assert(
      fc.property(instant, (start) => {
        assert.equal(addWorkingDays(addWorkingDays(start, 1), 1).getTime(), addWorkingDays(start, 2).getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('a start on a working day keeps its Oslo wall-clock time', () => {
    fc.assert(
      fc.property(instant, (start) => {
        fc.pre(isWorkingDay(osloDate(start)));
        const time = (d: Date) => toNorwegianLocalDateTime(d).slice(11);
        assert.equal(time(addWorkingDays(start, 2)), time(start));
      }),
      { numRuns: 300 },
    );
  });
});
