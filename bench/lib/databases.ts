// Databases for benchmarks: a fresh PostgreSQL database per run on the configured server (dropped
// afterwards), or an embedded PGlite folder.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface BenchDatabase {
  /** 'PGlite' or 'PostgreSQL'. */
  label: string;
  /** undefined: PGlite in the process's own data folder. */
  url: string | undefined;
  drop(): Promise<void>;
}

export async function createPostgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `mp_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    label: 'PostgreSQL',
    url: url.href,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** PGlite first, then PostgreSQL when a server is configured. */
export async function benchDatabases(adminUrl: string | undefined): Promise<Array<() => Promise<BenchDatabase>>> {
  const list: Array<() => Promise<BenchDatabase>> = [async () => ({ label: 'PGlite', url: undefined, drop: async () => {} })];
  if (adminUrl) list.push(() => createPostgresDatabase(adminUrl));
  return list;
}
