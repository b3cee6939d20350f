// What an operator sets to start the portal or mottak with NODE_ENV=production: every variable
// production requires, and real key and certificate files where the app reads them at start.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateServiceCredentials } from '../../src/crypto/index.ts';

export const productionEnv = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(40),
  IDPORTEN_ISSUER: 'https://idporten.example/',
  IDPORTEN_CLIENT_ID: 'client',
  IDPORTEN_CLIENT_SECRET: 'secret',
  BASE_URL: 'https://meldeportal.example',
  MASKINPORTEN_ISSUER: 'https://maskinporten.example/',
  SIGNING_KEY_FILE: '/run/secrets/signing-key.pem',
  SIGNING_CERTIFICATE_FILE: '/run/secrets/signing-cert.pem',
  PRINT_CERTIFICATE_FILE: '/run/secrets/print-cert.pem',
  NOTICE_CERTIFICATE_FILE: '/run/secrets/notice-cert.pem',
  OPERATOR_NAME: 'Barne-, ungdoms- og familiedirektoratet',
  OPERATOR_EMAIL: 'meldeportal@bufdir.example',
};

/** Mottak's production variables; the folders and the pinned certificate are the caller's. */
export const productionMottakEnv = {
  NODE_ENV: 'production',
  MOTTAK_SESSION_SECRET: 'y'.repeat(40),
  MOTTAK_BASE_URL: 'https://mottak.kommune.example',
  PORTAL_URL: 'https://meldeportal.example',
  MASKINPORTEN_ISSUER: 'https://maskinporten.example/',
  MOTTAK_IDP_ISSUER: 'https://idp.kommune.example/',
  MOTTAK_IDP_CLIENT_ID: 'mottak',
  MOTTAK_IDP_CLIENT_SECRET: 'secret',
};

/** Real key and certificate files, as an operator would mount them. */
export async function productionKeyFiles(dir: string): Promise<Record<string, string>> {
  const signing = await generateServiceCredentials({ commonName: 'Meldeportal signering', organizationName: 'Meldeportal', orgnr: '999000118', usage: 'signing' });
  const print = await generateServiceCredentials({ commonName: 'Print', organizationName: 'Print', orgnr: '999000207' });
  const notice = await generateServiceCredentials({ commonName: 'Varsling', organizationName: 'Varsling', orgnr: '999900011' });
  writeFileSync(join(dir, 'signing-key.pem'), signing.privateKeyPem);
  writeFileSync(join(dir, 'signing-cert.pem'), signing.certificatePem);
  writeFileSync(join(dir, 'print-cert.pem'), print.certificatePem);
  writeFileSync(join(dir, 'notice-cert.pem'), notice.certificatePem);
  return {
    SIGNING_KEY_FILE: join(dir, 'signing-key.pem'),
    SIGNING_CERTIFICATE_FILE: join(dir, 'signing-cert.pem'),
    PRINT_CERTIFICATE_FILE: join(dir, 'print-cert.pem'),
    NOTICE_CERTIFICATE_FILE: join(dir, 'notice-cert.pem'),
  };
}
