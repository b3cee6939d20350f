// Private key handling shared by encryption and signing (internal, not exported from index.ts).
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { LoadedCertificate } from './certificates.ts';
import { CryptoInputError } from './errors.ts';
import { pemToDer } from './pem.ts';

export function loadRsaPrivateKey(pem: string): KeyObject {
  // Validate the PEM framing ourselves so corrupt base64 is reported as such, then let OpenSSL
  // accept both PKCS#8 and the older PKCS#1 "RSA PRIVATE KEY" form.
  pemToDer(pem);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new CryptoInputError('INVALID_PRIVATE_KEY', 'PEM does not contain a usable unencrypted private key', { cause: error });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new CryptoInputError('INVALID_PRIVATE_KEY', `Expected an RSA private key, got ${key.asymmetricKeyType ?? 'unknown'}`);
  }
  return key;
}

export function samePublicKey(privateKey: KeyObject, certificate: LoadedCertificate): boolean {
  try {
    const fromKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    const fromCertificate = certificate.x509.publicKey.export({ type: 'spki', format: 'der' });
    return fromKey.equals(fromCertificate);
  } catch {
    // node cannot load every key type a certificate may carry; such a key is not ours anyway.
    return false;
  }
}
