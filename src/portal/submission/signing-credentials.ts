// The portal's package-signing key and certificate. Production mounts them as files
// (SIGNING_KEY_FILE, SIGNING_CERTIFICATE_FILE) and receiving services pin the certificate; in
// development the portal makes its own self-signed one in DATA_DIR and keeps it, so a local
// receiver can pin it once (DATA_DIR/portal-signing/certificate.pem).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateServiceCredentials, isCertificateValidAt, parseCertificate, signDetached, verifyDetached } from '../../crypto/index.ts';

export interface SigningCredentials {
  privateKeyPem: string;
  certificatePem: string;
  /** As `openssl x509 -fingerprint -sha256` prints it; what an operator tells receivers to pin. */
  fingerprintSha256: string;
  notAfter: Date;
}

export interface LoadSigningCredentialsOptions {
  keyFile?: string | undefined;
  certificateFile?: string | undefined;
  dataDir: string;
  /** Development only: create a self-signed signing certificate in dataDir when no files are given. */
  allowGenerate: boolean;
}

export const DEV_SIGNING_DIR = 'portal-signing';
const DEV_COMMON_NAME = 'Meldeportal (demo) signing';
const DEV_ORGANIZATION = 'Meldeportal (demo)';
/** A made-up organisation number that passes mod 11, outside the demo registry's range. */
const DEV_ORGNR = '999000002';

/**
 * Returns the signing credentials, checked by signing and verifying a test message, so a wrong
 * key, an expired certificate or a certificate not meant for signing stops the start instead of
 * every report.
 */
export async function loadSigningCredentials(options: LoadSigningCredentialsOptions): Promise<SigningCredentials> {
  const { keyFile, certificateFile } = options;
  let pair: { privateKeyPem: string; certificatePem: string };
  if (keyFile || certificateFile) {
    if (!keyFile || !certificateFile) {
      throw new Error('SIGNING_KEY_FILE and SIGNING_CERTIFICATE_FILE must be given together');
    }
    pair = { privateKeyPem: readFileSync(keyFile, 'utf8'), certificatePem: readFileSync(certificateFile, 'utf8') };
  } else if (options.allowGenerate) {
    pair = await devSigningCredentials(join(options.dataDir, DEV_SIGNING_DIR));
  } else {
    throw new Error('SIGNING_KEY_FILE and SIGNING_CERTIFICATE_FILE are required in production: the portal signs every package and generates no key of its own there');
  }
  try {
    await selfTest(pair);
  } catch (error) {
    const source = keyFile ? `${keyFile} and ${certificateFile}` : join(options.dataDir, DEV_SIGNING_DIR);
    throw new Error(`The package-signing credentials in ${source} cannot be used: ${(error as Error).message}`, { cause: error });
  }
  const info = parseCertificate(pair.certificatePem);
  return { ...pair, fingerprintSha256: info.fingerprintSha256, notAfter: info.notAfter };
}

async function selfTest(pair: { privateKeyPem: string; certificatePem: string }): Promise<void> {
  const probe = new TextEncoder().encode('meldeportal signing self-test');
  const signature = await signDetached(probe, pair);
  await verifyDetached(signature, probe, { trustedCertificatesPem: [pair.certificatePem] });
}

async function devSigningCredentials(dir: string): Promise<{ privateKeyPem: string; certificatePem: string }> {
  const keyPath = join(dir, 'key.pem');
  const certificatePath = join(dir, 'certificate.pem');
  if (existsSync(keyPath) && existsSync(certificatePath)) {
    const existing = { privateKeyPem: readFileSync(keyPath, 'utf8'), certificatePem: readFileSync(certificatePath, 'utf8') };
    // Kept across restarts so a local receiver's pin stays valid; replaced only once it has expired.
    if (isCertificateValidAt(parseCertificate(existing.certificatePem), new Date())) return existing;
  }
  const fresh = await generateServiceCredentials({ commonName: DEV_COMMON_NAME, organizationName: DEV_ORGANIZATION, orgnr: DEV_ORGNR, usage: 'signing' });
  // Written to a private folder and renamed into place, so two processes starting on one data
  // folder never pair one's key with the other's certificate.
  const staging = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  writeFileSync(join(staging, 'key.pem'), fresh.privateKeyPem, { mode: 0o600 });
  writeFileSync(join(staging, 'certificate.pem'), fresh.certificatePem, { mode: 0o644 });
  // What is there now is expired or half-written (a key without a certificate).
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process created the folder first (renaming onto a non-empty folder fails); use its pair.
    if (existsSync(keyPath) && existsSync(certificatePath)) {
      return { privateKeyPem: readFileSync(keyPath, 'utf8'), certificatePem: readFileSync(certificatePath, 'utf8') };
    }
    throw error;
  }
  return { privateKeyPem: fresh.privateKeyPem, certificatePem: fresh.certificatePem };
}
