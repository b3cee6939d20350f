// ASiC-E containers (ETSI EN 319 162-1) with one CAdES detached signature over an ASiCManifest:
// the portal builds them, the receiving side opens them. Side-neutral on purpose: this folder
// imports nothing from portal/ or mottak/, so both trust domains run the same code.
//
// Layout:
//   mimetype                     first, stored, "application/vnd.etsi.asic-e+zip"
//   <data files>                 as given
//   META-INF/ASiCManifest.xml    SHA-256 of every data file
//   META-INF/signature.p7s       CAdES-BES detached signature over the manifest bytes
import { createHash } from 'node:crypto';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { CryptoInputError, parseCertificate, signDetached, verifyDetached, type SignerCredentials } from '../crypto/index.ts';
import { isXmlSafe, writeManifest } from './asic-manifest.ts';
import { PackageError, type PackageErrorCode } from './errors.ts';
import { parseManifest } from './parse-manifest.ts';

export { PackageError, type PackageErrorCode } from './errors.ts';

export const ASICE_MIMETYPE = 'application/vnd.etsi.asic-e+zip';
export const ASIC_MANIFEST_PATH = 'META-INF/ASiCManifest.xml';
export const ASIC_SIGNATURE_PATH = 'META-INF/signature.p7s';
const SIGNATURE_MIMETYPE = 'application/pkcs7-signature';

/** Defaults for openAsice: well above a report (attachments are capped at 50 MB by default) and still bounded. */
const DEFAULT_MAX_UNCOMPRESSED_BYTES = 128 * 1024 * 1024;
const MAX_ENTRIES = 1000;

export interface AsiceFile {
  /** Path inside the zip, '/'-separated; not `mimetype`, nothing under META-INF/. */
  name: string;
  content: Uint8Array;
  /** Written to the manifest; defaults to a type derived from the extension. */
  mimeType?: string;
}

export type AsiceSigner = SignerCredentials;

export interface BuildAsiceOptions {
  /** The timestamp of every zip entry, so the container reveals no build time of its own. */
  mtime: Date;
  /** The CAdES signing-time; defaults to now. */
  signingTime?: Date;
}

export interface OpenAsiceOptions {
  /** The pinned signing certificate(s) of the sender; see verifyDetached. */
  trustedCertificatesPem: string[];
  /** When the signer certificate must be valid; defaults to the signing time, else now. */
  at?: Date;
  /** Refuse packages that declare more uncompressed bytes than this (default 128 MiB). */
  maxUncompressedBytes?: number;
}

export interface OpenedAsice {
  /** Every data file the signed manifest lists, in manifest order, each digest-checked. */
  files: Map<string, Uint8Array>;
  /** The file the signed manifest marks as the main document (Rootfile), if it marks one. */
  rootFile?: string;
  signerCertificatePem: string;
  signingTime?: Date;
}

/**
 * Builds a signed ASiC-E container. Throws PackageError('INVALID_ARGUMENT') for names the format
 * cannot carry, and CryptoInputError when the signer credentials are unusable.
 */
export async function buildAsice(files: AsiceFile[], signer: AsiceSigner, options: BuildAsiceOptions): Promise<Uint8Array> {
  const { mtime } = options;
  // fflate writes DOS timestamps from the local-time fields, which cover 1980 to 2099.
  if (!(mtime instanceof Date) || Number.isNaN(mtime.getTime()) || mtime.getFullYear() < 1980 || mtime.getFullYear() > 2099) {
    throw new PackageError('INVALID_ARGUMENT', 'mtime must be a Date between 1980 and 2099');
  }
  const seen = new Set<string>();
  for (const file of files) {
    assertDataFileName(file.name);
    if (seen.has(file.name)) throw new PackageError('INVALID_ARGUMENT', `Two files are named ${JSON.stringify(file.name)}`);
    seen.add(file.name);
    if (!(file.content instanceof Uint8Array)) throw new PackageError('INVALID_ARGUMENT', `The content of ${JSON.stringify(file.name)} is not a Uint8Array`);
    if (file.mimeType !== undefined && (typeof file.mimeType !== 'string' || !isXmlSafe(file.mimeType))) {
      throw new PackageError('INVALID_ARGUMENT', `Invalid MIME type for ${JSON.stringify(file.name)}`);
    }
  }
  if (files.length === 0) throw new PackageError('INVALID_ARGUMENT', 'A package needs at least one file');

  const manifest = writeManifest({
    sigReference: { uri: ASIC_SIGNATURE_PATH, mimeType: SIGNATURE_MIMETYPE },
    // The first file is the main document, marked Rootfile as KS's own packages mark it.
    references: files.map((file, i) => ({ uri: file.name, mimeType: file.mimeType ?? mimeTypeFor(file.name), digest: sha256(file.content), ...(i === 0 ? { rootFile: true } : {}) })),
  });
  const signature = await signDetached(manifest, signer, options.signingTime ? { signingTime: options.signingTime } : {});

  // A prototype-less object, so a file named like an Object.prototype member is just a key.
  const entries: Zippable = Object.create(null) as Zippable;
  // Insertion order is zip order for non-index keys (assertDataFileName refuses index-like names).
  entries['mimetype'] = [new TextEncoder().encode(ASICE_MIMETYPE), { level: 0 }];
  for (const file of files) {
    // Already-compressed formats are stored: deflating them again only costs time.
    const mimeType = file.mimeType ?? mimeTypeFor(file.name);
    entries[file.name] = [file.content, { level: ALREADY_COMPRESSED.has(mimeType) ? 0 : 6 }];
  }
  entries[ASIC_MANIFEST_PATH] = [manifest, { level: 6 }];
  entries[ASIC_SIGNATURE_PATH] = [signature, { level: 0 }];
  // Unix origin with mode 0644: Info-ZIP's unzip reads the names of DOS-origin entries as CP437
  // even when the UTF-8 flag is set, which garbles æøå in attachment names; the mode keeps the
  // files it extracts readable.
  return zipSync(entries, { mtime, os: 3, attrs: REGULAR_FILE_0644 });
}

const REGULAR_FILE_0644 = 0o100644 << 16;

/**
 * Opens a container built by buildAsice: checks that it is ASiC-E, verifies the signature over the
 * manifest against the pinned certificates, and checks every listed file's digest. Returns only
 * files the signature covers. Every problem with the package is a PackageError; errors in the
 * caller's own arguments (e.g. a malformed trusted certificate) are CryptoInputError.
 */
export async function openAsice(zip: Uint8Array, options: OpenAsiceOptions): Promise<OpenedAsice> {
  const trusted = options?.trustedCertificatesPem;
  if (!Array.isArray(trusted) || trusted.length === 0) {
    throw new CryptoInputError('INVALID_ARGUMENT', 'trustedCertificatesPem must list at least one certificate');
  }
  // Before touching the package, so a broken configuration is reported as such and not as a bad package.
  for (const pem of trusted) parseCertificate(pem);
  const maxBytes = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  if (!(zip instanceof Uint8Array)) throw new PackageError('NOT_ASICE', 'The package is not a byte array');

  assertMimetypeFirst(zip);
  const entries = readZip(zip, maxBytes);
  const mimetype = entries.get('mimetype');
  if (!mimetype || new TextDecoder().decode(mimetype) !== ASICE_MIMETYPE) {
    throw new PackageError('NOT_ASICE', `The mimetype entry is not ${ASICE_MIMETYPE}`);
  }

  const manifestBytes = entries.get(ASIC_MANIFEST_PATH);
  if (!manifestBytes) throw new PackageError('MANIFEST_INVALID', `The package has no ${ASIC_MANIFEST_PATH}`);
  const manifest = parseManifest(manifestBytes);
  const signaturePath = manifest.sigReference.uri;
  if (!signaturePath.startsWith('META-INF/')) throw new PackageError('MANIFEST_INVALID', 'The signature reference is outside META-INF/');
  const signature = entries.get(signaturePath);
  if (!signature) throw new PackageError('SIGNATURE_INVALID', `The package has no ${signaturePath}`);

  let verified: Awaited<ReturnType<typeof verifyDetached>>;
  try {
    verified = await verifyDetached(signature, manifestBytes, options.at ? { trustedCertificatesPem: trusted, at: options.at } : { trustedCertificatesPem: trusted });
  } catch (error) {
    const code = error instanceof CryptoInputError ? SIGNATURE_CODES[error.code] : undefined;
    if (code) throw new PackageError(code, error instanceof Error ? error.message : 'Signature check failed', { cause: error });
    throw error;
  }

  // From here on the manifest is the sender's own; what remains is whether the zip matches it.
  const listed = new Set<string>();
  for (const reference of manifest.references) {
    if (!isSafePath(reference.uri) || reference.uri.endsWith('/') || isReserved(reference.uri)) {
      throw new PackageError('MANIFEST_INVALID', `The manifest lists an impossible file name ${JSON.stringify(reference.uri)}`);
    }
    if (listed.has(reference.uri)) throw new PackageError('MANIFEST_INVALID', `The manifest lists ${JSON.stringify(reference.uri)} twice`);
    listed.add(reference.uri);
  }
  for (const [name, content] of entries) {
    if (isReserved(name)) continue;
    // Directory entries some zip tools add carry no data and need no digest.
    if (name.endsWith('/') && content.length === 0) continue;
    if (!listed.has(name)) throw new PackageError('UNLISTED_FILE', `${JSON.stringify(name)} is in the package but not in the signed manifest`);
  }
  const files = new Map<string, Uint8Array>();
  for (const reference of manifest.references) {
    const content = entries.get(reference.uri);
    if (!content) throw new PackageError('MISSING_FILE', `${JSON.stringify(reference.uri)} is in the signed manifest but not in the package`);
    if (!Buffer.from(sha256(content)).equals(Buffer.from(reference.digest))) {
      throw new PackageError('DIGEST_MISMATCH', `${JSON.stringify(reference.uri)} differs from what was signed`);
    }
    files.set(reference.uri, content);
  }
  const result: OpenedAsice = { files, signerCertificatePem: verified.signerCertificatePem };
  const root = manifest.references.find((r) => r.rootFile);
  if (root) result.rootFile = root.uri;
  if (verified.signingTime) result.signingTime = verified.signingTime;
  return result;
}

const SIGNATURE_CODES: Partial<Record<CryptoInputError['code'], PackageErrorCode>> = {
  SIGNATURE_INVALID: 'SIGNATURE_INVALID',
  SIGNER_NOT_TRUSTED: 'SIGNER_NOT_TRUSTED',
  CERTIFICATE_NOT_VALID: 'CERTIFICATE_NOT_VALID',
  CERTIFICATE_NOT_FOR_SIGNING: 'CERTIFICATE_NOT_FOR_SIGNING',
};

/**
 * ETSI EN 319 162-1 A.1: `mimetype` is the first entry and stored, so the type can be read at a
 * fixed offset without unzipping; tools that sniff the format depend on it.
 */
function assertMimetypeFirst(zip: Uint8Array): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const ok =
    zip.length >= 38 &&
    view.getUint32(0, true) === 0x04034b50 && // local file header
    view.getUint16(8, true) === 0 && // stored
    view.getUint16(26, true) === 8 && // name length
    Buffer.from(zip.buffer, zip.byteOffset + 30, 8).toString('latin1') === 'mimetype';
  if (!ok) throw new PackageError('NOT_ASICE', 'The package does not start with an uncompressed mimetype entry');
}

function readZip(zip: Uint8Array, maxBytes: number): Map<string, Uint8Array> {
  const names = new Set<string>();
  let declared = 0;
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(zip, {
      // Runs for every central directory entry before anything is inflated, so limits and names
      // are checked before memory is spent.
      filter: (file) => {
        if (names.size >= MAX_ENTRIES) throw new PackageError('TOO_LARGE', `The package has more than ${MAX_ENTRIES} entries`);
        if (!isSafePath(file.name)) throw new PackageError('NOT_ASICE', `Unsafe entry name ${JSON.stringify(file.name)}`);
        // Two entries with one name: zip readers disagree on which one counts.
        if (names.has(file.name)) throw new PackageError('NOT_ASICE', `Two entries are named ${JSON.stringify(file.name)}`);
        if (file.compression !== 0 && file.compression !== 8) throw new PackageError('NOT_ASICE', `Unsupported compression method ${file.compression}`);
        // fflate inflates into a buffer of the declared size and never beyond it, so the
        // declared sizes bound the memory used; a lie only truncates, which the digest catches.
        declared += file.originalSize;
        if (!(declared <= maxBytes)) throw new PackageError('TOO_LARGE', `The package declares more than ${maxBytes} uncompressed bytes`);
        names.add(file.name);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof PackageError) throw error;
    throw new PackageError('NOT_ASICE', 'The package is not a readable zip', { cause: error });
  }
  const entries = new Map<string, Uint8Array>();
  for (const name of names) {
    const content = Object.hasOwn(unzipped, name) ? unzipped[name] : undefined;
    if (!(content instanceof Uint8Array)) throw new PackageError('NOT_ASICE', `Entry ${JSON.stringify(name)} could not be read`);
    entries.set(name, content);
  }
  return entries;
}

function isReserved(name: string): boolean {
  return name === 'mimetype' || name.startsWith('META-INF/');
}

/**
 * A relative path a receiver can write below its own folder: '/'-separated, no empty, '.' or '..'
 * segments, no backslash or control characters. A trailing '/' marks a directory entry.
 */
function isSafePath(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > 1024) return false;
  if (name.includes('\\') || /\p{Cc}/u.test(name) || !isXmlSafe(name)) return false;
  // fflate collects entries in a plain object, where this name would set the prototype.
  if (name === '__proto__') return false;
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function assertDataFileName(name: string): void {
  if (typeof name !== 'string' || !isSafePath(name) || name.endsWith('/')) {
    throw new PackageError('INVALID_ARGUMENT', `${JSON.stringify(name)} is not a usable file name in a package`);
  }
  if (isReserved(name) || name.toUpperCase().startsWith('META-INF/')) {
    throw new PackageError('INVALID_ARGUMENT', `${JSON.stringify(name)} is reserved by ASiC-E`);
  }
  // JavaScript orders integer-like keys before all others, and fflate zips in key order: such a
  // name would end up before `mimetype`.
  if (/^(?:0|[1-9][0-9]*)$/.test(name)) {
    throw new PackageError('INVALID_ARGUMENT', `${JSON.stringify(name)} would be zipped before mimetype; give it an extension`);
  }
}

const MIME_TYPES: Record<string, string> = {
  json: 'application/json',
  pdf: 'application/pdf',
  xml: 'application/xml',
  txt: 'text/plain',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  zip: 'application/zip',
};
const ALREADY_COMPRESSED = new Set(['application/pdf', 'image/jpeg', 'image/png', 'application/zip']);

function mimeTypeFor(name: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return (extension && MIME_TYPES[extension]) || 'application/octet-stream';
}

function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}
