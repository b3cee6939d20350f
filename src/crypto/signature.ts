import { createHash, verify as verifyWithKey, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  allowsDigitalSignature,
  assertUsableRsaKey,
  isCertificateValidAt,
  isRsaKey,
  loadCertificate,
  loadCertificateDer,
  type LoadedCertificate,
} from './certificates.ts';
import { parseSingleElement } from './der.ts';
import { cryptoEngine } from './engine.ts';
import { CryptoInputError } from './errors.ts';
import { loadRsaPrivateKey, samePublicKey } from './keys.ts';
import { derToPem } from './pem.ts';

// CAdES-BES detached signatures (ETSI EN 319 122-1) as CMS SignedData: the profile ASiC-E uses for
// META-INF/signature.p7s and the one KS Fiks and difi's commons-asic produce. RSA PKCS#1 v1.5 with
// SHA-256; the signer named by issuerAndSerialNumber; the certificate carried in the signature.

const OID = {
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

type HashName = 'sha256' | 'sha384' | 'sha512';

const DIGESTS: Record<string, HashName> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

/** RSA PKCS#1 v1.5 signature algorithms; null: the hash is the SignerInfo's digestAlgorithm. */
const RSA_SIGNATURES: Record<string, HashName | null> = {
  // OpenSSL and BouncyCastle write plain rsaEncryption here; RFC 3370 allows both forms.
  [OID.rsaEncryption]: null,
  [OID.sha256WithRsa]: 'sha256',
  [OID.sha384WithRsa]: 'sha384',
  [OID.sha512WithRsa]: 'sha512',
};

export interface SignerCredentials {
  /** PKCS#8 or PKCS#1 PEM, unencrypted. */
  privateKeyPem: string;
  certificatePem: string;
}

export interface SignOptions {
  /** Written as the signing-time attribute (whole seconds); defaults to now. */
  signingTime?: Date;
}

export interface VerifyOptions {
  /**
   * The certificates whose signatures are accepted, compared byte for byte with the signer's: the
   * receiver pins the portal's signing certificate rather than trusting a CA for it.
   */
  trustedCertificatesPem: string[];
  /** The instant the signer certificate must be valid at; defaults to the signing time, else now. */
  at?: Date;
}

export interface VerifiedSignature {
  signerCertificatePem: string;
  /** From the signing-time attribute: what the signer claims, only as trustworthy as the signer. */
  signingTime?: Date;
}

/**
 * Signs `content` and returns a DER ContentInfo(id-signedData) without the content (detached), with
 * the CAdES-BES signed attributes content-type, message-digest, signing-time and
 * signing-certificate-v2. `openssl cms -verify -binary -inform DER -content <file>` verifies it.
 * Throws CryptoInputError for unusable credentials (INVALID_PRIVATE_KEY when the key does not
 * belong to the certificate, CERTIFICATE_NOT_VALID at the signing time, ...).
 */
export async function signDetached(content: Uint8Array, signer: SignerCredentials, options: SignOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  if (!(content instanceof Uint8Array)) {
    throw new CryptoInputError('INVALID_ARGUMENT', 'content must be a Uint8Array');
  }
  const requestedTime = options.signingTime ?? new Date();
  if (!(requestedTime instanceof Date) || Number.isNaN(requestedTime.getTime())) {
    throw new CryptoInputError('INVALID_ARGUMENT', 'signingTime must be a valid Date');
  }
  // UTCTime and GeneralizedTime in DER carry whole seconds here; truncating keeps the time a
  // verifier reads back equal to the one we were given.
  const signingTime = new Date(Math.floor(requestedTime.getTime() / 1000) * 1000);
  const certificate = loadCertificate(signer.certificatePem);
  const privateKey = loadRsaPrivateKey(signer.privateKeyPem);
  // A signature made with a key that does not match the certificate, or by a certificate the
  // receiver will reject, would only fail later on the receiving side, where nobody can fix it.
  if (!samePublicKey(privateKey, certificate)) {
    throw new CryptoInputError('INVALID_PRIVATE_KEY', 'The private key does not belong to the signing certificate');
  }
  assertUsableForSigning(certificate);
  if (!isCertificateValidAt(certificate.info, signingTime)) {
    throw new CryptoInputError(
      'CERTIFICATE_NOT_VALID',
      `Signing certificate is valid from ${certificate.info.notBefore.toISOString()} to ${certificate.info.notAfter.toISOString()}, not at ${signingTime.toISOString()}`,
    );
  }

  const attributes = sortedAsDerSet([
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest('sha256', content) })] }),
    new pkijs.Attribute({ type: OID.signingTime, values: [encodeSigningTime(signingTime)] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(certificate)] }),
  ]);
  const signedData = new pkijs.SignedData({
    version: 1,
    // No eContent: detached. The content lives beside the signature in the container.
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.pkijs.issuer, serialNumber: certificate.pkijs.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [certificate.pkijs],
  });

  const signingKey = await webcrypto.subtle.importKey(
    'pkcs8',
    privateKey.export({ type: 'pkcs8', format: 'der' }),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  await signedData.sign(signingKey as unknown as CryptoKey, 0, 'SHA-256', undefined, cryptoEngine);
  const signerInfo = signedData.signerInfos[0]!;
  // pkijs picks the signature algorithm itself; fail here rather than send packages a receiver
  // configured for sha256WithRSAEncryption rejects after some library upgrade.
  if (signerInfo.signatureAlgorithm.algorithmId !== OID.sha256WithRsa) {
    throw new Error(`pkijs signed with ${signerInfo.signatureAlgorithm.algorithmId}, not sha256WithRSAEncryption`);
  }
  // RFC 5754: SHA-2 digest identifiers are generated with absent parameters (pkijs writes NULL),
  // sha256WithRSAEncryption with NULL ones (pkijs leaves them out), as OpenSSL writes both. These
  // fields are outside the signed attributes, so replacing them after signing is safe.
  signedData.digestAlgorithms = [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })];
  signerInfo.digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });
  signerInfo.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() });

  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema() });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/**
 * Verifies a detached CAdES signature made by signDetached (or by OpenSSL `cms -sign -cades`,
 * BouncyCastle, commons-asic with the same profile) over `content`.
 *
 * Throws CryptoInputError:
 * - SIGNATURE_INVALID: malformed, not detached, not exactly one signer, unsupported algorithm,
 *   message digest or signature mismatch, missing content-type/message-digest/signing-certificate-v2
 *   attribute, or a signing-certificate-v2 that names another certificate;
 * - SIGNER_NOT_TRUSTED: the signer certificate is not (byte for byte) one of the trusted ones;
 * - CERTIFICATE_NOT_VALID: the signer certificate is not valid at `at`;
 * - CERTIFICATE_NOT_FOR_SIGNING: its keyUsage does not allow signing;
 * - INVALID_ARGUMENT / INVALID_PEM / INVALID_CERTIFICATE for the caller's own arguments.
 */
export async function verifyDetached(signature: Uint8Array, content: Uint8Array, options: VerifyOptions): Promise<VerifiedSignature> {
  if (!(signature instanceof Uint8Array) || !(content instanceof Uint8Array)) {
    throw new CryptoInputError('INVALID_ARGUMENT', 'signature and content must be Uint8Arrays');
  }
  const trustedPems = options?.trustedCertificatesPem;
  if (!Array.isArray(trustedPems) || trustedPems.length === 0) {
    // An empty list would reject every package with SIGNER_NOT_TRUSTED and hide a configuration error.
    throw new CryptoInputError('INVALID_ARGUMENT', 'trustedCertificatesPem must list at least one certificate');
  }
  if (options.at !== undefined && (!(options.at instanceof Date) || Number.isNaN(options.at.getTime()))) {
    throw new CryptoInputError('INVALID_ARGUMENT', 'at must be a valid Date');
  }
  const trusted = trustedPems.map((pem) => loadCertificate(pem));

  const parsed = parseSignedData(signature);
  const signerInfo = parsed.signedData.signerInfos[0]!;
  const signer = findSignerCertificate(signerInfo, parsed.certificates, trusted);
  const signingTime = checkSignature(signerInfo, signer, content);

  if (!trusted.some((t) => bytesEqual(t.der, signer.der))) {
    throw new CryptoInputError(
      'SIGNER_NOT_TRUSTED',
      `The signature was made with a certificate that is not trusted (SHA-256 fingerprint ${signer.info.fingerprintSha256})`,
    );
  }
  if (!allowsDigitalSignature(signer.pkijs)) {
    throw new CryptoInputError('CERTIFICATE_NOT_FOR_SIGNING', 'Signer certificate keyUsage allows neither digitalSignature nor nonRepudiation');
  }
  const at = options.at ?? signingTime ?? new Date();
  if (!isCertificateValidAt(signer.info, at)) {
    throw new CryptoInputError(
      'CERTIFICATE_NOT_VALID',
      `Signer certificate is valid from ${signer.info.notBefore.toISOString()} to ${signer.info.notAfter.toISOString()}, not at ${at.toISOString()}`,
    );
  }
  const result: VerifiedSignature = { signerCertificatePem: derToPem(signer.der, 'CERTIFICATE') };
  if (signingTime) result.signingTime = signingTime;
  return result;
}

function assertUsableForSigning(certificate: LoadedCertificate): void {
  assertUsableRsaKey(certificate, 'Signing');
  if (!allowsDigitalSignature(certificate.pkijs)) {
    throw new CryptoInputError('CERTIFICATE_NOT_FOR_SIGNING', 'Signing certificate keyUsage allows neither digitalSignature nor nonRepudiation');
  }
}

function invalid(message: string, cause?: unknown): CryptoInputError {
  return new CryptoInputError('SIGNATURE_INVALID', message, cause === undefined ? undefined : { cause });
}

interface ParsedSignedData {
  signedData: pkijs.SignedData;
  /** The embedded certificates as their exact DER, which pkijs would re-encode. */
  certificates: Uint8Array<ArrayBuffer>[];
}

function parseSignedData(der: Uint8Array): ParsedSignedData {
  let signedData: pkijs.SignedData;
  let signedDataAsn1: asn1js.AsnType;
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: parseSingleElement(der) });
    if (contentInfo.contentType !== OID.signedData) {
      throw new Error(`Content type is ${contentInfo.contentType}, not id-signedData`);
    }
    signedDataAsn1 = contentInfo.content as asn1js.AsnType;
    signedData = new pkijs.SignedData({ schema: signedDataAsn1 });
  } catch (error) {
    throw invalid('Input is not a CMS SignedData structure', error);
  }
  if (signedData.encapContentInfo.eContentType !== OID.data) {
    throw invalid(`The signed content type is ${signedData.encapContentInfo.eContentType}, not id-data`);
  }
  if (signedData.encapContentInfo.eContent !== undefined) {
    // An attached signature carries its own copy of the content, which need not be the one we
    // were given; accepting it would invite checking one thing and using another.
    throw invalid('The signature is not detached (it embeds content)');
  }
  if (signedData.signerInfos.length !== 1) {
    throw invalid(`Expected exactly one signer, found ${signedData.signerInfos.length}`);
  }
  return { signedData, certificates: embeddedCertificates(signedDataAsn1) };
}

function embeddedCertificates(signedData: asn1js.AsnType): Uint8Array<ArrayBuffer>[] {
  if (!(signedData instanceof asn1js.Sequence)) return [];
  // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, certificates [0] IMPLICIT
  // SET OF CertificateChoices OPTIONAL, crls [1] ..., signerInfos }
  const set = signedData.valueBlock.value.find((e) => e.idBlock.tagClass === 3 && e.idBlock.tagNumber === 0);
  if (!(set instanceof asn1js.Constructed)) return [];
  // Only plain certificates (SEQUENCE); attribute and "other" certificates are tagged [1]..[3].
  return set.valueBlock.value
    .filter((e) => e.idBlock.tagClass === 1 && e.idBlock.tagNumber === 16)
    .map((e) => new Uint8Array(e.valueBeforeDecodeView));
}

function findSignerCertificate(signerInfo: pkijs.SignerInfo, embedded: Uint8Array<ArrayBuffer>[], trusted: LoadedCertificate[]): LoadedCertificate {
  const candidates: LoadedCertificate[] = [...trusted];
  for (const der of embedded) {
    try {
      candidates.push(loadCertificateDer(der));
    } catch {
      // An unreadable extra certificate cannot be the signer's; if it was, the signer is not found.
    }
  }
  // Trusted certificates come first: a forged certificate copying the trusted one's issuer and
  // serial must not displace it (it would then fail as untrusted, hiding the real result).
  const signer = candidates.find((candidate) => identifies(signerInfo.sid, candidate.pkijs));
  if (!signer) throw invalid('The signer certificate is neither in the signature nor among the trusted certificates');
  return signer;
}

function identifies(sid: unknown, certificate: pkijs.Certificate): boolean {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return sid.issuer.isEqual(certificate.issuer) && sid.serialNumber.isEqual(certificate.serialNumber);
  }
  // [0] SubjectKeyIdentifier, as `openssl cms -sign -keyid` writes it.
  if (sid instanceof asn1js.BaseBlock && sid.idBlock.tagClass === 3 && sid.idBlock.tagNumber === 0) {
    const ski = certificate.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier)?.parsedValue;
    const keyId = (sid.valueBlock as { valueHexView?: Uint8Array }).valueHexView;
    return ski instanceof asn1js.OctetString && keyId !== undefined && bytesEqual(ski.valueBlock.valueHexView, keyId);
  }
  return false;
}

/** Checks everything the signature itself proves; returns the signing time it claims. */
function checkSignature(signerInfo: pkijs.SignerInfo, signer: LoadedCertificate, content: Uint8Array): Date | undefined {
  if (!isRsaKey(signer.pkijs)) throw invalid('Only RSA signatures are supported');
  const hash = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!hash) throw invalid(`Unsupported digest algorithm ${signerInfo.digestAlgorithm.algorithmId}`);
  const signatureHash = RSA_SIGNATURES[signerInfo.signatureAlgorithm.algorithmId];
  if (signatureHash === undefined) throw invalid(`Unsupported signature algorithm ${signerInfo.signatureAlgorithm.algorithmId}`);
  if (signatureHash !== null && signatureHash !== hash) throw invalid('The signature algorithm and the digest algorithm use different hashes');

  const signedAttrs = signerInfo.signedAttrs;
  if (!signedAttrs || signedAttrs.attributes.length === 0) {
    // Without signed attributes nothing binds the signer certificate or the content type (CAdES-BES needs them).
    throw invalid('The signature has no signed attributes');
  }
  const attributes = new Map<string, pkijs.Attribute>();
  for (const attribute of signedAttrs.attributes) {
    if (attributes.has(attribute.type)) throw invalid(`Signed attribute ${attribute.type} occurs twice`);
    attributes.set(attribute.type, attribute);
  }

  const contentType = singleValue(attributes, OID.contentType, 'content-type');
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== OID.data) {
    throw invalid('The content-type attribute is not id-data');
  }
  const messageDigest = singleValue(attributes, OID.messageDigest, 'message-digest');
  if (!(messageDigest instanceof asn1js.OctetString) || !bytesEqual(messageDigest.valueBlock.valueHexView, digest(hash, content))) {
    throw invalid('The content does not match the signed message digest');
  }
  checkSigningCertificateV2(singleValue(attributes, OID.signingCertificateV2, 'signing-certificate-v2'), signer);
  const signingTime = attributes.has(OID.signingTime) ? decodeSigningTime(singleValue(attributes, OID.signingTime, 'signing-time')) : undefined;

  // The signature covers the DER of the signed attributes with a SET tag (RFC 5652 5.4); pkijs
  // keeps the bytes as received, with the tag already replaced.
  const signed = new Uint8Array(signedAttrs.encodedValue);
  let valid: boolean;
  try {
    valid = verifyWithKey(hash, signed, signer.x509.publicKey, signerInfo.signature.valueBlock.valueHexView);
  } catch (error) {
    throw invalid('The signature value could not be checked', error);
  }
  if (!valid) throw invalid('The signature does not verify with the signer certificate');
  return signingTime;
}

function singleValue(attributes: Map<string, pkijs.Attribute>, oid: string, name: string): unknown {
  const attribute = attributes.get(oid);
  if (!attribute) throw invalid(`The ${name} signed attribute is missing`);
  if (attribute.values.length !== 1) throw invalid(`The ${name} signed attribute must have exactly one value`);
  return attribute.values[0];
}

/**
 * RFC 5035 SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... }
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
 * It binds the signer certificate into the signed attributes, so a certificate with the same key
 * but other contents cannot be substituted.
 */
function signingCertificateV2(certificate: LoadedCertificate): asn1js.Sequence {
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

function checkSigningCertificateV2(value: unknown, signer: LoadedCertificate): void {
  const certs = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
  // The first ESSCertIDv2 is the signer's (RFC 5035 3); any further ones name other certificates.
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) throw invalid('The signing-certificate-v2 attribute is malformed');
  const fields = [...first.valueBlock.value];
  let hash: HashName = 'sha256';
  if (fields[0] instanceof asn1js.Sequence) {
    let algorithm: pkijs.AlgorithmIdentifier;
    try {
      algorithm = new pkijs.AlgorithmIdentifier({ schema: fields.shift() });
    } catch (error) {
      throw invalid('The signing-certificate-v2 hash algorithm is malformed', error);
    }
    const named = DIGESTS[algorithm.algorithmId];
    if (!named) throw invalid(`Unsupported signing-certificate-v2 hash algorithm ${algorithm.algorithmId}`);
    hash = named;
  }
  const certHash = fields.shift();
  if (!(certHash instanceof asn1js.OctetString)) throw invalid('The signing-certificate-v2 attribute has no certificate hash');
  if (!bytesEqual(certHash.valueBlock.valueHexView, digest(hash, signer.der))) {
    throw invalid('The signing-certificate-v2 attribute names another certificate than the signer certificate');
  }
  const serial = fields.shift();
  if (serial !== undefined) {
    // Compared as DER: GeneralNames with the one directoryName a CA's issuer has, as we write it.
    const expected = new Uint8Array(issuerSerial(signer.pkijs).toBER(false));
    if (!bytesEqual(new Uint8Array(serial.valueBeforeDecodeView), expected)) {
      throw invalid('The signing-certificate-v2 issuer and serial do not match the signer certificate');
    }
  }
  if (fields.length > 0) throw invalid('The signing-certificate-v2 attribute is malformed');
}

function encodeSigningTime(date: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  // RFC 5652 11.3: UTCTime for 1950 through 2049, GeneralizedTime otherwise.
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? new asn1js.UTCTime({ valueDate: date }) : new asn1js.GeneralizedTime({ valueDate: date });
}

function decodeSigningTime(value: unknown): Date {
  // GeneralizedTime extends UTCTime in asn1js, so one check covers both.
  const date = value instanceof asn1js.UTCTime ? value.toDate() : undefined;
  if (!date || Number.isNaN(date.getTime())) throw invalid('The signing-time attribute is malformed');
  return date;
}

/** DER orders the elements of a SET OF by their encodings (X.690 11.6); OpenSSL re-encodes and checks that. */
function sortedAsDerSet(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((attribute) => ({ attribute, der: new Uint8Array(attribute.toSchema().toBER(false)) }));
  encoded.sort((a, b) => compareBytes(a.der, b.der));
  return encoded.map((e) => e.attribute);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

function digest(hash: HashName, data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash(hash).update(data).digest());
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
