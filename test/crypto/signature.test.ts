import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  CryptoInputError,
  encryptEnvelopedData,
  generateServiceCredentials,
  pemToDer,
  signDetached,
  verifyDetached,
  type ServiceCredentials,
} from '../../src/crypto/index.ts';
import { OpensslWorkspace } from '../kit/openssl.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const encoder = new TextEncoder();

function isCryptoError(code: string) {
  return (error: unknown) => error instanceof CryptoInputError && error.code === code;
}

function flipped(bytes: Uint8Array, offset: number): Uint8Array {
  const copy = bytes.slice();
  copy[offset]! ^= 0x01;
  return copy;
}

describe('CAdES detached signatures', () => {
  const openssl = new OpensslWorkspace();
  let portal: ServiceCredentials; // the portal's signing credentials, pinned by the receiver
  let intruder: ServiceCredentials; // someone else with a perfectly valid certificate of their own
  const manifest = encoder.encode('<ASiCManifest>æøå – the bytes a receiver checks</ASiCManifest>\n');

  before(async () => {
    [portal, intruder] = await Promise.all([
      generateServiceCredentials({ commonName: 'Meldeportal signering', organizationName: 'Meldeportal', orgnr: '999000002', usage: 'signing' }),
      generateServiceCredentials({ commonName: 'Meldeportal signering', organizationName: 'Meldeportal', orgnr: '999000002', usage: 'signing' }),
    ]);
    openssl.write('portal.cert.pem', portal.certificatePem);
    openssl.write('portal.key.pem', portal.privateKeyPem);
    openssl.write('manifest.xml', manifest);
  });
  after(() => openssl.dispose());

  function opensslVerify(signature: Uint8Array, content: Uint8Array, cades = true): boolean {
    openssl.write('check.p7s', signature);
    openssl.write('check.content', content);
    try {
      openssl.run([
        'cms', '-verify', '-binary', '-inform', 'DER', '-in', 'check.p7s', '-content', 'check.content',
        '-CAfile', 'portal.cert.pem', '-purpose', 'any', ...(cades ? ['-cades'] : []), '-out', 'check.out',
      ]);
    } catch {
      return false;
    }
    assert.ok(openssl.read('check.out').equals(content), 'openssl hands back the content it verified');
    return true;
  }

  it('round-trips: the receiver learns who signed and when', async () => {
    const wholeSeconds = new Date(portal.notBefore.getTime() + 30 * 60 * 1000);
    const signingTime = new Date(wholeSeconds.getTime() + 750);
    const signature = await signDetached(manifest, portal, { signingTime });
    const verified = await verifyDetached(signature, manifest, { trustedCertificatesPem: [portal.certificatePem] });
    assert.deepEqual(pemToDer(verified.signerCertificatePem), pemToDer(portal.certificatePem));
    assert.equal(verified.signingTime?.toISOString(), wholeSeconds.toISOString(), 'whole seconds, as DER UTCTime holds them');
  });

  it('openssl cms -verify (also with -cades) accepts it, and refuses changed content or a changed signature', async () => {
    const signature = await signDetached(manifest, portal);
    assert.equal(opensslVerify(signature, manifest, false), true);
    assert.equal(opensslVerify(signature, manifest, true), true, '-cades checks signing-certificate-v2 against the signer');
    const changed = manifest.slice();
    changed[10]! ^= 0x20;
    assert.equal(opensslVerify(signature, changed), false);
    const signatureValueAt = signature.length - 5; // inside the RSA signature, the last field
    assert.equal(opensslVerify(flipped(signature, signatureValueAt), manifest), false);
  });

  it('is DER (OpenSSL re-encodes it byte for byte) with the CAdES-BES profile receivers expect', async () => {
    const signature = await signDetached(manifest, portal);
    openssl.write('profile.p7s', signature);
    openssl.run(['cms', '-cmsout', '-inform', 'DER', '-in', 'profile.p7s', '-outform', 'DER', '-out', 'reencoded.p7s']);
    assert.ok(openssl.read('reencoded.p7s').equals(signature), 'OpenSSL writes the same bytes back: the input was DER');

    const printed = openssl.text(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'profile.p7s']);
    assert.match(printed, /eContentType: pkcs7-data[\s\S]*eContent: <ABSENT>/, 'detached');
    assert.match(printed, /d\.issuerAndSerialNumber/);
    assert.match(printed, /signatureAlgorithm:\s+algorithm: sha256WithRSAEncryption/);
    for (const attribute of ['contentType', 'signingTime', 'messageDigest', 'id-smime-aa-signingCertificateV2']) {
      assert.match(printed, new RegExp(`object: ${attribute} `), `signed attribute ${attribute}`);
    }
    // The signer certificate travels with the signature, so a receiver can name what it rejects.
    assert.match(printed, /certificates:\s+d\.certificate:/);
    // signing-certificate-v2 carries the SHA-256 of exactly the signer certificate.
    const certificateHash = createHash('sha256').update(pemToDer(portal.certificatePem)).digest('hex').toUpperCase();
    assert.ok(openssl.text(['asn1parse', '-inform', 'DER', '-in', 'profile.p7s']).includes(certificateHash));
  });

  it('verifies what OpenSSL signs with -cades, naming the signer by issuer/serial or by key id', async () => {
    for (const extra of [[], ['-keyid']]) {
      openssl.run([
        'cms', '-sign', '-cades', '-binary', '-md', 'sha256', '-outform', 'DER', '-in', 'manifest.xml',
        '-signer', 'portal.cert.pem', '-inkey', 'portal.key.pem', '-out', 'by-openssl.p7s', ...extra,
      ]);
      const verified = await verifyDetached(openssl.read('by-openssl.p7s'), manifest, { trustedCertificatesPem: [portal.certificatePem] });
      assert.ok(verified.signingTime instanceof Date);
    }
  });

  it('refuses a signature without signing-certificate-v2, or one that embeds its content', async () => {
    openssl.run([
      'cms', '-sign', '-binary', '-md', 'sha256', '-outform', 'DER', '-in', 'manifest.xml',
      '-signer', 'portal.cert.pem', '-inkey', 'portal.key.pem', '-out', 'plain.p7s',
    ]);
    await assert.rejects(
      verifyDetached(openssl.read('plain.p7s'), manifest, { trustedCertificatesPem: [portal.certificatePem] }),
      (error: unknown) => isCryptoError('SIGNATURE_INVALID')(error) && /signing-certificate-v2/.test((error as Error).message),
    );
    openssl.run([
      'cms', '-sign', '-cades', '-nodetach', '-binary', '-md', 'sha256', '-outform', 'DER', '-in', 'manifest.xml',
      '-signer', 'portal.cert.pem', '-inkey', 'portal.key.pem', '-out', 'attached.p7s',
    ]);
    await assert.rejects(
      verifyDetached(openssl.read('attached.p7s'), manifest, { trustedCertificatesPem: [portal.certificatePem] }),
      isCryptoError('SIGNATURE_INVALID'),
    );
  });

  it('refuses content that differs from what was signed, and a tampered signature', async () => {
    const signature = await signDetached(manifest, portal);
    const options = { trustedCertificatesPem: [portal.certificatePem] };
    await assert.rejects(verifyDetached(signature, encoder.encode('something else'), options), isCryptoError('SIGNATURE_INVALID'));
    await assert.rejects(verifyDetached(signature, new Uint8Array(0), options), isCryptoError('SIGNATURE_INVALID'));
    await assert.rejects(verifyDetached(flipped(signature, signature.length - 5), manifest, options), isCryptoError('SIGNATURE_INVALID'));
    // A changed signing time (inside the signed attributes) breaks the signature too.
    // The last UTCTime is the signing time: the certificate's validity times come before the signer info.
    const utcTime = Buffer.from(signature).lastIndexOf(Buffer.from([0x17, 0x0d]));
    assert.ok(utcTime > 0);
    await assert.rejects(verifyDetached(flipped(signature, utcTime + 3), manifest, options), isCryptoError('SIGNATURE_INVALID'));
  });

  it('refuses a valid signature by a certificate the receiver has not pinned', async () => {
    const signature = await signDetached(manifest, intruder);
    await assert.rejects(
      verifyDetached(signature, manifest, { trustedCertificatesPem: [portal.certificatePem] }),
      (error: unknown) => isCryptoError('SIGNER_NOT_TRUSTED')(error) && (error as Error).message.includes(intruder.fingerprintSha256),
    );
    // Same name, same organisation number: pinning is by the certificate itself, not its subject.
    const verified = await verifyDetached(signature, manifest, { trustedCertificatesPem: [portal.certificatePem, intruder.certificatePem] });
    assert.deepEqual(pemToDer(verified.signerCertificatePem), pemToDer(intruder.certificatePem));
  });

  it('refuses a signature checked against a certificate re-issued for the same key (signing-certificate-v2)', async () => {
    const signature = await signDetached(manifest, portal);
    // Same key, issuer and serial number, other validity: the signature value alone would verify.
    openssl.run(['x509', '-in', 'portal.cert.pem', '-key', 'portal.key.pem', '-days', '30', '-out', 'reissued.pem']);
    const reissued = openssl.read('reissued.pem').toString('utf8');
    assert.notDeepEqual(pemToDer(reissued), pemToDer(portal.certificatePem));
    await assert.rejects(
      verifyDetached(signature, manifest, { trustedCertificatesPem: [reissued] }),
      (error: unknown) => isCryptoError('SIGNATURE_INVALID')(error) && /signing-certificate-v2/.test((error as Error).message),
    );
  });

  it('an expired signing certificate: cannot sign now; its old signatures verify at their signing time but not later', async () => {
    const expired = await generateServiceCredentials({
      commonName: 'Meldeportal signering 2023',
      organizationName: 'Meldeportal',
      orgnr: '999000002',
      usage: 'signing',
      notBefore: new Date(Date.now() - 3 * 365 * DAY_MS),
      validDays: 365,
    });
    await assert.rejects(signDetached(manifest, expired), isCryptoError('CERTIFICATE_NOT_VALID'));
    const whileValid = new Date(expired.notBefore.getTime() + 100 * DAY_MS);
    const signature = await signDetached(manifest, expired, { signingTime: whileValid });
    const trustedCertificatesPem = [expired.certificatePem];
    const verified = await verifyDetached(signature, manifest, { trustedCertificatesPem });
    assert.equal(verified.signingTime?.getTime(), whileValid.getTime());
    await assert.rejects(verifyDetached(signature, manifest, { trustedCertificatesPem, at: new Date() }), isCryptoError('CERTIFICATE_NOT_VALID'));
  });

  it('refuses to sign with a key that is not the certificate’s, or a certificate not meant for signing', async () => {
    await assert.rejects(
      signDetached(manifest, { privateKeyPem: intruder.privateKeyPem, certificatePem: portal.certificatePem }),
      isCryptoError('INVALID_PRIVATE_KEY'),
    );
    openssl.run([
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'kt.key.pem', '-out', 'kt.cert.pem', '-days', '2',
      '-subj', '/CN=key transport only', '-addext', 'keyUsage=critical,keyEncipherment',
    ]);
    const keyTransportOnly = { privateKeyPem: openssl.read('kt.key.pem').toString(), certificatePem: openssl.read('kt.cert.pem').toString() };
    await assert.rejects(signDetached(manifest, keyTransportOnly), isCryptoError('CERTIFICATE_NOT_FOR_SIGNING'));
  });

  it('a signing certificate says so in keyUsage, and cannot be used to encrypt a package to', async () => {
    openssl.write('usage.pem', portal.certificatePem);
    const text = openssl.text(['x509', '-in', 'usage.pem', '-noout', '-text']);
    assert.match(text, /X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation\n/);
    await assert.rejects(encryptEnvelopedData(manifest, portal.certificatePem), isCryptoError('CERTIFICATE_NOT_FOR_ENCRYPTION'));
  });

  it('refuses a configuration that trusts nobody, instead of rejecting every package', async () => {
    const signature = await signDetached(manifest, portal);
    await assert.rejects(verifyDetached(signature, manifest, { trustedCertificatesPem: [] }), isCryptoError('INVALID_ARGUMENT'));
    await assert.rejects(verifyDetached(signature, manifest, { trustedCertificatesPem: ['not a pem'] }), isCryptoError('INVALID_PEM'));
  });

  it('garbage and damaged signatures give SIGNATURE_INVALID, never another exception', async () => {
    const signature = await signDetached(manifest, portal);
    const options = { trustedCertificatesPem: [portal.certificatePem] };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          // Damage to a real signature: flipped bytes and truncation hit lengths, tags and values.
          fc.tuple(fc.nat({ max: signature.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, mask]) => {
            const copy = signature.slice();
            copy[at]! ^= mask;
            return copy;
          }),
          fc.nat({ max: signature.length - 1 }).map((length) => signature.slice(0, length)),
        ),
        async (bytes) => {
          let verified;
          try {
            verified = await verifyDetached(bytes, manifest, options);
          } catch (error) {
            assert.ok(isCryptoError('SIGNATURE_INVALID')(error), `unexpected ${String(error)}`);
            return;
          }
          // Some bytes are outside what the signature protects (the embedded copy of the pinned
          // certificate, the unsigned digestAlgorithms list); a change there may still verify,
          // but only ever as the pinned signer.
          assert.deepEqual(pemToDer(verified.signerCertificatePem), pemToDer(portal.certificatePem));
        },
      ),
      { numRuns: 300 },
    );
  });
});
