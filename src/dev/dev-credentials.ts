// Development's stand-ins for what production mounts as files: the portal's package-signing key and
// certificate, and the print and notice providers' certificates. They are written to DATA_DIR once
// and kept (a local receiver pins the signing certificate), and the configuration is pointed at
// them, so the portal reads its keys the same way in every environment and makes none itself.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { newInnsynKeyFile } from '../portal/innsyn/innsyn-keys.ts';
import { join } from 'node:path';
import type { Config } from '../portal/config.ts';
import { generateServiceCredentials, isCertificateValidAt, parseCertificate } from '../crypto/index.ts';
import { assertDevStandInAllowed } from './guard.ts';

interface KeyPair {
  privateKeyPem: string;
  certificatePem: string;
}

interface DevParty {
  /** Folder under DATA_DIR holding the party's key and certificate, as it would on its own side. */
  dir: string;
  /** File in the test key cache (DEMO_KEY_CACHE_DIR), so a test's fresh DATA_DIR need not wait for RSA. */
  cacheName: string;
  name: string;
  /** Made up, passes mod 11, outside the demo services' range. */
  orgnr: string;
  usage?: 'signing';
}

/** What a local receiver pins: DATA_DIR/portal-signing/certificate.pem. */
export const DEV_SIGNING_DIR = 'portal-signing';
const DEV_SIGNER: DevParty = { dir: DEV_SIGNING_DIR, cacheName: 'portal-signing.json', name: 'Meldeportal (demo) signing', orgnr: '999000002', usage: 'signing' };
const DEV_PRINT_PROVIDER: DevParty = { dir: 'print-provider', cacheName: 'print-provider.json', name: 'Printleverandør (demo)', orgnr: '999900003' };
const DEV_NOTICE_PROVIDER: DevParty = { dir: 'notice-provider', cacheName: 'notice-provider.json', name: 'Varslingsleverandør (demo)', orgnr: '999900011' };

/**
 * The configuration with every key file it lacks made in DATA_DIR (or taken from the test key
 * cache). Files the configuration names already are left alone.
 */
export async function withDevCredentials(config: Config): Promise<Config> {
  const name = 'Development key generation (src/dev/dev-credentials.ts)';
  assertDevStandInAllowed(name);
  if (config.production) throw new Error(`${name} must never be mounted when NODE_ENV=production`);
  const signing = config.signing.keyFile || config.signing.certificateFile ? config.signing : filesOf(await keepDevPair(config, DEV_SIGNER));
  const print = config.print.certificateFile ?? filesOf(await keepDevPair(config, DEV_PRINT_PROVIDER)).certificateFile;
  const notice = config.notice.certificateFile ?? filesOf(await keepDevPair(config, DEV_NOTICE_PROVIDER)).certificateFile;
  const innsyn = { ...config.innsyn, keyFile: config.innsyn.keyFile ?? keepDevInnsynKey(config) };
  return { ...config, signing, print: { ...config.print, certificateFile: print }, notice: { ...config.notice, certificateFile: notice }, innsyn };
}

/** The citizen-services index key (decision 024): DATA_DIR/innsyn/key.txt, made once and kept. */
function keepDevInnsynKey(config: Config): string {
  const dir = join(config.dataDir, 'innsyn');
  const file = join(dir, 'key.txt');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const staging = `${file}.${process.pid}.tmp`;
    writeFileSync(staging, newInnsynKeyFile(), { mode: 0o600 });
    // Two processes starting at once: the first rename wins and both then read the same key.
    if (existsSync(file)) rmSync(staging);
    else renameSync(staging, file);
  }
  return file;
}

function filesOf(dir: string): { keyFile: string; certificateFile: string } {
  return { keyFile: join(dir, 'key.pem'), certificateFile: join(dir, 'certificate.pem') };
}

/** The party's folder, holding a valid pair: the one there, a cached one, or a new one. */
async function keepDevPair(config: Config, party: DevParty): Promise<string> {
  const dir = join(config.dataDir, party.dir);
  const files = filesOf(dir);
  if (existsSync(files.keyFile) && existsSync(files.certificateFile)) {
    // Kept across restarts so a local receiver's pin stays valid; replaced only once it has expired.
    if (isCertificateValidAt(parseCertificate(readFileSync(files.certificateFile, 'utf8')), new Date())) return dir;
  }
  const cacheFile = config.demoKeyCacheDir && join(config.demoKeyCacheDir, party.cacheName);
  let pair: KeyPair | undefined;
  if (cacheFile && existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as KeyPair;
    if (isCertificateValidAt(parseCertificate(cached.certificatePem), new Date())) pair = cached;
  }
  if (!pair) {
    const fresh = await generateServiceCredentials({ commonName: party.name, organizationName: party.name, orgnr: party.orgnr, ...(party.usage ? { usage: party.usage } : {}) });
    pair = { privateKeyPem: fresh.privateKeyPem, certificatePem: fresh.certificatePem };
    if (cacheFile) {
      mkdirSync(config.demoKeyCacheDir!, { recursive: true });
      writeFileSync(cacheFile, JSON.stringify(pair), { mode: 0o600 });
    }
  }
  placePair(dir, pair);
  return dir;
}

/**
 * Written to a private folder and renamed into place, so two processes starting on one data folder
 * never pair one's key with the other's certificate.
 */
function placePair(dir: string, pair: KeyPair): void {
  const files = filesOf(dir);
  const staging = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  writeFileSync(join(staging, 'key.pem'), pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(join(staging, 'certificate.pem'), pair.certificatePem, { mode: 0o644 });
  // What is there now is expired or half-written (a key without a certificate).
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process created the folder first (renaming onto a non-empty folder fails); use its pair.
    if (existsSync(files.keyFile) && existsSync(files.certificateFile)) return;
    throw error;
  }
}
