// Certificates of receiving services, for operators: list them with their SHA-256 fingerprints (to
// compare with the service by phone, out of band) and register new ones for rotation. New packages
// use the newest certificate valid at the time (registry-queries.ts findCurrentCertificate).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { CryptoInputError, encryptEnvelopedData, isCertificateValidAt, parseCertificate } from '../../crypto/index.ts';

export type CertificateState = 'in-use' | 'valid' | 'expired' | 'not-yet-valid';

export interface ListedCertificate {
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
  state: CertificateState;
}

export interface ServiceCertificates {
  orgnr: string;
  name: string;
  certificates: ListedCertificate[];
}

export async function listServiceCertificates(db: Kysely<DB>, now: Date, orgnr?: string): Promise<ServiceCertificates[]> {
  let query = db
    .selectFrom('services')
    .leftJoin('service_certificates', 'service_certificates.service_id', 'services.id')
    .select(['services.orgnr', 'services.name', 'service_certificates.fingerprint_sha256', 'service_certificates.not_before', 'service_certificates.not_after', 'service_certificates.created_at'])
    .orderBy('services.name')
    .orderBy('service_certificates.not_before', 'desc')
    .orderBy('service_certificates.created_at', 'desc');
  if (orgnr) query = query.where('services.orgnr', '=', orgnr);
  const services = new Map<string, ServiceCertificates>();
  for (const row of await query.execute()) {
    const service = services.get(row.orgnr) ?? { orgnr: row.orgnr, name: row.name, certificates: [] };
    services.set(row.orgnr, service);
    if (!row.fingerprint_sha256 || !row.not_before || !row.not_after) continue;
    const valid = isCertificateValidAt({ notBefore: row.not_before, notAfter: row.not_after }, now);
    // Rows come newest first, so the first valid one is the one new packages use.
    const inUse = valid && !service.certificates.some((c) => c.state === 'in-use');
    service.certificates.push({
      fingerprintSha256: row.fingerprint_sha256,
      notBefore: row.not_before,
      notAfter: row.not_after,
      state: inUse ? 'in-use' : valid ? 'valid' : row.not_after < now ? 'expired' : 'not-yet-valid',
    });
  }
  return [...services.values()];
}

export type RegisterErrorCode = 'UNKNOWN_SERVICE' | 'INVALID_CERTIFICATE' | 'EXPIRED' | 'NOT_YET_VALID' | 'NOT_FOR_ENCRYPTION' | 'ALREADY_REGISTERED';

/** Messages for the operator (Norwegian, like every operator-facing text). */
const MESSAGES: Record<RegisterErrorCode, string> = {
  UNKNOWN_SERVICE: 'Ingen barneverntjeneste har dette organisasjonsnummeret.',
  INVALID_CERTIFICATE: 'Filen inneholder ikke et gyldig X.509-sertifikat i PEM-format.',
  EXPIRED: 'Sertifikatet er utløpt. Be tjenesten om et nytt.',
  NOT_YET_VALID: 'Sertifikatet er ikke gyldig ennå. Registrer det når gyldighetsperioden har startet.',
  NOT_FOR_ENCRYPTION: 'Sertifikatet kan ikke brukes til kryptering (krever RSA på minst 2048 bit og nøkkelbruk keyEncipherment).',
  ALREADY_REGISTERED: 'Dette sertifikatet er allerede registrert.',
};

export class RegisterCertificateError extends Error {
  constructor(readonly code: RegisterErrorCode) {
    super(MESSAGES[code]);
  }
}

export async function registerCertificate(db: Kysely<DB>, orgnr: string, certificatePem: string, now: Date): Promise<ListedCertificate> {
  const service = await db.selectFrom('services').select('id').where('orgnr', '=', orgnr).executeTakeFirst();
  if (!service) throw new RegisterCertificateError('UNKNOWN_SERVICE');
  let info: ReturnType<typeof parseCertificate>;
  try {
    info = parseCertificate(certificatePem);
  } catch {
    throw new RegisterCertificateError('INVALID_CERTIFICATE');
  }
  if (info.notAfter < now) throw new RegisterCertificateError('EXPIRED');
  if (info.notBefore > now) throw new RegisterCertificateError('NOT_YET_VALID');
  try {
    // The same checks a real package goes through: key type, size, key usage.
    await encryptEnvelopedData(new Uint8Array([0]), certificatePem, { at: now });
  } catch (error) {
    if (error instanceof CryptoInputError) throw new RegisterCertificateError('NOT_FOR_ENCRYPTION');
    throw error;
  }
  const existing = await db.selectFrom('service_certificates').select('id').where('fingerprint_sha256', '=', info.fingerprintSha256).executeTakeFirst();
  if (existing) throw new RegisterCertificateError('ALREADY_REGISTERED');
  await db
    .insertInto('service_certificates')
    .values({ id: randomUUID(), service_id: service.id, certificate_pem: certificatePem, fingerprint_sha256: info.fingerprintSha256, not_before: info.notBefore, not_after: info.notAfter })
    .execute();
  return { fingerprintSha256: info.fingerprintSha256, notBefore: info.notBefore, notAfter: info.notAfter, state: 'in-use' };
}
