#!/usr/bin/env node
// `npm test`: type-check, then every test file (unit, db, e2e) with node's test runner. A tier alone:
// `npm run test:unit` (no database, no browser: under a minute), `test:db`, `test:e2e`
// (scripts/test-tiers.mjs says which file is which). Node 20's runner does not expand globs, so we
// list the files here.
import { spawnSync } from 'node:child_process';
import { tierOf } from './test-tiers.mjs';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function findTests(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) out.push(relative(root, path));
  }
  return out.sort();
}

// Two files run at a time, so the longest go first: started last, they would run on alone at the
// end while the other slot stays idle (the browser suites take minutes, most others seconds).
const LONGEST = ['e2e/languages.test.ts', 'e2e/mottak.test.ts', 'e2e/first-impression.test.ts'];
function longestFirst(list) {
  return [...LONGEST.filter((f) => list.includes(f)), ...list.filter((f) => !LONGEST.includes(f))];
}

const TIERS = ['unit', 'db', 'e2e'];
const args = process.argv.slice(2);
const tiers = args.filter((a) => a.startsWith('--tier=')).map((a) => a.slice('--tier='.length));
for (const tier of tiers) if (!TIERS.includes(tier)) throw new Error(`--tier must be one of ${TIERS.join(', ')}, not ${tier}`);
const only = args.filter((a) => !a.startsWith('--tier='));
const all = longestFirst([...findTests(join(root, 'e2e')), ...findTests(join(root, 'test'))]);
const files = only.length ? only : tiers.length ? all.filter((f) => tiers.includes(tierOf(f))) : all;

if (!only.length && !tiers.length) {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    console.error('Type check failed.');
    process.exit(tsc.status ?? 1);
  }
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, NODE_ENV: 'test' },
});
process.exit(result.status ?? 1);
