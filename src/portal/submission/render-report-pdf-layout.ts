// Page layout for the report PDF: an archival (PDF/A-2b), tagged A4 document in embedded DejaVu Sans.
// Knows nothing about reports; render-report-pdf.ts decides what is said, this file how it looks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const FONT_REGULAR = 'DejaVuSans';
const FONT_BOLD = 'DejaVuSans-Bold';

const MARGIN = { top: 56, bottom: 72, left: 56, right: 56 };
const SIZE = { title: 18, h2: 13.5, h3: 11.5, body: 10.5, footer: 8.5 };
const COLOR = {
  text: '#1a1a1a',
  muted: '#555555',
  rule: '#8c8c8c',
  urgentFill: '#fdecea',
  urgentBorder: '#b3261e',
  urgentText: '#8c1d18',
  importantFill: '#fff4ce',
  importantBorder: '#8a6100',
} as const;
const LABEL_WIDTH = 170;
const GUTTER = 12;
const ROW_GAP = 4;
const LABEL_GAP = 2;
const BOX_PADDING = 8;

export type NoticeKind = 'urgent' | 'important';

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

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  createdAt: Date;
  /** BCP 47, for the document's /Lang: what a screen reader reads the receipt in. */
  lang: string;
}

// pdfkit copies Title/Author/Subject into the XMP packet without XML escaping, so one '&' or '<'
// would make the metadata invalid XML and break PDF/A. The Info dictionary and XMP must also say the
// same thing, so the characters are dropped from both rather than escaped in one.
function xmpSafe(text: string): string {
  return text.replace(/[<>&]/g, '');
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
const parsedFonts: Partial<Record<FontRole, ParsedFont>> = {};

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
 * Builds the document top-down: headings, label/value rows, free-text blocks, bullet lists and notice
 * boxes, each tagged in the structure tree so assistive technology gets headings, lists and reading
 * order. Every string goes through `clean` first, because reporters type (or paste) anything.
 */
export class PdfWriter {
  private readonly doc: Doc;
  private readonly root: Struct;
  private parent: Struct;
  /** Consecutive rows share one list element (L), opened by the first row and closed by anything else. */
  private rowList: Struct | null = null;
  private readonly glyphs: Partial<Record<FontRole, ParsedFont>> = {};

  constructor(
    info: DocumentInfo,
    private readonly notGiven: string,
  ) {
    const bytes = fonts();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      subset: 'PDF/A-2b',
      pdfVersion: '1.7',
      tagged: true,
      lang: info.lang,
      displayTitle: true,
      bufferPages: true,
      // An empty name leaves pdfkit without its default Helvetica, which it cannot embed (PDF/A
      // requires every font to be): text drawn before our font is chosen fails loudly instead.
      font: '',
      info: {
        Title: xmpSafe(info.title),
        Author: xmpSafe(info.author),
        Subject: xmpSafe(info.subject),
        // From the input, not the clock: the same report gives the same bytes (and the same file ID).
        CreationDate: new Date(info.createdAt.getTime()),
      },
    });
    this.doc.registerFont(FONT_REGULAR, bytes.regular);
    this.doc.registerFont(FONT_BOLD, bytes.bold);
    // Both fonts are chosen before any text is laid out, so the shared parsed fonts are in place first.
    this.doc.font(FONT_BOLD);
    this.glyphs.bold = useSharedParsedFont(this.doc, 'bold');
    this.doc.font(FONT_REGULAR).fontSize(SIZE.body).fillColor(COLOR.text);
    this.glyphs.regular = useSharedParsedFont(this.doc, 'regular');

    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.parent = this.root;
  }

  /**
   * NFC, one kind of line break, nothing the fonts cannot draw. What cannot be shown becomes a
   * visible replacement mark rather than vanishing: the copy must not look more complete than it is.
   */
  clean(text: string): string {
    let out = '';
    // Vertical tab and form feed are how word processors paste manual line and page breaks.
    for (const ch of text.normalize('NFC').replace(/\r\n?|[\v\f\u0085\u2028\u2029]/g, '\n')) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x0a) out += ch;
      else if (cp === 0x09) out += ' ';
      else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff)) out += REPLACEMENT;
      else if (this.canDraw(cp)) out += ch;
      // Invisible format characters (joiners, variation selectors) carry no text; a replacement
      // mark for each would only clutter the copy.
      else if (!/\p{Default_Ignorable_Code_Point}/u.test(ch)) out += REPLACEMENT;
    }
    return out;
  }

  private canDraw(cp: number): boolean {
    let known = drawable.get(cp);
    if (known === undefined) {
      const { regular, bold } = this.glyphs;
      known = (regular?.hasGlyphForCodePoint(cp) ?? true) && (bold?.hasGlyphForCodePoint(cp) ?? true);
      drawable.set(cp, known);
    }
    return known;
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private lineHeight(): number {
    this.doc.font(FONT_REGULAR).fontSize(SIZE.body);
    return this.doc.currentLineHeight(true);
  }

  private measure(text: string, font: string, size: number, width: number): number {
    this.doc.font(font).fontSize(size);
    return this.doc.heightOfString(text, { width });
  }

  /**
   * Starts a new page when `height` does not fit in what is left. Content taller than a page flows
   * over pages anyway, so it only moves when not even a few lines of it would fit here.
   */
  private keep(height: number): void {
    const doc = this.doc;
    const room = doc.page.maxY() - doc.y;
    if (height <= room) return;
    const pageHeight = doc.page.maxY() - doc.page.margins.top;
    // Only ever called between tagged elements, so no marked content is open across the break.
    if (height <= pageHeight || room < 3 * this.lineHeight()) doc.continueOnNewPage();
  }

  /** Adds a structure element under `parent` whose content is what `draw` puts on the page. */
  private tagged(parent: Struct, type: string, draw: () => void): void {
    const element = this.doc.struct(type);
    parent.add(element);
    element.add(draw);
    element.end();
  }

  /** The parent for anything that is not a row; ends a run of rows. */
  private blockParent(): Struct {
    if (this.rowList) {
      this.rowList.end();
      this.rowList = null;
    }
    return this.parent;
  }

  /** Decoration that carries no content (rules, box backgrounds, footers) is an artifact to assistive tech. */
  private artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    this.doc.save();
    draw();
    this.doc.restore();
    this.doc.endMarkedContent();
  }

  title(text: string): void {
    const doc = this.doc;
    const value = this.clean(text);
    this.tagged(this.blockParent(), 'H1', () => {
      doc.font(FONT_BOLD).fontSize(SIZE.title).fillColor(COLOR.text);
      doc.text(value, this.left, doc.y, { width: this.width });
    });
    doc.y += 8;
  }

  /** A part of the document with an H2 heading; what `fill` writes is tagged inside it. */
  section(heading: string, fill: () => void): void {
    this.group('Sect', () => {
      this.heading(2, heading);
      fill();
    });
  }

  /** A sub-part (one child, one guardian) with an H3 heading. */
  subsection(heading: string, fill: () => void): void {
    this.group('Div', () => {
      this.heading(3, heading);
      fill();
    });
  }

  private group(type: string, fill: () => void): void {
    const element = this.doc.struct(type);
    this.blockParent().add(element);
    const outer = this.parent;
    this.parent = element;
    try {
      fill();
      this.blockParent();
    } finally {
      this.parent = outer;
      element.end();
    }
  }

  private heading(level: 2 | 3, text: string): void {
    const doc = this.doc;
    const value = this.clean(text);
    const size = level === 2 ? SIZE.h2 : SIZE.h3;
    doc.y += level === 2 ? 14 : 8;
    // A heading alone at the bottom of a page reads as if its section were empty.
    this.keep(this.measure(value, FONT_BOLD, size, this.width) + 3 * this.lineHeight());
    this.tagged(this.blockParent(), `H${level}`, () => {
      doc.font(FONT_BOLD).fontSize(size).fillColor(COLOR.text);
      doc.text(value, this.left, doc.y, { width: this.width });
    });
    if (level === 2) {
      const y = doc.y + 2;
      this.artifact(() => {
        doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(0.75).strokeColor(COLOR.rule).stroke();
      });
      doc.y = y + 6;
    } else {
      doc.y += 3;
    }
  }

  /**
   * Label left, value right (tagged as a list item: Lbl + LBody). An empty value prints the "not
   * given" text, so a reader can tell an unanswered question from a lost one.
   */
  row(label: string, value: string, style: 'plain' | 'urgent' = 'plain'): void {
    const doc = this.doc;
    const labelText = this.clean(label);
    const blank = value.trim() === '';
    // Trailing line breaks would make pdfkit start a page for a line that never comes.
    const valueText = this.clean(blank ? this.notGiven : value.trimEnd());
    const valueFont = style === 'urgent' ? FONT_BOLD : FONT_REGULAR;
    const valueColor = style === 'urgent' ? COLOR.urgentText : blank ? COLOR.muted : COLOR.text;
    const valueX = this.left + LABEL_WIDTH + GUTTER;
    const valueWidth = this.width - LABEL_WIDTH - GUTTER;
    this.keep(
      Math.max(
        this.measure(labelText, FONT_BOLD, SIZE.body, LABEL_WIDTH),
        this.measure(valueText, valueFont, SIZE.body, valueWidth),
      ),
    );

    if (!this.rowList) {
      this.rowList = doc.struct('L');
      this.parent.add(this.rowList);
    }
    const item = doc.struct('LI');
    this.rowList.add(item);
    const top = doc.y;
    const page = doc.page;
    let labelBottom = top;
    this.tagged(item, 'Lbl', () => {
      doc.font(FONT_BOLD).fontSize(SIZE.body).fillColor(COLOR.text);
      doc.text(labelText, this.left, top, { width: LABEL_WIDTH });
      labelBottom = doc.y;
    });
    this.tagged(item, 'LBody', () => {
      doc.font(valueFont).fontSize(SIZE.body).fillColor(valueColor);
      doc.text(valueText, valueX, top, { width: valueWidth });
    });
    item.end();
    // A long value may have flowed onto later pages; then only its own end counts.
    doc.y = (doc.page === page ? Math.max(labelBottom, doc.y) : doc.y) + ROW_GAP;
    doc.x = this.left;
    doc.fillColor(COLOR.text);
  }

  /** Label above, free text below in the full width: for what the reporter wrote in their own words. */
  block(label: string, value: string): void {
    const doc = this.doc;
    const labelText = this.clean(label);
    const blank = value.trim() === '';
    const valueText = this.clean(blank ? this.notGiven : value.trimEnd());
    const labelHeight = this.measure(labelText, FONT_BOLD, SIZE.body, this.width);
    const valueHeight = this.measure(valueText, FONT_REGULAR, SIZE.body, this.width);
    doc.y += 2;
    this.keep(labelHeight + LABEL_GAP + Math.min(valueHeight, 3 * this.lineHeight()));
    const parent = this.blockParent();
    this.tagged(parent, 'P', () => {
      doc.font(FONT_BOLD).fontSize(SIZE.body).fillColor(COLOR.text);
      doc.text(labelText, this.left, doc.y, { width: this.width });
    });
    doc.y += LABEL_GAP;
    this.keep(Math.min(valueHeight, 2 * this.lineHeight()));
    this.tagged(parent, 'P', () => {
      doc.font(FONT_REGULAR).fontSize(SIZE.body).fillColor(blank ? COLOR.muted : COLOR.text);
      doc.text(valueText, this.left, doc.y, { width: this.width });
    });
    doc.fillColor(COLOR.text);
    doc.y += ROW_GAP + 4;
  }

  paragraph(text: string): void {
    const doc = this.doc;
    const value = this.clean(text.trimEnd());
    this.keep(Math.min(this.measure(value, FONT_REGULAR, SIZE.body, this.width), 2 * this.lineHeight()));
    this.tagged(this.blockParent(), 'P', () => {
      doc.font(FONT_REGULAR).fontSize(SIZE.body).fillColor(COLOR.text);
      doc.text(value, this.left, doc.y, { width: this.width });
    });
    doc.y += ROW_GAP;
  }

  /** A bulleted list with hanging indent; `bullet` is the mark printed before each item. */
  bullets(bullet: string, items: string[]): void {
    const doc = this.doc;
    const mark = this.clean(bullet);
    const indent = 14;
    const list = doc.struct('L');
    this.blockParent().add(list);
    for (const item of items) {
      const value = this.clean(item.trimEnd());
      this.keep(Math.min(this.measure(value, FONT_REGULAR, SIZE.body, this.width - indent), 2 * this.lineHeight()));
      const element = doc.struct('LI');
      list.add(element);
      const top = doc.y;
      this.tagged(element, 'Lbl', () => {
        doc.font(FONT_REGULAR).fontSize(SIZE.body).fillColor(COLOR.text);
        doc.text(mark, this.left + 2, top, { lineBreak: false });
      });
      this.tagged(element, 'LBody', () => {
        doc.font(FONT_REGULAR).fontSize(SIZE.body).fillColor(COLOR.text);
        doc.text(value, this.left + indent, top, { width: this.width - indent });
      });
      element.end();
      doc.x = this.left;
      doc.y += 2;
    }
    list.end();
    doc.y += ROW_GAP;
  }

  /** A framed, bold statement the reader must not miss (urgency, anonymity towards the family). */
  notice(text: string, kind: NoticeKind): void {
    const doc = this.doc;
    const value = this.clean(text);
    const innerWidth = this.width - 2 * BOX_PADDING;
    const height = this.measure(value, FONT_BOLD, SIZE.body, innerWidth) + 2 * BOX_PADDING;
    doc.y += 4;
    this.keep(height);
    const top = doc.y;
    const fill = kind === 'urgent' ? COLOR.urgentFill : COLOR.importantFill;
    const border = kind === 'urgent' ? COLOR.urgentBorder : COLOR.importantBorder;
    const parent = this.blockParent();
    this.artifact(() => {
      doc.lineWidth(kind === 'urgent' ? 2 : 1.25);
      doc.rect(this.left, top, this.width, height).fillAndStroke(fill, border);
    });
    this.tagged(parent, 'P', () => {
      doc.font(FONT_BOLD).fontSize(SIZE.body).fillColor(kind === 'urgent' ? COLOR.urgentText : COLOR.text);
      doc.text(value, this.left + BOX_PADDING, top + BOX_PADDING, { width: innerWidth });
    });
    doc.fillColor(COLOR.text);
    doc.x = this.left;
    doc.y = Math.max(doc.y, top + height) + 8;
  }

  /** Writes the footer of every page (known only now: "page X of Y") and returns the file. */
  async finish(footer: { left: string; right: (page: number, pages: number) => string }): Promise<Buffer> {
    const doc = this.doc;
    this.blockParent();
    const { start, count } = doc.bufferedPageRange();
    const left = this.clean(footer.left);
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      const right = this.clean(footer.right(i - start + 1, count));
      const page = doc.page;
      const ruleY = page.height - MARGIN.bottom + 20;
      const textY = ruleY + 6;
      // The footer sits in the bottom margin; with the margin in place pdfkit would start a new page.
      const bottom = page.margins.bottom;
      page.margins.bottom = 0;
      this.artifact(() => {
        doc.moveTo(this.left, ruleY).lineTo(this.left + this.width, ruleY).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
        doc.font(FONT_REGULAR).fontSize(SIZE.footer).fillColor(COLOR.muted);
        doc.text(left, this.left, textY, { lineBreak: false });
        doc.text(right, this.left + this.width - doc.widthOfString(right), textY, { lineBreak: false });
      }, 'Pagination');
      page.margins.bottom = bottom;
    }
    this.root.end();

    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.end();
    });
  }
}
