import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { allowsKeyEncipherment, assertUsableRsaKey, isCertificateValidAt, loadCertificate, type LoadedCertificate } from './certificates.ts';
import { asArrayBuffer, parseSingleElement } from './der.ts';
import { cryptoEngine } from './engine.ts';
import { CryptoInputError } from './errors.ts';
import { loadRsaPrivateKey, samePublicKey } from './keys.ts';

// Same profile as the KS Fiks platform: AES-256-CBC content encryption, key transport with
// RSAES-OAEP (SHA-256, MGF1-SHA-256), recipient identified by issuerAndSerialNumber.

const OID = {
  rsaesOaep: '1.2.840.113549.1.1.7',
  mgf1: '1.2.840.113549.1.1.8',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

export interface EncryptOptions {
  /** The instant the certificate must be valid at; defaults to now. */
  at?: Date;
}

/**
 * Encrypts `content` to the holder of `recipientCertificatePem` and returns a DER-encoded
 * ContentInfo(id-envelopedData) that `openssl cms -decrypt -inform DER` opens.
 * Throws CryptoInputError for an unusable certificate (CERTIFICATE_NOT_VALID, UNSUPPORTED_KEY, ...).
 */
export async function encryptEnvelopedData(
  content: Uint8Array,
  recipientCertificatePem: string,
  options: EncryptOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  if (!(content instanceof Uint8Array)) {
    throw new CryptoInputError('INVALID_ARGUMENT', 'content must be a Uint8Array');
  }
  const recipient = loadCertificate(recipientCertificatePem);
  assertUsableForEncryption(recipient, options.at ?? new Date());

  // disableSplit keeps the ciphertext in one primitive OCTET STRING with definite lengths, i.e.
  // real DER; pkijs' default is BER with 1 KiB chunks under indefinite lengths.
  const enveloped = new pkijs.EnvelopedData({ disableSplit: true });
  enveloped.addRecipientByCertificate(recipient.pkijs, { oaepHashAlgorithm: 'SHA-256' }, 1, cryptoEngine);
  const recipientInfo = enveloped.recipientInfos[0]?.value;
  const hashes = recipientInfo instanceof pkijs.KeyTransRecipientInfo ? oaepHashes(recipientInfo.keyEncryptionAlgorithm) : undefined;
  // pkijs decides these parameters internally; failing here beats sending packages that a
  // receiver configured for MGF1-SHA-256 cannot open after some library upgrade.
  if (hashes?.hash !== OID.sha256 || hashes.mgf1Hash !== OID.sha256) {
    throw new Error('pkijs did not produce RSAES-OAEP with SHA-256 and MGF1-SHA-256');
  }

  await enveloped.encrypt({ name: 'AES-CBC', length: 256 } as AesKeyGenParams, exactArrayBuffer(content), cryptoEngine);
  // RFC 5652 6.1: no originatorInfo, no unprotectedAttrs and only version-0 KeyTransRecipientInfos
  // make this version 0 (what OpenSSL writes too); pkijs always writes 2.
  enveloped.version = 0;

  const contentInfo = new pkijs.ContentInfo({
    contentType: pkijs.ContentInfo.ENVELOPED_DATA,
    content: enveloped.toSchema(),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/**
 * Opens a package made by encryptEnvelopedData (or by OpenSSL/Fiks with RSAES-OAEP). Any failure
 * to open it, whether malformed input, a package for someone else, the wrong key or tampering that
 * breaks the key transport or the padding, is a CryptoInputError with code DECRYPT_FAILED.
 *
 * AES-CBC carries no integrity protection: a changed ciphertext byte away from the last two
 * blocks decrypts "successfully" to garbled content. Integrity must come from elsewhere.
 */
export async function decryptEnvelopedData(
  der: Uint8Array,
  privateKeyPem: string,
  recipientCertificatePem: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const recipient = loadCertificate(recipientCertificatePem);
  const privateKey = loadRsaPrivateKey(privateKeyPem);
  if (!samePublicKey(privateKey, recipient)) {
    throw new CryptoInputError('DECRYPT_FAILED', 'The private key does not belong to the recipient certificate');
  }
  if (!(der instanceof Uint8Array)) {
    throw new CryptoInputError('INVALID_ARGUMENT', 'der must be a Uint8Array');
  }

  // The certificate's validity is deliberately not checked here: a package that arrived while
  // the certificate was valid must still open after it has expired.
  const enveloped = parseEnvelopedData(der);
  const { index, recipientInfo } = findRecipient(enveloped, recipient.pkijs);
  const hashes = oaepHashes(recipientInfo.keyEncryptionAlgorithm);
  // WebCrypto's RSA-OAEP always uses the OAEP hash for MGF1 too, so a package with differing
  // hashes would fail with an opaque error; say why instead.
  if (!hashes || hashes.hash !== hashes.mgf1Hash) {
    throw new CryptoInputError(
      'DECRYPT_FAILED',
      'Unsupported key transport: only RSAES-OAEP with the same hash for OAEP and MGF1 is accepted',
    );
  }

  try {
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    const plain = await enveloped.decrypt(index, { recipientPrivateKey: asArrayBuffer(pkcs8) }, cryptoEngine);
    return new Uint8Array(plain);
  } catch (error) {
    throw new CryptoInputError('DECRYPT_FAILED', 'The package could not be decrypted (wrong key or corrupted data)', {
      cause: error,
    });
  }
}

function assertUsableForEncryption(recipient: LoadedCertificate, at: Date): void {
  if (!isCertificateValidAt(recipient.info, at)) {
    throw new CryptoInputError(
      'CERTIFICATE_NOT_VALID',
      `Recipient certificate is valid from ${recipient.info.notBefore.toISOString()} to ${recipient.info.notAfter.toISOString()}, not at ${at.toISOString()}`,
    );
  }
  assertUsableRsaKey(recipient, 'Recipient');
  if (!allowsKeyEncipherment(recipient.pkijs)) {
    throw new CryptoInputError('CERTIFICATE_NOT_FOR_ENCRYPTION', 'Recipient certificate keyUsage does not allow keyEncipherment');
  }
}

function parseEnvelopedData(der: Uint8Array): pkijs.EnvelopedData {
  try {
    // Nothing inside EnvelopedData needs OCTET STRING contents parsed as nested ASN.1, and trying
    // it on 30 MB of ciphertext is wasted work.
    const asn1 = parseSingleElement(der, { parseEmbedded: false });
    const contentInfo = new pkijs.ContentInfo({ schema: asn1 });
    if (contentInfo.contentType !== pkijs.ContentInfo.ENVELOPED_DATA) {
      throw new Error(`Content type is ${contentInfo.contentType}, not id-envelopedData`);
    }
    return new pkijs.EnvelopedData({ schema: contentInfo.content });
  } catch (error) {
    throw new CryptoInputError('DECRYPT_FAILED', 'Input is not a CMS EnvelopedData structure', { cause: error });
  }
}

function findRecipient(
  enveloped: pkijs.EnvelopedData,
  certificate: pkijs.Certificate,
): { index: number; recipientInfo: pkijs.KeyTransRecipientInfo } {
  const keyIdentifier = certificate.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue;
  for (const [index, info] of enveloped.recipientInfos.entries()) {
    const recipientInfo = info.value;
    if (!(recipientInfo instanceof pkijs.KeyTransRecipientInfo)) continue;
    const rid = recipientInfo.rid;
    const matches =
      rid instanceof pkijs.IssuerAndSerialNumber
        ? rid.issuer.isEqual(certificate.issuer) && rid.serialNumber.isEqual(certificate.serialNumber)
        : // `openssl cms -encrypt -keyid` names the recipient by subjectKeyIdentifier instead.
          keyIdentifier instanceof asn1js.OctetString && rid.isEqual(keyIdentifier);
    if (matches) return { index, recipientInfo };
  }
  throw new CryptoInputError('DECRYPT_FAILED', 'The package is not encrypted to this certificate');
}

function oaepHashes(algorithm: pkijs.AlgorithmIdentifier): { hash: string; mgf1Hash: string } | undefined {
  if (algorithm.algorithmId !== OID.rsaesOaep) return undefined;
  try {
    // Absent parameters mean the RFC 8017 defaults (SHA-1, MGF1-SHA-1); pkijs applies them.
    const params = algorithm.algorithmParams instanceof asn1js.Sequence
      ? new pkijs.RSAESOAEPParams({ schema: algorithm.algorithmParams })
      : new pkijs.RSAESOAEPParams();
    if (params.maskGenAlgorithm.algorithmId !== OID.mgf1) return undefined;
    const mgf1Hash = new pkijs.AlgorithmIdentifier({ schema: params.maskGenAlgorithm.algorithmParams });
    return { hash: params.hashAlgorithm.algorithmId, mgf1Hash: mgf1Hash.algorithmId };
  } catch {
    return undefined;
  }
}

/** EnvelopedData.encrypt is typed for a whole ArrayBuffer; copy only when the view is a slice of one. */
function exactArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) {
    return bytes.buffer;
  }
  return bytes.slice().buffer;
}
