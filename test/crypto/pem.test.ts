import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CryptoInputError, derToPem, pemToDer } from '../../src/crypto/index.ts';

function assertCryptoError(fn: () => unknown, code: string): void {
  assert.throws(fn, (error: unknown) => error instanceof CryptoInputError && error.code === code);
}

describe('PEM helpers', () => {
  it('round-trips arbitrary DER with OpenSSL-style 64-character lines', () => {
    const der = new Uint8Array(randomBytes(1000));
    const pem = derToPem(der, 'CERTIFICATE');
    const lines = pem.trimEnd().split('\n');
    assert.equal(lines[0], '-----BEGIN CERTIFICATE-----');
    assert.equal(lines.at(-1), '-----END CERTIFICATE-----');
    assert.ok(lines.slice(1, -1).every((line) => line.length <= 64));
    assert.ok(pem.endsWith('\n'));
    assert.deepEqual(pemToDer(pem), der);
  });

  it('accepts CRLF line endings and text around the block, and picks the requested label', () => {
    const key = new Uint8Array([1, 2, 3]);
    const cert = new Uint8Array([4, 5, 6, 7]);
    const bundle = `Bag Attributes\r\n${derToPem(key, 'PRIVATE KEY')}junk\r\n${derToPem(cert, 'CERTIFICATE').replaceAll('\n', '\r\n')}`;
    assert.deepEqual(pemToDer(bundle), key);
    assert.deepEqual(pemToDer(bundle, 'CERTIFICATE'), cert);
  });

  it('rejects missing blocks, wrong labels and corrupt base64 with INVALID_PEM', () => {
    assertCryptoError(() => pemToDer(''), 'INVALID_PEM');
    assertCryptoError(() => pemToDer('not pem at all'), 'INVALID_PEM');
    assertCryptoError(() => pemToDer(derToPem(new Uint8Array([1]), 'PRIVATE KEY'), 'CERTIFICATE'), 'INVALID_PEM');
    assertCryptoError(() => pemToDer('-----BEGIN CERTIFICATE-----\nMII*Q==\n-----END CERTIFICATE-----\n'), 'INVALID_PEM');
    assertCryptoError(() => pemToDer('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n'), 'INVALID_PEM');
    // Unterminated block: a truncated copy-paste of a certificate.
    assertCryptoError(() => pemToDer('-----BEGIN CERTIFICATE-----\nMIIB\n'), 'INVALID_PEM');
    assertCryptoError(() => pemToDer(42 as unknown as string), 'INVALID_PEM');
  });
});
