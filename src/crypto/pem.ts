import { CryptoInputError } from './errors.ts';

// RFC 7468 textual encoding. We accept the "lax" form (any line length, CRLF, surrounding text,
// e.g. the "Bag Attributes" OpenSSL prints before a block) but insist on strict base64 inside,
// because Buffer.from(x, 'base64') silently skips garbage and would hand pkijs truncated DER.

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64_BODY = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes the first PEM block (or the first with `expectedLabel`, e.g. 'CERTIFICATE').
 * Throws CryptoInputError('INVALID_PEM') when there is no such block or its body is not base64.
 */
export function pemToDer(pem: string, expectedLabel?: string): Uint8Array<ArrayBuffer> {
  if (typeof pem !== 'string') {
    throw new CryptoInputError('INVALID_PEM', 'PEM input must be a string');
  }
  for (const match of pem.matchAll(PEM_BLOCK)) {
    const label = match[1] ?? '';
    if (expectedLabel !== undefined && label !== expectedLabel) continue;
    const body = (match[2] ?? '').replace(/\s+/g, '');
    if (body.length === 0 || !BASE64_BODY.test(body)) {
      throw new CryptoInputError('INVALID_PEM', `PEM block "${label}" does not contain valid base64`);
    }
    return new Uint8Array(Buffer.from(body, 'base64'));
  }
  const what = expectedLabel === undefined ? 'a PEM block' : `a "${expectedLabel}" PEM block`;
  throw new CryptoInputError('INVALID_PEM', `Input does not contain ${what}`);
}

/** Encodes DER as PEM with 64-character lines and a trailing newline, as OpenSSL writes it. */
export function derToPem(der: Uint8Array, label: string): string {
  if (!/^[A-Z0-9]+(?: [A-Z0-9]+)*$/.test(label)) {
    throw new CryptoInputError('INVALID_ARGUMENT', `Invalid PEM label: ${JSON.stringify(label)}`);
  }
  const base64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}${lines.length ? '\n' : ''}-----END ${label}-----\n`;
}
