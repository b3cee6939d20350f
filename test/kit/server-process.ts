// The portal or mottak as its own operating-system process (`node --import tsx src/server.ts [mottak]`), as
// `npm start` and production run them. Tests and benchmarks use it when the thing checked lives
// outside one event loop: what the process writes to its log, what survives `kill -9`, what a load
// generator measures without sharing the server's event loop, how long a cold start takes.
// A process can be started again on the same data folder, database, port and session secret, which
// is what an orchestrator does after a crash; the caller keeps its cookies, as browsers would.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../../src/reference-data.ts';

export const DEMO_KEY_CACHE_DIR = join(repoRoot(), 'tmp', 'demo-key-cache');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process, from /proc (Linux). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) * 1024;
}

export interface ServerProcessOptions {
  /** `src/server.ts` (the portal, with mottak beside it unless MOTTAK_ENABLED=false) or `src/server.ts mottak`. */
  entry: 'src/server.ts' | 'src/server.ts mottak';
  port: number;
  /** The application's settings; PATH and HOME are passed on, nothing else from this process. */
  env: Record<string, string>;
  /** Answered 200 when the process is ready: `/healthz`, or `/` to time the first page. */
  readyPath: string;
  /**
   * How many of the last log lines to keep (default 200): a failure message needs the end; a test
   * that searches the whole log for personal data needs every line (Infinity).
   */
  keepLines?: number;
}

export class ServerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  private partial = '';
  /** What the process wrote to stdout and stderr, line by line (the last `keepLines`). */
  readonly lines: string[] = [];
  starts = 0;
  /** Set when the process ends: by our kill or stop, or on its own (a crash); undefined while it runs. */
  exitCode: number | null | undefined;

  constructor(private readonly options: ServerProcessOptions) {}

  get url(): string {
    return `http://localhost:${this.options.port}`;
  }

  private entryArgs(): string[] {
    const [file, ...args] = this.options.entry.split(' ');
    return [join(repoRoot(), file!), ...args];
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Everything kept of the log as one text. */
  output(): string {
    return this.partial ? [...this.lines, this.partial].join('\n') : this.lines.join('\n');
  }

  rssBytes(): number {
    if (!this.child?.pid) throw new Error('the process is not running');
    return rssOf(this.child.pid);
  }

  /** Starts the process and waits until its ready path answers 200; returns how long that took in ms. */
  async start(timeoutMs = 120_000): Promise<number> {
    if (this.child) throw new Error(`${this.options.entry} is already running`);
    const started = performance.now();
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...this.options.env };
    const child = spawn(process.execPath, ['--import', 'tsx', ...this.entryArgs()], { cwd: repoRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts++;
    child.stdout!.on('data', (chunk: Buffer) => this.keep(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.keep(chunk));
    this.exitCode = undefined;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exitCode = code;
        resolve(code);
      }),
    );
    const readyUrl = `http://127.0.0.1:${this.options.port}${this.options.readyPath}`;
    const end = performance.now() + timeoutMs;
    for (;;) {
      if (this.exitCode !== undefined) {
        this.child = undefined;
        throw new Error(`${this.options.entry} exited with ${this.exitCode} while starting:\n${this.lines.slice(-20).join('\n')}`);
      }
      const status = await fetch(readyUrl, { redirect: 'manual', signal: AbortSignal.timeout(2000) }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      if (status === 200) return performance.now() - started;
      if (performance.now() > end) {
        await this.kill();
        throw new Error(`${this.options.entry} did not answer 200 on ${this.options.readyPath} within ${timeoutMs} ms:\n${this.lines.slice(-20).join('\n')}`);
      }
      await sleep(20);
    }
  }

  /** `kill -9`: no shutdown hook runs, no transaction is finished, no connection is closed politely. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
    this.child = undefined;
  }

  /** A polite stop (SIGTERM), then SIGKILL if it has not ended within 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const code = await Promise.race([this.exited, sleep(15_000).then(() => 'timeout' as const)]);
    if (code === 'timeout') await this.kill();
    this.child = undefined;
  }

  private keep(chunk: Buffer): void {
    // A chunk may end inside a line; keep the rest until its newline so a line is never cut in two.
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) this.lines.push(line);
    const keepLines = this.options.keepLines ?? 200;
    if (this.lines.length > keepLines) this.lines.splice(0, this.lines.length - keepLines);
  }
}

export interface PortalProcessOptions {
  dataDir: string;
  /** Unset: a free port. */
  port?: number;
  /** Unset: the embedded PGlite in `dataDir/portal-db`. */
  databaseUrl?: string;
  /** `test` (default) or `development`, which the benchmarks use to measure what `npm start` runs. */
  nodeEnv?: 'test' | 'development';
  logLevel?: 'info' | 'warn';
  /** Reuse the demo services' generated keys between runs (default), as the tests do. */
  keyCache?: boolean;
  /** Mottak in the same process (default off: the receiving side is the caller's). */
  mottak?: boolean;
  /** Default `/healthz`; `/` when the time to the first page is what is measured. */
  readyPath?: string;
  keepLines?: number;
  env?: Record<string, string>;
}

/** The portal (`src/server.ts`), with its development stand-ins; not started yet. */
export async function portalProcess(options: PortalProcessOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  return new ServerProcess({
    entry: 'src/server.ts',
    port,
    readyPath: options.readyPath ?? '/healthz',
    keepLines: options.keepLines,
    env: {
      NODE_ENV: options.nodeEnv ?? 'test',
      LOG_LEVEL: options.logLevel ?? 'warn',
      DATA_DIR: options.dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: url,
      // Fixed for the object's life, so a restarted process still opens the sessions it issued.
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      MOTTAK_ENABLED: options.mottak ? 'true' : 'false',
      ...(options.keyCache === false ? {} : { DEMO_KEY_CACHE_DIR }),
      ...(process.env.REFERENCE_DATA_DIR ? { REFERENCE_DATA_DIR: process.env.REFERENCE_DATA_DIR } : {}),
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
  });
}

export interface MottakProcessOptions {
  dataDir: string;
  portalUrl: string;
  /** The portal's DATA_DIR: in development mottak reads the demo services' keys from it. */
  portalDataDir: string;
  databaseUrl?: string;
  nodeEnv?: 'test' | 'development';
  logLevel?: 'info' | 'warn';
  env?: Record<string, string>;
}

/** Mottak alone (`npm run start:mottak`), pulling from the given portal; not started yet. */
export async function mottakProcess(options: MottakProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  return new ServerProcess({
    entry: 'src/server.ts mottak',
    port,
    readyPath: '/healthz',
    env: {
      NODE_ENV: options.nodeEnv ?? 'test',
      LOG_LEVEL: options.logLevel ?? 'warn',
      MOTTAK_PORT: String(port),
      HOST: '127.0.0.1',
      MOTTAK_BASE_URL: `http://localhost:${port}`,
      MOTTAK_DATA_DIR: options.dataDir,
      DATA_DIR: options.portalDataDir,
      PORTAL_URL: options.portalUrl,
      ...(process.env.REFERENCE_DATA_DIR ? { REFERENCE_DATA_DIR: process.env.REFERENCE_DATA_DIR } : {}),
      ...(options.databaseUrl ? { MOTTAK_DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
  });
}
