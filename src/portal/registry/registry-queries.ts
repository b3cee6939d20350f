// Read side of the registry: what the public journey and the public API need to route a report.
import { sql, type Kysely } from 'kysely';
import type { DB, ServicesTable } from '../db/schema.ts';
import { loadMunicipalities } from './reference-data.ts';

export interface MunicipalityAvailability {
  kommunenummer: string;
  navn: string;
  fylke: string;
  tilgjengelig: boolean;
}

export interface DistrictEntry {
  bydelsnummer: string;
  bydelsnavn: string;
  standardMottaker: boolean;
}

export interface ServiceContact {
  id: string;
  orgnr: string;
  name: string;
  daytimePhone: string;
  /** The service's own barnevernvakt number, or null where the registry has none (never 116 111). */
  emergencyPhone: string | null;
  emergencyHours: string | null;
  postalAddress: string[];
}

/** Municipalities whose districts are all served by onboarded services. */
async function onboardedMunicipalities(db: Kysely<DB>): Promise<Set<string>> {
  const rows = await db
    .selectFrom('districts')
    .innerJoin('services', 'services.id', 'districts.service_id')
    .select('districts.kommunenummer')
    .groupBy('districts.kommunenummer')
    .having(sql<boolean>`bool_and(services.onboarded)`, '=', true)
    .execute();
  return new Set(rows.map((r) => r.kommunenummer));
}

export async function listMunicipalityAvailability(db: Kysely<DB>): Promise<MunicipalityAvailability[]> {
  const onboarded = await onboardedMunicipalities(db);
  return loadMunicipalities().map((m) => ({
    kommunenummer: m.kommunenummer,
    navn: m.name,
    fylke: m.countyName,
    tilgjengelig: onboarded.has(m.kommunenummer),
  }));
}

export async function isMunicipalityOnboarded(db: Kysely<DB>, kommunenummer: string): Promise<boolean> {
  return (await onboardedMunicipalities(db)).has(kommunenummer);
}

/**
 * The Fiks `bydeler` answer: empty when the municipality is not onboarded; otherwise every district
 * (or the single '00' entry) with exactly one default recipient.
 */
export async function listDistricts(db: Kysely<DB>, kommunenummer: string): Promise<DistrictEntry[]> {
  if (!(await isMunicipalityOnboarded(db, kommunenummer))) return [];
  const rows = await db
    .selectFrom('districts')
    .select(['bydelsnummer', 'name', 'default_recipient'])
    .where('kommunenummer', '=', kommunenummer)
    .orderBy('bydelsnummer')
    .execute();
  return rows.map((r) => ({ bydelsnummer: r.bydelsnummer, bydelsnavn: r.name, standardMottaker: r.default_recipient }));
}

/** The district a report goes to: the chosen one, or the default recipient when the reporter doesn't know. */
export async function findRecipientDistrict(
  db: Kysely<DB>,
  kommunenummer: string,
  bydelsnummer: string | null,
): Promise<{ bydelsnummer: string; bydelsnavn: string; service: ServiceContact } | undefined> {
  let query = db
    .selectFrom('districts')
    .innerJoin('services', 'services.id', 'districts.service_id')
    .select([
      'districts.bydelsnummer',
      'districts.name as bydelsnavn',
      'services.id',
      'services.orgnr',
      'services.name',
      'services.daytime_phone',
      'services.emergency_phone',
      'services.emergency_hours',
      'services.postal_address',
    ])
    .where('districts.kommunenummer', '=', kommunenummer)
    .where('services.onboarded', '=', true);
  query = bydelsnummer === null ? query.where('districts.default_recipient', '=', true) : query.where('districts.bydelsnummer', '=', bydelsnummer);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    bydelsnummer: row.bydelsnummer,
    bydelsnavn: row.bydelsnavn,
    service: toContact(row),
  };
}

/**
 * Every service that receives for the municipality, in the order of the districts they serve, each
 * once with the names of its districts: one for most municipalities, one per district in Oslo.
 */
export async function listMunicipalityServices(db: Kysely<DB>, kommunenummer: string): Promise<{ service: ServiceContact; districts: string[] }[]> {
  const rows = await db
    .selectFrom('districts')
    .innerJoin('services', 'services.id', 'districts.service_id')
    .select(['districts.name as districtName', 'services.id', 'services.orgnr', 'services.name', 'services.daytime_phone', 'services.emergency_phone', 'services.emergency_hours', 'services.postal_address'])
    .where('districts.kommunenummer', '=', kommunenummer)
    .where('services.onboarded', '=', true)
    .orderBy('districts.bydelsnummer')
    .execute();
  const byService = new Map<string, { service: ServiceContact; districts: string[] }>();
  for (const row of rows) {
    const entry = byService.get(row.id) ?? { service: toContact(row), districts: [] };
    entry.districts.push(row.districtName);
    byService.set(row.id, entry);
  }
  return [...byService.values()];
}

function toContact(row: Pick<ServicesTable, 'id' | 'orgnr' | 'name' | 'daytime_phone' | 'emergency_phone' | 'emergency_hours' | 'postal_address'>): ServiceContact {
  return {
    id: row.id,
    orgnr: row.orgnr,
    name: row.name,
    daytimePhone: row.daytime_phone,
    emergencyPhone: row.emergency_phone,
    emergencyHours: row.emergency_hours,
    postalAddress: row.postal_address,
  };
}

export async function findServiceContact(db: Kysely<DB>, serviceId: string): Promise<ServiceContact | undefined> {
  const row = await db
    .selectFrom('services')
    .select(['id', 'orgnr', 'name', 'daytime_phone', 'emergency_phone', 'emergency_hours', 'postal_address'])
    .where('id', '=', serviceId)
    .executeTakeFirst();
  return row && toContact(row);
}

/** The newest certificate that is valid now: rotation means new packages use the newest one. */
export async function findCurrentCertificate(
  db: Kysely<DB>,
  serviceId: string,
  at: Date,
): Promise<{ id: string; certificatePem: string; fingerprintSha256: string } | undefined> {
  const row = await db
    .selectFrom('service_certificates')
    .select(['id', 'certificate_pem', 'fingerprint_sha256'])
    .where('service_id', '=', serviceId)
    .where('not_before', '<=', at)
    .where('not_after', '>', at)
    .orderBy('not_before', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row && { id: row.id, certificatePem: row.certificate_pem, fingerprintSha256: row.fingerprint_sha256 };
}
