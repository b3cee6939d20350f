import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptoInputError,
  derToPem,
  generateServiceCredentials,
  isCertificateValidAt,
  parseCertificate,
  type ServiceCredentials,
} from '../../src/crypto/index.ts';
import { OpensslWorkspace } from '../kit/openssl.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function isCryptoError(code: string) {
  return (error: unknown) => error instanceof CryptoInputError && error.code === code;
}

describe('generateServiceCredentials', () => {
  const openssl = new OpensslWorkspace();
  let credentials: ServiceCredentials;
  let startedAt: number;

  before(async () => {
    startedAt = Date.now();
    credentials = await generateServiceCredentials({
      commonName: 'Barneverntjenesten i Bærum',
      organizationName: 'Bærum kommune',
      orgnr: '999000028',
    });
    openssl.write('cert.pem', credentials.certificatePem);
    openssl.write('key.pem', credentials.privateKeyPem);
  });
  after(() => openssl.dispose());

  it('produces a v3 certificate OpenSSL parses, with the profile a receiving system expects', () => {
    const text = openssl.text(['x509', '-in', 'cert.pem', '-noout', '-text']);
    assert.match(text, /Version: 3 \(0x2\)/);
    assert.match(text, /Signature Algorithm: sha256WithRSAEncryption/);
    assert.match(text, /Public-Key: \(2048 bit\)/);
    assert.match(text, /X509v3 Basic Constraints: critical\s+CA:FALSE/);
    assert.match(text, /X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment, Data Encipherment/);
    assert.match(text, /X509v3 Subject Key Identifier/);
  });

  it('is correctly self-signed and its private key belongs to it', () => {
    // -check_ss_sig: OpenSSL skips the trust anchor's own signature unless asked.
    assert.match(openssl.text(['verify', '-check_ss_sig', '-CAfile', 'cert.pem', 'cert.pem']), /cert\.pem: OK/);
    const fromCert = openssl.text(['x509', '-in', 'cert.pem', '-noout', '-pubkey']);
    const fromKey = openssl.text(['pkey', '-in', 'key.pem', '-pubout']);
    assert.equal(fromKey, fromCert);
    assert.match(credentials.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/); // PKCS#8
  });

  it('reports the SHA-256 fingerprint and serial exactly as OpenSSL prints them', () => {
    const fingerprint = openssl.text(['x509', '-in', 'cert.pem', '-noout', '-fingerprint', '-sha256']).trim();
    assert.equal(fingerprint, `sha256 Fingerprint=${credentials.fingerprintSha256}`);
    assert.match(credentials.fingerprintSha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const serial = openssl.text(['x509', '-in', 'cert.pem', '-noout', '-serial']).trim();
    assert.equal(serial, `serial=${credentials.serialNumberHex}`);
    assert.match(credentials.serialNumberHex, /^[0-9A-F]{32}$/);
  });

  it('names the service with one attribute per RDN: C=NO, O, serialNumber=orgnr, CN', () => {
    const nameopt = ['-nameopt', 'utf8,sep_comma_plus_space'];
    const subject = openssl.text(['x509', '-in', 'cert.pem', '-noout', '-subject', ...nameopt]).trim();
    const issuer = openssl.text(['x509', '-in', 'cert.pem', '-noout', '-issuer', ...nameopt]).trim();
    const name = 'C=NO, O=Bærum kommune, serialNumber=999000028, CN=Barneverntjenesten i Bærum';
    assert.equal(subject, `subject=${name}`);
    assert.equal(issuer, `issuer=${name}`);
  });

  it('has the validity it reports: from one hour ago, for 825 days', () => {
    const dates = openssl.text(['x509', '-in', 'cert.pem', '-noout', '-startdate', '-enddate', '-dateopt', 'iso_8601']);
    const notBefore = new Date(/notBefore=(.+)/.exec(dates)![1]!.replace(' ', 'T'));
    const notAfter = new Date(/notAfter=(.+)/.exec(dates)![1]!.replace(' ', 'T'));
    assert.equal(credentials.notBefore.getTime(), notBefore.getTime());
    assert.equal(credentials.notAfter.getTime(), notAfter.getTime());
    const hourBeforeStart = startedAt - 60 * 60 * 1000;
    assert.ok(Math.abs(notBefore.getTime() - hourBeforeStart) < 5000, `notBefore ${notBefore.toISOString()}`);
    assert.equal(notAfter.getTime() - notBefore.getTime(), 825 * DAY_MS);
  });

  it('parseCertificate reads back what was generated', () => {
    assert.deepEqual(parseCertificate(credentials.certificatePem), {
      subjectCommonName: 'Barneverntjenesten i Bærum',
      organizationName: 'Bærum kommune',
      orgnr: '999000028',
      notBefore: credentials.notBefore,
      notAfter: credentials.notAfter,
      fingerprintSha256: credentials.fingerprintSha256,
      serialNumberHex: credentials.serialNumberHex,
    });
  });

  it('uses GeneralizedTime after 2049, as RFC 5280 requires, and OpenSSL reads the same dates', async () => {
    const late = await generateServiceCredentials({
      commonName: 'Test',
      organizationName: 'Test',
      orgnr: '999000036',
      notBefore: new Date('2049-12-31T12:00:00.750Z'),
      validDays: 2,
    });
    assert.equal(late.notBefore.toISOString(), '2049-12-31T12:00:00.000Z');
    assert.equal(late.notAfter.toISOString(), '2050-01-02T12:00:00.000Z');
    openssl.write('late.pem', late.certificatePem);
    const dates = openssl.text(['x509', '-in', 'late.pem', '-noout', '-startdate', '-enddate', '-dateopt', 'iso_8601']);
    assert.match(dates, /notBefore=2049-12-31 12:00:00Z/);
    assert.match(dates, /notAfter=2050-01-02 12:00:00Z/);
    const asn1 = openssl.text(['asn1parse', '-in', 'late.pem']);
    assert.match(asn1, /UTCTIME\s+:491231120000Z/);
    assert.match(asn1, /GENERALIZEDTIME\s+:20500102120000Z/);
  });

  it('rejects options that would produce an unusable certificate', async () => {
    const base = { commonName: 'X', organizationName: 'Y', orgnr: '999000044' };
    await assert.rejects(generateServiceCredentials({ ...base, orgnr: '12345' }), isCryptoError('INVALID_ARGUMENT'));
    await assert.rejects(generateServiceCredentials({ ...base, commonName: ' ' }), isCryptoError('INVALID_ARGUMENT'));
    await assert.rejects(generateServiceCredentials({ ...base, keyBits: 1024 }), isCryptoError('INVALID_ARGUMENT'));
    await assert.rejects(generateServiceCredentials({ ...base, validDays: 0 }), isCryptoError('INVALID_ARGUMENT'));
    await assert.rejects(generateServiceCredentials({ ...base, notBefore: new Date('x') }), isCryptoError('INVALID_ARGUMENT'));
  });
});

describe('parseCertificate', () => {
  const openssl = new OpensslWorkspace();
  after(() => openssl.dispose());

  it('finds the orgnr in organizationIdentifier (NTRNO-…) as newer Norwegian enterprise certificates carry it', () => {
    openssl.run([
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '30',
      '-subj', '/C=NO/O=Nordre Follo kommune/organizationIdentifier=NTRNO-921530009/CN=Nordre Follo barneverntjeneste',
    ]);
    const info = parseCertificate(openssl.read('cert.pem').toString('utf8'));
    assert.equal(info.orgnr, '921530009');
    assert.equal(info.organizationName, 'Nordre Follo kommune');
    assert.equal(info.subjectCommonName, 'Nordre Follo barneverntjeneste');
    const fingerprint = openssl.text(['x509', '-in', 'cert.pem', '-noout', '-fingerprint', '-sha256']).trim();
    assert.equal(`sha256 Fingerprint=${info.fingerprintSha256}`, fingerprint);
  });

  it('throws CryptoInputError, not a library exception, for malformed input', () => {
    assert.throws(() => parseCertificate('garbage'), isCryptoError('INVALID_PEM'));
    assert.throws(() => parseCertificate(''), isCryptoError('INVALID_PEM'));
    const notACertificate = derToPem(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), 'CERTIFICATE');
    assert.throws(() => parseCertificate(notACertificate), isCryptoError('INVALID_CERTIFICATE'));
    const randomBody = derToPem(new Uint8Array(300).fill(0x41), 'CERTIFICATE');
    assert.throws(() => parseCertificate(randomBody), isCryptoError('INVALID_CERTIFICATE'));
  });

  it('isCertificateValidAt treats both ends of the validity period as valid', () => {
    const info = { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2025-12-31T23:59:59Z') };
    assert.equal(isCertificateValidAt(info, new Date('2024-12-31T23:59:59Z')), false);
    assert.equal(isCertificateValidAt(info, new Date('2025-01-01T00:00:00Z')), true);
    assert.equal(isCertificateValidAt(info, new Date('2025-12-31T23:59:59Z')), true);
    assert.equal(isCertificateValidAt(info, new Date('2026-01-01T00:00:00Z')), false);
  });
});
