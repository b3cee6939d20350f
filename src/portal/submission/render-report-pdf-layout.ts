// The report PDF's blocks: headings, label/value rows, free-text blocks, bullet lists and notice
// boxes, on an archival (PDF/A-2b), tagged A4 document in embedded DejaVu Sans. Knows nothing about
// reports; render-report-pdf.ts decides what is said, this file how it looks.
import { TaggedPdf, type DocumentInfo } from './render-report-pdf-document.ts';
import { COLOR, FONT_BOLD, FONT_REGULAR, SIZE } from './render-report-pdf-style.ts';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const LABEL_WIDTH = 170;
const GUTTER = 12;
const ROW_GAP = 4;
const LABEL_GAP = 2;
const BOX_PADDING = 8;

export type NoticeKind = 'urgent' | 'important';

/**
 * Builds the document top-down, each block tagged in the structure tree so assistive technology
 * gets headings, lists and reading order.
 */
export class PdfWriter {
  private readonly pdf: TaggedPdf;
  private readonly doc: Doc;
  private parent: Struct;
  /** Consecutive rows share one list element (L), opened by the first row and closed by anything else. */
  private rowList: Struct | null = null;

  constructor(
    info: DocumentInfo,
    private readonly notGiven: string,
  ) {
    this.pdf = new TaggedPdf(info);
    this.doc = this.pdf.doc;
    this.parent = this.pdf.root;
  }

  /** The parent for anything that is not a row; ends a run of rows. */
  private blockParent(): Struct {
    if (this.rowList) {
      this.rowList.end();
      this.rowList = null;
    }
    return this.parent;
  }

  title(text: string): void {
    const doc = this.doc;
    const value = this.pdf.clean(text);
    this.pdf.tagged(this.blockParent(), 'H1', () => {
      doc.font(FONT_BOLD).fontSize(SIZE.title).fillColor(COLOR.text);
      doc.text(value, this.pdf.left, doc.y, { width: this.pdf.width });
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
    const value = this.pdf.clean(text);
    const size = level === 2 ? SIZE.h2 : SIZE.h3;
    doc.y += level === 2 ? 14 : 8;
    // A heading alone at the bottom of a page reads as if its section were empty.
    this.pdf.keep(this.pdf.measure(value, FONT_BOLD, size, this.pdf.width) + 3 * this.pdf.lineHeight());
    this.pdf.tagged(this.blockParent(), `H${level}`, () => {
      doc.font(FONT_BOLD).fontSize(size).fillColor(COLOR.text);
      doc.text(value, this.pdf.left, doc.y, { width: this.pdf.width });
    });
    if (level === 2) {
      const y = doc.y + 2;
      this.pdf.artifact(() => {
        doc.moveTo(this.pdf.left, y).lineTo(this.pdf.left + this.pdf.width, y).lineWidth(0.75).strokeColor(COLOR.rule).stroke();
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
    const labelText = this.pdf.clean(label);
    const blank = value.trim() === '';
    // Trailing line breaks would make pdfkit start a page for a line that never comes.
    const valueText = this.pdf.clean(blank ? this.notGiven : value.trimEnd());
    const valueFont = style === 'urgent' ? FONT_BOLD : FONT_REGULAR;
    const valueColor = style === 'urgent' ? COLOR.urgentText : blank ? COLOR.muted : COLOR.text;
    const valueX = this.pdf.left + LABEL_WIDTH + GUTTER;
    const valueWidth = this.pdf.width - LABEL_WIDTH - GUTTER;
    this.pdf.keep(
      Math.max(
        this.pdf.measure(labelText, FONT_BOLD, SIZE.body, LABEL_WIDTH),
        this.pdf.measure(valueText, valueFont, SIZE.body, valueWidth),
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
    this.pdf.tagged(item, 'Lbl', () => {
      doc.font(FONT_BOLD).fontSize(SIZE.body).fillColor(COLOR.text);
      doc.text(labelText, this.pdf.left, top, { width: LABEL_WIDTH });
      labelBottom = doc.y;
    });
    this.pdf.tagged(item, 'LBody', () => {
      doc.font(valueFont).fontSize(SIZE.body).fillColor(valueColor);
      doc.text(valueText, valueX, top, { width: valueWidth });
    });
    item.end();
    // A long value may have flowed onto later pages; then only its own end counts.
    doc.y = (doc.page === page ? Math.max(labelBottom, doc.y) : doc.y) + ROW_GAP;
    doc.x = this.pdf.left;
    doc.fillColor(COLOR.text);
  }

  /** Label above, free text below in the full width: for what the reporter wrote in their own words. */
  block(label: string, value: string): void {
    const doc = this.doc;
    const labelText = this.pdf.clean(label);
    const blank = value.trim() === '';
    const valueText = this.pdf.clean(blank ? this.notGiven : value.trimEnd());
    const labelHeight = this.pdf.measure(labelText, FONT_BOLD, SIZE.body, this.pdf.width);
    const valueHeight = this.pdf.measure(valueText, FONT_REGULAR, SIZE.body, this.pdf.width);
    doc.y += 2;
    this.pdf.keep(labelHeight + LABEL_GAP + Math.min(valueHeight, 3 * this.pdf.lineHeight()));
    const parent = this.blockParent();
    this.pdf.tagged(parent, 'P', () => {
      doc.font(FONT_BOLD).fontSize(SIZE.body).fillColor(COLOR.text);
      doc.text(labelText, this.pdf.left, doc.y, { width: this.pdf.width });
    });
    doc.y += LABEL_GAP;
    this.pdf.keep(Math.min(valueHeight, 2 * this.pdf.lineHeight()));
    this.pdf.tagged(parent, 'P', () => {
      doc.font(FONT_REGULAR).fontSize(SIZE.body).fillColor(blank ? COLOR.muted : COLOR.text);
      doc.text(valueText, this.pdf.left, doc.y, { width: this.pdf.width });
    });
    doc.fillColor(COLOR.text);
    doc.y += ROW_GAP + 4;
  }

  paragraph(text: string): void {
    const doc = this.doc;
    const value = this.pdf.clean(text.trimEnd());
    this.pdf.keep(Math.min(this.pdf.measure(value, FONT_REGULAR, SIZE.body, this.pdf.width), 2 * this.pdf.lineHeight()));
    this.pdf.tagged(this.blockParent(), 'P', () => {
      doc.font(FONT_REGULAR).fontSize(SIZE.body).fillColor(COLOR.text);
      doc.text(value, this.pdf.left, doc.y, { width: this.pdf.width });
    });
    doc.y += ROW_GAP;
  }

  /** A bulleted list with hanging indent; `bullet` is the mark printed before each item. */
  bullets(bullet: string, items: string[]): void {
    const doc = this.doc;
    const mark = this.pdf.clean(bullet);
    const indent = 14;
    const list = doc.struct('L');
    this.blockParent().add(list);
    for (const item of items) {
      const value = this.pdf.clean(item.trimEnd());
      this.pdf.keep(Math.min(this.pdf.measure(value, FONT_REGULAR, SIZE.body, this.pdf.width - indent), 2 * this.pdf.lineHeight()));
      const element = doc.struct('LI');
      list.add(element);
      const top = doc.y;
      this.pdf.tagged(element, 'Lbl', () => {
        doc.font(FONT_REGULAR).fontSize(SIZE.body).fillColor(COLOR.text);
        doc.text(mark, this.pdf.left + 2, top, { lineBreak: false });
      });
      this.pdf.tagged(element, 'LBody', () => {
        doc.font(FONT_REGULAR).fontSize(SIZE.body).fillColor(COLOR.text);
        doc.text(value, this.pdf.left + indent, top, { width: this.pdf.width - indent });
      });
      element.end();
      doc.x = this.pdf.left;
      doc.y += 2;
    }
    list.end();
    doc.y += ROW_GAP;
  }

  /** A framed, bold statement the reader must not miss (urgency, anonymity towards the family). */
  notice(text: string, kind: NoticeKind): void {
    const doc = this.doc;
    const value = this.pdf.clean(text);
    const innerWidth = this.pdf.width - 2 * BOX_PADDING;
    const height = this.pdf.measure(value, FONT_BOLD, SIZE.body, innerWidth) + 2 * BOX_PADDING;
    doc.y += 4;
    this.pdf.keep(height);
    const top = doc.y;
    const fill = kind === 'urgent' ? COLOR.urgentFill : COLOR.importantFill;
    const border = kind === 'urgent' ? COLOR.urgentBorder : COLOR.importantBorder;
    const parent = this.blockParent();
    this.pdf.artifact(() => {
      doc.lineWidth(kind === 'urgent' ? 2 : 1.25);
      doc.rect(this.pdf.left, top, this.pdf.width, height).fillAndStroke(fill, border);
    });
    this.pdf.tagged(parent, 'P', () => {
      doc.font(FONT_BOLD).fontSize(SIZE.body).fillColor(kind === 'urgent' ? COLOR.urgentText : COLOR.text);
      doc.text(value, this.pdf.left + BOX_PADDING, top + BOX_PADDING, { width: innerWidth });
    });
    doc.fillColor(COLOR.text);
    doc.x = this.pdf.left;
    doc.y = Math.max(doc.y, top + height) + 8;
  }

  /** Writes the footer of every page (known only now: "page X of Y") and returns the file. */
  async finish(footer: { left: string; right: (page: number, pages: number) => string }): Promise<Buffer> {
    this.blockParent();
    return this.pdf.finish(footer);
  }
}
