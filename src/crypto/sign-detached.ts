// Signing side of the CAdES-BES profile (cades-profile.ts): the portal signs each package's
// manifest with it, so the receiving side can tell the package is the portal's and unchanged.
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { allowsDigitalSignature, assertUsableRsaKey, isCertificateValidAt, loadCertificate, type LoadedCertificate } from './certificates.ts';
import { digest, encodeSigningTime, OID, signingCertificateV2 } from './cades-profile.ts';
import { cryptoEngine } from './engine.ts';
import { CryptoInputError } from './errors.ts';
import { loadRsaPrivateKey, samePublicKey } from './keys.ts';

export interface SignerCredentials {
  /** PKCS#8 or PKCS#1 PEM, unencrypted. */
  privateKeyPem: string;
  certificatePem: string;
}

export interface SignOptions {
  /** Written as the signing-time attribute (whole seconds); defaults to now. */
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

function assertUsableForSigning(certificate: LoadedCertificate): void {
  assertUsableRsaKey(certificate, 'Signing');
  if (!allowsDigitalSignature(certificate.pkijs)) {
    throw new CryptoInputError('CERTIFICATE_NOT_FOR_SIGNING', 'Signing certificate keyUsage allows neither digitalSignature nor nonRepudiation');
  }
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
