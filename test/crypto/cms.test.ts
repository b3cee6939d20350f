import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as pkijs from 'pkijs';
import {
  CryptoInputError,
  decryptEnvelopedData,
  encryptEnvelopedData,
  generateServiceCredentials,
  type ServiceCredentials,
} from '../../src/crypto/index.ts';
import { OpensslWorkspace } from '../kit/openssl.ts';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

function isCryptoError(code: string) {
  return (error: unknown) => error instanceof CryptoInputError && error.code === code;
}

/** The bytes of the RSA-encrypted content-encryption key inside our (DER) output. */
function encryptedKeyOffset(der: Uint8Array<ArrayBuffer>): number {
  const contentInfo = pkijs.ContentInfo.fromBER(der);
  const enveloped = new pkijs.EnvelopedData({ schema: contentInfo.content });
  const info = enveloped.recipientInfos[0]!.value as pkijs.KeyTransRecipientInfo;
  const offset = Buffer.from(der).indexOf(Buffer.from(info.encryptedKey.valueBlock.valueHexView));
  assert.ok(offset > 0);
  return offset;
}

function flipped(der: Uint8Array, offset: number, mask = 0x01): Uint8Array {
  const copy = der.slice();
  copy[offset]! ^= mask;
  return copy;
}

describe('CMS EnvelopedData', () => {
  const openssl = new OpensslWorkspace();
  let alice: ServiceCredentials; // the receiving service a report is sent to
  let bob: ServiceCredentials; // another service, which must not be able to read it

  before(async () => {
    [alice, bob] = await Promise.all([
      generateServiceCredentials({ commonName: 'Barneverntjenesten i Tromsø', organizationName: 'Tromsø kommune', orgnr: '999000052' }),
      generateServiceCredentials({ commonName: 'Barneverntjenesten i Bodø', organizationName: 'Bodø kommune', orgnr: '999000060' }),
    ]);
    openssl.write('alice.cert.pem', alice.certificatePem);
    openssl.write('alice.key.pem', alice.privateKeyPem);
  });
  after(() => openssl.dispose());

  function opensslDecrypt(name: string, der: Uint8Array): Buffer {
    openssl.write(`${name}.cms`, der);
    openssl.run([
      'cms', '-decrypt', '-inform', 'DER', '-in', `${name}.cms`,
      '-inkey', 'alice.key.pem', '-recip', 'alice.cert.pem', '-out', `${name}.out`,
    ]);
    return openssl.read(`${name}.out`);
  }

  describe('openssl cms -decrypt opens what we produce', () => {
    it('a short UTF-8 text with æøå', async () => {
      const text = 'Bekymringsmelding: barnet (7 år) sier at det er redd. Æøå ÆØÅ – “sitat”.';
      const content = new TextEncoder().encode(text);
      const der = await encryptEnvelopedData(content, alice.certificatePem);
      assert.equal(opensslDecrypt('text', der).toString('utf8'), text);
    });

    it('a ~5 MB random buffer, byte for byte', async () => {
      const content = new Uint8Array(randomBytes(5 * 1024 * 1024 + 7));
      const der = await encryptEnvelopedData(content, alice.certificatePem);
      assert.ok(opensslDecrypt('big', der).equals(content));
    });

    it('empty content', async () => {
      const der = await encryptEnvelopedData(new Uint8Array(0), alice.certificatePem);
      assert.equal(opensslDecrypt('empty', der).length, 0);
    });
  });

  it('uses RSAES-OAEP with SHA-256 for both hash and MGF1, AES-256-CBC and issuerAndSerialNumber', async () => {
    const der = await encryptEnvelopedData(new TextEncoder().encode('x'), alice.certificatePem);
    openssl.write('params.cms', der);
    const printed = openssl.text(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'params.cms']);
    // OpenSSL prints the RSAES-OAEP-params as an asn1parse dump:
    //   cont [ 0 ] -> SEQUENCE -> OBJECT :sha256           (hashAlgorithm)
    //   cont [ 1 ] -> SEQUENCE -> OBJECT :mgf1 -> SEQUENCE -> OBJECT :sha256   (maskGenAlgorithm)
    assert.match(printed, /algorithm: rsaesOaep \(1\.2\.840\.113549\.1\.1\.7\)/);
    assert.match(printed, /cont \[ 0 \]\s*\n.*SEQUENCE\s*\n.*OBJECT\s+:sha256\n/);
    assert.match(printed, /cont \[ 1 \]\s*\n.*SEQUENCE\s*\n.*OBJECT\s+:mgf1\n.*SEQUENCE\s*\n.*OBJECT\s+:sha256\n/);
    assert.doesNotMatch(printed, /:sha1\b/);
    assert.match(printed, /algorithm: aes-256-cbc \(2\.16\.840\.1\.101\.3\.4\.1\.42\)/);
    assert.match(printed, /d\.ktri:\s*\n\s*version: 0\s*\n\s*d\.issuerAndSerialNumber:/);
    assert.match(printed, /contentType: pkcs7-envelopedData/);
    // RFC 5652 6.1 requires version 0 here; pkijs on its own writes 2.
    assert.match(printed, /d\.envelopedData:\s*\n\s*version: 0/);
    const serial = BigInt(`0x${alice.serialNumberHex}`).toString();
    assert.match(printed, new RegExp(`serialNumber: ${serial}\\n`));
  });

  it('emits canonical DER (OpenSSL re-encodes it to identical bytes)', async () => {
    const der = await encryptEnvelopedData(new Uint8Array(randomBytes(5000)), alice.certificatePem);
    openssl.write('canonical.cms', der);
    openssl.run(['cms', '-cmsout', '-inform', 'DER', '-in', 'canonical.cms', '-outform', 'DER', '-out', 'reencoded.cms']);
    assert.ok(openssl.read('reencoded.cms').equals(der));
  });

  describe('decryptEnvelopedData', () => {
    it('round-trips from 0 bytes to 30 MB', async () => {
      for (const size of [0, 1, 15, 16, 17, 30 * 1024 * 1024]) {
        const content = new Uint8Array(randomBytes(size));
        const der = await encryptEnvelopedData(content, alice.certificatePem);
        const plain = await decryptEnvelopedData(der, alice.privateKeyPem, alice.certificatePem);
        assert.ok(Buffer.from(plain).equals(content), `size ${size}`);
      }
    });

    it('opens packages OpenSSL encrypts with the Fiks parameters, including streamed (BER) and keyid variants', async () => {
      const content = new Uint8Array(randomBytes(3 * 1024 * 1024 + 5));
      openssl.write('plain.bin', content);
      const variants: Record<string, string[]> = { plain: [], stream: ['-stream'], keyid: ['-keyid'] };
      for (const [name, extra] of Object.entries(variants)) {
        openssl.run([
          'cms', '-encrypt', '-aes256', '-binary', '-in', 'plain.bin', '-recip', 'alice.cert.pem',
          '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256', '-keyopt', 'rsa_mgf1_md:sha256',
          '-outform', 'DER', '-out', `openssl-${name}.cms`, ...extra,
        ]);
        const plain = await decryptEnvelopedData(openssl.read(`openssl-${name}.cms`), alice.privateKeyPem, alice.certificatePem);
        assert.ok(Buffer.from(plain).equals(content), name);
      }
    });

    it('accepts the receiving service key in traditional PKCS#1 form as well', async () => {
      openssl.run(['rsa', '-in', 'alice.key.pem', '-traditional', '-out', 'alice.pkcs1.pem']);
      const pkcs1 = openssl.read('alice.pkcs1.pem').toString('utf8');
      assert.match(pkcs1, /BEGIN RSA PRIVATE KEY/);
      const der = await encryptEnvelopedData(new TextEncoder().encode('hei'), alice.certificatePem);
      assert.equal(new TextDecoder().decode(await decryptEnvelopedData(der, pkcs1, alice.certificatePem)), 'hei');
    });

    it('another service cannot open it: DECRYPT_FAILED with its own key and certificate, or with a mismatched pair', async () => {
      const der = await encryptEnvelopedData(new TextEncoder().encode('kun for Tromsø'), alice.certificatePem);
      await assert.rejects(decryptEnvelopedData(der, bob.privateKeyPem, bob.certificatePem), isCryptoError('DECRYPT_FAILED'));
      await assert.rejects(decryptEnvelopedData(der, bob.privateKeyPem, alice.certificatePem), isCryptoError('DECRYPT_FAILED'));
    });

    it('a flipped byte in the encrypted key fails cleanly', async () => {
      const der = await encryptEnvelopedData(new Uint8Array(randomBytes(1000)), alice.certificatePem);
      const offset = encryptedKeyOffset(der);
      for (const at of [offset, offset + 100, offset + 255]) {
        await assert.rejects(
          decryptEnvelopedData(flipped(der, at), alice.privateKeyPem, alice.certificatePem),
          isCryptoError('DECRYPT_FAILED'),
        );
      }
    });

    it('a flipped byte in the final ciphertext blocks fails cleanly (padding check)', async () => {
      const content = new Uint8Array(randomBytes(1000)); // 1000 % 16 = 8 -> padding bytes are 0x08
      const der = await encryptEnvelopedData(content, alice.certificatePem);
      // The ciphertext is the last field of the DER; its last byte of the second-to-last block XORs
      // straight into the final padding byte, 0x08 ^ 0x80 = 0x88, which no valid padding has.
      await assert.rejects(
        decryptEnvelopedData(flipped(der, der.length - 17, 0x80), alice.privateKeyPem, alice.certificatePem),
        isCryptoError('DECRYPT_FAILED'),
      );
    });

    it('AES-CBC has no integrity: a flipped byte early in the ciphertext yields garbled content, never the original', async () => {
      // Documents a property receivers must know: EnvelopedData alone does not detect tampering
      // away from the padding, so the package format needs its own integrity check.
      const content = new Uint8Array(randomBytes(1000));
      const der = await encryptEnvelopedData(content, alice.certificatePem);
      const tampered = flipped(der, der.length - 500);
      try {
        const plain = await decryptEnvelopedData(tampered, alice.privateKeyPem, alice.certificatePem);
        assert.ok(!Buffer.from(plain).equals(content));
      } catch (error) {
        assert.ok(isCryptoError('DECRYPT_FAILED')(error));
      }
    });

    it('malformed, truncated or foreign input is DECRYPT_FAILED, never a crash', async () => {
      const der = await encryptEnvelopedData(new Uint8Array(randomBytes(100)), alice.certificatePem);
      const bad: Record<string, Uint8Array> = {
        empty: new Uint8Array(0),
        random: new Uint8Array(randomBytes(2000)),
        truncated: der.subarray(0, der.length - 10),
        trailingGarbage: Buffer.concat([der, Buffer.from([0, 0])]),
        wrongOuterTag: flipped(der, 0, 0x01),
        // Length octet of the outer SEQUENCE: no longer matches the content.
        wrongLength: flipped(der, 3, 0x10),
      };
      for (const [name, input] of Object.entries(bad)) {
        await assert.rejects(decryptEnvelopedData(input, alice.privateKeyPem, alice.certificatePem), isCryptoError('DECRYPT_FAILED'), name);
      }
    });

    it('refuses RSAES-OAEP whose MGF1 hash differs from the OAEP hash, with a reason', async () => {
      openssl.write('short.txt', 'hei');
      openssl.run([
        'cms', '-encrypt', '-aes256', '-in', 'short.txt', '-recip', 'alice.cert.pem', '-outform', 'DER', '-out', 'mgf1-sha1.cms',
        '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256', '-keyopt', 'rsa_mgf1_md:sha1',
      ]);
      await assert.rejects(
        decryptEnvelopedData(openssl.read('mgf1-sha1.cms'), alice.privateKeyPem, alice.certificatePem),
        (error: unknown) => isCryptoError('DECRYPT_FAILED')(error) && /MGF1/.test((error as Error).message),
      );
    });

    it('rejects malformed key and certificate PEM as input errors', async () => {
      const der = await encryptEnvelopedData(new Uint8Array(1), alice.certificatePem);
      await assert.rejects(decryptEnvelopedData(der, 'nope', alice.certificatePem), isCryptoError('INVALID_PEM'));
      await assert.rejects(decryptEnvelopedData(der, alice.privateKeyPem, 'nope'), isCryptoError('INVALID_PEM'));
      const fakeKey = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n';
      await assert.rejects(decryptEnvelopedData(der, fakeKey, alice.certificatePem), isCryptoError('INVALID_PRIVATE_KEY'));
    });
  });

  describe('encryptEnvelopedData refuses unusable recipient certificates', () => {
    it('an expired certificate (CERTIFICATE_NOT_VALID)', async () => {
      const expired = await generateServiceCredentials({
        commonName: 'Utløpt',
        organizationName: 'Utløpt kommune',
        orgnr: '999000079',
        notBefore: new Date(Date.now() - 2 * YEAR_MS),
        validDays: 1,
      });
      await assert.rejects(encryptEnvelopedData(new Uint8Array(1), expired.certificatePem), isCryptoError('CERTIFICATE_NOT_VALID'));
    });

    it('a certificate not yet valid, or expired, at the given instant (CERTIFICATE_NOT_VALID)', async () => {
      const before = new Date(alice.notBefore.getTime() - 1000);
      const afterEnd = new Date(alice.notAfter.getTime() + 1000);
      for (const at of [before, afterEnd]) {
        await assert.rejects(encryptEnvelopedData(new Uint8Array(1), alice.certificatePem, { at }), isCryptoError('CERTIFICATE_NOT_VALID'));
      }
      await encryptEnvelopedData(new Uint8Array(1), alice.certificatePem, { at: alice.notAfter });
    });

    it('a renewed certificate for the same service is used from the next report on (parsed certificates are kept, by PEM)', async () => {
      await encryptEnvelopedData(new Uint8Array(1), alice.certificatePem);
      const renewed = await generateServiceCredentials({ commonName: 'Barneverntjenesten i Tromsø', organizationName: 'Tromsø kommune', orgnr: '999000052' });
      const der = await encryptEnvelopedData(new TextEncoder().encode('etter fornying'), renewed.certificatePem);
      assert.equal(new TextDecoder().decode(await decryptEnvelopedData(der, renewed.privateKeyPem, renewed.certificatePem)), 'etter fornying');
      await assert.rejects(decryptEnvelopedData(der, alice.privateKeyPem, alice.certificatePem), isCryptoError('DECRYPT_FAILED'));
    });

    it('malformed PEM (CryptoInputError)', async () => {
      await assert.rejects(encryptEnvelopedData(new Uint8Array(1), 'not a certificate'), isCryptoError('INVALID_PEM'));
      const truncated = alice.certificatePem.slice(0, 200) + '\n-----END CERTIFICATE-----\n';
      await assert.rejects(encryptEnvelopedData(new Uint8Array(1), truncated), (error: unknown) => error instanceof CryptoInputError);
    });

    it('a signing-only certificate (CERTIFICATE_NOT_FOR_ENCRYPTION) and a non-RSA or short key (UNSUPPORTED_KEY)', async () => {
      const subject = ['-subj', '/C=NO/O=Test/CN=Test', '-days', '30', '-nodes', '-keyout', 'k.pem'];
      openssl.run(['req', '-x509', '-newkey', 'rsa:2048', ...subject, '-out', 'signing.pem', '-addext', 'keyUsage=critical,digitalSignature,nonRepudiation']);
      openssl.run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', ...subject, '-out', 'ec.pem']);
      openssl.run(['req', '-x509', '-newkey', 'rsa:1024', ...subject, '-out', 'rsa1024.pem']);
      const pem = (name: string) => openssl.read(name).toString('utf8');
      await assert.rejects(encryptEnvelopedData(new Uint8Array(1), pem('signing.pem')), isCryptoError('CERTIFICATE_NOT_FOR_ENCRYPTION'));
      await assert.rejects(encryptEnvelopedData(new Uint8Array(1), pem('ec.pem')), isCryptoError('UNSUPPORTED_KEY'));
      await assert.rejects(encryptEnvelopedData(new Uint8Array(1), pem('rsa1024.pem')), isCryptoError('UNSUPPORTED_KEY'));
    });
  });
});
