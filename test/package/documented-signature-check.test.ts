// The command decision 006 gives receivers for checking a package by hand, read from the decision
// itself so the two cannot drift apart, run with the real openssl against a package the portal's
// own code built and signed: it must accept that package, and refuse a changed manifest, another
// signer, and another signer whose certificate the system's CA folder happens to trust.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { generateServiceCredentials } from '../../src/crypto/index.ts';
import { ASIC_MANIFEST_PATH, buildAsice } from '../../src/package/asice.ts';
import { loadSigningCredentials } from '../../src/portal/submission/signing-credentials.ts';
import { withDevCredentials } from '../../src/dev/dev-credentials.ts';
import { loadConfig } from '../../src/portal/config.ts';
import { OpensslWorkspace } from '../kit/openssl.ts';

const DECISION = join(import.meta.dirname, '../../docs/decisions/006-package-signature.md');
const PINNED = 'portal-signing.pem';

/** The one shell block in the decision that runs `openssl cms -verify`. */
function documentedCommand(): string {
  const blocks = [...readFileSync(DECISION, 'utf8').matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!.trim()).filter((b) => b.startsWith('openssl cms -verify'));
  assert.equal(blocks.length, 1, 'decision 006 gives one verify command in a ```sh block');
  return blocks[0]!;
}

describe('the verify command in decision 006', () => {
  const ws = new OpensslWorkspace();
  const command = documentedCommand();
  let portalCertificatePem: string;
  let intruderCertificatePem: string;
  let manifest: Buffer;

  before(async () => {
    // The portal's signing credentials as development makes them, and a package built by the code.
    const config = await withDevCredentials(loadConfig({ NODE_ENV: 'test', DATA_DIR: ws.path('portal-data') }));
    const signer = await loadSigningCredentials(config.signing);
    portalCertificatePem = signer.certificatePem;
    intruderCertificatePem = (await generateServiceCredentials({ commonName: 'Meldeportalen signering', organizationName: 'Meldeportalen', orgnr: '999000118', usage: 'signing' })).certificatePem;
    const pkg = await buildAsice(
      [
        { name: 'bekymringsmelding.json', content: new TextEncoder().encode('{"meldingstype":"privat"}') },
        { name: 'vedlegg/tegning æøå.png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
      ],
      signer,
      { mtime: new Date() },
    );
    for (const [name, content] of Object.entries(unzipSync(pkg))) {
      mkdirSync(dirname(ws.path(`package/${name}`)), { recursive: true });
      writeFileSync(ws.path(`package/${name}`), content);
    }
    manifest = readFileSync(ws.path(`package/${ASIC_MANIFEST_PATH}`));
  });
  after(() => ws.dispose());

  /** Runs `text` in the unzipped package with `pinned` as portal-signing.pem. */
  function run(text: string, pinned: string, env: Record<string, string> = {}) {
    writeFileSync(ws.path(`package/${PINNED}`), pinned);
    const result = spawnSync('sh', ['-c', text], { cwd: ws.path('package'), env: { ...process.env, ...env }, encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  test('names the pinned certificate and the files as the package holds them', () => {
    assert.match(command, new RegExp(`-CAfile ${PINNED.replace('.', '\\.')}\\b`));
    assert.match(command, /-in META-INF\/signature\.p7s\b/);
    assert.match(command, /-content META-INF\/ASiCManifest\.xml\b/);
  });

  test('accepts a package the pinned certificate signed', () => {
    const result = run(command, portalCertificatePem);
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /Verification successful/);
  });

  test('refuses a changed manifest, and a package checked against another pinned certificate', () => {
    const changed = Buffer.from(manifest);
    const at = changed.indexOf('DigestValue') + 20;
    changed[at] = changed[at]! ^ 0x01;
    writeFileSync(ws.path(`package/${ASIC_MANIFEST_PATH}`), changed);
    try {
      assert.notEqual(run(command, portalCertificatePem).status, 0, 'a changed manifest');
    } finally {
      writeFileSync(ws.path(`package/${ASIC_MANIFEST_PATH}`), manifest);
    }
    assert.notEqual(run(command, intruderCertificatePem).status, 0, 'signed by someone other than the pinned certificate');
  });

  test('is a pin, not a chain check: a signer the system CA folder trusts is still refused', () => {
    // A CA folder that trusts the package's signer, as /etc/ssl/certs trusts every public CA.
    mkdirSync(ws.path('ca-folder'));
    ws.write('ca-folder/signer.pem', portalCertificatePem);
    ws.run(['rehash', ws.path('ca-folder')]);
    const systemTrusts = { SSL_CERT_DIR: ws.path('ca-folder') };
    assert.notEqual(run(command, intruderCertificatePem, systemTrusts).status, 0, 'pinned to another certificate, the system folder must not count');
    const withoutNoCAPath = command.replace(/ -no-CApath| -no-CAstore/g, '');
    assert.equal(run(withoutNoCAPath, intruderCertificatePem, systemTrusts).status, 0, 'the folder would count without -no-CApath -no-CAstore: the test shows why they are there');
  });
});
