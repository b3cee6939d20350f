// The portal's signing key comes from files, in every environment: never a silently generated key
// where receivers expect a pinned one (development's kept pair: test/dev/dev-credentials.test.ts).
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

  test('without files it refuses, naming the settings, and makes no key of its own', async () => {
    await assert.rejects(loadSigningCredentials({}), /SIGNING_KEY_FILE and SIGNING_CERTIFICATE_FILE are required/);
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

    const loaded = await loadSigningCredentials({ keyFile: join(dir, 'key.pem'), certificateFile: join(dir, 'cert.pem') });
    assert.equal(loaded.certificatePem, mounted.certificatePem);
    assert.equal(loaded.fingerprintSha256, mounted.fingerprintSha256);

    await assert.rejects(
      loadSigningCredentials({ keyFile: join(dir, 'other-key.pem'), certificateFile: join(dir, 'cert.pem') }),
      /cannot be used: The private key does not belong to the signing certificate/,
    );
    await assert.rejects(loadSigningCredentials({ keyFile: join(dir, 'key.pem') }), /must be given together/);
  });
});
