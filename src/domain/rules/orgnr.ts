// Organisation numbers from Enhetsregisteret: 9 digits, the last a mod-11 check digit.

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Brønnøysund prints "974 760 673"; people copy it with the spaces (sometimes non-breaking ones). */
export function normalizeOrgnr(value: string): string {
  return value.replace(/\s+/g, '');
}

export function isValidOrgnr(value: string): boolean {
  const digits = normalizeOrgnr(value);
  if (!/^\d{9}$/.test(digits)) return false;
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
  const remainder = sum % 11;
  const check = remainder === 0 ? 0 : 11 - remainder;
  // Check digit 10 cannot be written with one digit: Brønnøysund never issues such numbers.
  if (check === 10) return false;
  return check === Number(digits[8]);
}
