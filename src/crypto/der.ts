// Strict DER/BER input handling shared by the CMS readers in this folder (internal, not exported
// from index.ts).
import * as asn1js from 'asn1js';

export interface ParseLimits {
  /** Whether OCTET STRING contents are tried as nested ASN.1 (pkijs needs it for some structures). */
  parseEmbedded?: boolean;
}

/**
 * Parses exactly one ASN.1 element that spans all of `der`. Throws a plain Error (callers wrap it
 * in their own CryptoInputError code) on trailing bytes or lengths that do not add up.
 */
export function parseSingleElement(der: Uint8Array, limits: ParseLimits = {}): asn1js.AsnType {
  const asn1 = asn1js.fromBER(asArrayBuffer(der), {
    // asn1js caps content at 16 MiB and 10 000 nodes by default; reports reach 30 MB and
    // streaming senders (BouncyCastle, `openssl cms -stream`) chunk content into ~1 KB pieces.
    // Scale the limits with the input instead of dropping them.
    maxContentLength: der.byteLength,
    maxNodes: 10_000 + Math.ceil(der.byteLength / 256),
    parseEmbedded: limits.parseEmbedded ?? false,
  });
  // Trailing bytes after the element mean the file is not what the sender produced.
  if (asn1.offset === -1 || asn1.offset !== der.byteLength) {
    throw new Error(asn1.result.error || 'Trailing data after the ASN.1 element');
  }
  if (!lengthsConsistent(asn1.result as unknown as ParsedBlock)) {
    throw new Error('An ASN.1 length does not match the content it encloses');
  }
  return asn1.result;
}

interface ParsedBlock {
  idBlock: { isConstructed: boolean };
  lenBlock: { isIndefiniteForm: boolean; length: number };
  valueBlock: { blockLength: number; value?: unknown };
}

/**
 * asn1js accepts a constructed element whose children run past its declared length (it just
 * keeps reading), so a corrupted length octet would go unnoticed. OpenSSL rejects such input,
 * and so do we.
 */
function lengthsConsistent(block: ParsedBlock): boolean {
  if (!block.lenBlock.isIndefiniteForm && block.valueBlock.blockLength !== block.lenBlock.length) return false;
  if (!block.idBlock.isConstructed || !Array.isArray(block.valueBlock.value)) return true;
  return (block.valueBlock.value as ParsedBlock[]).every(lengthsConsistent);
}

/** pkijs and asn1js are typed for ArrayBuffer views; copy only when the view is over something else. */
export function asArrayBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
