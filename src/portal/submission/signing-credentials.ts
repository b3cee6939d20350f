// The portal's package-signing key and certificate, always from files (SIGNING_KEY_FILE,
// SIGNING_CERTIFICATE_FILE); receiving services pin the certificate. Development writes a kept
// self-signed pair to DATA_DIR/portal-signing and names those files (src/dev/dev-credentials.ts).
import { readFileSync } from 'node:fs';
import { parseCertificate, signDetached, verifyDetached } from '../../crypto/index.ts';

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
}

/**
 * Returns the signing credentials, checked by signing and verifying a test message, so a wrong
 * key, an expired certificate or a certificate not meant for signing stops the start instead of
 * every report.
 */
export async function loadSigningCredentials(options: LoadSigningCredentialsOptions): Promise<SigningCredentials> {
  const { keyFile, certificateFile } = options;
  if (!keyFile || !certificateFile) {
    throw new Error(keyFile || certificateFile ? 'SIGNING_KEY_FILE and SIGNING_CERTIFICATE_FILE must be given together' : 'SIGNING_KEY_FILE and SIGNING_CERTIFICATE_FILE are required: the portal signs every package and makes no key of its own');
  }
  const pair = { privateKeyPem: readFileSync(keyFile, 'utf8'), certificatePem: readFileSync(certificateFile, 'utf8') };
  try {
    await selfTest(pair);
  } catch (error) {
    throw new Error(`The package-signing credentials in ${keyFile} and ${certificateFile} cannot be used: ${(error as Error).message}`, { cause: error });
  }
  const info = parseCertificate(pair.certificatePem);
  return { ...pair, fingerprintSha256: info.fingerprintSha256, notAfter: info.notAfter };
}

async function selfTest(pair: { privateKeyPem: string; certificatePem: string }): Promise<void> {
  const probe = new TextEncoder().encode('meldeportal signing self-test');
  const signature = await signDetached(probe, pair);
  await verifyDetached(signature, probe, { trustedCertificatesPem: [pair.certificatePem] });
}
