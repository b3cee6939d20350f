// Demo and development credentials: an RSA key and a self-signed certificate shaped like a
// Norwegian enterprise certificate, so the portal and the receiving services run without a CA.
// Production brings certificates from a real CA.
import { createHash, generateKeyPair, randomBytes, webcrypto } from 'node:crypto';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseCertificate } from './certificates.ts';
import { cryptoEngine } from './engine.ts';
import { CryptoInputError } from './errors.ts';
import { derToPem } from './pem.ts';

const generateKeyPairAsync = promisify(generateKeyPair);

const OID = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  organizationName: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
} as const;

export interface ServiceCredentialsOptions {
  commonName: string;
  organizationName: string;
  /** Norwegian organisation number, 9 digits. */
  orgnr: string;
  /** Defaults to one hour ago so a receiver whose clock lags a little still accepts the certificate. */
  notBefore?: Date;
  /** Defaults to 825 days. */
  validDays?: number;
  /** Defaults to 2048. */
  keyBits?: number;
  /**
   * 'encryption' (default): keyUsage digitalSignature, keyEncipherment, dataEncipherment, for a
   * receiving service that packages are encrypted to. 'signing': digitalSignature and
   * nonRepudiation only, for the portal's package signature; such a certificate cannot be used as
   * an encryption recipient.
   */
  usage?: CertificateUsage;
}

export type CertificateUsage = 'encryption' | 'signing';

export interface ServiceCredentials {
  certificatePem: string;
  /** Unencrypted PKCS#8 ("BEGIN PRIVATE KEY"). */
  privateKeyPem: string;
  /** Uppercase hex pairs joined by ':' as `openssl x509 -fingerprint -sha256` prints them. */
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
  /** Uppercase hex without separators, as `openssl x509 -serial` prints it. */
  serialNumberHex: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates an RSA key and a self-signed X.509 v3 certificate shaped like a Norwegian enterprise
 * certificate (C=NO, O, serialNumber=orgnr, CN): an encryption certificate for a receiving service,
 * or (usage 'signing') the portal's package-signing certificate. Meant for demo and development;
 * production brings certificates from a real CA.
 */
export async function generateServiceCredentials(options: ServiceCredentialsOptions): Promise<ServiceCredentials> {
  const { commonName, organizationName, orgnr } = options;
  const keyBits = options.keyBits ?? 2048;
  const validDays = options.validDays ?? 825;
  const usage = options.usage ?? 'encryption';
  requireNonEmpty('commonName', commonName);
  requireNonEmpty('organizationName', organizationName);
  if (typeof orgnr !== 'string' || !/^\d{9}$/.test(orgnr)) {
    throw new CryptoInputError('INVALID_ARGUMENT', 'orgnr must be exactly 9 digits');
  }
  if (!Number.isInteger(keyBits) || keyBits < 2048 || keyBits > 8192 || keyBits % 8 !== 0) {
    throw new CryptoInputError('INVALID_ARGUMENT', 'keyBits must be a multiple of 8 between 2048 and 8192');
  }
  if (usage !== 'encryption' && usage !== 'signing') {
    throw new CryptoInputError('INVALID_ARGUMENT', "usage must be 'encryption' or 'signing'");
  }
  if (!Number.isFinite(validDays) || validDays <= 0) {
    throw new CryptoInputError('INVALID_ARGUMENT', 'validDays must be a positive number');
  }
  const requestedNotBefore = options.notBefore ?? new Date(Date.now() - 60 * 60 * 1000);
  if (!(requestedNotBefore instanceof Date) || Number.isNaN(requestedNotBefore.getTime())) {
    throw new CryptoInputError('INVALID_ARGUMENT', 'notBefore must be a valid Date');
  }
  // Certificate times carry whole seconds only (RFC 5280 forbids fractions); truncating here makes
  // the dates we return identical to the ones a parser reads back from the certificate.
  const notBefore = truncateToSeconds(requestedNotBefore);
  const notAfter = truncateToSeconds(new Date(notBefore.getTime() + validDays * DAY_MS));

  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: keyBits, publicExponent: 0x10001 });
  const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
  const pkcs8Der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const signingKey = await webcrypto.subtle.importKey(
    'pkcs8',
    pkcs8Der,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );

  const certificate = new pkijs.Certificate();
  certificate.version = 2; // v3
  const serial = randomSerial();
  certificate.serialNumber = new asn1js.Integer({ valueHex: serial });
  certificate.subject = buildName({ commonName, organizationName, orgnr });
  certificate.issuer = buildName({ commonName, organizationName, orgnr });
  certificate.notBefore = certificateTime(notBefore);
  certificate.notAfter = certificateTime(notAfter);
  certificate.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(spkiDer);

  const subjectPublicKey = certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  // RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value.
  const keyIdentifier = createHash('sha1').update(subjectPublicKey).digest();
  certificate.extensions = [
    new pkijs.Extension({
      extnID: OID.basicConstraints,
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
    }),
    new pkijs.Extension({
      extnID: OID.keyUsage,
      critical: true,
      extnValue: keyUsageBits(usage).toBER(false),
    }),
    new pkijs.Extension({
      extnID: OID.subjectKeyIdentifier,
      critical: false,
      extnValue: new asn1js.OctetString({ valueHex: keyIdentifier }).toBER(false),
    }),
  ];

  await certificate.sign(signingKey, 'SHA-256', cryptoEngine);
  const certificateDer = new Uint8Array(certificate.toSchema(true).toBER(false));
  const certificatePem = derToPem(certificateDer, 'CERTIFICATE');
  // Reading back through OpenSSL proves the certificate parses and gives the canonical fingerprint.
  const info = parseCertificate(certificatePem);

  return {
    certificatePem,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    fingerprintSha256: info.fingerprintSha256,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    serialNumberHex: info.serialNumberHex,
  };
}

function keyUsageBits(usage: CertificateUsage): asn1js.BitString {
  // DER drops trailing zero bits, hence unusedBits.
  return usage === 'signing'
    ? // digitalSignature(0), nonRepudiation(1) = 1100 0000. Separate signing and encryption keys,
      // as CAs issue them, so a signing key never decrypts and an encryption key never signs.
      new asn1js.BitString({ valueHex: new Uint8Array([0xc0]), unusedBits: 6 })
    : // digitalSignature(0), keyEncipherment(2), dataEncipherment(3) = 1011 0000.
      new asn1js.BitString({ valueHex: new Uint8Array([0xb0]), unusedBits: 4 });
}

function buildName(fields: { commonName: string; organizationName: string; orgnr: string }): pkijs.RelativeDistinguishedNames {
  // Most general first, as CAs order it: C, O, serialNumber, CN. UTF8String for names with æøå;
  // PrintableString where X.520 requires it (country, serialNumber).
  const attributes = [
    new pkijs.AttributeTypeAndValue({ type: OID.country, value: new asn1js.PrintableString({ value: 'NO' }) }),
    new pkijs.AttributeTypeAndValue({ type: OID.organizationName, value: new asn1js.Utf8String({ value: fields.organizationName }) }),
    new pkijs.AttributeTypeAndValue({ type: OID.serialNumber, value: new asn1js.PrintableString({ value: fields.orgnr }) }),
    new pkijs.AttributeTypeAndValue({ type: OID.commonName, value: new asn1js.Utf8String({ value: fields.commonName }) }),
  ];
  // pkijs would encode typesAndValues as ONE multi-valued RDN (C=NO+O=...+CN=...), which no CA
  // issues and many tools display oddly. Encode one SET per attribute ourselves; pkijs keeps the
  // decoded bytes and re-emits them unchanged.
  const sequence = new asn1js.Sequence({
    value: attributes.map((attribute) => new asn1js.Set({ value: [attribute.toSchema()] })),
  });
  return pkijs.RelativeDistinguishedNames.fromBER(sequence.toBER(false));
}

function certificateTime(date: Date): pkijs.Time {
  // RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  const type = date.getUTCFullYear() >= 2050 ? pkijs.TimeType.GeneralizedTime : pkijs.TimeType.UTCTime;
  return new pkijs.Time({ type, value: date });
}

function randomSerial(): Uint8Array {
  const bytes = randomBytes(16);
  // Positive (top bit clear) and with a non-zero first octet, so the 16 bytes are already the
  // minimal DER INTEGER encoding and the hex we report equals what OpenSSL prints.
  bytes[0] = (bytes[0]! & 0x7f) || 0x01;
  return new Uint8Array(bytes);
}

function truncateToSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function requireNonEmpty(field: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new CryptoInputError('INVALID_ARGUMENT', `${field} must be a non-empty string`);
  }
}
