// Rewrites an uploaded PDF without anything a viewer would run or open by itself (decision 019).
// pdf-lib parses every object of the file; we strip actions, scripts, embedded files and XFA from
// each, keep only what the document still reaches, and write one fresh revision, which also drops
// the earlier revisions an incremental update leaves hidden in the file. The streams are written as
// they came, so what is on the pages looks the same.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFObjectStreamParser,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFXRefStreamParser,
  decodePDFRawStream,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { REMOVED_CONTENTS, type RemovedContent } from '../../domain/report.ts';

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

export type PdfRefusal = 'pdfUnreadable' | 'pdfEncrypted' | 'pdfTooComplex';

export type PdfCleanOutcome = { ok: true; content: Uint8Array; removed: RemovedContent[] } | { ok: false; refusal: PdfRefusal };

class OverBudget extends Error {}

const name = (n: string) => PDFName.of(n);
const KEY = {
  type: name('Type'),
  subtype: name('Subtype'),
  s: name('S'),
  js: name('JS'),
  a: name('A'),
  next: name('Next'),
  aa: name('AA'),
  openAction: name('OpenAction'),
  javaScript: name('JavaScript'),
  embeddedFiles: name('EmbeddedFiles'),
  ef: name('EF'),
  xfa: name('XFA'),
  needsRendering: name('NeedsRendering'),
  annots: name('Annots'),
  filter: name('Filter'),
  decodeParms: name('DecodeParms'),
  width: name('Width'),
  height: name('Height'),
  image: name('Image'),
};

/** The only action left in place: a jump within the document itself. */
const GO_TO = name('GoTo');

/** What each other action would have done, as the caseworker is told. */
function actionKind(action: PDFDict): RemovedContent {
  const type = action.get(KEY.s);
  if (type === name('JavaScript') || action.has(KEY.js)) return 'javascript';
  if (type === name('URI')) return 'links';
  if (type === name('Rendition') || type === name('Sound') || type === name('Movie') || type === name('RichMediaExecute')) return 'multimedia';
  return 'actions';
}

/** Annotations whose whole point is to play, show or hand over something outside the page. */
const REMOVED_ANNOTATIONS = new Map<PDFName, RemovedContent>([
  [name('FileAttachment'), 'embeddedFiles'],
  [name('RichMedia'), 'multimedia'],
  [name('Screen'), 'multimedia'],
  [name('Movie'), 'multimedia'],
  [name('Sound'), 'multimedia'],
  [name('3D'), 'multimedia'],
]);

/** Filters pdf-lib can undo; image codecs after them are sized by the image's dimensions instead. */
const DECODABLE = new Set([name('FlateDecode'), name('LZWDecode'), name('ASCII85Decode'), name('ASCIIHexDecode'), name('RunLengthDecode')]);

const budgets = new AsyncLocalStorage<Spending>();

class Spending {
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

export async function cleanPdf(content: Uint8Array, budget: PdfBudget): Promise<PdfCleanOutcome> {
  const spending = new Spending(budget);
  return budgets.run(spending, async () => {
    try {
      return await rewrite(content, spending);
    } catch (error) {
      // Deep nesting overflows pdf-lib's recursive parser: too complex, not unreadable.
      return { ok: false, refusal: spending.overrun || error instanceof RangeError ? 'pdfTooComplex' : 'pdfUnreadable' };
    }
  });
}

async function rewrite(content: Uint8Array, spending: Spending): Promise<PdfCleanOutcome> {
  const { budget } = spending;
  // Objects pdf-lib cannot read are refused, not skipped: what we could not read, we could not clean.
  const document = await PDFDocument.load(content, { ignoreEncryption: true, throwOnInvalidObject: true, updateMetadata: false });
  if (document.isEncrypted) return { ok: false, refusal: 'pdfEncrypted' };
  const context = document.context;
  if (!(context.lookup(context.trailerInfo.Root) instanceof PDFDict)) return { ok: false, refusal: 'pdfUnreadable' };
  const objects = context.enumerateIndirectObjects();
  if (objects.length > budget.maxObjects) return { ok: false, refusal: 'pdfTooComplex' };

  const removed = new Set<RemovedContent>();
  objects.forEach(([, object], i) => {
    cleanObject(context, object, removed);
    if (i % 1000 === 0) spending.checkTime();
  });
  keepOnlyReachable(context);
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (isTooManyPixels(object, budget.maxImagePixels)) return { ok: false, refusal: 'pdfTooComplex' };
    spending.spendOn(object);
  }
  const output = await document.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  if (output.length > budget.maxOutputBytes) return { ok: false, refusal: 'pdfTooComplex' };
  return { ok: true, content: output, removed: REMOVED_CONTENTS.filter((kind) => removed.has(kind)) };
}

function isTooManyPixels(stream: PDFRawStream, maxPixels: number): boolean {
  if (stream.dict.lookup(KEY.subtype) !== KEY.image) return false;
  const width = stream.dict.lookup(KEY.width);
  const height = stream.dict.lookup(KEY.height);
  return width instanceof PDFNumber && height instanceof PDFNumber && width.asNumber() * height.asNumber() > maxPixels;
}

function cleanObject(context: PDFContext, object: PDFObject | undefined, removed: Set<RemovedContent>): void {
  if (object instanceof PDFStream) cleanDict(context, object.dict, removed);
  else if (object instanceof PDFDict) cleanDict(context, object, removed);
  else if (object instanceof PDFArray) for (const item of object.asArray()) cleanDirect(context, item, removed);
}

/** Objects held by reference are cleaned on their own turn; only those written in place recurse here. */
function cleanDirect(context: PDFContext, object: PDFObject, removed: Set<RemovedContent>): void {
  if (!(object instanceof PDFRef)) cleanObject(context, object, removed);
}

function cleanDict(context: PDFContext, dict: PDFDict, removed: Set<RemovedContent>): void {
  // Document, page, annotation and form-field actions that run on open, close, focus or keystroke.
  for (const key of [KEY.openAction, KEY.aa]) {
    const value = context.lookup(dict.get(key));
    if (value === undefined) continue;
    if (key === KEY.aa && value instanceof PDFDict) {
      for (const action of value.values()) noteAction(context, action, removed);
    } else {
      noteAction(context, value, removed);
    }
    dict.delete(key);
  }
  // The name dictionary's script and file trees, a file specification's embedded file.
  if (dict.delete(KEY.javaScript)) removed.add('javascript');
  if (dict.delete(KEY.embeddedFiles)) removed.add('embeddedFiles');
  if (dict.delete(KEY.ef)) removed.add('embeddedFiles');
  // An XFA form is a program the viewer runs in place of the page; the AcroForm beside it stays.
  if (dict.delete(KEY.xfa)) removed.add('xfa');
  dict.delete(KEY.needsRendering);
  // A link or button's action, and the chain of actions after one: only a jump within the
  // document stays. The link's annotation stays too, inert, and its text on the page.
  for (const key of [KEY.a, KEY.next]) {
    const value = context.lookup(dict.get(key));
    if (value instanceof PDFDict && isAction(value) && value.get(KEY.s) !== GO_TO) {
      noteAction(context, value, removed);
      dict.delete(key);
    } else if (key === KEY.next && value instanceof PDFArray) {
      noteAction(context, value, removed);
      dict.delete(key);
    }
  }
  const annotations = context.lookup(dict.get(KEY.annots));
  if (annotations instanceof PDFArray) {
    for (let i = annotations.size() - 1; i >= 0; i--) {
      const annotation = context.lookup(annotations.get(i));
      const kind = annotation instanceof PDFDict ? REMOVED_ANNOTATIONS.get(annotation.get(KEY.subtype) as PDFName) : undefined;
      if (kind) {
        annotations.remove(i);
        removed.add(kind);
      }
    }
  }
  for (const value of dict.values()) cleanDirect(context, value, removed);
}

function isAction(dict: PDFDict): boolean {
  return dict.has(KEY.s) || dict.has(KEY.js);
}

function noteAction(context: PDFContext, value: PDFObject | undefined, removed: Set<RemovedContent>): void {
  const action = context.lookup(value);
  if (action instanceof PDFArray) {
    // A /Next chain, or an open action that is only a destination (which does nothing to note).
    for (const item of action.asArray()) if (context.lookup(item) instanceof PDFDict) noteAction(context, item, removed);
  } else if (action instanceof PDFDict && isAction(action) && action.get(KEY.s) !== GO_TO) {
    removed.add(actionKind(action));
  }
}

/**
 * pdf-lib writes every object it parsed, reached or not; what we unhooked above (a script, an
 * embedded file) would still be in the bytes. Only what the trailer's catalogue and info reach stays.
 */
function keepOnlyReachable(context: PDFContext): void {
  const reached = new Set<PDFRef>();
  const pending: PDFObject[] = [context.trailerInfo.Root, context.trailerInfo.Info].filter((o): o is PDFObject => o !== undefined);
  while (pending.length > 0) {
    const object = pending.pop()!;
    if (object instanceof PDFRef) {
      if (reached.has(object)) continue;
      reached.add(object);
      const target = context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFStream) {
      pending.push(object.dict);
    } else if (object instanceof PDFDict) {
      pending.push(...object.values());
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref)) context.delete(ref);
}
