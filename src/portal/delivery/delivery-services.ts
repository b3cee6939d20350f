// What delivery needs at run time: the outbox, a clock, the portal's signing credentials, the print
// and notice providers' certificates and their channels. Production takes files from the
// configuration; dev generates stand-ins in DATA_DIR.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { systemClock, type Clock } from '../../clock.ts';
import { generateServiceCredentials, parseCertificate, isCertificateValidAt } from '../../crypto/index.ts';
import { DEV_SIGNING_DIR, loadSigningCredentials } from '../submission/signing-credentials.ts';
import { openOutbox, type Outbox } from './outbox.ts';
import { folderPrintAdapter, httpPrintAdapter, type PrintAdapter } from './print-adapter.ts';
import { folderNoticeAdapter, httpNoticeAdapter, type NoticeAdapter } from './notice-adapter.ts';

export interface Signer {
  privateKeyPem: string;
  certificatePem: string;
}

export interface DeliveryServices {
  outbox: Outbox;
  clock: Clock;
  signer: Signer;
  printCertificatePem: string;
  printAdapter: PrintAdapter;
  /** The reporter's contact is encrypted to this at submit, so only the notice provider can read it. */
  noticeCertificatePem: string;
  noticeAdapter: NoticeAdapter;
}

interface DevProvider {
  /** Folder under DATA_DIR holding the provider's own key and certificate. */
  dir: string;
  /** File in the test key cache. */
  cacheName: string;
  name: string;
  orgnr: string;
}

/** The dev providers' org numbers: made up, pass mod 11, outside the demo services' range. */
const DEV_PRINT_PROVIDER: DevProvider = { dir: 'print-provider', cacheName: 'print-provider.json', name: 'Printleverandør (demo)', orgnr: '999900003' };
const DEV_NOTICE_PROVIDER: DevProvider = { dir: 'notice-provider', cacheName: 'notice-provider.json', name: 'Varslingsleverandør (demo)', orgnr: '999900011' };

export async function prepareDeliveryServices(
  config: Config,
  database: Database,
  options: { clock?: Clock; onOutboxError: (error: Error) => void },
): Promise<DeliveryServices> {
  if (!config.production && config.demoKeyCacheDir) reuseCachedSigningKey(config.demoKeyCacheDir, join(config.dataDir, DEV_SIGNING_DIR));
  const signer = await loadSigningCredentials({
    keyFile: config.signing.keyFile,
    certificateFile: config.signing.certificateFile,
    dataDir: config.dataDir,
    allowGenerate: !config.production,
  });
  if (!config.production && config.demoKeyCacheDir) cacheSigningKey(config.demoKeyCacheDir, signer);
  const printCertificatePem = config.print.certificateFile ? readFileSync(config.print.certificateFile, 'utf8') : await devProviderCertificate(config, DEV_PRINT_PROVIDER);
  const printAdapter = config.print.adapter === 'http' ? httpPrintAdapter(config.print.apiUrl!) : folderPrintAdapter(config.print.outboxDir);
  const noticeCertificatePem = config.notice.certificateFile ? readFileSync(config.notice.certificateFile, 'utf8') : await devProviderCertificate(config, DEV_NOTICE_PROVIDER);
  const noticeAdapter = config.notice.adapter === 'http' ? httpNoticeAdapter(config.notice.apiUrl!) : folderNoticeAdapter(config.notice.outboxDir);
  const outbox = await openOutbox(database.pool, options.onOutboxError);
  return { outbox, clock: options.clock ?? systemClock, signer, printCertificatePem, printAdapter, noticeCertificatePem, noticeAdapter };
}

/**
 * A dev provider (print, notice) keeps its key in DATA_DIR/<provider>, as a real one would on its
 * own side; the portal reads only the certificate.
 */
async function devProviderCertificate(config: Config, provider: DevProvider): Promise<string> {
  const dir = join(config.dataDir, provider.dir);
  const certFile = join(dir, 'certificate.pem');
  if (existsSync(certFile)) {
    const pem = readFileSync(certFile, 'utf8');
    if (isCertificateValidAt(parseCertificate(pem), new Date())) return pem;
  }
  const cacheFile = config.demoKeyCacheDir && join(config.demoKeyCacheDir, provider.cacheName);
  let credentials: { certificatePem: string; privateKeyPem: string } | undefined;
  if (cacheFile && existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { certificatePem: string; privateKeyPem: string };
    if (isCertificateValidAt(parseCertificate(cached.certificatePem), new Date())) credentials = cached;
  }
  credentials ??= await generateServiceCredentials({ commonName: provider.name, organizationName: provider.name, orgnr: provider.orgnr });
  if (cacheFile) {
    mkdirSync(config.demoKeyCacheDir!, { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ certificatePem: credentials.certificatePem, privateKeyPem: credentials.privateKeyPem }), { mode: 0o600 });
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'key.pem'), credentials.privateKeyPem, { mode: 0o600 });
  writeFileSync(certFile, credentials.certificatePem);
  return credentials.certificatePem;
}

// Tests start many portals, each with a fresh DATA_DIR; like the demo service keys, the dev signing
// key can come from the test key cache instead of being generated every time.
function reuseCachedSigningKey(cacheDir: string, signingDir: string): void {
  const cacheFile = join(cacheDir, 'portal-signing.json');
  if (!existsSync(cacheFile) || existsSync(join(signingDir, 'certificate.pem'))) return;
  const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Signer;
  if (!isCertificateValidAt(parseCertificate(cached.certificatePem), new Date())) return;
  mkdirSync(signingDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(signingDir, 'key.pem'), cached.privateKeyPem, { mode: 0o600 });
  writeFileSync(join(signingDir, 'certificate.pem'), cached.certificatePem);
}

function cacheSigningKey(cacheDir: string, signer: Signer): void {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, 'portal-signing.json'), JSON.stringify({ privateKeyPem: signer.privateKeyPem, certificatePem: signer.certificatePem }), { mode: 0o600 });
}
