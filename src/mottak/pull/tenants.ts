// The services this installation receives for. Each has a folder in the keys directory, set up
// when the service is onboarded: its delivery-API client id and integration key, and its
// decryption key pairs (several during a key rotation).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MottakDB } from '../db/schema.ts';

export interface Tenant {
  serviceId: string;
  orgnr: string;
  name: string;
  clientId: string;
  dir: string;
}

interface IntegrationFile {
  clientId?: unknown;
  orgnr?: unknown;
  name?: unknown;
}

export function readTenantFolders(keysDir: string): Omit<Tenant, 'serviceId'>[] {
  if (!existsSync(keysDir)) return [];
  const tenants: Omit<Tenant, 'serviceId'>[] = [];
  for (const entry of readdirSync(keysDir).sort()) {
    const file = join(keysDir, entry, 'integration.json');
    if (!/^\d{9}$/.test(entry) || !existsSync(file)) continue;
    const integration = JSON.parse(readFileSync(file, 'utf8')) as IntegrationFile;
    if (typeof integration.clientId !== 'string') continue;
    tenants.push({
      orgnr: entry,
      clientId: integration.clientId,
      name: typeof integration.name === 'string' && integration.name ? integration.name : `Barneverntjenesten (${entry})`,
      dir: join(keysDir, entry),
    });
  }
  return tenants;
}

/** Registers every service found in the keys directory (and keeps names current). */
export async function syncTenants(db: Kysely<MottakDB>, keysDir: string): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  for (const folder of readTenantFolders(keysDir)) {
    const row = await db
      .insertInto('services')
      .values({ id: randomUUID(), orgnr: folder.orgnr, name: folder.name })
      .onConflict((oc) => oc.column('orgnr').doUpdateSet({ name: folder.name }))
      .returning('id')
      .executeTakeFirstOrThrow();
    tenants.push({ ...folder, serviceId: row.id });
  }
  return tenants;
}
