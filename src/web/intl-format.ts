// Dates, times, numbers and sizes as the page's language writes them, through Intl. Instants are
// shown in Norway's time (Europe/Oslo) whatever zone the server runs in: a receipt or a deadline is
// Norwegian wall-clock time. Calendar dates (birth dates, due dates) carry no zone and are never
// shifted through one.
import { intlLocale, type Language } from './i18n.ts';

const OSLO = 'Europe/Oslo';
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format as T;
}

function dateTimeFormat(lang: Language, name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`dt:${lang}:${name}`, () => new Intl.DateTimeFormat(intlLocale(lang), options));
}

export type InstantStyle =
  /** 23.11.2026, 14:30 */
  | 'short'
  /** 23. november 2026 kl. 14:30 */
  | 'long'
  /** 14:30 */
  | 'time'
  /** 23.11.2026 */
  | 'date'
  /** 23. november 2026 */
  | 'longDate';

const INSTANT_OPTIONS: Record<InstantStyle, Intl.DateTimeFormatOptions> = {
  short: { dateStyle: 'short', timeStyle: 'short', timeZone: OSLO },
  long: { dateStyle: 'long', timeStyle: 'short', timeZone: OSLO },
  time: { hour: '2-digit', minute: '2-digit', timeZone: OSLO },
  date: { dateStyle: 'short', timeZone: OSLO },
  longDate: { dateStyle: 'long', timeZone: OSLO },
};

export function formatInstant(lang: Language, at: Date | number, style: InstantStyle): string {
  return dateTimeFormat(lang, style, INSTANT_OPTIONS[style]).format(at);
}

/** Day and month in words with the time, and the year only when it is not this year in Norway. */
export function formatRecentInstant(lang: Language, at: Date, now: Date): string {
  const year = dateTimeFormat(lang, 'year', { year: 'numeric', timeZone: OSLO });
  const sameYear = year.format(at) === year.format(now);
  const options: Intl.DateTimeFormatOptions = sameYear
    ? { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: OSLO }
    : { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: OSLO };
  return dateTimeFormat(lang, sameYear ? 'recent' : 'recentWithYear', options).format(at);
}

/**
 * 'YYYY-MM-DD' in the language's short (23.11.2026) or long (23. november 2026) form. Formatted as
 * a UTC midnight in UTC, so no zone can move it a day. Anything else is shown as it was written.
 */
export function formatCalendarDate(lang: Language, isoDate: string, style: 'short' | 'long' = 'short'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.trim());
  if (!m) return isoDate.trim();
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(utc)) return isoDate.trim();
  return dateTimeFormat(lang, `calendar-${style}`, { dateStyle: style, timeZone: 'UTC' }).format(utc);
}

export function formatDecimal(lang: Language, value: number, maximumFractionDigits = 1): string {
  return cached(`n:${lang}:${maximumFractionDigits}`, () => new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits })).format(value);
}

/** A file size in binary units, as the upload limits are set: "830 kB", "2,4 MB" / "2.4 MB". */
export function formatFileSize(lang: Language, bytes: number): string {
  if (bytes < 1024) return `${formatDecimal(lang, bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatDecimal(lang, Math.max(1, Math.round(bytes / 1024)), 0)} kB`;
  return `${formatDecimal(lang, bytes / (1024 * 1024))} MB`;
}
