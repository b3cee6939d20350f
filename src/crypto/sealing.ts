// Sealing what the apps keep for a while and read back themselves: drafts, receipt copies, draft
// attachments. AES-256-GCM, bound to the row it belongs to (associated data), under a key named by a
// one-byte id so an old key can still open what it sealed while a new one seals from now on.
// Keys for a purpose are derived with HKDF from one secret, so no key serves two purposes.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** A 256-bit key and the id written into everything it seals. */
export interface SealingKey {
  id: number;
  key: Buffer;
}

// "MS" and a format version: a sealed value says what it is, and a later format can sit beside it.
const MAGIC = Buffer.from([0x4d, 0x53, 0x01]);
const HEADER = MAGIC.length + 1;
const IV = 12;
const TAG = 16;

/** A key that was never rotated (a draft's own, kept in the reporter's cookie) is key 0. */
export type KeyLike = Buffer | SealingKey;

function asKey(key: KeyLike): SealingKey {
  return Buffer.isBuffer(key) ? { id: 0, key } : key;
}

/** An independent key for `purpose`, derived from a secret (or from another key). */
export function deriveKey(secret: string | Buffer, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'meldeportal', purpose, length));
}

/** `plaintext` sealed under `key`, bound to `context` (a row id): copied elsewhere, it does not open. */
export function seal(keyLike: KeyLike, plaintext: Uint8Array, context: string): Buffer {
  const key = asKey(keyLike);
  if (key.key.length !== 32 || !Number.isInteger(key.id) || key.id < 0 || key.id > 255) throw new RangeError('a sealing key is 32 bytes with an id of 0–255');
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([MAGIC, Buffer.from([key.id]), iv, cipher.getAuthTag(), body]);
}

/**
 * The plaintext, or undefined when no key of the ring opens it, it was sealed for another context,
 * or it was changed. Values sealed before key ids existed (IV, tag, body) still open with the key.
 */
export function unseal(keys: KeyLike | readonly SealingKey[], sealed: Uint8Array, context: string): Buffer | undefined {
  const ring = Array.isArray(keys) ? (keys as readonly SealingKey[]) : [asKey(keys as KeyLike)];
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (data.length >= HEADER + IV + TAG && data.subarray(0, MAGIC.length).equals(MAGIC)) {
    const key = ring.find((k) => k.id === data[MAGIC.length]);
    const opened = key && open(key.key, data.subarray(HEADER), context);
    if (opened) return opened;
  }
  // The first format had no header; an IV that happens to begin like one is tried this way as well.
  for (const key of ring) {
    const opened = open(key.key, data, context);
    if (opened) return opened;
  }
  return undefined;
}

function open(key: Buffer, ivTagBody: Buffer, context: string): Buffer | undefined {
  if (ivTagBody.length < IV + TAG) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivTagBody.subarray(0, IV));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(ivTagBody.subarray(IV, IV + TAG));
    return Buffer.concat([decipher.update(ivTagBody.subarray(IV + TAG)), decipher.final()]);
  } catch {
    return undefined;
  }
}
