// How old the child in a report is, as a caseworker needs to know it: from the fnr or D-number or
// the birth date where the reporter gave one, the reporter's estimate where not, and the due date of
// an unborn child. Counted on the Norwegian calendar day of `at`, which is today when the caseworker
// reads the report, not the day it was sent: a child may have had a birthday since.
import type { ChildIdentification } from '../report.ts';
import { birthDateFromNationalId } from '../rules/fnr.ts';
import { parseIsoDate } from '../rules/iso-date.ts';
import { toNorwegianLocalDate } from '../rules/norwegian-time.ts';

export type ChildAge =
  /** Known from the fnr/D-number or the birth date; `months` under one year. */
  | { kind: 'known'; years: number; months: number; from: 'nationalId' | 'birthDate' }
  /** The reporter's estimate, as typed (whole years in our form; any text from another sender). */
  | { kind: 'estimated'; text: string }
  | { kind: 'unborn'; dueDate: string | null }
  | { kind: 'unknown' };

export interface ChildAgeInput {
  identification: ChildIdentification;
  fnr: string;
  birthDate: string;
  estimatedAge: string;
  dueDate: string;
}

export function childAge(child: ChildAgeInput, at: Date): ChildAge {
  switch (child.identification) {
    case 'fnr': {
      const birthDate = birthDateFromNationalId(child.fnr.replace(/\s/g, ''));
      return birthDate ? ageFromBirthDate(birthDate, at, 'nationalId') : { kind: 'unknown' };
    }
    case 'birthDate':
      return ageFromBirthDate(child.birthDate, at, 'birthDate');
    case 'estimatedAge':
      return child.estimatedAge.trim() ? { kind: 'estimated', text: child.estimatedAge.trim() } : { kind: 'unknown' };
    case 'unborn':
      return { kind: 'unborn', dueDate: parseIsoDate(child.dueDate) ? child.dueDate : null };
  }
}

function ageFromBirthDate(birthDate: string, at: Date, from: 'nationalId' | 'birthDate'): ChildAge {
  const birth = parseIsoDate(birthDate);
  const today = parseIsoDate(toNorwegianLocalDate(at));
  if (!birth || !today) return { kind: 'unknown' };
  // Whole months lived, complete on the same day of a month; as ageOnDate (rules/fnr.ts) has it, a
  // child born on 29 February is a year older on 1 March in a common year.
  let months = (today.year - birth.year) * 12 + (today.month - birth.month);
  if (today.day < birth.day) months -= 1;
  // A birth date after today is a typing error, not a negative age.
  if (months < 0) return { kind: 'unknown' };
  return { kind: 'known', years: Math.floor(months / 12), months: months % 12, from };
}

