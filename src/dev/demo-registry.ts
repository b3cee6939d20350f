// Demo registry for development: the seven pilot municipalities of the national project, Oslo with
// its city districts, and one inter-municipal service. Contact data is for demonstration and must be
// confirmed by each service at onboarding (docs/decisions/004-demo-registry.md). Each service gets a
// generated key pair on first start; private keys go to DATA_DIR/receivers/, which only the
// receiving side reads.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, generateKeyPair, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { generateServiceCredentials, isCertificateValidAt, parseCertificate, type ServiceCredentials } from '../crypto/index.ts';

interface DemoService {
  orgnr: string;
  name: string;
  daytimePhone: string;
  emergencyPhone: string;
  emergencyHours: string;
  postalAddress: string[];
  areas: { kommunenummer: string; bydelsnummer: string; name: string; defaultRecipient: boolean }[];
}

/** A syntactically valid organisation number (mod 11) for demo services; not a real organisation. */
export function demoOrgnr(seed: number): string {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  for (let n = seed; ; n++) {
    const base = `9990${String(n).padStart(4, '0')}`;
    const sum = [...base].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return base + String(check);
  }
}

// The interkommunal barnevernvakt for Asker and Bærum answers 67 50 47 70 (Bærum kommune's own page).
// Where we have no sourced number, the demo points to 116 111, which reaches a barnevernvakt at all hours.
const ALARM_PHONE = '116 111';
const OUT_OF_HOURS = 'Utenom kontortid og hele døgnet i helger og på helligdager';

const OSLO_DISTRICTS = [
  ['01', 'Gamle Oslo'],
  ['02', 'Grünerløkka'],
  ['03', 'Sagene'],
  ['04', 'St. Hanshaugen'],
  ['05', 'Frogner'],
  ['06', 'Ullern'],
  ['07', 'Vestre Aker'],
  ['08', 'Nordre Aker'],
  ['09', 'Bjerke'],
  ['10', 'Grorud'],
  ['11', 'Stovner'],
  ['12', 'Alna'],
  ['13', 'Østensjø'],
  ['14', 'Nordstrand'],
  ['15', 'Søndre Nordstrand'],
] as const;

function wholeMunicipality(kommunenummer: string, name: string) {
  return { kommunenummer, bydelsnummer: '00', name, defaultRecipient: true };
}

export function demoServices(): DemoService[] {
  let seed = 1;
  const service = (s: Omit<DemoService, 'orgnr'>): DemoService => ({ orgnr: demoOrgnr(seed++ * 10), ...s });
  return [
    ...OSLO_DISTRICTS.map(([nr, name]) =>
      service({
        name: `Barneverntjenesten i bydel ${name}`,
        daytimePhone: '21 80 21 80',
        emergencyPhone: ALARM_PHONE,
        emergencyHours: OUT_OF_HOURS,
        postalAddress: [`Bydel ${name}`, 'Barneverntjenesten', 'Oslo kommune'],
        // Gamle Oslo takes reports where the reporter does not know the district (demo choice).
        areas: [{ kommunenummer: '0301', bydelsnummer: nr, name: `Bydel ${name}`, defaultRecipient: nr === '01' }],
      }),
    ),
    service({
      name: 'Barneverntjenesten i Trondheim',
      daytimePhone: '72 54 00 00',
      emergencyPhone: ALARM_PHONE,
      emergencyHours: OUT_OF_HOURS,
      postalAddress: ['Trondheim kommune', 'Barneverntjenesten', '7004 Trondheim'],
      areas: [wholeMunicipality('5001', 'Trondheim')],
    }),
    service({
      name: 'Barneverntjenesten i Bergen',
      daytimePhone: '55 56 55 56',
      emergencyPhone: ALARM_PHONE,
      emergencyHours: OUT_OF_HOURS,
      postalAddress: ['Bergen kommune', 'Barneverntjenesten', '5020 Bergen'],
      areas: [wholeMunicipality('4601', 'Bergen')],
    }),
    service({
      name: 'Barneverntjenesten i Stavanger',
      daytimePhone: '51 50 70 90',
      emergencyPhone: ALARM_PHONE,
      emergencyHours: OUT_OF_HOURS,
      postalAddress: ['Stavanger kommune', 'Barneverntjenesten', '4068 Stavanger'],
      areas: [wholeMunicipality('1103', 'Stavanger')],
    }),
    service({
      name: 'Barneverntjenesten i Kristiansand',
      daytimePhone: '38 07 50 00',
      emergencyPhone: ALARM_PHONE,
      emergencyHours: OUT_OF_HOURS,
      postalAddress: ['Kristiansand kommune', 'Barneverntjenesten', '4604 Kristiansand S'],
      areas: [wholeMunicipality('4204', 'Kristiansand')],
    }),
    service({
      name: 'Barneverntjenesten i Bærum',
      daytimePhone: '67 50 68 00',
      emergencyPhone: '67 50 47 70',
      emergencyHours: 'Hele døgnet',
      postalAddress: ['Bærum kommune', 'Barneverntjenesten', 'Postboks 700', '1304 Sandvika'],
      areas: [wholeMunicipality('3201', 'Bærum')],
    }),
    service({
      name: 'Barneverntjenesten i Asker',
      daytimePhone: '66 90 90 00',
      emergencyPhone: '67 50 47 70',
      emergencyHours: 'Hele døgnet',
      postalAddress: ['Asker kommune', 'Barneverntjenesten', '1372 Asker'],
      areas: [wholeMunicipality('3203', 'Asker')],
    }),
    service({
      name: 'Sør-Helgeland barneverntjeneste',
      daytimePhone: '75 01 20 00',
      emergencyPhone: ALARM_PHONE,
      emergencyHours: OUT_OF_HOURS,
      postalAddress: ['Sør-Helgeland barneverntjeneste', 'Brønnøy kommune', '8900 Brønnøysund'],
      areas: [
        wholeMunicipality('1811', 'Bindal'),
        wholeMunicipality('1812', 'Sømna'),
        wholeMunicipality('1813', 'Brønnøy'),
        wholeMunicipality('1815', 'Vega'),
        wholeMunicipality('1816', 'Vevelstad'),
      ],
    }),
  ];
}

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
            emergency_phone: demo.emergencyPhone,
            emergency_hours: demo.emergencyHours,
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
          emergency_phone: demo.emergencyPhone,
          emergency_hours: demo.emergencyHours,
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
