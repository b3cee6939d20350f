// Keeps the municipalities table equal to the reference list, so districts can reference it.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { loadMunicipalities } from './reference-data.ts';

export async function syncMunicipalities(db: Kysely<DB>): Promise<void> {
  const rows = loadMunicipalities().map((m) => ({
    kommunenummer: m.kommunenummer,
    name: m.name,
    county_number: m.countyNumber,
    county_name: m.countyName,
  }));
  await db
    .insertInto('municipalities')
    .values(rows)
    .onConflict((oc) =>
      oc.column('kommunenummer').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        county_number: eb.ref('excluded.county_number'),
        county_name: eb.ref('excluded.county_name'),
      })),
    )
    .execute();
}
