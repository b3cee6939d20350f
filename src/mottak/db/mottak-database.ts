// Mottak's database: its own PGlite folder or PostgreSQL, its own migrations. A caseworker's
// queries run through `inServiceScope`, which also makes PostgreSQL's row-level security hold them
// to their own service.
import { join } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import { openDatabase, type Database } from '../../db/database.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import type { MottakDB } from './schema.ts';

export type MottakDatabase = Database<MottakDB>;
export type MottakDb = Kysely<MottakDB> | Transaction<MottakDB>;

export const MOTTAK_MIGRATIONS = { dir: join(import.meta.dirname, 'migrations'), lockId: 4_711_2027 };

export async function openMottakDatabase(options: { databaseUrl?: string; pgliteDir?: string }): Promise<MottakDatabase> {
  const database = await openDatabase<MottakDB>(options);
  try {
    await migrateDatabase(database.pool, MOTTAK_MIGRATIONS);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Who is acting: every caseworker query is bound to this service. */
export interface ServiceScope {
  serviceId: string;
}

/**
 * Runs `work` in a transaction as the restricted role with the service set, so a query that forgot
 * its `where service_id` still sees only this service's rows. The queries say `where service_id`
 * too: the policy is the second wall, not the first.
 */
export async function inServiceScope<T>(db: Kysely<MottakDB>, scope: ServiceScope, work: (trx: Transaction<MottakDB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // One round trip for both (set_config('role', …, true) is `set local role`): every caseworker
    // request pays for it, and on a busy machine each round trip waits for the scheduler.
    await sql`select set_config('mottak.service_id', ${scope.serviceId}, true), set_config('role', 'mottak_caseworker', true)`.execute(trx);
    return work(trx);
  });
}
