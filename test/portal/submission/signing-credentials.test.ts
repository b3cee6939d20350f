// Where the portal's signing key comes from: mounted files in production, a kept self-signed pair in
// development, and never a silently generated key where receivers expect a pinned one.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CryptoInputError, encryptEnvelopedData, generateServiceCredentials, parseCertificate, signDetached, verifyDetached } from '../../../src/crypto/index.ts';
import { loadSigningCredentials } from '../../../src/portal/submission/signing-credentials.ts';

describe('loadSigningCredentials', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-signing-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('in development it creates a signing certificate once, keeps the key private, and reuses it', async () => {
    const dataDir = tempDir();
    const first = await loadSigningCredentials({ dataDir, allowGenerate: true });
    const keyFile = join(dataDir, 'portal-signing', 'key.pem');
    const certificateFile = join(dataDir, 'portal-signing', 'certificate.pem');
    assert.equal(readFileSync(keyFile, 'utf8'), first.privateKeyPem);
    assert.equal(readFileSync(certificateFile, 'utf8'), first.certificatePem);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(parseCertificate(first.certificatePem).subjectCommonName, 'Meldeportal (demo) signing');
    assert.equal(first.fingerprintSha256, parseCertificate(first.certificatePem).fingerprintSha256);

    // A local receiver pins this file once; a restart must not invalidate the pin.
    const second = await loadSigningCredentials({ dataDir, allowGenerate: true });
    assert.equal(second.certificatePem, first.certificatePem);
    assert.equal(second.privateKeyPem, first.privateKeyPem);

    const probe = new TextEncoder().encode('x');
    await verifyDetached(await signDetached(probe, second), probe, { trustedCertificatesPem: [first.certificatePem] });
    // A signing certificate, not one a package could be encrypted to by mistake.
    await assert.rejects(encryptEnvelopedData(probe, first.certificatePem), (e: unknown) => e instanceof CryptoInputError && e.code === 'CERTIFICATE_NOT_FOR_ENCRYPTION');
  });

  test('without files and without permission to generate (production) it refuses, naming the settings', async () => {
    const dataDir = tempDir();
    await assert.rejects(loadSigningCredentials({ dataDir, allowGenerate: false }), /SIGNING_KEY_FILE and SIGNING_CERTIFICATE_FILE are required in production/);
    assert.equal(existsSync(join(dataDir, 'portal-signing')), false, 'no key was generated');
    // A dev pair left in DATA_DIR is not picked up in production either.
    await loadSigningCredentials({ dataDir, allowGenerate: true });
    await assert.rejects(loadSigningCredentials({ dataDir, allowGenerate: false }), /SIGNING_KEY_FILE/);
  });

  test('with files it uses them, and refuses a key that does not belong to the certificate', async () => {
    const dir = tempDir();
    const [mounted, other] = await Promise.all([
      generateServiceCredentials({ commonName: 'Meldeportal signering', organizationName: 'Meldeportal', orgnr: '999000002', usage: 'signing' }),
      generateServiceCredentials({ commonName: 'Meldeportal signering', organizationName: 'Meldeportal', orgnr: '999000002', usage: 'signing' }),
    ]);
    writeFileSync(join(dir, 'key.pem'), mounted.privateKeyPem);
    writeFileSync(join(dir, 'cert.pem'), mounted.certificatePem);
    writeFileSync(join(dir, 'other-key.pem'), other.privateKeyPem);

    const loaded = await loadSigningCredentials({ keyFile: join(dir, 'key.pem'), certificateFile: join(dir, 'cert.pem'), dataDir: dir, allowGenerate: false });
    assert.equal(loaded.certificatePem, mounted.certificatePem);
    assert.equal(loaded.fingerprintSha256, mounted.fingerprintSha256);
    assert.equal(existsSync(join(dir, 'portal-signing')), false, 'files given: nothing is generated');

    await assert.rejects(
      loadSigningCredentials({ keyFile: join(dir, 'other-key.pem'), certificateFile: join(dir, 'cert.pem'), dataDir: dir, allowGenerate: true }),
      /cannot be used: The private key does not belong to the signing certificate/,
    );
    await assert.rejects(loadSigningCredentials({ keyFile: join(dir, 'key.pem'), dataDir: dir, allowGenerate: true }), /must be given together/);
  });
});
