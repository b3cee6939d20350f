// One error type for everything a caller can get wrong (bad PEM, wrong key, expired certificate,
// a package that will not open, a signature that does not verify), so the web layer and the receiving side can map `code` to a
// response or a log line instead of crashing on an exception from pkijs or OpenSSL.

export type CryptoErrorCode =
  /** Not a PEM block of the expected kind, or its base64 body is corrupt. */
  | 'INVALID_PEM'
  /** PEM decoded, but the DER inside is not a usable X.509 certificate. */
  | 'INVALID_CERTIFICATE'
  /** Not a usable unencrypted RSA private key. */
  | 'INVALID_PRIVATE_KEY'
  /** An option passed by the caller is out of range (orgnr, key size, validity ...). */
  | 'INVALID_ARGUMENT'
  /** The certificate's key cannot be used for RSA key transport (not RSA, or too short). */
  | 'UNSUPPORTED_KEY'
  /** The certificate is expired or not yet valid at the time of use. */
  | 'CERTIFICATE_NOT_VALID'
  /** The certificate's keyUsage does not allow keyEncipherment (e.g. a signing-only certificate). */
  | 'CERTIFICATE_NOT_FOR_ENCRYPTION'
  /** The CMS package could not be opened: malformed, not for this recipient, wrong key, or tampered. */
  | 'DECRYPT_FAILED'
  /** The certificate's keyUsage allows neither digitalSignature nor nonRepudiation. */
  | 'CERTIFICATE_NOT_FOR_SIGNING'
  /**
   * A CMS signature is malformed, does not verify, or does not cover this content: wrong digest,
   * missing or mismatching CAdES signed attributes, unsupported algorithm.
   */
  | 'SIGNATURE_INVALID'
  /** The signature verifies, but its certificate is not one the caller trusts. */
  | 'SIGNER_NOT_TRUSTED';

export class CryptoInputError extends Error {
  override readonly name = 'CryptoInputError';
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
