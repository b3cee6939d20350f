// Renders report PDFs on worker threads. Laying out and compressing a PDF takes tens of
// milliseconds of CPU; on the event loop that would hold up every page of every other reporter
// while reports are being sent. A small fixed pool keeps it off the loop; a report waits for a free
// worker rather than starting more threads than the machine has cores.
import { Worker } from 'node:worker_threads';
import type { Report } from '../../domain/report.ts';
import { translator, type Language } from '../../web/i18n.ts';
import { renderReportPdf } from './render-report-pdf.ts';
import { workerBootUrl } from '../worker-boot.ts';

export interface PdfJob {
  report: Report;
  reference: string;
  language: Language;
}

export interface PdfRenderer {
  render(job: PdfJob): Promise<Buffer>;
  /** How many PDFs were rendered where: a pool that cannot start its threads shows up here. */
  counts(): { onWorkers: number; here: number };
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
  /** Its worker could not start; not restarted. */
  dead: boolean;
}

const WORKER_BOOT = workerBootUrl(new URL('./pdf-worker.ts', import.meta.url));

/**
 * `threads: 0` renders on the calling thread (the bare benchmark's baseline). A worker that dies
 * takes only its own job with it: that job is rendered here instead, so the reporter's submit still
 * succeeds, and a new worker takes the slot. A worker that dies before it ever answered (it cannot
 * start here) is not restarted, or a broken install would spin; with no worker left, every PDF is
 * rendered here, and `onWorkerError` has told the operator.
 */
export function createPdfRenderer(options: { threads: number; onWorkerError?: (error: Error) => void }): PdfRenderer {
  const counts = { onWorkers: 0, here: 0 };
  const renderHere = (job: PdfJob): Promise<Buffer> => {
    counts.here++;
    return renderReportPdf(job.report, { reference: job.reference, t: translator(job.language) });
  };
  if (options.threads <= 0) return { render: renderHere, counts: () => ({ ...counts }), close: async () => {} };
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const finishHere = (pending: Pending): void => {
    renderHere(pending.job).then(pending.resolve, pending.reject);
  };

  const startWorker = (slot: Slot): void => {
    const worker = new Worker(WORKER_BOOT, { execArgv: [] });
    // An idle worker must not keep a process alive that is otherwise done.
    worker.unref();
    slot.worker = worker;
    let answered = false;
    worker.on('message', (reply: PdfWorkerReply) => {
      answered = true;
      const busy = slot.busy;
      if (!busy || busy.id !== reply.id) return;
      slot.busy = undefined;
      if ('pdf' in reply) {
        counts.onWorkers++;
        busy.pending.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      } else {
        busy.pending.reject(new Error(reply.error));
      }
      dispatch();
    });
    let replaced = false;
    const replace = (error: Error): void => {
      // 'error' is followed by 'exit'; act once.
      if (replaced || closed) return;
      replaced = true;
      options.onWorkerError?.(error);
      const busy = slot.busy;
      slot.busy = undefined;
      if (busy) finishHere(busy.pending);
      if (answered) startWorker(slot);
      else slot.dead = true;
      dispatch();
    };
    worker.once('error', replace);
    worker.once('exit', (code) => replace(new Error(`PDF worker exited with code ${code}`)));
  };

  const dispatch = (): void => {
    const live = slots.filter((slot) => !slot.dead);
    if (live.length === 0) {
      for (const pending of queue.splice(0)) finishHere(pending);
      return;
    }
    for (const slot of live) {
      if (queue.length === 0) break;
      if (slot.busy) continue;
      const pending = queue.shift()!;
      const id = nextId++;
      slot.busy = { id, pending };
      slot.worker.ref();
      slot.worker.postMessage({ id, ...pending.job });
    }
    for (const slot of live) if (!slot.busy) slot.worker.unref();
  };

  for (let i = 0; i < options.threads; i++) {
    const slot: Slot = { worker: undefined as unknown as Worker, busy: undefined, dead: false };
    slots.push(slot);
    startWorker(slot);
  }

  return {
    counts: () => ({ ...counts }),
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
      for (const pending of queue.splice(0)) finishHere(pending);
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
      for (const slot of slots) {
        const busy = slot.busy;
        slot.busy = undefined;
        if (busy) finishHere(busy.pending);
      }
    },
  };
}
