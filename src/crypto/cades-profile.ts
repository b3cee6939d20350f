// CAdES-BES detached signatures (ETSI EN 319 122-1) as CMS SignedData: the profile ASiC-E uses for
// META-INF/signature.p7s and the one KS Fiks and difi's commons-asic produce. RSA PKCS#1 v1.5 with
// SHA-256; the signer named by issuerAndSerialNumber; the certificate carried in the signature.
//
// What signing (sign-detached.ts) and verifying (verify-detached.ts) share: the identifiers, the
// digests, and the signed attributes each side must encode and read back the same way.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { LoadedCertificate } from './certificates.ts';
import { CryptoInputError } from './errors.ts';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

export type HashName = 'sha256' | 'sha384' | 'sha512';

export const DIGESTS: Record<string, HashName> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

/** Every way a signature fails to prove what it should is one code; the message says which. */
export function invalidSignature(message: string, cause?: unknown): CryptoInputError {
  return new CryptoInputError('SIGNATURE_INVALID', message, cause === undefined ? undefined : { cause });
}

/**
 * RFC 5035 SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... }
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
 * It binds the signer certificate into the signed attributes, so a certificate with the same key
 * but other contents cannot be substituted.
 */
export function signingCertificateV2(certificate: LoadedCertificate): asn1js.Sequence {
  const essCertId = new asn1js.Sequence({
    value: [
      // hashAlgorithm omitted: DER leaves out a DEFAULT value, and sha256 is the default.
      new asn1js.OctetString({ valueHex: digest('sha256', certificate.der) }),
      issuerSerial(certificate.pkijs),
    ],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
}

function issuerSerial(certificate: pkijs.Certificate): asn1js.Sequence {
  // IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber }; the issuer as a directoryName
  // [4], explicit because Name is a CHOICE.
  const directoryName = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [certificate.issuer.toSchema()] });
  const serial = asn1js.fromBER(certificate.serialNumber.toBER(false)).result;
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [directoryName] }), serial] });
}

export function checkSigningCertificateV2(value: unknown, signer: LoadedCertificate): void {
  const certs = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
  // The first ESSCertIDv2 is the signer's (RFC 5035 3); any further ones name other certificates.
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) throw invalidSignature('The signing-certificate-v2 attribute is malformed');
  const fields = [...first.valueBlock.value];
  let hash: HashName = 'sha256';
  if (fields[0] instanceof asn1js.Sequence) {
    let algorithm: pkijs.AlgorithmIdentifier;
    try {
      algorithm = new pkijs.AlgorithmIdentifier({ schema: fields.shift() });
    } catch (error) {
      throw invalidSignature('The signing-certificate-v2 hash algorithm is malformed', error);
    }
    const named = DIGESTS[algorithm.algorithmId];
    if (!named) throw invalidSignature(`Unsupported signing-certificate-v2 hash algorithm ${algorithm.algorithmId}`);
    hash = named;
  }
  const certHash = fields.shift();
  if (!(certHash instanceof asn1js.OctetString)) throw invalidSignature('The signing-certificate-v2 attribute has no certificate hash');
  if (!bytesEqual(certHash.valueBlock.valueHexView, digest(hash, signer.der))) {
    throw invalidSignature('The signing-certificate-v2 attribute names another certificate than the signer certificate');
  }
  const serial = fields.shift();
  if (serial !== undefined) {
    // Compared as DER: GeneralNames with the one directoryName a CA's issuer has, as we write it.
    const expected = new Uint8Array(issuerSerial(signer.pkijs).toBER(false));
    if (!bytesEqual(new Uint8Array(serial.valueBeforeDecodeView), expected)) {
      throw invalidSignature('The signing-certificate-v2 issuer and serial do not match the signer certificate');
    }
  }
  if (fields.length > 0) throw invalidSignature('The signing-certificate-v2 attribute is malformed');
}

export function encodeSigningTime(date: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  // RFC 5652 11.3: UTCTime for 1950 through 2049, GeneralizedTime otherwise.
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? new asn1js.UTCTime({ valueDate: date }) : new asn1js.GeneralizedTime({ valueDate: date });
}

export function decodeSigningTime(value: unknown): Date {
  // GeneralizedTime extends UTCTime in asn1js, so one check covers both.
  const date = value instanceof asn1js.UTCTime ? value.toDate() : undefined;
  if (!date || Number.isNaN(date.getTime())) throw invalidSignature('The signing-time attribute is malformed');
  return date;
}

export function digest(hash: HashName, data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash(hash).update(data).digest());
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
