// Development's key files: the portal's signing pair and the providers' certificates are made once
// in DATA_DIR, kept across restarts (a local receiver pins the signing certificate), and named in
// the configuration, so the portal reads them as it reads an operator's mounted files.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CryptoInputError, encryptEnvelopedData, parseCertificate, signDetached, verifyDetached } from '../../src/crypto/index.ts';
import { loadConfig } from '../../src/portal/config.ts';
import { withDevCredentials } from '../../src/dev/dev-credentials.ts';
import { loadSigningCredentials } from '../../src/portal/submission/signing-credentials.ts';
import { productionEnv } from '../kit/production-config.ts';

describe('development key files', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-credentials-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('are made once in DATA_DIR, the keys private, and named in the configuration', async () => {
    const dataDir = tempDir();
    const config = await withDevCredentials(loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir }));
    assert.equal(config.signing.keyFile, join(dataDir, 'portal-signing', 'key.pem'));
    assert.equal(config.signing.certificateFile, join(dataDir, 'portal-signing', 'certificate.pem'));
    assert.equal(config.print.certificateFile, join(dataDir, 'print-provider', 'certificate.pem'));
    assert.equal(config.notice.certificateFile, join(dataDir, 'notice-provider', 'certificate.pem'));
    for (const dir of ['portal-signing', 'print-provider', 'notice-provider']) assert.equal(statSync(join(dataDir, dir, 'key.pem')).mode & 0o777, 0o600, dir);

    const signer = await loadSigningCredentials(config.signing);
    assert.equal(parseCertificate(signer.certificatePem).subjectCommonName, 'Meldeportal (demo) signing');
    // A signing certificate, not one a package could be encrypted to by mistake.
    await assert.rejects(encryptEnvelopedData(new Uint8Array([1]), signer.certificatePem), (e: unknown) => e instanceof CryptoInputError && e.code === 'CERTIFICATE_NOT_FOR_ENCRYPTION');

    // A local receiver pins the certificate once; a restart must not invalidate the pin.
    const again = await withDevCredentials(loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir }));
    const second = await loadSigningCredentials(again.signing);
    assert.equal(second.certificatePem, signer.certificatePem);
    const probe = new TextEncoder().encode('x');
    await verifyDetached(await signDetached(probe, second), probe, { trustedCertificatesPem: [signer.certificatePem] });
    assert.equal(readFileSync(again.print.certificateFile!, 'utf8'), readFileSync(config.print.certificateFile!, 'utf8'));
  });

  test('files the configuration names are left as they are', async () => {
    const dataDir = tempDir();
    const config = await withDevCredentials(loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, PRINT_CERTIFICATE_FILE: '/run/secrets/print.pem' }));
    assert.equal(config.print.certificateFile, '/run/secrets/print.pem');
    assert.equal(config.notice.certificateFile, join(dataDir, 'notice-provider', 'certificate.pem'));
  });

  test('are never made in production', async () => {
    const config = loadConfig({ ...productionEnv, DATA_DIR: tempDir() });
    await assert.rejects(withDevCredentials({ ...config, signing: { keyFile: undefined, certificateFile: undefined } }), /must never be mounted when NODE_ENV=production/);
  });
});
