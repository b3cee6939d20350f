// Text rules. The Fiks schemas constrain names, roles and reasons with `^(.*)$`; since `.` does not
// match line terminators, one newline in such a field makes the whole document schema-invalid and
// the report undeliverable. So single-line fields refuse them at the form, and the mapping flattens
// defensively.

/** Cc control characters (C0, DEL, C1) plus the two Unicode line/paragraph separators. */
const NOT_SINGLE_LINE = /[\p{Cc}\u2028\u2029]/u;
const CONTROL_EXCEPT_TAB_AND_LF = /[\p{Cc}]/gu;

/** Limits counted in code points, so an emoji counts as one character like the reader sees it. */
export const MAX_LENGTHS = {
  name: 200,
  addressLine: 200,
  city: 100,
  shortText: 500,
  freeText: 20_000,
} as const;

/** Each free text's limit: shown beside the field (with a live count where script runs) and checked on the server. */
export const TEXT_LIMITS = {
  whatHappened: MAX_LENGTHS.freeText,
  history: MAX_LENGTHS.freeText,
  otherViews: MAX_LENGTHS.freeText,
  otherAgencies: MAX_LENGTHS.shortText * 4,
  notInformedReason: MAX_LENGTHS.shortText,
  howRecorded: MAX_LENGTHS.shortText,
} as const;

export function isSingleLine(value: string): boolean {
  return !NOT_SINGLE_LINE.test(value);
}

/**
 * Keeps \n and \t, normalises CRLF/CR to \n (a lone CR would otherwise glue two lines together), and
 * drops every other control character: they carry no meaning in a report and some receiving systems
 * and PDF renderers choke on them.
 */
export function stripControlCharacters(multiLineText: string): string {
  return multiLineText
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_EXCEPT_TAB_AND_LF, (c) => (c === '\n' || c === '\t' ? c : ''));
}

/**
 * Last line of defence for fields the schema wants on one line: line breaks and other control
 * characters become single spaces, so nothing is lost and the document stays valid.
 */
export function toSingleLine(value: string): string {
  return value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
}

export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

export function isWithinMaxLength(value: string, max: number): boolean {
  return characterCount(value) <= max;
}
