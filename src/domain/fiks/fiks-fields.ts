// The pieces both Fiks documents put in fields of their own: the recipient, addresses, a child's name,
// fnr and age. Fields the schema wants on one line are flattened, because one stray newline would
// make the whole report undeliverable; where the schema requires a value the reporter did not know,
// the piece says so in words (FIKS_TEXTS) rather than inventing one.
import type { Address, Child, Recipient } from '../report.ts';
import { ageOnDate, birthDateFromNationalId } from '../rules/fnr.ts';
import { isValidIsoDate } from '../rules/iso-date.ts';
import { toSingleLine } from '../rules/text.ts';
import type { FiksAdresse, NonEmpty } from './fiks-document.ts';
import { FIKS_TEXTS } from './fiks-texts.ts';

export function recipientFields(recipient: Recipient) {
  const bydelsnummer = recipient.bydelsnummer || '00';
  return {
    kommunenummer: recipient.kommunenummer,
    kommunenavn: toSingleLine(recipient.kommunenavn),
    bydelsnummer,
    bydelsnavn: bydelsnummer === '00' ? '' : toSingleLine(recipient.bydelsnavn),
  };
}

export function toFiksAddress(address: Address): FiksAdresse {
  const adresse: FiksAdresse = { adresselinje1: toSingleLine(address.line1) || FIKS_TEXTS.unknownAddress };
  const postcode = toSingleLine(address.postcode);
  const city = toSingleLine(address.city);
  if (postcode) adresse.postnummer = postcode;
  if (city) adresse.poststed = city;
  return adresse;
}

export function hasAnyAddressPart(address: Address): boolean {
  return [address.line1, address.postcode, address.city].some((part) => toSingleLine(part) !== '');
}

export function childName(child: Child): string {
  const name = toSingleLine(child.name);
  if (name) return name;
  return child.identification === 'unborn' ? FIKS_TEXTS.unbornChildName : FIKS_TEXTS.unnamedChild;
}

export function childFnr(child: Child): string {
  return child.identification === 'fnr' ? child.fnr.trim() : '';
}

/** Whole years at submission, as Fiks `antattAlder` (a string): typed, computed, or "Ufødt". */
export function childAge(child: Child, submittedAt: Date): string | undefined {
  switch (child.identification) {
    case 'estimatedAge':
      return toSingleLine(child.estimatedAge) || undefined;
    case 'birthDate':
      return ageFromBirthDate(child.birthDate, submittedAt);
    case 'fnr': {
      const birthDate = birthDateFromNationalId(child.fnr.trim());
      return birthDate ? ageFromBirthDate(birthDate, submittedAt) : undefined;
    }
    case 'unborn':
      return FIKS_TEXTS.unbornAge;
  }
}

export function ageFromBirthDate(birthDate: string, at: Date): string | undefined {
  if (!isValidIsoDate(birthDate)) return undefined;
  const age = ageOnDate(birthDate, at);
  return age >= 0 ? String(age) : undefined;
}

export function nonEmpty<T>(items: T[]): NonEmpty<T> {
  const [first, ...rest] = items;
  if (first === undefined) throw new Error('A report must concern at least one child');
  return [first, ...rest];
}
