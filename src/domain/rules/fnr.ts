// Norwegian national identity numbers (fødselsnummer and its relatives), 11 digits DDMMYY III KK.
//
// Which numbers we accept, and why:
// - fødselsnummer and D-nummer (day + 40): the ids real people have.
// - H-nummer (month + 40): assistance numbers from the health service; a nurse or doctor reporting may
//   only know the child by one. NAV's synthetic test persons (Dolly) use the same month + 40 range.
// - Skatteetaten Tenor / Test Norge synthetic numbers (month + 80, also combined with D-nummer day + 40):
//   ID-porten's test persons carry these, so refusing them would lock testers out of the whole flow.
//   They can never collide with a real person, so accepting them in production costs nothing.
// - The 2032 rule: from 2032 Skatteetaten issues numbers whose first check digit may be computed with
//   remainder 0, 1, 2 or 3, and asks systems to accept both rules now. @navikt/fnrvalidator already
//   does; a single mistyped digit is still caught because the second check digit covers the first.
// The check-digit arithmetic is delegated to @navikt/fnrvalidator (`idnr`, which also recognises
// `tnr`) so we follow NAV's maintained reading of Skatteetaten's rules instead of keeping our own copy.
import { idnr } from '@navikt/fnrvalidator';
import { formatIsoDate, isValidCalendarDate, parseIsoDate } from './iso-date.ts';
import { toNorwegianLocalDate } from './norwegian-time.ts';

const ELEVEN_DIGITS = /^\d{11}$/;

/** People type "131169 00216"; the number itself has no separators. */
export function normalizeNationalId(value: string): string {
  return value.replace(/\s+/g, '');
}

export function isValidNationalId(value: string): boolean {
  if (!ELEVEN_DIGITS.test(value)) return false;
  return idnr(value).status === 'valid';
}

/** Tenor / Test Norge synthetic number: month + 80. Lets an environment refuse test persons if it wants to. */
export function isTenorTestNumber(value: string): boolean {
  return isValidNationalId(value) && Number(value[2]) >= 8;
}

/**
 * The birth date the number encodes (ISO `YYYY-MM-DD`), or null when the number is invalid or its
 * individual number does not say which century. A D-nummer may encode the registration date rather
 * than the birth date when no number was free for the real one (UDI), and Skatteetaten asks systems to
 * take the birth date from Folkeregisteret for numbers issued from 2032; so this is an indication for
 * the case worker, not a registry fact.
 */
export function birthDateFromNationalId(value: string): string | null {
  if (!isValidNationalId(value)) return null;
  let day = Number(value.slice(0, 2));
  let month = Number(value.slice(2, 4));
  const yearInCentury = Number(value.slice(4, 6));
  const individual = Number(value.slice(6, 9));

  if (day > 40) day -= 40; // D-nummer
  if (month > 80) month -= 80; // Tenor / Test Norge synthetic
  else if (month > 40) month -= 40; // H-nummer, NAV synthetic

  const century = centuryFromIndividualNumber(individual, yearInCentury);
  if (century === null) return null;
  const year = century + yearInCentury;
  if (!isValidCalendarDate(year, month, day)) return null;
  return formatIsoDate({ year, month, day });
}

/** Skatteetaten's allocation table; ranges never allocated for that year give null. */
function centuryFromIndividualNumber(individual: number, yearInCentury: number): number | null {
  if (individual <= 499) return 1900;
  if (individual >= 900 && yearInCentury >= 40) return 1900;
  if (individual >= 500 && yearInCentury <= 39) return 2000;
  if (individual >= 500 && individual <= 749 && yearInCentury >= 54) return 1800;
  return null;
}

/**
 * Whole years old on the Norwegian calendar day of `at` (birthdays change at Norwegian midnight, not
 * UTC midnight). Someone born 29 February turns a year older on 1 March in common years.
 */
export function ageOnDate(birthDate: string, at: Date): number {
  const birth = parseIsoDate(birthDate);
  if (!birth) throw new RangeError(`Not an ISO date: ${birthDate}`);
  const today = parseIsoDate(toNorwegianLocalDate(at));
  if (!today) throw new RangeError('Invalid date');
  const hadBirthday = today.month > birth.month || (today.month === birth.month && today.day >= birth.day);
  return today.year - birth.year - (hadBirthday ? 0 : 1);
}
