import { randomInt } from 'node:crypto';

// Crockford's base32 without I, L, O, U: nothing to misread on the phone. 32^8 ≈ 10^12 values,
// random, so a reference says nothing about how many reports exist.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function createReference(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `BM-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export function isReference(value: string): boolean {
  return /^BM-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(value);
}
