// The one sealing module: what a draft, a receipt copy or an attachment is stored as opens only with
// its key, for its own row, unchanged; a rotated key still opens what it sealed; and values sealed
// before key ids existed still open, so an upgrade loses no reporter's draft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { deriveKey, seal, unseal } from '../../src/crypto/sealing.ts';

const text = Buffer.from('Barnet sa at det ikke vil hjem. Ærlig talt, æøå.');

test('a sealed value opens with its key for its own row, and not for another row or with another key', () => {
  const key = randomBytes(32);
  const sealed = seal(key, text, 'draft-1');
  assert.equal(sealed.includes(text), false, 'no plaintext in what is stored');
  assert.deepEqual(unseal(key, sealed, 'draft-1'), text);
  assert.equal(unseal(key, sealed, 'draft-2'), undefined, 'copied into another row, it does not open');
  assert.equal(unseal(randomBytes(32), sealed, 'draft-1'), undefined);
  // Sealing twice gives different bytes (a fresh IV each time).
  assert.notDeepEqual(seal(key, text, 'draft-1'), sealed);
});

test('a changed byte anywhere, or a cut value, does not open', () => {
  const key = randomBytes(32);
  const sealed = seal(key, text, 'row');
  for (let i = 0; i < sealed.length; i++) {
    const changed = Buffer.from(sealed);
    changed[i]! ^= 0x01;
    assert.equal(unseal(key, changed, 'row'), undefined, `byte ${i}`);
  }
  assert.equal(unseal(key, sealed.subarray(0, 20), 'row'), undefined);
  assert.equal(unseal(key, Buffer.alloc(0), 'row'), undefined);
});

test('key ids: a new key seals from now on, the old one still opens what it sealed, a key not in the ring opens nothing', () => {
  const old = { id: 1, key: randomBytes(32) };
  const fresh = { id: 2, key: randomBytes(32) };
  const before = seal(old, text, 'row');
  const after = seal(fresh, text, 'row');
  assert.deepEqual(unseal([fresh, old], before, 'row'), text);
  assert.deepEqual(unseal([fresh, old], after, 'row'), text);
  assert.equal(unseal([fresh], before, 'row'), undefined, 'the old key retired: its values no longer open');
  assert.throws(() => seal({ id: 256, key: randomBytes(32) }, text, 'row'), RangeError);
  assert.throws(() => seal({ id: 0, key: randomBytes(16) }, text, 'row'), RangeError);
});

test('a value in the first format (IV, tag, body; no header) still opens with its key', () => {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from('draft-9'));
  const body = Buffer.concat([cipher.update(text), cipher.final()]);
  const legacy = Buffer.concat([iv, cipher.getAuthTag(), body]);
  assert.deepEqual(unseal(key, legacy, 'draft-9'), text);
  assert.equal(unseal(key, legacy, 'draft-8'), undefined);
});

test('derived keys: one per purpose, and the same as before this module, so stored receipts still open', () => {
  const draftKey = Buffer.alloc(32, 7);
  // HKDF-SHA256, salt "meldeportal", info = purpose: the receipt key a receipt stored last week was sealed with.
  assert.equal(deriveKey(draftKey, 'receipt-pdf').toString('hex'), '8b061c5329e16f9911d9778c97e2631ac026b5fd3149155e787ad0ebb0348774');
  assert.notDeepEqual(deriveKey(draftKey, 'receipt-pdf'), deriveKey(draftKey, 'session-cookie'));
  assert.notDeepEqual(deriveKey('secret-a', 'session-cookie'), deriveKey('secret-b', 'session-cookie'));
  assert.equal(deriveKey('secret', 'x').length, 32);
});
