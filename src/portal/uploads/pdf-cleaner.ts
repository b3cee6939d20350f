// Rewrites uploaded PDFs on worker threads. pdf-lib is plain JavaScript: parsing and writing a 10 MB
// file holds its thread for a second or more, and a hostile file for as long as it is let. On a
// thread of its own it holds up nobody's page; when it overruns its time, the thread is ended and the
// file refused. The threads start with the first PDF, so an instance nobody uploads to has none.
import { Worker } from 'node:worker_threads';
import { workerBootUrl } from '../worker-boot.ts';
import { cleanPdf, type PdfCleanOutcome } from './clean-pdf.ts';
import type { PdfCleanJob } from './pdf-cleaner-worker.ts';

export type PdfJobBudget = PdfCleanJob['budget'];

export interface PdfCleaner {
  clean(content: Uint8Array): Promise<PdfCleanOutcome>;
  close(): Promise<void>;
}

interface Pending {
  content: Uint8Array;
  resolve(outcome: PdfCleanOutcome): void;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded its code: a job is sent only then, so a worker that cannot start costs no file. */
  ready: boolean;
  busy: { id: number; pending: Pending; timer: NodeJS.Timeout } | undefined;
  /** It could not start; not restarted, or a broken install would spin. */
  dead: boolean;
  /** Ends the worker whose file took too long, refuses the file, and starts another. */
  overran(): void;
}

const WORKER_BOOT = workerBootUrl(new URL('./pdf-cleaner-worker.ts', import.meta.url));
/** The worker checks its own deadline between steps; this is for a step that never ends. */
const GRACE_MS = 2000;

/**
 * `threads: 0` cleans on the calling thread, bounded by the same budget but only between pdf-lib's
 * steps. With no worker able to start, that is what happens too, and `onWorkerError` has told the
 * operator.
 */
export function createPdfCleaner(options: { threads: number; budget: PdfJobBudget; onWorkerError?: (error: Error) => void }): PdfCleaner {
  const { budget } = options;
  const cleanHere = (content: Uint8Array) => cleanPdf(content, { ...budget, deadline: Date.now() + budget.seconds * 1000 });
  if (options.threads <= 0) return { clean: cleanHere, close: async () => {} };
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const settle = (slot: Slot): Pending | undefined => {
    const busy = slot.busy;
    if (!busy) return undefined;
    clearTimeout(busy.timer);
    slot.busy = undefined;
    return busy.pending;
  };

  const startWorker = (slot: Slot): void => {
    const worker = new Worker(WORKER_BOOT, { execArgv: [] });
    // An idle worker must not keep a process alive that is otherwise done.
    worker.unref();
    Object.assign(slot, { worker, ready: false, busy: undefined });
    let ended = false;
    worker.on('message', (message: 'ready' | { id: number; outcome: PdfCleanOutcome }) => {
      if (message === 'ready') {
        slot.ready = true;
      } else if (slot.busy?.id === message.id) {
        settle(slot)!.resolve(message.outcome);
      }
      dispatch();
    });
    const end = (error: Error): void => {
      // 'error' is followed by 'exit'; act once.
      if (ended || closed) return;
      ended = true;
      options.onWorkerError?.(error);
      // The file in hand when a thread dies (out of memory, say) is what killed it.
      settle(slot)?.resolve({ ok: false, refusal: 'pdfUnreadable' });
      if (slot.ready) startWorker(slot);
      else slot.dead = true;
      dispatch();
    };
    worker.once('error', end);
    worker.once('exit', (code) => end(new Error(`PDF cleaning worker exited with code ${code}`)));
    slot.overran = () => {
      ended = true;
      settle(slot)?.resolve({ ok: false, refusal: 'pdfTooComplex' });
      void worker.terminate();
      startWorker(slot);
      dispatch();
    };
  };

  const dispatch = (): void => {
    if (slots.length === 0) {
      for (let i = 0; i < options.threads; i++) {
        const slot = { dead: false } as Slot;
        slots.push(slot);
        startWorker(slot);
      }
    }
    const live = slots.filter((slot) => !slot.dead);
    if (live.length === 0) {
      for (const pending of queue.splice(0)) cleanHere(pending.content).then(pending.resolve);
      return;
    }
    for (const slot of live) {
      if (queue.length === 0) break;
      if (!slot.ready || slot.busy) continue;
      const pending = queue.shift()!;
      const id = nextId++;
      slot.busy = { id, pending, timer: setTimeout(() => slot.overran(), budget.seconds * 1000 + GRACE_MS) };
      // A copy the thread may own: the upload's buffer may share memory with other requests.
      const content = new Uint8Array(pending.content);
      slot.worker.postMessage({ id, content, budget } satisfies PdfCleanJob, [content.buffer]);
    }
    // A file in hand, or one waiting for a thread to start, keeps the process alive until it is answered.
    for (const slot of live) {
      if (slot.busy || queue.length > 0) slot.worker.ref();
      else slot.worker.unref();
    }
  };

  return {
    clean(content) {
      if (closed) return cleanHere(content);
      return new Promise<PdfCleanOutcome>((resolve) => {
        queue.push({ content, resolve });
        dispatch();
      });
    },
    async close() {
      closed = true;
      // Files still waiting or in hand are cleaned here, so an upload under way still gets its answer.
      const unfinished = [...queue.splice(0), ...slots.map(settle).filter((p): p is Pending => p !== undefined)];
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
      for (const pending of unfinished) cleanHere(pending.content).then(pending.resolve);
    },
  };
}
