// Dates and deadlines as a caseworker reads them: short numeric forms in the page's language, Oslo
// time, days left in words.
import type { Language, Translate } from '../../web/i18n.ts';
import { formatCalendarDate, formatInstant } from '../../web/intl-format.ts';
import { daysUntil } from '../../domain/mottak/deadlines.ts';
import { osloDate } from '../../domain/delivery/working-days.ts';

export function formatDateTime(lang: Language, at: Date): string {
  return formatInstant(lang, at, 'short');
}

/** A calendar date ('YYYY-MM-DD'), or the day an instant falls on in Norway. */
export function formatDate(lang: Language, at: Date | string): string {
  return formatCalendarDate(lang, typeof at === 'string' ? at : osloDate(at));
}

export type DeadlineState = 'ok' | 'soon' | 'today' | 'overdue' | 'done' | 'late';

/** The review deadline in words, and how urgent it has become. */
export function describeReviewDeadline(t: Translate, deadline: string, now: Date, concludedAt: Date | null): { text: string; state: DeadlineState } {
  const date = formatDate(t.lang, deadline);
  if (concludedAt) {
    const late = osloDate(concludedAt) > deadline;
    return { text: t(late ? 'mottak.deadline.concludedLate' : 'mottak.deadline.concluded', { date: formatDate(t.lang, concludedAt) }), state: late ? 'late' : 'done' };
  }
  return describeOpenDeadline(t, deadline, now, date);
}

export function describeOpenDeadline(t: Translate, deadline: string, now: Date, date = formatDate(t.lang, deadline)): { text: string; state: DeadlineState } {
  const days = daysUntil(deadline, now);
  if (days < 0) return { text: t(days === -1 ? 'mottak.deadline.overdueOne' : 'mottak.deadline.overdue', { date, days: -days }), state: 'overdue' };
  if (days === 0) return { text: t('mottak.deadline.today', { date }), state: 'today' };
  return { text: t(days === 1 ? 'mottak.deadline.oneDayLeft' : 'mottak.deadline.daysLeft', { date, days }), state: days <= 2 ? 'soon' : 'ok' };
}

