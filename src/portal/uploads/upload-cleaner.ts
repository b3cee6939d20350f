// Every attachment is cleaned before it is stored, and so before it can reach a caseworker
// (decision 019): a PDF is rewritten without active content, a photo re-encoded without metadata.
// What cannot be cleaned within the budgets below is refused, with the reason the reporter is told.
import type { AttachmentContentType, RemovedContent } from '../../domain/report.ts';
import { MAX_ATTACHMENT_BYTES } from '../../domain/report.ts';
import { cleanImage, type ImageRefusal } from './clean-image.ts';
import type { PdfRefusal } from './clean-pdf.ts';
import { createPdfCleaner } from './pdf-cleaner.ts';

export type CleanRefusal = PdfRefusal | ImageRefusal;

export type CleanOutcome = { ok: true; content: Buffer; removed: RemovedContent[] } | { ok: false; refusal: CleanRefusal };

export interface UploadCleaner {
  clean(content: Uint8Array, type: AttachmentContentType): Promise<CleanOutcome>;
  close(): Promise<void>;
}

/**
 * Far above any photo or document a reporter has (a 48-megapixel phone photo fits, and a 300-page
 * text PDF inflates to a few MB), far below what would stall a thread or fill its memory: a 1 MB
 * file that inflates to 1 GiB stops at 128 MiB, a 60,000 × 60,000 picture at its header.
 */
export const UPLOAD_BUDGETS = {
  maxImagePixels: 50_000_000,
  imageSeconds: 15,
  pdf: {
    maxDecodedBytes: 128 * 1024 * 1024,
    maxObjects: 250_000,
    maxImagePixels: 50_000_000,
    // Object streams come out uncompressed; room for that, not for a file that grows without end.
    maxOutputBytes: 2 * MAX_ATTACHMENT_BYTES,
    seconds: 15,
  },
} as const;

/** What the reporter's message about a refused file names: the file, and the pixel limit a picture passed. */
export function refusalParams(fileName: string): Record<string, string | number> {
  return { name: fileName, megapixels: UPLOAD_BUDGETS.maxImagePixels / 1_000_000 };
}

export function createUploadCleaner(options: { threads: number; onWorkerError?: (error: Error) => void }): UploadCleaner {
  const pdfs = createPdfCleaner({ threads: options.threads, budget: UPLOAD_BUDGETS.pdf, onWorkerError: options.onWorkerError });
  return {
    async clean(content, type) {
      const outcome =
        type === 'application/pdf'
          ? await pdfs.clean(content)
          : await cleanImage(content, type, { maxPixels: UPLOAD_BUDGETS.maxImagePixels, seconds: UPLOAD_BUDGETS.imageSeconds });
      return outcome.ok ? { ...outcome, content: Buffer.from(outcome.content.buffer, outcome.content.byteOffset, outcome.content.byteLength) } : outcome;
    },
    close: () => pdfs.close(),
  };
}
