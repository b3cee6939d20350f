// Rewrites an uploaded PDF without anything a viewer would run or open by itself (decision 019).
// pdf-lib parses every object of the file; we strip actions, scripts, embedded files and XFA from
// each, keep only what the document still reaches, and write one fresh revision, which also drops
// the earlier revisions an incremental update leaves hidden in the file. The streams are written as
// they came, so what is on the pages looks the same.
import { PDFArray, PDFDict, PDFDocument, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFObject } from 'pdf-lib';
import { REMOVED_CONTENTS, type RemovedContent } from '../../domain/report.ts';
import { chargeParsingTo, isTooManyPixels, Spending, type PdfBudget } from './pdf-budget.ts';
import { stripActiveContent } from './strip-active-content.ts';

export type PdfRefusal = 'pdfUnreadable' | 'pdfEncrypted' | 'pdfTooComplex';

export type PdfCleanOutcome = { ok: true; content: Uint8Array; removed: RemovedContent[] } | { ok: false; refusal: PdfRefusal };

export async function cleanPdf(content: Uint8Array, budget: PdfBudget): Promise<PdfCleanOutcome> {
  const spending = new Spending(budget);
  return chargeParsingTo(spending, async () => {
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
    stripActiveContent(context, object, removed);
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

/**
 * pdf-lib writes every object it parsed, reached or not; what stripActiveContent unhooked (a script,
 * an embedded file) would still be in the bytes. Only what the trailer's catalogue and info reach stays.
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
