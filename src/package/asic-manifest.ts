// META-INF/ASiCManifest.xml of an ASiC-E container with a CAdES signature (ETSI EN 319 162-1,
// 4.4.2): the signature covers this manifest, and the manifest holds a SHA-256 digest of every data
// file, so one signature protects the whole package. The format and its writer; parse-manifest.ts
// reads it back.
export const ASIC_NAMESPACE = 'http://uri.etsi.org/02918/v1.2.1#';
export const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
export const SHA256_ALGORITHM = 'http://www.w3.org/2001/04/xmlenc#sha256';

export interface ManifestReference {
  /** The zip entry name, verbatim (see escapeAttribute on why it is not percent-encoded). */
  uri: string;
  mimeType?: string;
  /** SHA-256 of the file. */
  digest: Uint8Array;
  /** The package's main document (`Rootfile="true"`, as KS marks the Fiks JSON); at most one. */
  rootFile?: boolean;
}

export interface AsicManifest {
  sigReference: { uri: string; mimeType?: string };
  references: ManifestReference[];
}

/** Characters XML 1.0 cannot carry at all, not even as character references. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function isXmlSafe(text: string): boolean {
  return !NOT_XML_CHAR.test(text);
}

export function writeManifest(manifest: AsicManifest): Uint8Array {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<ASiCManifest xmlns="${ASIC_NAMESPACE}" xmlns:ds="${XMLDSIG_NAMESPACE}">`,
    `  <SigReference${attributes({ URI: manifest.sigReference.uri, MimeType: manifest.sigReference.mimeType })}/>`,
  ];
  for (const reference of manifest.references) {
    if (reference.digest.length !== 32) throw new Error('A manifest digest must be a SHA-256 (32 bytes)');
    lines.push(
      `  <DataObjectReference${attributes({ URI: reference.uri, MimeType: reference.mimeType, Rootfile: reference.rootFile ? 'true' : undefined })}>`,
      `    <ds:DigestMethod Algorithm="${SHA256_ALGORITHM}"/>`,
      `    <ds:DigestValue>${Buffer.from(reference.digest).toString('base64')}</ds:DigestValue>`,
      '  </DataObjectReference>',
    );
  }
  lines.push('</ASiCManifest>', '');
  return new TextEncoder().encode(lines.join('\n'));
}

function attributes(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
}

/**
 * URIs are written as the zip entry name, XML-escaped but not percent-encoded: that is what KS Fiks'
 * and difi's commons-asic readers compare against, and what our reader expects. Tab, CR and LF
 * become character references because a parser would otherwise normalise them to spaces.
 */
function escapeAttribute(value: string): string {
  if (!isXmlSafe(value)) throw new Error('The value holds a character XML 1.0 cannot represent');
  return value.replace(/[&<>"'\t\n\r]/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
