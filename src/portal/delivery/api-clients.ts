// The receiving systems' API clients (Maskinporten-style integrations) and their spent grants.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export async function findApiClient(db: Kysely<DB>, clientId: string): Promise<{ orgnr: string; publicKeyPem: string } | undefined> {
  const row = await db
    .selectFrom('service_api_clients')
    .innerJoin('services', 'services.id', 'service_api_clients.service_id')
    .select(['services.orgnr', 'service_api_clients.public_key_pem'])
    .where('service_api_clients.client_id', '=', clientId)
    .where('service_api_clients.revoked_at', 'is', null)
    .where('services.onboarded', '=', true)
    .executeTakeFirst();
  return row && { orgnr: row.orgnr, publicKeyPem: row.public_key_pem };
}

/** True the first time a grant id is seen; false for a replay. */
export async function useGrantOnce(db: Kysely<DB>, jti: string, expiresAt: Date): Promise<boolean> {
  const inserted = await db.insertInto('used_grant_assertions').values({ jti, expires_at: expiresAt }).onConflict((oc) => oc.column('jti').doNothing()).executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}
