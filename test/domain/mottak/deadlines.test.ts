import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, addMonths, daysUntil, feedbackDeadline, investigationDeadline, reviewDeadline } from '../../../src/domain/mottak/deadlines.ts';

describe('legal deadlines of a receiving service', () => {
  it('a report received late on a Sunday evening in Oslo is due for review one week after that Sunday', () => {
    // 22:30 UTC on Sunday 1 March 2026 is 23:30 in Oslo, still Sunday.
    assert.equal(reviewDeadline(new Date('2026-03-01T22:30:00Z')), '2026-03-08');
    // 23:30 UTC is 00:30 Monday in Oslo.
    assert.equal(reviewDeadline(new Date('2026-03-01T23:30:00Z')), '2026-03-09');
  });

  it('counts calendar days across the summer-time change and the new year', () => {
    assert.equal(reviewDeadline(new Date('2026-03-28T12:00:00Z')), '2026-04-04');
    assert.equal(reviewDeadline(new Date('2026-12-28T12:00:00Z')), '2027-01-04');
  });

  it('an investigation is due 3 months after the review deadline, 6 when extended, clamped to the month end', () => {
    assert.equal(investigationDeadline('2026-03-08', false), '2026-06-08');
    assert.equal(investigationDeadline('2026-03-08', true), '2026-09-08');
    assert.equal(investigationDeadline('2026-11-30', false), '2027-02-28');
    assert.equal(investigationDeadline('2027-11-30', false), '2028-02-29');
    assert.equal(investigationDeadline('2026-08-31', true), '2027-02-28');
  });

  it('feedback is due 21 days after the event', () => {
    assert.equal(feedbackDeadline(new Date('2026-11-23T09:00:00Z')), '2026-12-14');
  });

  it('days left are 0 on the day itself and negative when overdue', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    assert.equal(daysUntil('2026-11-23', now), 0);
    assert.equal(daysUntil('2026-11-30', now), 7);
    assert.equal(daysUntil('2026-11-20', now), -3);
  });

  it('addDays and addMonths agree with the calendar for any date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.integer({ min: -400, max: 400 }), (date, days) => {
        const iso = date.toISOString().slice(0, 10);
        const expected = new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        assert.equal(addDays(iso, days), expected);
      }),
    );
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 24 }), (date, months) => {
        const iso = date.toISOString().slice(0, 10);
        const result = addMonths(iso, months);
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        const [ry, rm, rd] = result.split('-').map(Number) as [number, number, number];
        assert.equal((ry * 12 + rm) - (y * 12 + m), months);
        // Same day number unless the target month is shorter, then its last day.
        const lastDay = new Date(Date.UTC(ry, rm, 0)).getUTCDate();
        assert.equal(rd, Math.min(d, lastDay));
      }),
    );
  });
});
