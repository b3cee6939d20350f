// DB tests run on PGlite always and on real PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL) is
// set. Each PostgreSQL use gets a fresh database of its own, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** Undefined for PGlite (in DATA_DIR or memory); a fresh database URL for PostgreSQL. */
  create(): Promise<{ databaseUrl: string | undefined; drop(): Promise<void> }>;
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', create: async () => ({ databaseUrl: undefined, drop: async () => {} }) }];
  const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (adminUrl) {
    list.push({
      name: 'postgres',
      create: async () => {
        const dbName = `mp_test_${randomBytes(6).toString('hex')}`;
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        await admin.query(`create database ${dbName}`);
        await admin.end();
        const url = new URL(adminUrl);
        url.pathname = `/${dbName}`;
        return {
          databaseUrl: url.href,
          drop: async () => {
            const client = new pg.Client({ connectionString: adminUrl });
            await client.connect();
            await client.query(`drop database if exists ${dbName} with (force)`);
            await client.end();
          },
        };
      },
    });
  }
  return list;
}
