// The ASiC-E container as the receiving side depends on it: it opens only what the portal signed,
// names the reason when it refuses, and stays a standard zip and a standard CMS signature that
// tools other than ours (unzip, zipinfo, openssl) accept.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { strFromU8, unzipSync, zipSync, type Zippable, type ZipOptions } from 'fflate';
import { CryptoInputError, generateServiceCredentials, pemToDer, type ServiceCredentials } from '../../src/crypto/index.ts';
import {
  ASIC_MANIFEST_PATH,
  ASIC_SIGNATURE_PATH,
  ASICE_MIMETYPE,
  buildAsice,
  openAsice,
  PackageError,
  type AsiceFile,
} from '../../src/package/asice.ts';
import { writeManifest } from '../../src/package/asic-manifest.ts';
import { parseManifest } from '../../src/package/parse-manifest.ts';
import { OpensslWorkspace } from '../kit/openssl.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const encoder = new TextEncoder();
const ATTACHMENT = `vedlegg/Brev fra skolen & "rektor" <kopi> 'nr 2' æøå.pdf`;

function isPackageError(code: string) {
  return (error: unknown) => error instanceof PackageError && error.code === code;
}

type Entry = [name: string, content: Uint8Array, options?: ZipOptions];

/** Zips entries in the given order, as a sender (honest or not) could. */
function zipEntries(entries: Entry[]): Uint8Array {
  const zippable: Zippable = Object.create(null) as Zippable;
  for (const [name, content, options] of entries) zippable[name] = [content, options ?? { level: 0 }];
  return zipSync(zippable, { mtime: new Date(2026, 0, 1) });
}

/** The entries of a package in zip order, for rebuilding it with one thing changed. */
function entriesOf(zip: Uint8Array): Entry[] {
  const files = unzipSync(zip);
  return Object.keys(files).map((name): Entry => [name, files[name]!, name === 'mimetype' ? { level: 0 } : { level: 6 }]);
}

function execText(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function sha256Base64(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('base64');
}

describe('ASiC-E packages', () => {
  const openssl = new OpensslWorkspace();
  let portal: ServiceCredentials;
  let intruder: ServiceCredentials;
  let files: AsiceFile[];
  let pkg: Uint8Array;
  let signingTime: Date;
  // Local time, even seconds: DOS timestamps hold local time in two-second steps.
  const mtime = new Date(2026, 2, 2, 10, 15, 30);

  before(async () => {
    [portal, intruder] = await Promise.all([
      generateServiceCredentials({ commonName: 'Meldeportal signering', organizationName: 'Meldeportal', orgnr: '999000002', usage: 'signing' }),
      generateServiceCredentials({ commonName: 'Meldeportal signering', organizationName: 'Meldeportal', orgnr: '999000002', usage: 'signing' }),
    ]);
    openssl.write('portal.cert.pem', portal.certificatePem);
    files = [
      { name: 'bekymringsmelding.json', content: encoder.encode(JSON.stringify({ melding: 'Gutten (7 år) sier at han er redd.' })) },
      { name: 'bekymringsmelding.pdf', content: encoder.encode('%PDF-1.7\n% not really a PDF, but stored like one\n') },
      { name: 'meldeportal.json', content: encoder.encode('{"format":"meldeportal.report.v1"}') },
      { name: ATTACHMENT, content: new Uint8Array(randomBytes(5000)) },
    ];
    signingTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    pkg = await buildAsice(files, portal, { mtime, signingTime });
  });
  after(() => openssl.dispose());

  const trust = () => ({ trustedCertificatesPem: [portal.certificatePem] });

  it('a receiver gets back exactly the signed files, in order, with the signer and the signing time', async () => {
    const opened = await openAsice(pkg, trust());
    assert.deepEqual([...opened.files.keys()], files.map((f) => f.name));
    for (const file of files) assert.deepEqual(opened.files.get(file.name), file.content, file.name);
    assert.deepEqual(pemToDer(opened.signerCertificatePem), pemToDer(portal.certificatePem));
    assert.equal(opened.signingTime?.getTime(), signingTime.getTime());
  });

  it('is a standard ASiC-E zip: mimetype first and stored, one fixed timestamp, valid CRCs', () => {
    const zipFile = openssl.write('package.zip', pkg);
    const names = execText('zipinfo', ['-1', zipFile]).trim().split('\n');
    assert.deepEqual(names, ['mimetype', ...files.map((f) => f.name), ASIC_MANIFEST_PATH, ASIC_SIGNATURE_PATH]);
    // ETSI EN 319 162-1 A.1: the type can be read at a fixed offset, without unzipping.
    assert.equal(Buffer.from(pkg.subarray(30, 38)).toString('latin1'), 'mimetype');
    assert.equal(Buffer.from(pkg.subarray(38, 38 + ASICE_MIMETYPE.length)).toString('latin1'), ASICE_MIMETYPE);
    const listing = execText('zipinfo', ['-T', zipFile]).split('\n').filter((line) => /^[-d]/.test(line));
    assert.equal(listing.length, names.length);
    assert.match(listing[0]!, / stor .* mimetype$/);
    const pad = (n: number) => String(n).padStart(2, '0');
    const stamp = `${mtime.getFullYear()}${pad(mtime.getMonth() + 1)}${pad(mtime.getDate())}.${pad(mtime.getHours())}${pad(mtime.getMinutes())}${pad(mtime.getSeconds())}`;
    for (const line of listing) assert.ok(line.includes(` ${stamp} `), `fixed timestamp: ${line}`);
    assert.match(execText('unzip', ['-t', zipFile]), /No errors detected/);
  });

  it('the manifest is an ETSI ASiCManifest listing every file with its SHA-256, names XML-escaped', () => {
    const manifest = strFromU8(unzipSync(pkg)[ASIC_MANIFEST_PATH]!);
    assert.match(manifest, /^<\?xml version="1\.0" encoding="UTF-8" standalone="yes"\?>\n<ASiCManifest xmlns="http:\/\/uri\.etsi\.org\/02918\/v1\.2\.1#" xmlns:ds="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">/);
    assert.ok(manifest.includes('<SigReference URI="META-INF/signature.p7s" MimeType="application/pkcs7-signature"/>'));
    const escaped = 'vedlegg/Brev fra skolen &amp; &quot;rektor&quot; &lt;kopi&gt; &apos;nr 2&apos; æøå.pdf';
    const expected: [string, string][] = [
      ['bekymringsmelding.json', 'application/json'],
      ['bekymringsmelding.pdf', 'application/pdf'],
      ['meldeportal.json', 'application/json'],
      [escaped, 'application/pdf'],
    ];
    for (const [i, [uri, mimeType]] of expected.entries()) {
      // The first file is the main document, marked Rootfile as KS marks the Fiks JSON.
      const reference =
        `<DataObjectReference URI="${uri}" MimeType="${mimeType}"${i === 0 ? ' Rootfile="true"' : ''}>\n` +
        '    <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>\n' +
        `    <ds:DigestValue>${sha256Base64(files[i]!.content)}</ds:DigestValue>\n` +
        '  </DataObjectReference>';
      assert.ok(manifest.includes(reference), `reference for ${uri}`);
    }
    assert.equal(manifest.match(/<DataObjectReference /g)?.length, files.length);
    assert.equal(manifest.match(/Rootfile=/g)?.length, 1);
  });

  it('openssl verifies the signature over the manifest; an edited manifest fails there and in openAsice', async () => {
    const entries = unzipSync(pkg);
    openssl.write('manifest.xml', entries[ASIC_MANIFEST_PATH]!);
    openssl.write('signature.p7s', entries[ASIC_SIGNATURE_PATH]!);
    const verify = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'signature.p7s', '-CAfile', 'portal.cert.pem', '-purpose', 'any', '-out', 'verified.xml'];
    openssl.run([...verify, '-content', 'manifest.xml']);
    assert.ok(openssl.read('verified.xml').equals(entries[ASIC_MANIFEST_PATH]!));

    // Someone swaps an attachment and updates its digest in the manifest, but cannot re-sign.
    const swapped = encoder.encode('another document');
    const edited = encoder.encode(strFromU8(entries[ASIC_MANIFEST_PATH]!).replace(sha256Base64(files[3]!.content), sha256Base64(swapped)));
    openssl.write('edited.xml', edited);
    assert.throws(() => openssl.run([...verify, '-content', 'edited.xml']));
    const forged = zipEntries(entriesOf(pkg).map(([name, content, options]): Entry => {
      if (name === ASIC_MANIFEST_PATH) return [name, edited, options];
      if (name === ATTACHMENT) return [name, swapped, options];
      return [name, content, options];
    }));
    await assert.rejects(openAsice(forged, trust()), isPackageError('SIGNATURE_INVALID'));
  });

  it('a file changed after signing is refused with DIGEST_MISMATCH', async () => {
    const changed = zipEntries(entriesOf(pkg).map(([name, content, options]): Entry =>
      name === 'bekymringsmelding.json' ? [name, encoder.encode(strFromU8(content).replace('redd', 'glad')), options] : [name, content, options],
    ));
    await assert.rejects(openAsice(changed, trust()), (error: unknown) => isPackageError('DIGEST_MISMATCH')(error) && /bekymringsmelding\.json/.test((error as Error).message));
  });

  it('a file the manifest does not list is refused (UNLISTED_FILE); extra META-INF files are ignored, never returned', async () => {
    const extra = zipEntries([...entriesOf(pkg), ['vedlegg/smuglet.pdf', encoder.encode('%PDF-')]]);
    await assert.rejects(openAsice(extra, trust()), isPackageError('UNLISTED_FILE'));
    const metaInf = zipEntries([...entriesOf(pkg), ['META-INF/manifest.xml', encoder.encode('<manifest/>')]]);
    const opened = await openAsice(metaInf, trust());
    assert.deepEqual([...opened.files.keys()], files.map((f) => f.name));
  });

  it('a listed file that is missing is refused with MISSING_FILE', async () => {
    const missing = zipEntries(entriesOf(pkg).filter(([name]) => name !== ATTACHMENT));
    await assert.rejects(openAsice(missing, trust()), isPackageError('MISSING_FILE'));
  });

  it('a package signed by anyone but the pinned portal certificate is refused with SIGNER_NOT_TRUSTED', async () => {
    const byIntruder = await buildAsice(files, intruder, { mtime });
    await assert.rejects(openAsice(byIntruder, trust()), isPackageError('SIGNER_NOT_TRUSTED'));
    // Rotation: a receiver that pins both the old and the new certificate accepts either.
    const opened = await openAsice(byIntruder, { trustedCertificatesPem: [portal.certificatePem, intruder.certificatePem] });
    assert.deepEqual(pemToDer(opened.signerCertificatePem), pemToDer(intruder.certificatePem));
  });

  it('an expired signer certificate: refused at a time after it expired, accepted at its signing time', async () => {
    const old = await generateServiceCredentials({
      commonName: 'Meldeportal signering 2023',
      organizationName: 'Meldeportal',
      orgnr: '999000002',
      usage: 'signing',
      notBefore: new Date(Date.now() - 3 * 365 * DAY_MS),
      validDays: 365,
    });
    const signedThen = new Date(old.notBefore.getTime() + 10 * DAY_MS);
    const oldPackage = await buildAsice(files, old, { mtime, signingTime: signedThen });
    const trustOld = { trustedCertificatesPem: [old.certificatePem] };
    await assert.rejects(openAsice(oldPackage, { ...trustOld, at: new Date() }), isPackageError('CERTIFICATE_NOT_VALID'));
    const opened = await openAsice(oldPackage, trustOld);
    assert.equal(opened.signingTime?.getTime(), signedThen.getTime());
  });

  it('refuses what is not ASiC-E: no mimetype, mimetype not first, compressed or wrong (NOT_ASICE)', async () => {
    const entries = entriesOf(pkg);
    const [mimetype, ...rest] = entries;
    const variants: Record<string, Uint8Array> = {
      'no mimetype': zipEntries(rest),
      'mimetype second': zipEntries([rest[0]!, mimetype!, ...rest.slice(1)]),
      'mimetype deflated': zipEntries([[mimetype![0], mimetype![1], { level: 9 }], ...rest]),
      'ASiC-S mimetype': zipEntries([['mimetype', encoder.encode('application/vnd.etsi.asic-s+zip')], ...rest]),
      'mimetype with a newline': zipEntries([['mimetype', encoder.encode(`${ASICE_MIMETYPE}\n`)], ...rest]),
      'empty input': new Uint8Array(0),
      'a PDF': encoder.encode('%PDF-1.7\n'),
    };
    for (const [what, zip] of Object.entries(variants)) {
      await assert.rejects(openAsice(zip, trust()), isPackageError('NOT_ASICE'), what);
    }
  });

  it('refuses a package without a manifest (MANIFEST_INVALID) or without the signature (SIGNATURE_INVALID)', async () => {
    await assert.rejects(openAsice(zipEntries(entriesOf(pkg).filter(([n]) => n !== ASIC_MANIFEST_PATH)), trust()), isPackageError('MANIFEST_INVALID'));
    await assert.rejects(openAsice(zipEntries(entriesOf(pkg).filter(([n]) => n !== ASIC_SIGNATURE_PATH)), trust()), isPackageError('SIGNATURE_INVALID'));
  });

  it('refuses entry names a receiver could not safely write, and duplicate entries (NOT_ASICE)', async () => {
    for (const name of ['../../etc/cron.d/x', '/etc/passwd', 'vedlegg/../../x', 'vedlegg\\..\\x', 'a//b']) {
      await assert.rejects(openAsice(zipEntries([...entriesOf(pkg), [name, encoder.encode('x')]]), trust()), isPackageError('NOT_ASICE'), name);
    }
    // Two entries called bekymringsmelding.json: zip readers disagree on which one is "the" file.
    const twin = zipEntries([...entriesOf(pkg), ['bekymringsmelding.jsoX', encoder.encode('{"forged":true}')]]);
    const patched = Buffer.from(twin);
    for (let at = patched.indexOf('bekymringsmelding.jsoX'); at >= 0; at = patched.indexOf('bekymringsmelding.jsoX', at + 1)) {
      patched.write('bekymringsmelding.json', at, 'latin1');
    }
    await assert.rejects(openAsice(new Uint8Array(patched), trust()), isPackageError('NOT_ASICE'));
  });

  it('refuses a package that declares more data than the receiver accepts (TOO_LARGE)', async () => {
    await assert.rejects(openAsice(pkg, { ...trust(), maxUncompressedBytes: 4096 }), isPackageError('TOO_LARGE'));
  });

  it('reports a broken trust configuration as such, not as a bad package', async () => {
    await assert.rejects(openAsice(pkg, { trustedCertificatesPem: [] }), (e: unknown) => e instanceof CryptoInputError && e.code === 'INVALID_ARGUMENT');
    await assert.rejects(openAsice(new Uint8Array(3), { trustedCertificatesPem: ['garbage'] }), (e: unknown) => e instanceof CryptoInputError && e.code === 'INVALID_PEM');
  });

  it('buildAsice refuses names that would break the format or a receiver (INVALID_ARGUMENT)', async () => {
    const content = encoder.encode('x');
    for (const name of ['mimetype', 'META-INF/signature.p7s', 'meta-inf/x.xml', '../x.pdf', '/x.pdf', 'a/./b.pdf', 'dir/', '', '1', 'x\u0000.pdf', 'x\uFFFF.pdf']) {
      await assert.rejects(buildAsice([{ name, content }], portal, { mtime }), isPackageError('INVALID_ARGUMENT'), JSON.stringify(name));
    }
    await assert.rejects(buildAsice([{ name: 'a.pdf', content }, { name: 'a.pdf', content }], portal, { mtime }), isPackageError('INVALID_ARGUMENT'));
    await assert.rejects(buildAsice([], portal, { mtime }), isPackageError('INVALID_ARGUMENT'));
    await assert.rejects(buildAsice([{ name: 'a.pdf', content }], portal, { mtime: new Date(1970, 0, 1) }), isPackageError('INVALID_ARGUMENT'));
  });

  it('file names with markup, quotes and any Unicode survive the manifest unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 5 }),
        (names) => {
          const references = names.map((uri, i) => ({ uri, mimeType: 'application/pdf', digest: new Uint8Array(32).fill(i) }));
          const manifest = { sigReference: { uri: ASIC_SIGNATURE_PATH, mimeType: 'application/pkcs7-signature' }, references };
          assert.deepEqual(parseManifest(writeManifest(manifest)), manifest);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the manifest reader refuses XML beyond the format (entities, comments, other algorithms) with MANIFEST_INVALID', () => {
    const good = strFromU8(unzipSync(pkg)[ASIC_MANIFEST_PATH]!);
    assert.doesNotThrow(() => parseManifest(encoder.encode(good)));
    const variants = {
      doctype: good.replace('<ASiCManifest', '<!DOCTYPE a [<!ENTITY x "y">]>\n<ASiCManifest'),
      entity: good.replace('bekymringsmelding.pdf', '&x;.pdf'),
      comment: good.replace('<SigReference', '<!-- hi --><SigReference'),
      sha1: good.replace('xmlenc#sha256', 'xmldsig#sha1'),
      'wrong namespace': good.replace('02918/v1.2.1#', '02918/v1.1.1#'),
      'unknown element': good.replace('</ASiCManifest>', '<Extra/></ASiCManifest>'),
      'short digest': good.replace(/<ds:DigestValue>[^<]+</, '<ds:DigestValue>AAAA<'),
      'Rootfile neither true nor false': good.replace('Rootfile="true"', 'Rootfile="yes"'),
      'two Rootfiles': good.replace('MimeType="application/pdf">', 'MimeType="application/pdf" Rootfile="true">'),
      truncated: good.slice(0, good.length - 20),
    };
    for (const [what, xml] of Object.entries(variants)) {
      assert.throws(() => parseManifest(encoder.encode(xml)), isPackageError('MANIFEST_INVALID'), what);
    }
    const notUtf8 = new Uint8Array([...encoder.encode(good.slice(0, 100)), 0xff, ...encoder.encode(good.slice(100))]);
    assert.throws(() => parseManifest(notUtf8), isPackageError('MANIFEST_INVALID'), 'not UTF-8');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        try {
          parseManifest(encoder.encode(text));
        } catch (error) {
          assert.ok(isPackageError('MANIFEST_INVALID')(error), `unexpected ${String(error)}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('garbage, damaged and truncated packages give a PackageError, or exactly the signed files', async () => {
    const expected = new Map(files.map((f) => [f.name, f.content]));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 4096 }),
          // A real package with bytes changed: headers, lengths, offsets, compressed data.
          fc.array(fc.tuple(fc.nat({ max: pkg.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => {
            const copy = pkg.slice();
            for (const [at, mask] of flips) copy[at]! ^= mask;
            return copy;
          }),
          fc.nat({ max: pkg.length - 1 }).map((length) => pkg.slice(0, length)),
          // Garbage behind a valid-looking mimetype header.
          fc.uint8Array({ maxLength: 2048 }).map((tail) => new Uint8Array([...pkg.subarray(0, 38 + ASICE_MIMETYPE.length), ...tail])),
        ),
        async (bytes) => {
          let opened;
          try {
            opened = await openAsice(bytes, trust());
          } catch (error) {
            assert.ok(error instanceof PackageError, `not a PackageError: ${String(error)}`);
            return;
          }
          // Some bytes (timestamps, CRCs, the unsigned parts of the signature) are not covered;
          // a change there may open, but never with other content.
          assert.deepEqual(opened.files, expected);
        },
      ),
      { numRuns: 400 },
    );
  });
});
