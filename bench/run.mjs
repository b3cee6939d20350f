#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts one after another (never side by side: they measure
// the machine), shows their output, then prints every FIGURE line again as one summary.
//   npm run bench                  all of them
//   npm run bench -- submit crash  only scripts whose name contains one of the words
//   npm run bench -- --quick       short runs, to try the scripts out
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const words = args.filter((a) => !a.startsWith('--'));
const scripts = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => words.length === 0 || words.some((w) => f.includes(w)))
  .sort();

const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'test' };
if (!env.BENCH_DATABASE_URL && !env.TEST_DATABASE_URL && !env.DATABASE_URL) {
  console.log('No BENCH_DATABASE_URL/TEST_DATABASE_URL: PostgreSQL figures are skipped; PGlite only.');
}
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);

const summary = [];
const failed = [];
for (const script of scripts) {
  console.log(`\n=== ${script} ===`);
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('bench', script), ...flags], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('FIGURE ')) summary.push(`${script.replace('.bench.ts', '')}  ${line.slice(7)}`);
    });
    child.on('close', (status) => resolve(status ?? 1));
  });
  console.log(`(${script}: ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${code})`);
  if (code !== 0) failed.push(script);
}

console.log('\n=== Summary ===');
for (const line of summary) console.log(line);
const misses = summary.filter((l) => l.endsWith(' MISS')).length;
console.log(`\n${summary.length} figures, ${misses} missing their target${failed.length ? `; scripts that failed: ${failed.join(', ')}` : ''}.`);
process.exit(failed.length ? 1 : 0);
