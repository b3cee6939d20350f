// The portal's database: the kit's PGlite-or-PostgreSQL connection typed with the portal's schema,
// and the portal's own migrations (mottak has its own: src/mottak/db/mottak-database.ts).
import { join } from 'node:path';
import type pg from 'pg';
import { openDatabase, type Database } from '../../db/database.ts';
import { migrateDatabase, type MigrationSet } from '../../db/migrate.ts';
import type { DB } from './schema.ts';

export type PortalDatabase = Database<DB>;

export const PORTAL_MIGRATIONS: MigrationSet = { dir: join(import.meta.dirname, 'migrations'), lockId: 4_711_2026 };

export function openPortalDatabase(options: { databaseUrl?: string | undefined; pgliteDir?: string }): Promise<PortalDatabase> {
  return openDatabase<DB>(options);
}

/** Applies the portal's migrations not yet applied; returns their names. */
export function migratePortalDatabase(pool: pg.Pool): Promise<string[]> {
  return migrateDatabase(pool, PORTAL_MIGRATIONS);
}
