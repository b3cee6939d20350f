// What delivery needs at run time: the outbox, a clock, the portal's signing credentials, the print
// provider's certificate and the print channel. Production takes files from the configuration;
// dev generates stand-ins in DATA_DIR.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { systemClock, type Clock } from '../../clock.ts';
import { generateServiceCredentials, parseCertificate, isCertificateValidAt } from '../../crypto/index.ts';
import { loadSigningCredentials } from '../submission/signing-credentials.ts';
import { openOutbox, type Outbox } from './outbox.ts';
import { folderPrintAdapter, httpPrintAdapter, type PrintAdapter } from './print-adapter.ts';

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
}

/** The print provider's org number in dev (a made-up one that passes mod 11). */
const DEV_PRINT_PROVIDER_ORGNR = '999000606';

export async function prepareDeliveryServices(
  config: Config,
  database: Database,
  options: { clock?: Clock; onOutboxError: (error: Error) => void },
): Promise<DeliveryServices> {
  const signer = await loadSigningCredentials({
    keyFile: config.signing.keyFile,
    certificateFile: config.signing.certificateFile,
    dataDir: config.dataDir,
    allowGenerate: !config.production,
  });
  const printCertificatePem = config.print.certificateFile ? readFileSync(config.print.certificateFile, 'utf8') : await devPrintProviderCertificate(config);
  const printAdapter = config.print.adapter === 'http' ? httpPrintAdapter(config.print.apiUrl!) : folderPrintAdapter(config.print.outboxDir);
  const outbox = await openOutbox(database.pool, options.onOutboxError);
  return { outbox, clock: options.clock ?? systemClock, signer, printCertificatePem, printAdapter };
}

/**
 * The dev print provider keeps its key in DATA_DIR/print-provider, as a real one would on its own
 * side; the portal reads only the certificate.
 */
async function devPrintProviderCertificate(config: Config): Promise<string> {
  const dir = join(config.dataDir, 'print-provider');
  const certFile = join(dir, 'certificate.pem');
  if (existsSync(certFile)) {
    const pem = readFileSync(certFile, 'utf8');
    if (isCertificateValidAt(parseCertificate(pem), new Date())) return pem;
  }
  const cacheFile = config.demoKeyCacheDir && join(config.demoKeyCacheDir, 'print-provider.json');
  let credentials: { certificatePem: string; privateKeyPem: string } | undefined;
  if (cacheFile && existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { certificatePem: string; privateKeyPem: string };
    if (isCertificateValidAt(parseCertificate(cached.certificatePem), new Date())) credentials = cached;
  }
  credentials ??= await generateServiceCredentials({ commonName: 'Printleverandør (demo)', organizationName: 'Printleverandør (demo)', orgnr: DEV_PRINT_PROVIDER_ORGNR });
  if (cacheFile) {
    mkdirSync(config.demoKeyCacheDir!, { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ certificatePem: credentials.certificatePem, privateKeyPem: credentials.privateKeyPem }), { mode: 0o600 });
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'key.pem'), credentials.privateKeyPem, { mode: 0o600 });
  writeFileSync(certFile, credentials.certificatePem);
  return credentials.certificatePem;
}
