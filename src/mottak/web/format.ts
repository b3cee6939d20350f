// Dates and deadlines as a caseworker reads them: Norwegian formats, Oslo time, days left in words.
import type { Translate } from '../../web/i18n.ts';
import { formatNorwegianDate } from '../../domain/rules/iso-date.ts';
import { daysUntil } from '../../domain/mottak/deadlines.ts';
import { osloDate } from '../../domain/delivery/working-days.ts';

const DATE_TIME = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Oslo' });

export function formatDateTime(at: Date): string {
  return DATE_TIME.format(at);
}

export function formatDate(at: Date | string): string {
  return formatNorwegianDate(typeof at === 'string' ? at : osloDate(at));
}

export type DeadlineState = 'ok' | 'soon' | 'today' | 'overdue' | 'done' | 'late';

/** The review deadline in words, and how urgent it has become. */
export function describeReviewDeadline(t: Translate, deadline: string, now: Date, concludedAt: Date | null): { text: string; state: DeadlineState } {
  const date = formatDate(deadline);
  if (concludedAt) {
    const late = osloDate(concludedAt) > deadline;
    return { text: t(late ? 'mottak.deadline.concludedLate' : 'mottak.deadline.concluded', { date: formatDate(concludedAt) }), state: late ? 'late' : 'done' };
  }
  return describeOpenDeadline(t, deadline, now, date);
}

export function describeOpenDeadline(t: Translate, deadline: string, now: Date, date = formatDate(deadline)): { text: string; state: DeadlineState } {
  const days = daysUntil(deadline, now);
  if (days < 0) return { text: t(days === -1 ? 'mottak.deadline.overdueOne' : 'mottak.deadline.overdue', { date, days: -days }), state: 'overdue' };
  if (days === 0) return { text: t('mottak.deadline.today', { date }), state: 'today' };
  return { text: t(days === 1 ? 'mottak.deadline.oneDayLeft' : 'mottak.deadline.daysLeft', { date, days }), state: days <= 2 ? 'soon' : 'ok' };
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} kB`;
  return `${(size / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}
