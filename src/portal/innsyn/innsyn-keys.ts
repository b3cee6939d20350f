// The keys of the portal's citizen-services index (decision 024). Every item is sealed under a random
// data key of its own; that key is kept wrapped by the innsyn key, which lives in a file the
// configuration names and never in the database, so a dump alone opens nothing. The file holds one
// key a line, `<id> <base64 of 32 bytes>`, the first sealing from now on and the others still opening
// what they sealed (rotation). The person is found by a keyed hash of the fnr, never the fnr.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deriveKey, seal, unseal, type SealingKey } from '../../crypto/sealing.ts';

export interface InnsynKeys {
  /** The innsyn key ring: the first wraps new data keys, every one unwraps. */
  readonly ring: readonly SealingKey[];
  /** The person as the index knows them. */
  personHash(fnr: string): string;
}

export class InnsynKeyError extends Error {}

export function parseInnsynKeyFile(text: string): SealingKey[] {
  const ring = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^(\d{1,3})\s+([A-Za-z0-9+/]{43}=)$/.exec(line);
      const id = Number(match?.[1]);
      const key = match ? Buffer.from(match[2]!, 'base64') : undefined;
      if (!key || key.length !== 32 || id > 255) throw new InnsynKeyError('each line of the innsyn key file is "<id 0–255> <base64 of 32 bytes>"');
      return { id, key };
    });
  if (!ring.length) throw new InnsynKeyError('the innsyn key file holds no key');
  if (new Set(ring.map((k) => k.id)).size !== ring.length) throw new InnsynKeyError('two keys in the innsyn key file have the same id');
  return ring;
}

/** A new key file's text: one key, id 1. */
export function newInnsynKeyFile(): string {
  return `1 ${randomBytes(32).toString('base64')}\n`;
}

export function loadInnsynKeys(keyFile: string, sessionSecret: string): InnsynKeys {
  const ring = parseInnsynKeyFile(readFileSync(keyFile, 'utf8'));
  // Its own purpose key: the reporter's hash and this one never match for the same fnr.
  const hashKey = deriveKey(sessionSecret, 'innsyn-person-hash');
  return { ring, personHash: (fnr) => createHmac('sha256', hashKey).update(fnr).digest('base64url') };
}

/** What binds a sealed item and its wrapped key to their row: copied to another row, neither opens. */
export function itemContext(serviceId: string, messageId: string, personHash: string): string {
  return `innsyn:${serviceId}:${messageId}:${personHash}`;
}

export function sealItem(keys: InnsynKeys, json: string, context: string): { sealed: Buffer; wrappedKey: Buffer } {
  const dataKey = randomBytes(32);
  try {
    return { sealed: seal(dataKey, Buffer.from(json, 'utf8'), context), wrappedKey: seal(keys.ring[0]!, dataKey, context) };
  } finally {
    dataKey.fill(0);
  }
}

/** The item's JSON, or undefined when its key does not unwrap or it does not open (fail closed). */
export function openItem(keys: InnsynKeys, row: { sealed: Uint8Array; wrapped_key: Uint8Array }, context: string): string | undefined {
  const dataKey = unseal(keys.ring, row.wrapped_key, context);
  if (!dataKey) return undefined;
  try {
    return unseal(dataKey, row.sealed, context)?.toString('utf8');
  } finally {
    dataKey.fill(0);
  }
}
