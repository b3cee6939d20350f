// One PDF rendering thread (see pdf-renderer.ts). It holds no state between jobs.
import { parentPort } from 'node:worker_threads';
import { translator } from '../../web/i18n.ts';
import { renderReportPdf } from './render-report-pdf.ts';
import type { PdfJob, PdfWorkerReply } from './pdf-renderer.ts';

parentPort!.on('message', async (message: PdfJob & { id: number }) => {
  let reply: PdfWorkerReply;
  try {
    const pdf = await renderReportPdf(message.report, { reference: message.reference, t: translator(message.language) });
    // Transfer rather than copy, unless the bytes share a pooled buffer with something else.
    const whole = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
    reply = { id: message.id, pdf: whole ? new Uint8Array(pdf.buffer) : new Uint8Array(pdf) };
  } catch (error) {
    // The message only: the report's content must not travel into logs through a stack.
    reply = { id: message.id, error: error instanceof Error ? error.name : 'Error' };
  }
  parentPort!.postMessage(reply, 'pdf' in reply ? [reply.pdf.buffer as ArrayBuffer] : []);
});
