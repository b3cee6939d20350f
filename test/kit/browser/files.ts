// Small but real files for the attachments step, made in the test: a PNG that decoders accept and a
// one-page PDF, plus a text file wearing a .png name.
import PDFDocument from 'pdfkit';
import { rgbPng } from '../crafted-files.ts';

/** A width×height RGB PNG (a red-to-blue gradient), a few hundred bytes. */
export function makePng(width = 16, height = 16): Buffer {
  return rgbPng(width, height, (x, y) => [Math.round((255 * x) / width), 40, Math.round((255 * y) / height)]);
}

/** A one-page PDF with a line of text. */
export function makePdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: 'Vedlegg' } });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.fontSize(14).text(text);
    doc.end();
  });
}
