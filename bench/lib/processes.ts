// The portal and mottak as the benchmarks run them: their own processes (so the load generator does
// not share, and distort, the event loop it measures), in development mode with the stand-ins, and
// logging at info as in production: what the logs cost is part of what is measured.
import { mottakProcess, portalProcess, type MottakProcessOptions, type PortalProcessOptions, type ServerProcess } from '../../test/kit/server-process.ts';

export { freePort, rssOf, type ServerProcess } from '../../test/kit/server-process.ts';

export interface StartedProcess extends ServerProcess {
  /** Milliseconds from spawn to the first answer of 200. */
  startMs: number;
}

async function started(process: ServerProcess): Promise<StartedProcess> {
  const startMs = await process.start(600_000);
  return Object.assign(process, { startMs });
}

/** The portal alone (mottak off); ready when its first page (`/`) is served. */
export async function startPortalProcess(options: Omit<PortalProcessOptions, 'nodeEnv' | 'logLevel' | 'readyPath'>): Promise<StartedProcess> {
  return started(await portalProcess({ ...options, nodeEnv: 'development', logLevel: 'info', readyPath: '/' }));
}

/** Mottak alone (`npm run start:mottak`), pulling from the given portal with its demo keys. */
export async function startMottakProcess(options: Omit<MottakProcessOptions, 'nodeEnv' | 'logLevel'>): Promise<StartedProcess> {
  return started(await mottakProcess({ ...options, nodeEnv: 'development', logLevel: 'info' }));
}
