// Reading raw form fields: anything a browser (or an attacker) sends arrives as unknown. A field is
// a string or nothing; repeated fields become lists. Wrong types read as empty, never as a crash.

export type FormInput = Record<string, unknown>;

export interface FieldIssue {
  /** The form field's id/name, so the error summary can link to it. */
  field: string;
  /** Key under journey.errors in the locale files. */
  code: string;
  params?: Record<string, string | number>;
}

export function readText(input: FormInput, name: string): string {
  const value = input[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.normalize('NFC').trim() : '';
}

export function readList(input: FormInput, name: string): string[] {
  const value = input[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
}

/** Accepts 16.08.2016, 16/8/2016 and 2016-08-16; returns ISO or null. */
export function parseDateInput(value: string): string | null {
  let match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  let y: number, m: number, d: number;
  if (match) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else {
    match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
    if (!match) return null;
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
