// Certificates as this folder uses them: read once by both OpenSSL (via node) and pkijs, and
// asked the questions encryption and signing depend on (validity, key type, keyUsage). Creating
// demo certificates is generate-service-credentials.ts.
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CryptoInputError } from './errors.ts';
import { pemToDer } from './pem.ts';

const OID = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  organizationName: '2.5.4.10',
  organizationIdentifier: '2.5.4.97',
  keyUsage: '2.5.29.15',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

const MIN_RSA_BITS = 2048;

/** The keyUsage bits this folder asks about, as masks on the first octet of the BIT STRING. */
const KEY_USAGE = { digitalSignature: 0x80, nonRepudiation: 0x40, keyEncipherment: 0x20 } as const;

export interface CertificateInfo {
  subjectCommonName: string;
  organizationName?: string;
  orgnr?: string;
  notBefore: Date;
  notAfter: Date;
  fingerprintSha256: string;
  serialNumberHex: string;
}

/** A certificate checked by both OpenSSL (via node) and pkijs; internal to this folder. */
export interface LoadedCertificate {
  der: Uint8Array<ArrayBuffer>;
  x509: X509Certificate;
  pkijs: pkijs.Certificate;
  info: CertificateInfo;
}

/** Reads the fields a portal operator and a receiving system care about. Throws CryptoInputError. */
export function parseCertificate(pem: string): CertificateInfo {
  return { ...loadCertificate(pem).info };
}

/** RFC 5280 validity: both ends inclusive. */
export function isCertificateValidAt(info: Pick<CertificateInfo, 'notBefore' | 'notAfter'>, at: Date): boolean {
  const t = at.getTime();
  return t >= info.notBefore.getTime() && t <= info.notAfter.getTime();
}

// Every submit encrypts to the same few certificates (the service's, the print provider's) and signs
// with one; parsing each with pkijs costs about a millisecond of the event loop, so the parsed form
// is kept, keyed by the exact PEM. Bounded: registered certificates are few, and a PEM that changes
// is a new key. Certificates taken from CMS structures (untrusted input) are never cached.
const loadedByPem = new Map<string, LoadedCertificate>();
const LOADED_CERTIFICATES_KEPT = 64;

export function loadCertificate(pem: string): LoadedCertificate {
  const cached = loadedByPem.get(pem);
  if (cached) return cached;
  const loaded = loadCertificateDer(pemToDer(pem, 'CERTIFICATE'));
  if (loadedByPem.size >= LOADED_CERTIFICATES_KEPT) loadedByPem.delete(loadedByPem.keys().next().value!);
  Object.freeze(loaded.info);
  loadedByPem.set(pem, Object.freeze(loaded));
  return loaded;
}

/** As loadCertificate, for DER taken from a CMS structure. */
export function loadCertificateDer(der: Uint8Array<ArrayBuffer>): LoadedCertificate {
  let x509: X509Certificate;
  let parsed: pkijs.Certificate;
  try {
    x509 = new X509Certificate(der);
    parsed = pkijs.Certificate.fromBER(der);
  } catch (error) {
    throw new CryptoInputError('INVALID_CERTIFICATE', 'PEM does not contain a valid X.509 certificate', { cause: error });
  }
  const subject = parsed.subject.typesAndValues;
  const info: CertificateInfo = {
    subjectCommonName: attributeValue(subject, OID.commonName) ?? '',
    notBefore: parsed.notBefore.value,
    notAfter: parsed.notAfter.value,
    fingerprintSha256: x509.fingerprint256.toUpperCase(),
    serialNumberHex: x509.serialNumber.toUpperCase(),
  };
  const organizationName = attributeValue(subject, OID.organizationName);
  if (organizationName !== undefined) info.organizationName = organizationName;
  const orgnr = orgnrFromSubject(subject);
  if (orgnr !== undefined) info.orgnr = orgnr;
  return { der, x509, pkijs: parsed, info };
}

/** Whether keyUsage permits RSA key transport; a certificate without keyUsage is unrestricted. */
export function allowsKeyEncipherment(certificate: pkijs.Certificate): boolean {
  return keyUsageAllows(certificate, KEY_USAGE.keyEncipherment);
}

/**
 * Whether keyUsage permits signing data: digitalSignature or nonRepudiation (contentCommitment),
 * either of which CAs set on signing certificates. A certificate without keyUsage is unrestricted.
 */
export function allowsDigitalSignature(certificate: pkijs.Certificate): boolean {
  return keyUsageAllows(certificate, KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation);
}

function keyUsageAllows(certificate: pkijs.Certificate, anyOf: number): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === OID.keyUsage);
  if (!extension) return true;
  // pkijs decodes keyUsage into a BitString while parsing; anything else means it was malformed.
  const bits: unknown = extension.parsedValue;
  if (!(bits instanceof asn1js.BitString)) return false;
  const firstByte = bits.valueBlock.valueHexView[0] ?? 0;
  return (firstByte & anyOf) !== 0;
}

export function isRsaKey(certificate: pkijs.Certificate): boolean {
  return certificate.subjectPublicKeyInfo.algorithm.algorithmId === OID.rsaEncryption;
}

/**
 * Throws UNSUPPORTED_KEY unless the certificate holds an RSA key of at least MIN_RSA_BITS, the same
 * floor for encrypting and signing; `role` ('Recipient', 'Signing') names the certificate meant.
 */
export function assertUsableRsaKey(certificate: LoadedCertificate, role: 'Recipient' | 'Signing'): void {
  if (!isRsaKey(certificate.pkijs)) {
    throw new CryptoInputError('UNSUPPORTED_KEY', `${role} certificate does not hold an RSA key`);
  }
  const bits = certificate.x509.publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw new CryptoInputError('UNSUPPORTED_KEY', `${role} RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required`);
  }
}

function orgnrFromSubject(subject: pkijs.AttributeTypeAndValue[]): string | undefined {
  // Newer Norwegian enterprise certificates (SEID 2.0) carry "NTRNO-<orgnr>" in
  // organizationIdentifier; older ones and ours put the bare orgnr in serialNumber.
  const organizationIdentifier = attributeValue(subject, OID.organizationIdentifier);
  const ntr = organizationIdentifier?.match(/^NTRNO-(\d{9})$/);
  if (ntr?.[1]) return ntr[1];
  const serialNumber = attributeValue(subject, OID.serialNumber);
  if (serialNumber !== undefined && /^\d{9}$/.test(serialNumber)) return serialNumber;
  return undefined;
}

function attributeValue(attributes: pkijs.AttributeTypeAndValue[], oid: string): string | undefined {
  const attribute = attributes.find((a) => a.type === oid);
  if (!attribute) return undefined;
  const value = attribute.value as { valueBlock?: { value?: unknown } };
  return typeof value.valueBlock?.value === 'string' ? value.valueBlock.value : undefined;
}
