// The law's deadlines for a receiving service (barnevernsloven 2021, docs/decisions/010-mottak.md):
// review within one week of receipt (§ 2-1), investigation within 3 months after the review
// deadline, 6 in special cases (§ 2-2), and feedback to the reporter within 3 weeks. All are
// calendar dates in Oslo: the law counts days and months, not working days.
import { formatIsoDate, parseIsoDate, daysInMonth } from '../rules/iso-date.ts';
import { osloDate, type LocalDate } from '../delivery/working-days.ts';

const DAY_MS = 86_400_000;

function epochDay(date: LocalDate): number {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not an ISO date: ${date}`);
  return Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date((epochDay(date) + days) * DAY_MS);
  return formatIsoDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/**
 * Calendar months, as a lawyer counts them: the same day number, or the month's last day when the
 * target month is shorter (30 November + 3 months = 28 or 29 February).
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not an ISO date: ${date}`);
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatIsoDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

/** § 2-1: the last day the report may be concluded on. SSB flags a conclusion more than 7 days after receipt. */
export function reviewDeadline(receivedAt: Date): LocalDate {
  return addDays(osloDate(receivedAt), 7);
}

export const INVESTIGATION_MONTHS = 3;
export const EXTENDED_INVESTIGATION_MONTHS = 6;

/**
 * § 2-2: 3 months after the review deadline, or 6 when extended. Months, not SSB's 90/180 days:
 * the law says months and SSB's own specification marks its day count as a TODO.
 */
export function investigationDeadline(reviewDeadlineDate: LocalDate, extended: boolean): LocalDate {
  return addMonths(reviewDeadlineDate, extended ? EXTENDED_INVESTIGATION_MONTHS : INVESTIGATION_MONTHS);
}

/** Feedback to the reporter is due within 3 weeks of the event it reports (receipt, or the investigation's end). */
export function feedbackDeadline(eventAt: Date): LocalDate {
  return addDays(osloDate(eventAt), 21);
}

/** Whole days from today in Oslo to the deadline: 0 on the day itself, negative once overdue. */
export function daysUntil(deadline: LocalDate, now: Date): number {
  return epochDay(deadline) - epochDay(osloDate(now));
}
