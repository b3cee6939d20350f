// The walls between the rooms of src/, checked on the import graph TypeScript itself reads (static
// imports, re-exports and dynamic imports alike). `npm run walls` runs this file alone;
// ARCHITECTURE.md lists the walls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');

/** The project's own files a file imports, as paths relative to the repository. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(root, resolve(dirname(join(root, file)), name)))
    .filter((path) => existsSync(join(root, path)));
}

/** Every project file reachable from the entries, each with the chain of imports that reached it. */
function graphFrom(entries: string[]): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const queue = entries.map((entry) => [entry]);
  while (queue.length) {
    const chain = queue.shift()!;
    const file = chain.at(-1)!;
    if (reached.has(file)) continue;
    reached.set(file, chain);
    for (const next of importsOf(file)) if (!reached.has(next)) queue.push([...chain, next]);
  }
  return reached;
}

/** What production runs: both apps, their start-up, and the command-line tools an operator uses. */
const PRODUCTION_ENTRIES = ['src/portal/start-portal.ts', 'src/mottak/start-mottak.ts', 'src/portal/operator/cli.ts', 'src/mottak/cli.ts', 'src/mottak/receiver/cli.ts'];

test('production code reaches no stand-in: nothing the apps or the operator tools load is under src/dev/', () => {
  const graph = graphFrom(PRODUCTION_ENTRIES);
  assert.ok(graph.has('src/portal/app.ts') && graph.has('src/mottak/app.ts'), 'the graph holds both apps');
  assert.ok(graph.size > 100, `the graph is the whole of production code, not a stub: ${graph.size} files`);
  const intruders = [...graph.entries()].filter(([file]) => file.startsWith('src/dev/')).map(([, chain]) => chain.join(' → '));
  assert.deepEqual(intruders, []);
});

test('the composition root loads src/dev/ only through a dynamic import, behind the production switch', () => {
  const text = readFileSync(join(root, 'src/server.ts'), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const devImports = importedFiles.filter((i) => i.fileName.startsWith('./dev/'));
  assert.deepEqual(devImports.map((i) => i.fileName), ['./dev/stand-ins.ts']);
  // No static import of it: the one reference is `await import(...)` after the production check.
  assert.doesNotMatch(text, /^import[^;]*'\.\/dev\//m);
  assert.match(text, /if \(!production\) return devStarters\(\);/);
  assert.match(text, /async function devStarters\(\)[^{]*\{\n\s*const dev = await import\('\.\/dev\/stand-ins\.ts'\);/);
  assert.equal(text.match(/devStarters\(\)/g)?.length, 2, 'devStarters is defined once and called once, behind the switch');
});

test('the check sees through re-exports and dynamic imports', () => {
  // src/dev/stand-ins.ts imports the portal's start-up, which re-exports through index files.
  const graph = graphFrom(['src/dev/stand-ins.ts']);
  assert.ok(graph.has('src/portal/start-portal.ts'));
  assert.ok(graph.has('src/portal/auth/plugin.ts'), 'reached through src/portal/auth/index.ts');
  assert.ok(graphFrom(['src/server.ts']).has('src/dev/stand-ins.ts'), 'a dynamic import is followed');
});

/** Rooms that must not reach into others: [which files, what they must not import]. */
const ROOM_WALLS: [string, string[]][] = [
  // The web kit serves both apps; each app gives it what it needs.
  ['src/web/', ['src/portal/', 'src/mottak/', 'src/dev/']],
  // Two trust domains: mottak reaches the portal only over HTTP (decision 010), and the other way round.
  ['src/portal/', ['src/mottak/']],
  ['src/mottak/', ['src/portal/']],
  // Pure rules and models: no HTTP, no database, no app.
  ['src/domain/', ['src/web/', 'src/db/', 'src/portal/', 'src/mottak/', 'src/dev/']],
  ['src/crypto/', ['src/web/', 'src/db/', 'src/package/', 'src/portal/', 'src/mottak/', 'src/dev/']],
  // The signed package both sides open: built on crypto, known to both apps, knowing neither.
  ['src/package/', ['src/web/', 'src/db/', 'src/portal/', 'src/mottak/', 'src/dev/']],
  // The database kit both apps use: connect, migrate. Each app's schema and migrations are its own.
  ['src/db/', ['src/web/', 'src/portal/', 'src/mottak/', 'src/dev/']],
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(`${path}/`));
    else if (/\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

test('each room imports only what its wall lets through', () => {
  const breaches: string[] = [];
  for (const [room, forbidden] of ROOM_WALLS) {
    const files = sourceFiles(room);
    assert.ok(files.length > 0, `${room} has files`);
    for (const file of files) for (const imported of importsOf(file)) if (forbidden.some((f) => imported.startsWith(f))) breaches.push(`${file} → ${imported}`);
  }
  assert.deepEqual(breaches, []);
});

/** Groups of files that import one another round in a circle (Tarjan's strongly connected components). */
function importCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== file);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

test('no two modules import each other, directly or round a circle', () => {
  assert.deepEqual(importCycles(new Map(sourceFiles('src/').map((file) => [file, importsOf(file)]))), []);
  // The check itself: a circle of three is found, and a file that only leads into it is not part of it.
  const circle = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', []]]);
  assert.deepEqual(importCycles(circle), [['a', 'b', 'c']]);
});
