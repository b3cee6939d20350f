// Runs the portal or mottak as its own process, as in production, so that a benchmark's load
// generator does not share (and distort) the event loop it measures.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '../../src/reference-data.ts';

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Milliseconds from spawn to the first answered request. */
  startMs: number;
  rssBytes(): number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process, from /proc (Linux). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kb * 1024;
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before answering`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

async function spawnServer(entry: string, env: Record<string, string>, readyUrl: (base: string) => string, baseUrl: string): Promise<ServerProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot(),
    // Logs at info, as in production; what they cost is part of what is measured. Not read here.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  try {
    await waitUntilAnswering(readyUrl(baseUrl), child, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${entry}: ${(error as Error).message}\n${stderr}`);
  }
  const startMs = performance.now() - started;
  return {
    url: baseUrl,
    pid: child.pid!,
    child,
    startMs,
    rssBytes: () => rssOf(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface PortalProcessOptions {
  dataDir: string;
  databaseUrl?: string;
  env?: Record<string, string>;
  /** Reuse the demo services' generated keys between runs (dev only), as the tests do. */
  keyCache?: boolean;
}

/** The portal alone (`src/server.ts` with mottak off), in development mode with its stand-ins. */
export async function startPortalProcess(options: PortalProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  return spawnServer(
    'src/server.ts',
    {
      NODE_ENV: 'development',
      MOTTAK_ENABLED: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: url,
      DATA_DIR: options.dataDir,
      ...(options.keyCache === false ? {} : { DEMO_KEY_CACHE_DIR: join(repoRoot(), 'tmp', 'demo-key-cache') }),
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    (base) => `${base}/`,
    url,
  );
}

export interface MottakProcessOptions {
  dataDir: string;
  portalUrl: string;
  portalDataDir: string;
  databaseUrl?: string;
  env?: Record<string, string>;
}

/** Mottak alone (`npm run start:mottak`), pulling from the given portal with its demo keys. */
export async function startMottakProcess(options: MottakProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  return spawnServer(
    'src/mottak/server.ts',
    {
      NODE_ENV: 'development',
      MOTTAK_PORT: String(port),
      HOST: '127.0.0.1',
      MOTTAK_BASE_URL: url,
      MOTTAK_DATA_DIR: options.dataDir,
      DATA_DIR: options.portalDataDir,
      PORTAL_URL: options.portalUrl,
      ...(options.databaseUrl ? { MOTTAK_DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    (base) => `${base}/healthz`,
    url,
  );
}
