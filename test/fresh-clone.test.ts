// The README's promise: a clone of this repository alone, nothing beside it, `npm start` runs the
// portal and mottak, says what it is doing on the way, and prints where to go. A first start killed
// half-way leaves a half-made .data that the next start finishes. Ctrl+C stops it and says so.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../src/reference-data.ts';
import { freePort } from './kit/server-process.ts';
import { waitFor } from './kit/wait.ts';

/** The files a clone would have: tracked, plus new ones not yet committed (not ignored ones). */
function cloneInto(dir: string): void {
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot(), encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  assert.ok(files.length > 100, 'git lists the repository');
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repoRoot(), file), join(dir, file));
  }
  // `npm install` is not what is tested; the installed packages are the same.
  symlinkSync(join(repoRoot(), 'node_modules'), join(dir, 'node_modules'));
}

interface Started {
  child: ChildProcess;
  output(): string;
  /** npm's exit: a code, or the signal that ended it (npm itself ends on Ctrl+C's SIGINT). */
  exited: Promise<number | NodeJS.Signals | null>;
}

function npmStart(cwd: string, env: Record<string, string>): Started {
  // A developer's shell: no test settings, no database URL, no reference data override.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(NODE_ENV|DATABASE_URL|TEST_DATABASE_URL|REFERENCE_DATA_DIR|DEMO_KEY_CACHE_DIR|LOG_|DATA_DIR|MOTTAK_|PORT|BASE_URL|npm_)/.test(key)),
  ) as Record<string, string>;
  const child = spawn('npm', ['start'], { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signalName) => resolve(code ?? signalName)));
  return { child, output: () => output, exited };
}

/** The whole process group: npm, and node under it. */
function signal(started: Started, name: NodeJS.Signals): void {
  try {
    process.kill(-started.child.pid!, name);
  } catch {
    // already gone
  }
}

describe('a clone of the repository alone starts with npm start', () => {
  let root: string;
  let app: string;
  let ports: { portal: number; mottak: number };
  let running: Started | undefined;

  before(async () => {
    // A folder with nothing beside the clone: no ../shared to lean on.
    root = mkdtempSync(join(tmpdir(), 'meldeportal-clone-'));
    app = join(root, 'meldeportal');
    cloneInto(app);
    ports = { portal: await freePort(), mottak: await freePort() };
  });

  after(async () => {
    if (running) {
      signal(running, 'SIGKILL');
      await running.exited;
    }
    rmSync(root, { recursive: true, force: true });
  });

  test('a first start killed while it makes the demo keys, then a start that finishes the job and says where to go', async () => {
    const env = { PORT: String(ports.portal), MOTTAK_PORT: String(ports.mottak), MOTTAK_BASE_URL: `http://localhost:${ports.mottak}` };
    const first = npmStart(app, env);
    running = first;
    await waitFor('the first start to reach the demo keys', () => (/Generating key pairs for \d+ demo services/.test(first.output()) || first.child.exitCode !== null ? true : undefined), 120_000);
    assert.match(first.output(), /Creating the embedded database in .*\.data\/portal-db \(first start\)/);
    assert.match(first.output(), /Database migrated: 001-registry\.sql/);
    signal(first, 'SIGKILL');
    await first.exited;

    const second = npmStart(app, env);
    running = second;
    await waitFor('the second start to be ready', () => (/Meldeportal is ready/.test(second.output()) || second.child.exitCode !== null ? true : undefined), 180_000);
    const output = second.output();
    assert.equal(second.child.exitCode, null, output);
    assert.match(output, /Opening the embedded database in .*\.data\/portal-db/, 'the half-made database is reused');
    assert.match(output, /Creating the embedded database in .*\.mottak\/db \(first start\)/);
    assert.match(output, new RegExp(`Portal  http://localhost:${ports.portal}`));
    assert.match(output, new RegExp(`Mottak  http://localhost:${ports.mottak}`));
    assert.match(output, /log in as any test person/);
    assert.match(output, /Log in as a test caseworker/);
    // Readable lines, not JSON, and no request logged twice.
    assert.doesNotMatch(output, /^\{"level"/m);
    assert.doesNotMatch(output, /incoming request/);
    assert.doesNotMatch(output, /Deprecation|Warning/);

    const start = await fetch(`http://localhost:${ports.portal}/`);
    assert.equal(start.status, 200);
    assert.match(await start.text(), /Start meldingen/);
    const mottak = await fetch(`http://localhost:${ports.mottak}/healthz`);
    assert.equal(mottak.status, 200);
    const known = await fetch(`http://localhost:${ports.portal}/api/v1/kommuner`);
    assert.equal(((await known.json()) as unknown[]).length, 357, 'the reference data came from the clone itself');

    signal(second, 'SIGINT');
    const ended = await second.exited;
    running = undefined;
    assert.ok(ended === 0 || ended === 'SIGINT', `ended with ${ended}`);
    assert.match(second.output(), /SIGINT: stopping/);
    assert.match(second.output(), /Stopped in \d+ ms/);
  });
});
