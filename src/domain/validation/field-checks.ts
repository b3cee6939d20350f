// The checks every step applies to its fields, so a one-line field, a free text, a choice or an
// address is judged alike wherever it is asked. Each step collects at most one issue a field (the
// first one found), and returns its typed answer beside the issues.
import type { Address } from '../report.ts';
import { isValidPostcode } from '../rules/postcode.ts';
import { isSingleLine, isWithinMaxLength, MAX_LENGTHS, stripControlCharacters } from '../rules/text.ts';
import { readText, type FieldIssue, type FormInput } from './form-input.ts';

export interface StepResult<T> {
  value: T;
  issues: FieldIssue[];
}

export class IssueCollector {
  readonly issues: FieldIssue[] = [];
  add(field: string, code: string, params?: Record<string, string | number>): void {
    if (!this.issues.some((i) => i.field === field)) this.issues.push({ field, code, params });
  }
}

export function singleLine(issues: IssueCollector, input: FormInput, name: string, options: { required?: string; max?: number } = {}): string {
  const value = readText(input, name);
  if (!value) {
    if (options.required) issues.add(name, options.required);
    return '';
  }
  if (!isSingleLine(value)) issues.add(name, 'singleLine');
  else if (!isWithinMaxLength(value, options.max ?? MAX_LENGTHS.shortText)) issues.add(name, 'tooLong', { max: options.max ?? MAX_LENGTHS.shortText });
  return value;
}

export function multiLine(issues: IssueCollector, input: FormInput, name: string, options: { required?: string; max?: number } = {}): string {
  const value = stripControlCharacters(readText(input, name));
  if (!value && options.required) issues.add(name, options.required);
  const max = options.max ?? MAX_LENGTHS.freeText;
  if (!isWithinMaxLength(value, max)) issues.add(name, 'tooLong', { max });
  return value;
}

export function oneOf<T extends string>(issues: IssueCollector, input: FormInput, name: string, allowed: readonly T[], required: string): T | undefined {
  const value = readText(input, name);
  if ((allowed as readonly string[]).includes(value)) return value as T;
  issues.add(name, required);
  return undefined;
}

export function address(issues: IssueCollector, input: FormInput, prefix: string): Address {
  const line1 = singleLine(issues, input, `${prefix}-addressLine1`, { max: MAX_LENGTHS.addressLine });
  const postcode = readText(input, `${prefix}-postcode`);
  if (postcode && !isValidPostcode(postcode)) issues.add(`${prefix}-postcode`, 'postcode');
  const city = singleLine(issues, input, `${prefix}-city`, { max: MAX_LENGTHS.city });
  return { line1, postcode, city };
}
