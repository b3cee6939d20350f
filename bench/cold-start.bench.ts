// Cold start: a fresh DATA_DIR (no database, no keys) to the first page served, as an operator
// sees it after a deploy; then each process's resident memory once idle. Dev mode generates its
// stand-in keys on a fresh start; those are counted once without the key cache (what `npm start`
// on a new machine does) and once with it (what a restart with existing keys costs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDatabaseUrl, describeMachine, printFigure } from './lib/figures.ts';
import { createPostgresDatabase } from './lib/databases.ts';
import { startMottakProcess, startPortalProcess } from './lib/processes.ts';

const IDLE_MS = 5_000;

console.log(`Cold start on ${describeMachine()}; PGlite in a fresh folder`);
const fresh = mkdtempSync(join(tmpdir(), 'bench-cold-'));
const portal = await startPortalProcess({ dataDir: fresh, keyCache: false });
printFigure('portal: fresh DATA_DIR, new keys → first page', portal.startMs / 1000, 's');
const mottakDir = mkdtempSync(join(tmpdir(), 'bench-cold-mottak-'));
const mottak = await startMottakProcess({ dataDir: mottakDir, portalUrl: portal.url, portalDataDir: fresh });
printFigure('mottak: fresh database → first answer', mottak.startMs / 1000, 's');
await new Promise((r) => setTimeout(r, IDLE_MS));
const portalRss = portal.rssBytes() / 2 ** 20;
const mottakRss = mottak.rssBytes() / 2 ** 20;
await mottak.stop();
await portal.stop();

const restart = await startPortalProcess({ dataDir: fresh, keyCache: false });
printFigure('portal: restart on existing data → first page', restart.startMs / 1000, 's');
await restart.stop();
const cached = mkdtempSync(join(tmpdir(), 'bench-cold-cached-'));
const withCache = await startPortalProcess({ dataDir: cached });
printFigure('portal: fresh DATA_DIR, cached demo keys → first page', withCache.startMs / 1000, 's');
await withCache.stop();
for (const dir of [fresh, mottakDir, cached]) rmSync(dir, { recursive: true, force: true });

// Most of an embedded process's memory is PGlite's WebAssembly heap; with PostgreSQL it is not ours.
const adminUrl = benchDatabaseUrl();
if (adminUrl) {
  const database = await createPostgresDatabase(adminUrl);
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-pg-'));
  const onPostgres = await startPortalProcess({ dataDir: dir, databaseUrl: database.url });
  printFigure('portal on PostgreSQL: fresh database, cached demo keys → first page', onPostgres.startMs / 1000, 's');
  await new Promise((r) => setTimeout(r, IDLE_MS));
  printFigure(`portal on PostgreSQL: idle RSS after ${IDLE_MS / 1000} s`, onPostgres.rssBytes() / 2 ** 20, 'MiB');
  await onPostgres.stop();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
}

printFigure(`mottak: idle RSS after ${IDLE_MS / 1000} s`, mottakRss, 'MiB');
printFigure(`portal: idle RSS after ${IDLE_MS / 1000} s`, portalRss, 'MiB');
