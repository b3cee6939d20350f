// Dates, ages and deadlines as a caseworker reads them: Norwegian words in the page's language, Oslo
// time, days left in words.
import type { Language, Translate } from '../../web/i18n.ts';
import { formatCalendarDate, formatInstant } from '../../web/intl-format.ts';
import { daysUntil } from '../../domain/mottak/deadlines.ts';
import { osloDate } from '../../domain/delivery/working-days.ts';
import type { ChildAge } from '../../domain/mottak/child-age.ts';
import type { ChildView } from '../report/report-view.ts';

/**
 * "7. desember 2026 kl. 11.38": Norwegian writes the time of day with a full stop where ICU has a
 * colon; a no-break space keeps "kl." with the time when a narrow column wraps.
 */
export function formatDateTime(lang: Language, at: Date): string {
  return formatInstant(lang, at, 'long').replace(/ (\d{2}):(\d{2})$/, '\u00a0$1.$2');
}

/** "14. desember 2026": a calendar date ('YYYY-MM-DD'), or the day an instant falls on in Norway. */
export function formatDate(lang: Language, at: Date | string): string {
  return formatCalendarDate(lang, typeof at === 'string' ? at : osloDate(at), 'long');
}

/** The child's name, or what stands for it when the reporter gave none. */
export function childName(t: Translate, child: ChildView): string {
  return child.name || t(child.age.kind === 'unborn' ? 'mottak.report.child.unborn' : 'mottak.report.child.unnamed');
}

/** "8 år", "5 måneder", "ca. 6 år", "Ufødt, termin 3. mars 2027". */
export function describeAge(t: Translate, age: ChildAge): string {
  switch (age.kind) {
    case 'known':
      if (age.years > 0) return t('mottak.age.years', { years: age.years });
      return age.months === 0 ? t('mottak.age.underOneMonth') : t(age.months === 1 ? 'mottak.age.oneMonth' : 'mottak.age.months', { months: age.months });
    case 'estimated':
      // Our form asks for whole years; another sender's text is shown as written.
      return /^\d{1,2}$/.test(age.text) ? t('mottak.age.estimated', { age: age.text }) : age.text;
    case 'unborn':
      return age.dueDate ? t('mottak.age.unborn', { date: formatDate(t.lang, age.dueDate) }) : t('mottak.age.unbornNoDate');
    case 'unknown':
      return t('mottak.age.unknown');
  }
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
