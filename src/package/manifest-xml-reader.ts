// The small strict XML parser behind parse-manifest.ts, for exactly the syntax writeManifest
// produces (elements, attributes, namespaces, the five predefined entities and character
// references). Comments, CDATA, processing instructions and DOCTYPE are refused rather than
// skipped: the receiver pins our signing key, so anything else is not ours.
import { isXmlSafe } from './asic-manifest.ts';
import { PackageError } from './errors.ts';

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

export interface XmlElement {
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

/** Reads a whole document into its root element; throws PackageError('MANIFEST_INVALID'). */
export function readXmlDocument(text: string): XmlElement {
  return new XmlReader(text).document();
}

/** Whatever this reader or parse-manifest.ts refuses, the manifest is not one we wrote: one code. */
export function manifestError(message: string, cause?: unknown): PackageError {
  return new PackageError('MANIFEST_INVALID', message, cause === undefined ? undefined : { cause });
}

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
