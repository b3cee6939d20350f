// One thread that rewrites uploaded PDFs (see pdf-cleaner.ts), one file at a time.
import { parentPort } from 'node:worker_threads';
import { cleanPdf } from './clean-pdf.ts';
import type { PdfBudget } from './pdf-budget.ts';

// pdf-lib says on stderr what it thinks of odd objects; that is no news for the operator, and would
// bypass the logger.
console.warn = () => {};

export interface PdfCleanJob {
  id: number;
  content: Uint8Array;
  /** The budget without its deadline, which starts when this thread takes the job. */
  budget: Omit<PdfBudget, 'deadline'> & { seconds: number };
}

parentPort!.on('message', async (job: PdfCleanJob) => {
  let outcome = await cleanPdf(job.content, { ...job.budget, deadline: Date.now() + job.budget.seconds * 1000 });
  // Transfer rather than copy, unless the bytes share their buffer with something else.
  if (outcome.ok && (outcome.content.byteOffset !== 0 || outcome.content.byteLength !== outcome.content.buffer.byteLength)) outcome = { ...outcome, content: new Uint8Array(outcome.content) };
  parentPort!.postMessage({ id: job.id, outcome }, outcome.ok ? [outcome.content.buffer as ArrayBuffer] : []);
});
parentPort!.postMessage('ready');
