// Disclosure control for a snapshot, on a thread of its own: at a full national rollout protecting
// the portal's and the services' tables takes seconds (bench/statistics.bench.ts), and on the event
// loop every page and API call would wait for it. The worker gets plain counts and returns the
// published figures; one is started per snapshot (at most one a minute) and ends with it.
import { Worker } from 'node:worker_threads';
import { publishStatistics, type MonthlyCount, type Municipality, type PublishedStatistics } from '../../domain/statistics/publish.ts';
import { publishServiceStatistics, type PublishedServices, type ServiceArea, type ServiceCount } from '../../domain/statistics/publish-services.ts';

export interface ProtectJob {
  geography: readonly Municipality[];
  counts: MonthlyCount[];
  services: ServiceArea[];
  serviceCounts: ServiceCount[];
  months: string[];
}

export interface ProtectedStatistics {
  published: PublishedStatistics;
  services: PublishedServices;
}

export function protectStatistics(job: ProtectJob): ProtectedStatistics {
  return { published: publishStatistics(job.geography, job.counts, job.months), services: publishServiceStatistics(job.services, job.serviceCounts, job.months) };
}

const WORKER_URL = new URL('./protect-worker.ts', import.meta.url);
// As for the PDF workers: tsx's hooks do not reach a worker thread, so it registers them itself.
const WORKER_BOOT = new URL(
  `data:text/javascript,${encodeURIComponent(`const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); await import(${JSON.stringify(WORKER_URL.href)});`)}`,
);

export function protectInWorker(job: ProtectJob): Promise<ProtectedStatistics> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, { execArgv: [] });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (reply: { result: ProtectedStatistics } | { error: string }) => settle(() => ('result' in reply ? resolve(reply.result) : reject(new Error(reply.error)))));
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`statistics worker exited with ${code}`))));
    worker.postMessage(job);
  });
}
