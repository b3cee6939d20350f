// The thread that protects one snapshot's figures (protect-statistics.ts).
import { parentPort } from 'node:worker_threads';
import { protectStatistics, type ProtectJob } from './protect-statistics.ts';

parentPort!.once('message', (job: ProtectJob) => {
  try {
    parentPort!.postMessage({ result: protectStatistics(job) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message.slice(0, 200) : 'Error' });
  }
});
