// Reads META-INF/ASiCManifest.xml back (asic-manifest.ts describes the format), for exactly the
// shape writeManifest produces: unknown elements and attributes are refused rather than skipped,
// because the receiver pins our signing key, so anything else is not ours.
import { ASIC_NAMESPACE, SHA256_ALGORITHM, XMLDSIG_NAMESPACE, type AsicManifest, type ManifestReference } from './asic-manifest.ts';
import { manifestError, readXmlDocument, type XmlElement } from './manifest-xml-reader.ts';

/** Parses a manifest; throws PackageError('MANIFEST_INVALID') for anything but what writeManifest writes. */
export function parseManifest(bytes: Uint8Array): AsicManifest {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    throw manifestError('The manifest is not UTF-8', error);
  }
  return interpret(readXmlDocument(text));
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
