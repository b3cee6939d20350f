// META-INF/ASiCManifest.xml of an ASiC-E container with a CAdES signature (ETSI EN 319 162-1,
// 4.4.2): the signature covers this manifest, and the manifest holds a SHA-256 digest of every data
// file, so one signature protects the whole package.
//
// The reader is a small strict XML parser for exactly the shape the writer produces (elements,
// attributes, namespaces, the five predefined entities and character references). Comments,
// CDATA, processing instructions, DOCTYPE and unknown elements are refused rather than skipped:
// the receiver pins our signing key, so anything else is not ours.
import { PackageError } from './errors.ts';

export const ASIC_NAMESPACE = 'http://uri.etsi.org/02918/v1.2.1#';
export const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
export const SHA256_ALGORITHM = 'http://www.w3.org/2001/04/xmlenc#sha256';
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

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

/** Parses a manifest; throws PackageError('MANIFEST_INVALID') for anything but the format above. */
export function parseManifest(bytes: Uint8Array): AsicManifest {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    throw manifestError('The manifest is not UTF-8', error);
  }
  return interpret(new XmlReader(text).document());
}

function manifestError(message: string, cause?: unknown): PackageError {
  return new PackageError('MANIFEST_INVALID', message, cause === undefined ? undefined : { cause });
}

interface XmlElement {
  namespace: string;
  local: string;
  /** Keyed by `{namespace}local`; unprefixed attributes have no namespace. */
  attributes: Map<string, string>;
  children: XmlElement[];
  text: string;
}

// Deeper than the format needs, shallow enough that hostile nesting cannot exhaust the stack.
const MAX_DEPTH = 8;
const NAME = /[A-Za-z_][A-Za-z0-9._-]*(?::[A-Za-z_][A-Za-z0-9._-]*)?/y;
const WHITESPACE = /[ \t\r\n]*/y;
const DECLARATION = /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])UTF-8\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/iy;
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class XmlReader {
  private pos = 0;

  constructor(private readonly s: string) {}

  document(): XmlElement {
    if (this.s.startsWith('\uFEFF')) this.pos = 1;
    DECLARATION.lastIndex = this.pos;
    const declaration = DECLARATION.exec(this.s);
    if (declaration) this.pos = DECLARATION.lastIndex;
    else if (this.s.startsWith('<?xml', this.pos)) throw manifestError('Unsupported XML declaration (only version 1.0, UTF-8)');
    this.skipWhitespace();
    const root = this.element(new Map([['xml', XML_NAMESPACE]]), 0);
    this.skipWhitespace();
    if (this.pos !== this.s.length) throw manifestError('Content after the root element');
    return root;
  }

  private element(outerScope: Map<string, string>, depth: number): XmlElement {
    if (depth > MAX_DEPTH) throw manifestError('Elements nested too deeply');
    this.expect('<');
    const qname = this.name();
    const raw: [string, string][] = [];
    let selfClosing = false;
    for (;;) {
      const hadSpace = this.skipWhitespace();
      if (this.s.startsWith('/>', this.pos)) {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (this.s[this.pos] === '>') {
        this.pos += 1;
        break;
      }
      if (!hadSpace) throw manifestError(`Malformed start tag <${qname}>`);
      const attributeName = this.name();
      this.skipWhitespace();
      this.expect('=');
      this.skipWhitespace();
      const quote = this.s[this.pos];
      if (quote !== '"' && quote !== "'") throw manifestError('Attribute value without quotes');
      const end = this.s.indexOf(quote, this.pos + 1);
      if (end < 0) throw manifestError('Unterminated attribute value');
      const value = this.s.slice(this.pos + 1, end);
      if (value.includes('<')) throw manifestError('"<" in an attribute value');
      this.pos = end + 1;
      if (raw.some(([n]) => n === attributeName)) throw manifestError(`Attribute ${attributeName} occurs twice`);
      // XML attribute-value normalisation: literal whitespace becomes a space; references do not.
      raw.push([attributeName, decodeReferences(value.replace(/[\t\r\n]/g, ' '))]);
    }

    let scope = outerScope;
    for (const [attributeName, value] of raw) {
      if (attributeName === 'xmlns' || attributeName.startsWith('xmlns:')) {
        if (scope === outerScope) scope = new Map(outerScope);
        scope.set(attributeName === 'xmlns' ? '' : attributeName.slice(6), value);
      }
    }
    const { namespace, local } = resolve(qname, scope, true);
    const attributeMap = new Map<string, string>();
    for (const [attributeName, value] of raw) {
      if (attributeName === 'xmlns' || attributeName.startsWith('xmlns:')) continue;
      const resolved = resolve(attributeName, scope, false);
      const key = `{${resolved.namespace}}${resolved.local}`;
      if (attributeMap.has(key)) throw manifestError(`Attribute ${attributeName} occurs twice`);
      attributeMap.set(key, value);
    }
    const element: XmlElement = { namespace, local, attributes: attributeMap, children: [], text: '' };
    if (selfClosing) return element;

    for (;;) {
      if (this.pos >= this.s.length) throw manifestError(`<${qname}> is not closed`);
      if (this.s.startsWith('</', this.pos)) {
        this.pos += 2;
        if (this.name() !== qname) throw manifestError(`Mismatched end tag for <${qname}>`);
        this.skipWhitespace();
        this.expect('>');
        return element;
      }
      if (this.s.startsWith('<!', this.pos) || this.s.startsWith('<?', this.pos)) {
        throw manifestError('Comments, CDATA, DOCTYPE and processing instructions are not allowed');
      }
      if (this.s[this.pos] === '<') {
        element.children.push(this.element(scope, depth + 1));
        continue;
      }
      const end = this.s.indexOf('<', this.pos);
      if (end < 0) throw manifestError(`<${qname}> is not closed`);
      const text = this.s.slice(this.pos, end);
      if (text.includes(']]>')) throw manifestError('"]]>" in text');
      element.text += decodeReferences(text);
      this.pos = end;
    }
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.s);
    if (!match) throw manifestError(`Expected a name at offset ${this.pos}`);
    this.pos = NAME.lastIndex;
    return match[0];
  }

  private skipWhitespace(): boolean {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.s);
    const moved = WHITESPACE.lastIndex > this.pos;
    this.pos = WHITESPACE.lastIndex;
    return moved;
  }

  private expect(c: string): void {
    if (this.s[this.pos] !== c) throw manifestError(`Expected "${c}" at offset ${this.pos}`);
    this.pos += 1;
  }
}

function resolve(qname: string, scope: Map<string, string>, isElement: boolean): { namespace: string; local: string } {
  const colon = qname.indexOf(':');
  if (colon < 0) return { namespace: isElement ? (scope.get('') ?? '') : '', local: qname };
  const namespace = scope.get(qname.slice(0, colon));
  if (!namespace) throw manifestError(`Undeclared namespace prefix in ${qname}`);
  return { namespace, local: qname.slice(colon + 1) };
}

function decodeReferences(raw: string): string {
  if (!isXmlSafe(raw)) throw manifestError('A character XML 1.0 does not allow');
  if (!raw.includes('&')) return raw;
  if (raw.replace(REFERENCE, '').includes('&')) throw manifestError('An unknown entity or a bare "&"');
  return raw.replace(REFERENCE, (_, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name) return PREDEFINED[name]!;
    const codePoint = hex ? parseInt(hex, 16) : parseInt(decimal!, 10);
    if (codePoint > 0x10ffff) throw manifestError('A character reference beyond Unicode');
    const c = String.fromCodePoint(codePoint);
    if (!isXmlSafe(c)) throw manifestError('A character reference to a character XML 1.0 does not allow');
    return c;
  });
}

const ASIC = (local: string) => `{${ASIC_NAMESPACE}}${local}`;
const DS = (local: string) => `{${XMLDSIG_NAMESPACE}}${local}`;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function nameOf(element: XmlElement): string {
  return `{${element.namespace}}${element.local}`;
}

function expectShape(element: XmlElement, allowed: string[], required: string[], what: string): void {
  for (const key of element.attributes.keys()) {
    if (!allowed.includes(key)) throw manifestError(`Unexpected attribute ${key} on ${what}`);
  }
  for (const key of required) {
    if (!element.attributes.has(key)) throw manifestError(`${what} has no ${key} attribute`);
  }
}

function onlyWhitespace(element: XmlElement, what: string): void {
  if (!/^[ \t\r\n]*$/.test(element.text)) throw manifestError(`Unexpected text in ${what}`);
}

function interpret(root: XmlElement): AsicManifest {
  if (nameOf(root) !== ASIC('ASiCManifest')) throw manifestError('The root element is not asic:ASiCManifest');
  expectShape(root, [], [], 'ASiCManifest');
  onlyWhitespace(root, 'ASiCManifest');
  const [sigElement, ...referenceElements] = root.children;
  if (!sigElement || nameOf(sigElement) !== ASIC('SigReference')) throw manifestError('SigReference must come first');
  expectShape(sigElement, ['{}URI', '{}MimeType'], ['{}URI'], 'SigReference');
  if (sigElement.children.length > 0) throw manifestError('SigReference has child elements');
  onlyWhitespace(sigElement, 'SigReference');
  const sigReference: AsicManifest['sigReference'] = { uri: sigElement.attributes.get('{}URI')! };
  const sigMimeType = sigElement.attributes.get('{}MimeType');
  if (sigMimeType !== undefined) sigReference.mimeType = sigMimeType;

  if (referenceElements.length === 0) throw manifestError('The manifest lists no files');
  const references = referenceElements.map((element): ManifestReference => {
    if (nameOf(element) !== ASIC('DataObjectReference')) throw manifestError(`Unexpected element ${element.local}`);
    expectShape(element, ['{}URI', '{}MimeType', '{}Rootfile'], ['{}URI'], 'DataObjectReference');
    onlyWhitespace(element, 'DataObjectReference');
    const [method, value, ...rest] = element.children;
    if (!method || nameOf(method) !== DS('DigestMethod') || !value || nameOf(value) !== DS('DigestValue') || rest.length > 0) {
      throw manifestError('DataObjectReference must hold ds:DigestMethod and ds:DigestValue');
    }
    expectShape(method, ['{}Algorithm'], ['{}Algorithm'], 'DigestMethod');
    if (method.children.length > 0) throw manifestError('DigestMethod has child elements');
    onlyWhitespace(method, 'DigestMethod');
    if (method.attributes.get('{}Algorithm') !== SHA256_ALGORITHM) throw manifestError('Only SHA-256 digests are accepted');
    expectShape(value, [], [], 'DigestValue');
    if (value.children.length > 0) throw manifestError('DigestValue has child elements');
    // base64Binary allows whitespace between characters.
    const base64 = value.text.replace(/[ \t\r\n]/g, '');
    if (!BASE64.test(base64)) throw manifestError('DigestValue is not base64');
    const digest = new Uint8Array(Buffer.from(base64, 'base64'));
    if (digest.length !== 32) throw manifestError('DigestValue is not a SHA-256 digest');
    const reference: ManifestReference = { uri: element.attributes.get('{}URI')!, digest };
    const mimeType = element.attributes.get('{}MimeType');
    if (mimeType !== undefined) reference.mimeType = mimeType;
    const rootFile = element.attributes.get('{}Rootfile');
    if (rootFile !== undefined && rootFile !== 'true' && rootFile !== 'false') throw manifestError('Rootfile is neither true nor false');
    if (rootFile === 'true') reference.rootFile = true;
    return reference;
  });
  if (references.filter((r) => r.rootFile).length > 1) throw manifestError('More than one file is marked Rootfile');
  return { sigReference, references };
}
