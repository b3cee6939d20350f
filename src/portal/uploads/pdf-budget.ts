// The budget an uploaded PDF is cleaned within (decision 019): stream data as a viewer would inflate
// it, objects, image sizes and time. A hostile file is built to cost far more to open than to send;
// this is where that cost is counted and cut off, including inside pdf-lib's own parser.
import { AsyncLocalStorage } from 'node:async_hooks';
import { PDFArray, PDFName, PDFNumber, PDFObjectStreamParser, PDFRawStream, PDFXRefStreamParser, decodePDFRawStream } from 'pdf-lib';

export interface PdfBudget {
  /** Stream data as a viewer would inflate it, summed over the file. */
  maxDecodedBytes: number;
  maxObjects: number;
  /** Width × height of any one embedded image. */
  maxImagePixels: number;
  maxOutputBytes: number;
  /** Epoch milliseconds; checked between steps, while the worker's timer is the hard stop. */
  deadline: number;
}

class OverBudget extends Error {}

const name = (n: string) => PDFName.of(n);
const KEY = {
  subtype: name('Subtype'),
  filter: name('Filter'),
  decodeParms: name('DecodeParms'),
  width: name('Width'),
  height: name('Height'),
  image: name('Image'),
};

/** Filters pdf-lib can undo; image codecs after them are sized by the image's dimensions instead. */
const DECODABLE = new Set([name('FlateDecode'), name('LZWDecode'), name('ASCII85Decode'), name('ASCIIHexDecode'), name('RunLengthDecode')]);

const budgets = new AsyncLocalStorage<Spending>();

export class Spending {
  decoded = 0;
  /** Set when a budget ran out: pdf-lib catches what its parser throws and throws something else. */
  overrun = false;
  constructor(readonly budget: PdfBudget) {}
  checkTime(): void {
    if (Date.now() > this.budget.deadline) this.stop();
  }
  private stop(): never {
    this.overrun = true;
    throw new OverBudget();
  }
  /** Inflates the stream as a viewer would, a slice at a time, and stops at the budget. */
  spendOn(stream: PDFRawStream): void {
    const decodable = decodablePrefix(stream);
    if (!decodable) {
      this.add(stream.contents.length);
      return;
    }
    let decoder: ReturnType<typeof decodePDFRawStream>;
    try {
      decoder = decodePDFRawStream(decodable);
    } catch {
      this.add(stream.contents.length);
      return;
    }
    for (;;) {
      let slice: { length: number };
      try {
        slice = decoder.getBytes(1024 * 1024);
      } catch {
        // Damaged data ends where a viewer's inflating ends too.
        return;
      }
      if (slice.length === 0) return;
      this.add(slice.length);
      this.checkTime();
    }
  }
  private add(bytes: number): void {
    this.decoded += bytes;
    if (this.decoded > this.budget.maxDecodedBytes) this.stop();
  }
}

/** The stream with only its leading filters that pdf-lib can undo; undefined when it has none. */
function decodablePrefix(stream: PDFRawStream): PDFRawStream | undefined {
  const filter = stream.dict.lookup(KEY.filter);
  const filters = filter instanceof PDFName ? [filter] : filter instanceof PDFArray ? filter.asArray().map((f) => stream.dict.context.lookup(f)) : [];
  let count = 0;
  while (count < filters.length && DECODABLE.has(filters[count] as PDFName)) count++;
  if (count === 0) return undefined;
  const dict = stream.dict.clone();
  const parms = stream.dict.lookup(KEY.decodeParms);
  dict.set(KEY.filter, dict.context.obj(filters.slice(0, count) as PDFName[]));
  if (parms instanceof PDFArray) dict.set(KEY.decodeParms, dict.context.obj(parms.asArray().slice(0, count)));
  return PDFRawStream.of(dict, stream.contents);
}

// pdf-lib inflates object and cross-reference streams in full while it parses, before any check of
// ours could see them. Its parser reaches them through these two factories, so this is where a
// 1 MB file that inflates to 1 GiB is stopped: measured within the budget first, then parsed.
for (const Parser of [PDFObjectStreamParser, PDFXRefStreamParser] as unknown as { forStream(stream: PDFRawStream, ...rest: unknown[]): unknown }[]) {
  const forStream = Parser.forStream.bind(Parser);
  Parser.forStream = (stream, ...rest) => {
    const spending = budgets.getStore();
    // Outside cleanPdf (pdf-lib used for something else) nothing is measured.
    spending?.spendOn(stream);
    return forStream(stream, ...rest);
  };
}

/** Runs `run` with pdf-lib's parser charging what it inflates to `spending`. */
export function chargeParsingTo<T>(spending: Spending, run: () => Promise<T>): Promise<T> {
  return budgets.run(spending, run);
}

export function isTooManyPixels(stream: PDFRawStream, maxPixels: number): boolean {
  if (stream.dict.lookup(KEY.subtype) !== KEY.image) return false;
  const width = stream.dict.lookup(KEY.width);
  const height = stream.dict.lookup(KEY.height);
  return width instanceof PDFNumber && height instanceof PDFNumber && width.asNumber() * height.asNumber() > maxPixels;
}
