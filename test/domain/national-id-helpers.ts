// Builds national identity numbers with correct check digits, so tests can name the kind of number
// they need (D-nummer, Tenor, 1800s …) instead of hunting for real ones.

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function weightedSum(digits: number[], weights: number[]): number {
  return weights.reduce((acc, w, i) => acc + w * (digits[i] ?? 0), 0);
}

/**
 * Appends the two check digits to nine digits, or null when a check digit would be 10 (no such number
 * exists). `k1Rest` 0 is today's rule; 1–3 are the extra remainders allowed from 2032.
 */
export function withCheckDigits(nineDigits: string, k1Rest = 0): string | null {
  const digits = [...nineDigits].map(Number);
  const k1 = (11 + k1Rest - (weightedSum(digits, K1_WEIGHTS) % 11)) % 11;
  if (k1 === 10) return null;
  const r2 = weightedSum([...digits, k1], K2_WEIGHTS) % 11;
  const k2 = r2 === 0 ? 0 : 11 - r2;
  if (k2 === 10) return null;
  return `${nineDigits}${k1}${k2}`;
}

export type NationalIdKind = 'fnr' | 'dnr' | 'tenor' | 'hnr';

/** DDMMYY + individual number, with the kind's offsets; null when no check digits exist for it. */
export function makeNationalId(isoDate: string, individual: number, kind: NationalIdKind = 'fnr'): string | null {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  const dd = Number(day) + (kind === 'dnr' ? 40 : 0);
  const mm = Number(month) + (kind === 'tenor' ? 80 : kind === 'hnr' ? 40 : 0);
  const nine =
    String(dd).padStart(2, '0') + String(mm).padStart(2, '0') + year.slice(2) + String(individual).padStart(3, '0');
  return withCheckDigits(nine);
}

/** The first individual number from `from` upwards that gives a valid number. */
export function firstNationalId(isoDate: string, from: number, kind: NationalIdKind = 'fnr'): string {
  for (let individual = from; individual < from + 50; individual++) {
    const id = makeNationalId(isoDate, individual, kind);
    if (id) return id;
  }
  throw new Error(`No valid number near ${isoDate}/${from}`);
}
