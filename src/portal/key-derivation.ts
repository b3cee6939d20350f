import { hkdfSync } from 'node:crypto';

/** Derives independent keys from the one configured secret, so none is reused for two purposes. */
export function deriveKey(secret: string, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'meldeportal', purpose, length));
}
