// The portal as its own operating-system process (`node --import tsx src/server.ts`), so a test or
// a benchmark can `kill -9` it and start it again on the same data folder, database, port and
// session secret: what an orchestrator does after a crash. The caller stays alive and keeps its
// cookies, just as the reporters' browsers would.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../../src/reference-data.ts';
import { DEMO_KEY_CACHE_DIR } from '../helpers/portal.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PortalProcessOptions {
  dataDir: string;
  port: number;
  /** Unset: the embedded PGlite in `dataDir/portal-db`. */
  databaseUrl?: string;
  env?: Record<string, string>;
}

export class PortalProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  /** The last lines the process wrote, for a failure message; the portal logs no personal data. */
  readonly output: string[] = [];
  readonly sessionSecret = randomBytes(32).toString('base64url');
  starts = 0;
  /** Set when the process ends: by our kill or stop, or on its own (a crash). */
  exitCode: number | null | undefined;

  constructor(private readonly options: PortalProcessOptions) {}

  get url(): string {
    return `http://localhost:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and waits until /healthz answers 200; returns the time that took. */
  async start(timeoutMs = 120_000): Promise<number> {
    if (this.child) throw new Error('the portal process is already running');
    const started = Date.now();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATA_DIR: this.options.dataDir,
      PORT: String(this.options.port),
      HOST: '127.0.0.1',
      BASE_URL: this.url,
      SESSION_SECRET: this.sessionSecret,
      DEMO_KEY_CACHE_DIR,
      MOTTAK_ENABLED: 'false',
      ...(process.env.REFERENCE_DATA_DIR ? { REFERENCE_DATA_DIR: process.env.REFERENCE_DATA_DIR } : {}),
      ...(this.options.databaseUrl ? { DATABASE_URL: this.options.databaseUrl } : {}),
      ...this.options.env,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot(), 'src/server.ts')], { cwd: repoRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts++;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.output.push(line.slice(0, 400));
      this.output.splice(0, Math.max(0, this.output.length - 60));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exitCode = undefined;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    let exitCode: number | null | undefined;
    void this.exited.then((code) => {
      exitCode = code;
      this.exitCode = code;
    });
    const end = Date.now() + timeoutMs;
    for (;;) {
      if (exitCode !== undefined) {
        this.child = undefined;
        throw new Error(`the portal exited with ${exitCode} while starting:\n${this.output.slice(-20).join('\n')}`);
      }
      const status = await fetch(`http://127.0.0.1:${this.options.port}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return Date.now() - started;
      if (Date.now() > end) {
        await this.kill();
        throw new Error(`the portal did not become healthy within ${timeoutMs} ms:\n${this.output.slice(-20).join('\n')}`);
      }
      await sleep(50);
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

  /** A polite stop (SIGTERM), for the end of a run. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const code = await Promise.race([this.exited, sleep(15_000).then(() => 'timeout' as const)]);
    if (code === 'timeout') await this.kill();
    this.child = undefined;
  }
}
