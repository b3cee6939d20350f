// Value formatting for the report PDF. Kept apart from layout so the rules (Oslo time, Norwegian
// number style) can be read and tested without a PDF in the way.
import type { Address } from '../../domain/report.ts';
import type { Language } from '../../web/i18n.ts';
import { formatDecimal, formatInstant } from '../../web/intl-format.ts';

/**
 * The instant in Norway's wall-clock time, in the PDF's language: the receipt is a legal record of
 * when the report was sent, whatever zone the server runs in. The date in words, so that no reader
 * has to guess the order of day and month.
 */
export function osloDateAndTime(lang: Language, instant: Date): { date: string; time: string } {
  return { date: formatInstant(lang, instant, 'longDate'), time: formatInstant(lang, instant, 'time') };
}

/** One line, skipping the parts the reporter did not know; '' when nothing is known. */
export function addressLine(address: Address): string {
  const place = [address.postcode.trim(), address.city.trim()].filter(Boolean).join(' ');
  return [address.line1.trim(), place].filter(Boolean).join(', ');
}

/** The size with the unit key to print it with; binary units, matching how the upload limits are set. */
export function fileSize(lang: Language, bytes: number): { size: string; unit: 'sizeBytes' | 'sizeKb' | 'sizeMb' } {
  if (bytes < 1024) return { size: formatDecimal(lang, bytes), unit: 'sizeBytes' };
  if (bytes < 1024 * 1024) return { size: formatDecimal(lang, bytes / 1024), unit: 'sizeKb' };
  return { size: formatDecimal(lang, bytes / (1024 * 1024)), unit: 'sizeMb' };
}
