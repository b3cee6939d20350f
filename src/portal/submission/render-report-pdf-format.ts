// Value formatting for the report PDF. Kept apart from layout so the rules (Oslo time, Norwegian
// number style) can be read and tested without a PDF in the way.
import type { Address } from '../../domain/report.ts';
import { toNorwegianLocalDateTime } from '../../domain/rules/norwegian-time.ts';

/**
 * `{ date: 'dd.mm.yyyy', time: 'HH.MM' }` in Europe/Oslo: the receipt is a legal record of when the
 * report was sent, so it shows Norwegian wall-clock time whatever zone the server runs in.
 */
export function osloDateAndTime(instant: Date): { date: string; time: string } {
  const local = toNorwegianLocalDateTime(instant);
  return { date: `${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)}`, time: `${local.slice(11, 13)}.${local.slice(14, 16)}` };
}

/**
 * 'YYYY-MM-DD' → 'dd.mm.yyyy'. Calendar dates carry no zone, so this is string work: going through
 * Date would shift a birth date by a day on a server west of UTC.
 */
export function norwegianDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.trim());
  // An unexpected shape is still printed: better the raw value than nothing on an archival copy.
  return m ? `${m[3]}.${m[2]}.${m[1]}` : isoDate.trim();
}

/** One line, skipping the parts the reporter did not know; '' when nothing is known. */
export function addressLine(address: Address): string {
  const place = [address.postcode.trim(), address.city.trim()].filter(Boolean).join(' ');
  return [address.line1.trim(), place].filter(Boolean).join(', ');
}

const sizeNumber = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 });

/** The size with the unit key to print it with; binary units, matching how the upload limits are set. */
export function fileSize(bytes: number): { size: string; unit: 'sizeBytes' | 'sizeKb' | 'sizeMb' } {
  if (bytes < 1024) return { size: sizeNumber.format(bytes), unit: 'sizeBytes' };
  if (bytes < 1024 * 1024) return { size: sizeNumber.format(bytes / 1024), unit: 'sizeKb' };
  return { size: sizeNumber.format(bytes / (1024 * 1024)), unit: 'sizeMb' };
}
