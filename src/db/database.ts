// One database factory for every environment: PGlite in-process by default, real PostgreSQL when a
// URL is given. Both go through pg.Pool so the same SQL and the same Kysely code run on each.
import { Kysely, PostgresDialect } from 'kysely';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';

export interface Database<T> {
  db: Kysely<T>;
  pool: pg.Pool;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// Return bytea as Buffer and timestamptz as Date (pg defaults), int8 as number: our counts fit.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// A calendar date stays the string it is ('2026-11-30'): as a Date it would shift with the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * A file beside the folder holds the owner's pid while open (inside, it would upset initdb);
 * another live owner is refused.
 */
function claimPgliteDir(dir: string): () => void {
  const pidFile = `${dir}.owner.pid`;
  if (existsSync(pidFile)) {
    const owner = Number(readFileSync(pidFile, 'utf8'));
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(`The embedded database in ${dir} is in use by process ${owner}. Stop it first (or use DATABASE_URL).`);
    }
  }
  mkdirSync(dirname(dir), { recursive: true });
  writeFileSync(pidFile, String(process.pid));
  return () => rmSync(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openDatabase<T>(options: { databaseUrl?: string; pgliteDir?: string }): Promise<Database<T>> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // pg emits 'error' on a client whose connection dies. While a client is checked out, the pool's
    // idle listener is detached and Kysely adds none, so the event would become an uncaught exception
    // and take the process down. The query is rejected either way (→ 503) and the pool discards the
    // broken client on release, so listeners are all that is needed.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
    return { db, pool, kind: 'postgres', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const release = options.pgliteDir ? claimPgliteDir(options.pgliteDir) : () => {};
  const pglite = new PGlite(options.pgliteDir ?? 'memory://');
  await pglite.waitReady;
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  pool.on('error', () => {});
  const db = new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
      release();
    },
  };
}
