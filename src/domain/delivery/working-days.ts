// The receiving system has two working days to confirm a report before it goes to print. Both
// "working day" and "day" are Norwegian notions: weekends and the statutory public holidays do not
// count, and a day begins and ends at midnight in Oslo, not in UTC. Calendar arithmetic is done on
// `YYYY-MM-DD` strings (days, not instants); only the edges of a day are turned into instants, and
// only through the time-zone database, so summer time needs no rules of our own.
// See docs/decisions/007-working-days.md.
import { formatIsoDate, parseIsoDate, type CalendarDate } from '../rules/iso-date.ts';
import { toNorwegianLocalDate, toNorwegianLocalDateTime } from '../rules/norwegian-time.ts';

/** A calendar day in Norway as ISO `YYYY-MM-DD`, never an instant. */
export type LocalDate = string;

export interface PublicHoliday {
  date: LocalDate;
  name: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// The Gregorian computus is only meaningful from 1583; four digits keep `YYYY-MM-DD` well formed.
const FIRST_YEAR = 1583;
const LAST_YEAR = 9999;

/** Easter Sunday in the Gregorian calendar (the anonymous algorithm, as given by Meeus). */
export function easterSunday(year: number): CalendarDate {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return { year, month: Math.floor(n / 31), day: (n % 31) + 1 };
}

/**
 * The days off by statute: the helligdager of helligdagsloven plus 1 May and 17 May
 * (lov om 1. og 17. mai som høgtidsdager). Christmas Eve and New Year's Eve are not on it, even if
 * many offices close: the deadline follows the law, not local custom. Today's list is applied to
 * every year. When two holidays fall on one day (17 May is Andre pinsedag in 2027), both are listed.
 */
export function norwegianPublicHolidays(year: number): PublicHoliday[] {
  const easter = toEpochDay(easterSunday(year));
  const fromEaster = (offset: number, name: string): PublicHoliday => ({ date: formatIsoDate(fromEpochDay(easter + offset)), name });
  const fixed = (month: number, day: number, name: string): PublicHoliday => ({ date: formatIsoDate({ year, month, day }), name });
  const holidays = [
    fixed(1, 1, 'Første nyttårsdag'),
    fromEaster(-3, 'Skjærtorsdag'),
    fromEaster(-2, 'Langfredag'),
    fromEaster(0, 'Første påskedag'),
    fromEaster(1, 'Andre påskedag'),
    fixed(5, 1, 'Offentlig høytidsdag'),
    fixed(5, 17, 'Grunnlovsdag'),
    fromEaster(39, 'Kristi himmelfartsdag'),
    fromEaster(49, 'Første pinsedag'),
    fromEaster(50, 'Andre pinsedag'),
    fixed(12, 25, 'Første juledag'),
    fixed(12, 26, 'Andre juledag'),
  ];
  // Stable sort: on a shared date the order above (fixed before movable) decides.
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

const holidaySets = new Map<number, ReadonlySet<LocalDate>>();

function holidaySet(year: number): ReadonlySet<LocalDate> {
  let set = holidaySets.get(year);
  if (!set) {
    set = new Set(norwegianPublicHolidays(year).map((h) => h.date));
    holidaySets.set(year, set);
  }
  return set;
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(localDate: LocalDate): boolean {
  const date = parseLocalDate(localDate);
  const weekday = new Date(toEpochDay(date) * DAY_MS).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidaySet(date.year).has(formatIsoDate(date));
}

/** The calendar day it is in Oslo at that instant. */
export function osloDate(instant: Date): LocalDate {
  return toNorwegianLocalDate(instant);
}

/**
 * The instant the Oslo wall clock shows `time` (`HH:mm` or `HH:mm:ss`) on `localDate`.
 * A wall-clock time the spring change skips (02:00–02:59) is moved forward by the gap, and one the
 * autumn change shows twice is the earlier (summer-time) one, as Temporal's `compatible` does, so
 * every wall-clock time has exactly one answer.
 */
export function osloInstant(localDate: LocalDate, time = '00:00'): Date {
  const wall = toEpochDay(parseLocalDate(localDate)) * DAY_MS + parseTime(time);
  // Oslo changes its offset at most once in any two days, so the offsets a day either side are the
  // only candidates.
  const offsetBefore = osloOffsetMs(wall - DAY_MS);
  const offsetAfter = osloOffsetMs(wall + DAY_MS);
  const matching = [wall - offsetBefore, wall - offsetAfter].filter((t) => osloOffsetMs(t) === wall - t);
  if (matching.length > 0) return new Date(Math.min(...matching));
  return new Date(wall - offsetBefore);
}

/** The instant `localDate` begins in Oslo. Midnight always exists there: the clocks change at 02:00. */
export function osloMidnight(localDate: LocalDate): Date {
  return osloInstant(localDate, '00:00');
}

/**
 * The deadline `days` working days after `start`.
 *
 * Definition: working-day time is the time that falls on working days (see `isWorkingDay`) in
 * Oslo, measured in local calendar days: a working day counts as exactly one day however long it is
 * (23, 24 or 25 hours), and an instant inside it has used the elapsed fraction of that day.
 * Weekends and public holidays add nothing. The deadline is the instant at which `days` days of
 * working-day time have elapsed since `start`. When that amount is reached at the end of a working
 * day that is followed by days off, the deadline is the start of the next working day, the last
 * instant at which no more than `days` have elapsed: the receiver is never held to a deadline that
 * expires during a weekend or holiday.
 *
 * So a start on a working day keeps its time of day (Tuesday 10:00 + 2 → Thursday 10:00; Friday
 * 14:00 + 2 → Tuesday 14:00), and a start on a day off counts from the next working day's midnight
 * (Saturday 09:00 + 2 → Wednesday 00:00). Clocks change on Sundays, so the fraction of a working
 * day is its wall-clock time; a start before a summer-time change keeps its wall-clock time and
 * the deadline is an hour nearer or further in real time.
 *
 * `days` is a whole number ≥ 0; 0 gives `start` back.
 */
export function addWorkingDays(start: Date, days: number): Date {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, not ${days}`);
  const from = position(start);
  if (days === 0) return new Date(start.getTime());
  let date = from.date;
  for (let i = 0; i < days; i++) date = nextWorkingDay(date);
  const begin = osloMidnight(date).getTime();
  const length = osloMidnight(nextDate(date)).getTime() - begin;
  // Exact on equal day lengths (every working day has 24 h in practice); the clamp keeps rounding
  // on a day of another length from spilling into the next day.
  const into = from.elapsedMs === 0 ? 0 : Math.min(length - 1, Math.round((from.elapsedMs * length) / from.lengthMs));
  return new Date(begin + into);
}

/**
 * Working-day time from `a` to `b` in days, by the definition of `addWorkingDays`; negative when `b`
 * is before `a`. `workingDaysBetween(start, addWorkingDays(start, n))` is `n`, which lets the
 * deadline be checked (and shown as time left) by a route independent of how it was found.
 */
export function workingDaysBetween(a: Date, b: Date): number {
  if (b.getTime() < a.getTime()) return -workingDaysBetween(b, a);
  const from = position(a);
  const to = position(b);
  let whole = 0;
  for (let date = from.date; date < to.date; date = nextDate(date)) {
    if (isWorkingDay(date)) whole++;
  }
  // Fractions subtracted first so equal times of day cancel exactly.
  return whole + (to.elapsedMs / to.lengthMs - from.elapsedMs / from.lengthMs);
}

interface Position {
  /** The working day the instant is in, or the next one when it is on a day off. */
  date: LocalDate;
  /** Time since that day's midnight (0 for an instant on a day off) and the day's length. */
  elapsedMs: number;
  lengthMs: number;
}

function position(instant: Date): Position {
  const today = osloDate(instant);
  if (isWorkingDay(today)) {
    const begin = osloMidnight(today).getTime();
    return { date: today, elapsedMs: instant.getTime() - begin, lengthMs: osloMidnight(nextDate(today)).getTime() - begin };
  }
  return { date: nextWorkingDay(today), elapsedMs: 0, lengthMs: DAY_MS };
}

function nextWorkingDay(localDate: LocalDate): LocalDate {
  let date = nextDate(localDate);
  while (!isWorkingDay(date)) date = nextDate(date);
  return date;
}

function nextDate(localDate: LocalDate): LocalDate {
  return formatIsoDate(fromEpochDay(toEpochDay(parseLocalDate(localDate)) + 1));
}

/** Oslo's offset from UTC at an instant (local wall clock minus UTC), to the second. */
function osloOffsetMs(instantMs: number): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(toNorwegianLocalDateTime(new Date(instantMs)));
  if (!match) throw new RangeError(`No Oslo time for ${instantMs}`);
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const wall = toEpochDay({ year: year!, month: month!, day: day! }) * DAY_MS + ((hour! * 60 + minute!) * 60 + second!) * 1000;
  return wall - Math.floor(instantMs / 1000) * 1000;
}

function parseLocalDate(localDate: LocalDate): CalendarDate {
  const date = parseIsoDate(localDate);
  if (!date) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${localDate}`);
  checkYear(date.year);
  return date;
}

function parseTime(time: string): number {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  const [hour, minute, second] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3] ?? 0)];
  if (!match || hour > 23 || minute > 59 || second > 59) throw new RangeError(`Not a time of day (HH:mm[:ss]): ${time}`);
  return ((hour * 60 + minute) * 60 + second) * 1000;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`Year must be a whole number from ${FIRST_YEAR} to ${LAST_YEAR}, not ${year}`);
  }
}

// Days since 1970-01-01. setUTCFullYear, unlike Date.UTC, does not read years below 100 as 19xx.
function toEpochDay({ year, month, day }: CalendarDate): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / DAY_MS);
}

function fromEpochDay(epochDay: number): CalendarDate {
  const date = new Date(epochDay * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
