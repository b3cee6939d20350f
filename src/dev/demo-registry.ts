// Seeds the demo registry (demo-services.ts) for development. Each service gets a generated key pair
// on first start; private keys go to DATA_DIR/receivers/, which only the receiving side reads.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, generateKeyPair, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import type { DB } from '../portal/db/schema.ts';
import { generateServiceCredentials, isCertificateValidAt, parseCertificate, type ServiceCredentials } from '../crypto/index.ts';
import { demoServices, type DemoService } from './demo-services.ts';

/** Inserts missing demo services, brings existing ones' contact details up to date, and gives each one without a valid certificate a new key pair. Idempotent. */
export async function seedDemoRegistry(
  db: Kysely<DB>,
  dataDir: string,
  options: { credentialCacheDir?: string; onGenerateKeys?: (services: number) => void } = {},
): Promise<void> {
  const now = new Date();
  const needKeys: { serviceId: string; demo: DemoService }[] = [];
  for (const demo of demoServices()) {
    let service = await db.selectFrom('services').select('id').where('orgnr', '=', demo.orgnr).executeTakeFirst();
    if (!service) {
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('services')
          .values({
            id,
            orgnr: demo.orgnr,
            name: demo.name,
            daytime_phone: demo.daytimePhone,
            emergency_phone: demo.barnevernvakt?.phone ?? null,
            emergency_hours: demo.barnevernvakt?.hours ?? null,
            postal_address: demo.postalAddress,
            onboarded: true,
          })
          .execute();
        await trx
          .insertInto('districts')
          .values(
            demo.areas.map((a) => ({
              kommunenummer: a.kommunenummer,
              bydelsnummer: a.bydelsnummer,
              name: a.name,
              service_id: id,
              default_recipient: a.defaultRecipient,
            })),
          )
          .execute();
      });
      service = { id };
    } else {
      // The demo's contact details follow the code, so a corrected name or number reaches an existing .data.
      await db
        .updateTable('services')
        .set({
          name: demo.name,
          daytime_phone: demo.daytimePhone,
          emergency_phone: demo.barnevernvakt?.phone ?? null,
          emergency_hours: demo.barnevernvakt?.hours ?? null,
          postal_address: demo.postalAddress,
        })
        .where('id', '=', service.id)
        .execute();
    }
    const valid = await db
      .selectFrom('service_certificates')
      .select('id')
      .where('service_id', '=', service.id)
      .where('not_after', '>', now)
      .executeTakeFirst();
    if (!valid) needKeys.push({ serviceId: service.id, demo });
  }
  if (needKeys.length) options.onGenerateKeys?.(needKeys.length);
  // Key generation runs on libuv's thread pool, so generating in parallel uses every core.
  const credentials = await Promise.all(needKeys.map(({ demo }) => demoCredentials(demo, now, options.credentialCacheDir)));
  for (const [i, { serviceId, demo }] of needKeys.entries()) {
    const c = credentials[i]!;
    const receiverDir = join(dataDir, 'receivers', demo.orgnr);
    const stem = c.fingerprintSha256.replaceAll(':', '').slice(0, 16);
    mkdirSync(receiverDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(receiverDir, `${stem}.key.pem`), c.privateKeyPem, { mode: 0o600 });
    writeFileSync(join(receiverDir, `${stem}.cert.pem`), c.certificatePem);
    await db
      .insertInto('service_certificates')
      .values({
        id: randomUUID(),
        service_id: serviceId,
        certificate_pem: c.certificatePem,
        fingerprint_sha256: c.fingerprintSha256,
        not_before: c.notBefore,
        not_after: c.notAfter,
      })
      .execute();
  }
  await seedDemoApiClients(db, dataDir, options.credentialCacheDir);
}

/** The demo client id of a service's receiving system (Maskinporten clients have ids like this). */
export function demoClientId(orgnr: string): string {
  return `demo-mottak-${orgnr}`;
}

/**
 * Each demo service's receiving system gets an integration key for the delivery API: the public
 * half is registered here, the private half goes to DATA_DIR/receivers/<orgnr>/integration.key.pem
 * beside a note of its client id.
 */
async function seedDemoApiClients(db: Kysely<DB>, dataDir: string, cacheDir: string | undefined): Promise<void> {
  const missing = [];
  for (const demo of demoServices()) {
    // Written every start: mottak reads the service's name from it, and older folders lack it.
    const receiverDir = join(dataDir, 'receivers', demo.orgnr);
    mkdirSync(receiverDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(receiverDir, 'integration.json'), JSON.stringify({ clientId: demoClientId(demo.orgnr), orgnr: demo.orgnr, name: demo.name }, null, 2) + '\n');
    const service = await db.selectFrom('services').select('id').where('orgnr', '=', demo.orgnr).executeTakeFirstOrThrow();
    const client = await db.selectFrom('service_api_clients').select('client_id').where('client_id', '=', demoClientId(demo.orgnr)).executeTakeFirst();
    if (!client) missing.push({ demo, serviceId: service.id });
  }
  const keys = await Promise.all(missing.map(({ demo }) => demoIntegrationKey(demo.orgnr, cacheDir)));
  for (const [i, { demo, serviceId }] of missing.entries()) {
    const key = keys[i]!;
    const receiverDir = join(dataDir, 'receivers', demo.orgnr);
    mkdirSync(receiverDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(receiverDir, 'integration.key.pem'), key.privateKeyPem, { mode: 0o600 });
    await db
      .insertInto('service_api_clients')
      .values({
        client_id: demoClientId(demo.orgnr),
        service_id: serviceId,
        public_key_pem: key.publicKeyPem,
        fingerprint_sha256: createHash('sha256').update(key.publicKeyPem).digest('hex'),
        revoked_at: null,
      })
      .execute();
  }
}

const generateKeyPairAsync = promisify(generateKeyPair);

async function demoIntegrationKey(orgnr: string, cacheDir: string | undefined): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const cacheFile = cacheDir && join(cacheDir, `${orgnr}.integration.json`);
  if (cacheFile && existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8')) as { privateKeyPem: string; publicKeyPem: string };
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  const key = {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  if (cacheFile) {
    mkdirSync(cacheDir!, { recursive: true });
    writeFileSync(cacheFile, JSON.stringify(key), { mode: 0o600 });
  }
  return key;
}

/**
 * Tests start many fresh portals; a cache directory lets them reuse demo key pairs instead of
 * generating 22 RSA keys each time. Without a cache every start generates new keys.
 */
async function demoCredentials(demo: DemoService, now: Date, cacheDir: string | undefined): Promise<ServiceCredentials> {
  const cacheFile = cacheDir && join(cacheDir, `${demo.orgnr}.json`);
  if (cacheFile && existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as ServiceCredentials;
    const info = parseCertificate(cached.certificatePem);
    if (isCertificateValidAt(info, now)) return { ...cached, notBefore: info.notBefore, notAfter: info.notAfter };
  }
  const fresh = await generateServiceCredentials({ commonName: demo.name, organizationName: demo.name, orgnr: demo.orgnr });
  if (cacheFile) {
    mkdirSync(cacheDir!, { recursive: true });
    writeFileSync(cacheFile, JSON.stringify(fresh), { mode: 0o600 });
  }
  return fresh;
}
