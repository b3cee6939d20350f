// Renders report PDFs on worker threads. Laying out and compressing a PDF takes tens of
// milliseconds of CPU; on the event loop that would hold up every page of every other reporter
// while reports are being sent. A small fixed pool keeps it off the loop; a report waits for a free
// worker rather than starting more threads than the machine has cores.
import { Worker } from 'node:worker_threads';
import type { Report } from '../../domain/report.ts';
import { translator, type Language } from '../../web/i18n.ts';
import { renderReportPdf } from './render-report-pdf.ts';

export interface PdfJob {
  report: Report;
  reference: string;
  language: Language;
}

export interface PdfRenderer {
  render(job: PdfJob): Promise<Buffer>;
  close(): Promise<void>;
}

/** The worker's answer to one job. */
export type PdfWorkerReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

interface Pending {
  job: PdfJob;
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  busy: { id: number; pending: Pending } | undefined;
}

const WORKER_URL = new URL('./pdf-worker.ts', import.meta.url);

function renderHere(job: PdfJob): Promise<Buffer> {
  return renderReportPdf(job.report, { reference: job.reference, t: translator(job.language) });
}

/**
 * `threads: 0` renders on the calling thread (the bare benchmark's baseline, and a way out should a
 * platform refuse workers). A worker that dies takes only its own job with it: that job is rendered
 * here instead, so the reporter's submit still succeeds, and a new worker takes the slot.
 */
export function createPdfRenderer(options: { threads: number }): PdfRenderer {
  if (options.threads <= 0) return { render: renderHere, close: async () => {} };
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const startWorker = (slot: Slot): void => {
    const worker = new Worker(WORKER_URL);
    // An idle worker must not keep a process alive that is otherwise done.
    worker.unref();
    slot.worker = worker;
    worker.on('message', (reply: PdfWorkerReply) => {
      const busy = slot.busy;
      if (!busy || busy.id !== reply.id) return;
      slot.busy = undefined;
      if ('pdf' in reply) busy.pending.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      else busy.pending.reject(new Error(reply.error));
      dispatch();
    });
    const replace = (): void => {
      const busy = slot.busy;
      slot.busy = undefined;
      if (busy) renderHere(busy.pending.job).then(busy.pending.resolve, busy.pending.reject);
      if (!closed) startWorker(slot);
      dispatch();
    };
    worker.once('error', replace);
    worker.once('exit', (code) => {
      // 'error' is followed by 'exit'; replace once.
      if (slot.worker === worker && code !== 0 && !closed) replace();
    });
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (slot.busy) continue;
      const pending = queue.shift()!;
      const id = nextId++;
      slot.busy = { id, pending };
      slot.worker.ref();
      slot.worker.postMessage({ id, ...pending.job });
    }
    for (const slot of slots) if (!slot.busy) slot.worker.unref();
  };

  for (let i = 0; i < options.threads; i++) {
    const slot = { busy: undefined } as unknown as Slot;
    slots.push(slot);
    startWorker(slot);
  }

  return {
    render(job) {
      if (closed) return renderHere(job);
      return new Promise<Buffer>((resolve, reject) => {
        queue.push({ job, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      // Jobs still waiting are rendered here, so nothing accepted is dropped by a shutdown.
      for (const pending of queue.splice(0)) renderHere(pending.job).then(pending.resolve, pending.reject);
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
      for (const slot of slots) {
        const busy = slot.busy;
        slot.busy = undefined;
        if (busy) renderHere(busy.pending.job).then(busy.pending.resolve, busy.pending.reject);
      }
    },
  };
}
