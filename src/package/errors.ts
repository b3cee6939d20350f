// One error type for every reason a package is refused, so the receiving side can answer with a
// code (and log it) instead of crashing on an exception from the zip or XML handling.

export type PackageErrorCode =
  /** buildAsice was given something it cannot put in a package (a reserved or unsafe name, a bad date). */
  | 'INVALID_ARGUMENT'
  /** Not a readable ZIP, or not ASiC-E: `mimetype` missing, not first, compressed or wrong; unsafe or duplicate entry names. */
  | 'NOT_ASICE'
  /** More entries or more uncompressed bytes than the receiver accepts. */
  | 'TOO_LARGE'
  /** META-INF/ASiCManifest.xml is missing, is not the XML this format writes, or lists an impossible file. */
  | 'MANIFEST_INVALID'
  /** A listed file's SHA-256 differs from the digest in the signed manifest. */
  | 'DIGEST_MISMATCH'
  /** A file in the zip that the signed manifest does not list (outside META-INF/). */
  | 'UNLISTED_FILE'
  /** A file the signed manifest lists that the zip does not hold. */
  | 'MISSING_FILE'
  /** The signature over the manifest is missing, malformed or does not verify. */
  | 'SIGNATURE_INVALID'
  /** The manifest is signed by a certificate the receiver has not pinned. */
  | 'SIGNER_NOT_TRUSTED'
  /** The signer certificate was not valid at the time checked. */
  | 'CERTIFICATE_NOT_VALID'
  /** The signer certificate's keyUsage does not allow signing. */
  | 'CERTIFICATE_NOT_FOR_SIGNING';

export class PackageError extends Error {
  override readonly name = 'PackageError';
  readonly code: PackageErrorCode;

  constructor(code: PackageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
