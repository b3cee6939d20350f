// npm run operator -- certificates [--service <orgnr>]
// npm run operator -- add-certificate --service <orgnr> --file <certificate.pem>
// Operator tasks on the portal's registry. With the embedded database (PGlite) stop the portal
// first: only one process can open it. With DATABASE_URL any time.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { type PortalDatabase, migratePortalDatabase, openPortalDatabase } from '../db/portal-database.ts';
import { join } from 'node:path';
import { listServiceCertificates, registerCertificate, RegisterCertificateError, type CertificateState } from '../registry/certificates-admin.ts';

const USAGE = `Bruk:
  npm run operator -- certificates [--service <orgnr>]
  npm run operator -- add-certificate --service <orgnr> --file <sertifikat.pem>`;

const STATE_TEXT: Record<CertificateState, string> = {
  'in-use': 'I BRUK',
  valid: 'gyldig',
  expired: 'UTLØPT',
  'not-yet-valid': 'ikke gyldig ennå',
};

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let parsed: ReturnType<typeof parseArgs<{ options: { service: { type: 'string' }; file: { type: 'string' } }; allowPositionals: true }>>;
try {
  parsed = parseArgs({ options: { service: { type: 'string' }, file: { type: 'string' } }, allowPositionals: true });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const [command] = parsed.positionals;
const { service, file } = parsed.values;
if (command !== 'certificates' && command !== 'add-certificate') fail(USAGE);
if (service !== undefined && !/^\d{9}$/.test(service)) fail('--service må være et organisasjonsnummer med ni siffer.');

let database: PortalDatabase;
try {
  const config = loadConfig();
  database = await openPortalDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'portal-db') });
} catch (error) {
  fail(`Kan ikke åpne databasen: ${(error as Error).message}`, 1);
}
try {
  await migratePortalDatabase(database.pool);
  const now = new Date();
  if (command === 'add-certificate') {
    if (!service || !file) fail(`add-certificate trenger --service og --file.\n${USAGE}`);
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch {
      fail(`Kan ikke lese ${file}.`);
    }
    try {
      const added = await registerCertificate(database.db, service, pem, now);
      console.log(`Registrert for ${service}: SHA-256 ${added.fingerprintSha256}, gyldig ${added.notBefore.toISOString()} – ${added.notAfter.toISOString()}.`);
      console.log('Nye meldinger krypteres nå til dette sertifikatet. Bekreft fingeravtrykket med tjenesten på telefon.');
    } catch (error) {
      if (error instanceof RegisterCertificateError) fail(`Avvist (${error.code}): ${error.message}`, 1);
      throw error;
    }
  } else {
    const services = await listServiceCertificates(database.db, now, service);
    if (!services.length) fail('Ingen barneverntjeneste har dette organisasjonsnummeret.', 1);
    for (const s of services) {
      console.log(`${s.orgnr}  ${s.name}`);
      if (!s.certificates.some((c) => c.state === 'in-use')) console.log('  ADVARSEL: ingen gyldig sertifikat – meldinger til tjenesten kan ikke sendes.');
      for (const c of s.certificates) {
        console.log(`  ${STATE_TEXT[c.state].padEnd(16)} ${c.notBefore.toISOString().slice(0, 10)} – ${c.notAfter.toISOString().slice(0, 10)}  SHA-256 ${c.fingerprintSha256}`);
      }
    }
  }
} finally {
  await database.close();
}
