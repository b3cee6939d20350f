// The archival (PDF/A-2b), tagged A4 document under the report PDF's layout: opening it, the
// measuring, page-break and tagging primitives the layout's blocks are built from, and the footer
// and bytes at the end. Knows no blocks; render-report-pdf-layout.ts builds those on top.
import PDFDocument from 'pdfkit';
import { cleanText, embedFonts, type Glyphs } from './render-report-pdf-fonts.ts';
import { COLOR, FONT_REGULAR, MARGIN, SIZE } from './render-report-pdf-style.ts';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

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

/** One document being written; the structure tree's root holds everything the layout tags. */
export class TaggedPdf {
  readonly doc: Doc;
  readonly root: Struct;
  private readonly glyphs: Glyphs;

  constructor(info: DocumentInfo) {
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
    this.glyphs = embedFonts(this.doc);
    this.doc.fontSize(SIZE.body).fillColor(COLOR.text);

    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  /** Every string goes through here first, because reporters type (or paste) anything. */
  clean(text: string): string {
    return cleanText(text, this.glyphs);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  lineHeight(): number {
    this.doc.font(FONT_REGULAR).fontSize(SIZE.body);
    return this.doc.currentLineHeight(true);
  }

  measure(text: string, font: string, size: number, width: number): number {
    this.doc.font(font).fontSize(size);
    return this.doc.heightOfString(text, { width });
  }

  /**
   * Starts a new page when `height` does not fit in what is left. Content taller than a page flows
   * over pages anyway, so it only moves when not even a few lines of it would fit here.
   */
  keep(height: number): void {
    const doc = this.doc;
    const room = doc.page.maxY() - doc.y;
    if (height <= room) return;
    const pageHeight = doc.page.maxY() - doc.page.margins.top;
    // Only ever called between tagged elements, so no marked content is open across the break.
    if (height <= pageHeight || room < 3 * this.lineHeight()) doc.continueOnNewPage();
  }

  /** Adds a structure element under `parent` whose content is what `draw` puts on the page. */
  tagged(parent: Struct, type: string, draw: () => void): void {
    const element = this.doc.struct(type);
    parent.add(element);
    element.add(draw);
    element.end();
  }

  /** Decoration that carries no content (rules, box backgrounds, footers) is an artifact to assistive tech. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    this.doc.save();
    draw();
    this.doc.restore();
    this.doc.endMarkedContent();
  }

  /** Writes the footer of every page (known only now: "page X of Y") and returns the file. */
  async finish(footer: { left: string; right: (page: number, pages: number) => string }): Promise<Buffer> {
    const doc = this.doc;
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
