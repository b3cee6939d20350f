// Verifying side of the CAdES-BES profile (cades-profile.ts): the receiving side checks the
// signature over a package's manifest against the certificates it pins, and accepts the same
// profile from OpenSSL, BouncyCastle and commons-asic.
import { verify as verifyWithKey } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { allowsDigitalSignature, isCertificateValidAt, isRsaKey, loadCertificate, loadCertificateDer, type LoadedCertificate } from './certificates.ts';
import {
  bytesEqual,
  checkSigningCertificateV2,
  decodeSigningTime,
  digest,
  DIGESTS,
  invalidSignature,
  OID,
  type HashName,
} from './cades-profile.ts';
import { parseSingleElement } from './der.ts';
import { CryptoInputError } from './errors.ts';
import { derToPem } from './pem.ts';

/** RSA PKCS#1 v1.5 signature algorithms; null: the hash is the SignerInfo's digestAlgorithm. */
const RSA_SIGNATURES: Record<string, HashName | null> = {
  // OpenSSL and BouncyCastle write plain rsaEncryption here; RFC 3370 allows both forms.
  [OID.rsaEncryption]: null,
  [OID.sha256WithRsa]: 'sha256',
  [OID.sha384WithRsa]: 'sha384',
  [OID.sha512WithRsa]: 'sha512',
};

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
    throw invalidSignature('Input is not a CMS SignedData structure', error);
  }
  if (signedData.encapContentInfo.eContentType !== OID.data) {
    throw invalidSignature(`The signed content type is ${signedData.encapContentInfo.eContentType}, not id-data`);
  }
  if (signedData.encapContentInfo.eContent !== undefined) {
    // An attached signature carries its own copy of the content, which need not be the one we
    // were given; accepting it would invite checking one thing and using another.
    throw invalidSignature('The signature is not detached (it embeds content)');
  }
  if (signedData.signerInfos.length !== 1) {
    throw invalidSignature(`Expected exactly one signer, found ${signedData.signerInfos.length}`);
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
  if (!signer) throw invalidSignature('The signer certificate is neither in the signature nor among the trusted certificates');
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
  if (!isRsaKey(signer.pkijs)) throw invalidSignature('Only RSA signatures are supported');
  const hash = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!hash) throw invalidSignature(`Unsupported digest algorithm ${signerInfo.digestAlgorithm.algorithmId}`);
  const signatureHash = RSA_SIGNATURES[signerInfo.signatureAlgorithm.algorithmId];
  if (signatureHash === undefined) throw invalidSignature(`Unsupported signature algorithm ${signerInfo.signatureAlgorithm.algorithmId}`);
  if (signatureHash !== null && signatureHash !== hash) throw invalidSignature('The signature algorithm and the digest algorithm use different hashes');

  const signedAttrs = signerInfo.signedAttrs;
  if (!signedAttrs || signedAttrs.attributes.length === 0) {
    // Without signed attributes nothing binds the signer certificate or the content type (CAdES-BES needs them).
    throw invalidSignature('The signature has no signed attributes');
  }
  const attributes = new Map<string, pkijs.Attribute>();
  for (const attribute of signedAttrs.attributes) {
    if (attributes.has(attribute.type)) throw invalidSignature(`Signed attribute ${attribute.type} occurs twice`);
    attributes.set(attribute.type, attribute);
  }

  const contentType = singleValue(attributes, OID.contentType, 'content-type');
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== OID.data) {
    throw invalidSignature('The content-type attribute is not id-data');
  }
  const messageDigest = singleValue(attributes, OID.messageDigest, 'message-digest');
  if (!(messageDigest instanceof asn1js.OctetString) || !bytesEqual(messageDigest.valueBlock.valueHexView, digest(hash, content))) {
    throw invalidSignature('The content does not match the signed message digest');
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
    throw invalidSignature('The signature value could not be checked', error);
  }
  if (!valid) throw invalidSignature('The signature does not verify with the signer certificate');
  return signingTime;
}

function singleValue(attributes: Map<string, pkijs.Attribute>, oid: string, name: string): unknown {
  const attribute = attributes.get(oid);
  if (!attribute) throw invalidSignature(`The ${name} signed attribute is missing`);
  if (attribute.values.length !== 1) throw invalidSignature(`The ${name} signed attribute must have exactly one value`);
  return attribute.values[0];
}
