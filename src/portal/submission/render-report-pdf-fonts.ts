// The report PDF's embedded DejaVu Sans: read and parsed once per process, and the text fitted to
// what it can draw. PDF/A requires every font to be embedded and every character to have a glyph.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FONT_BOLD, FONT_REGULAR } from './render-report-pdf-style.ts';

type Doc = PDFKit.PDFDocument;

// Fonts are the only input outside the report; reading them once per process keeps rendering pure CPU.
let fontBytes: { regular: Buffer; bold: Buffer } | undefined;
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontBytes) {
    const require = createRequire(import.meta.url);
    fontBytes = {
      regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
      bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    };
  }
  return fontBytes;
}

// Characters the embedded fonts cannot draw would be shown with glyph 0 (.notdef), which PDF/A-2
// forbids (ISO 19005-2, 6.2.11.8). The answer per code point never changes, so it is kept per process.
const REPLACEMENT = '\uFFFD';
const drawable = new Map<number, boolean>();

/** The parts of a fontkit font this file touches. */
interface ParsedFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  createSubset(): unknown;
}
type FontRole = 'regular' | 'bold';
/** One document's parsed fonts; a role is missing when pdfkit's internals were not as expected. */
export type Glyphs = Partial<Record<FontRole, ParsedFont>>;
const parsedFonts: Glyphs = {};

/**
 * pdfkit parses a font anew for every document, and parsing DejaVu's layout tables costs more than
 * drawing a whole report (about half the time). After parsing, a fontkit font only fills its own
 * caches, and each document keeps its own subset, so the current font of `doc` is switched to the
 * one parsed by the first document. Rendering is synchronous, so documents never interleave on it.
 * This reaches into pdfkit internals (`_font.font`, `_font.subset`, as in 0.17); if their shape ever
 * changes, the check below fails and each document simply parses its own copy again.
 */
function useSharedParsedFont(doc: Doc, role: FontRole): ParsedFont | undefined {
  const embedded = (doc as unknown as { _font?: { font?: Partial<ParsedFont>; subset?: unknown } })._font;
  const own = embedded?.font;
  if (!embedded || typeof own?.hasGlyphForCodePoint !== 'function' || typeof own.createSubset !== 'function') {
    return undefined;
  }
  const shared = parsedFonts[role];
  if (!shared) return (parsedFonts[role] = own as ParsedFont);
  if (!('subset' in embedded)) return own as ParsedFont;
  embedded.font = shared;
  embedded.subset = shared.createSubset();
  return shared;
}

/**
 * Registers both fonts in `doc` and returns their glyphs. Both are chosen here, before any text is
 * laid out, so the shared parsed fonts are in place first; the regular one is left current.
 */
export function embedFonts(doc: Doc): Glyphs {
  const bytes = fonts();
  doc.registerFont(FONT_REGULAR, bytes.regular);
  doc.registerFont(FONT_BOLD, bytes.bold);
  doc.font(FONT_BOLD);
  const bold = useSharedParsedFont(doc, 'bold');
  doc.font(FONT_REGULAR);
  const regular = useSharedParsedFont(doc, 'regular');
  return { regular, bold };
}

/**
 * NFC, one kind of line break, nothing the fonts cannot draw. What cannot be shown becomes a
 * visible replacement mark rather than vanishing: the copy must not look more complete than it is.
 */
export function cleanText(text: string, glyphs: Glyphs): string {
  let out = '';
  // Vertical tab and form feed are how word processors paste manual line and page breaks.
  for (const ch of text.normalize('NFC').replace(/\r\n?|[\v\f\u0085\u2028\u2029]/g, '\n')) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x0a) out += ch;
    else if (cp === 0x09) out += ' ';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff)) out += REPLACEMENT;
    else if (canDraw(cp, glyphs)) out += ch;
    // Invisible format characters (joiners, variation selectors) carry no text; a replacement
    // mark for each would only clutter the copy.
    else if (!/\p{Default_Ignorable_Code_Point}/u.test(ch)) out += REPLACEMENT;
  }
  return out;
}

function canDraw(cp: number, glyphs: Glyphs): boolean {
  let known = drawable.get(cp);
  if (known === undefined) {
    const { regular, bold } = glyphs;
    known = (regular?.hasGlyphForCodePoint(cp) ?? true) && (bold?.hasGlyphForCodePoint(cp) ?? true);
    drawable.set(cp, known);
  }
  return known;
}
