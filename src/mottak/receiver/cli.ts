// npm run receiver -- --service <orgnr> [--portal URL] [--out DIR] [--once]
// A minimal receiving system for one service: pulls from the portal, decrypts with the keys in
// DATA_DIR/receivers/<orgnr>/, verifies, writes each report to a folder (default ./.mottak/<orgnr>,
// outside the portal's data directory) and answers.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DeliveryClient } from './delivery-client.ts';
import { loadReceiverKeyPairs } from './receive-message.ts';
import { pollOnce, runReceiver } from './run-receiver.ts';

const USAGE = 'Bruk: npm run receiver -- --service <orgnr> [--portal http://localhost:3000] [--out mappe] [--trust portal-signing.pem] [--interval sekunder] [--once]';

function fail(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        service: { type: 'string' },
        portal: { type: 'string', default: process.env.PORTAL_URL ?? 'http://localhost:3000' },
        'data-dir': { type: 'string', default: process.env.DATA_DIR ?? './.data' },
        out: { type: 'string' },
        trust: { type: 'string' },
        'token-issuer': { type: 'string' },
        scope: { type: 'string', default: process.env.MOTTAK_SCOPE ?? 'meldeportal:mottak' },
        interval: { type: 'string', default: '5' },
        once: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
})();

const orgnr = values.service ?? fail('Mangler --service <orgnr>.');
if (!/^\d{9}$/.test(orgnr)) fail('--service må være et organisasjonsnummer med ni siffer.');
const dataDir = resolve(values['data-dir']);
const receiverDir = join(dataDir, 'receivers', orgnr);
const integrationFile = join(receiverDir, 'integration.json');
if (!existsSync(integrationFile)) fail(`Fant ikke ${integrationFile}. Er tjenesten ${orgnr} satt opp i denne datamappen?`);
const { clientId } = JSON.parse(readFileSync(integrationFile, 'utf8')) as { clientId: string };
const trustFile = resolve(values.trust ?? join(dataDir, 'portal-signing', 'certificate.pem'));
if (!existsSync(trustFile)) fail(`Fant ikke portalens signeringssertifikat ${trustFile}. Oppgi det med --trust.`);
const interval = Number(values.interval);
if (!Number.isFinite(interval) || interval <= 0) fail('--interval må være et positivt antall sekunder.');

const client = new DeliveryClient({
  portalUrl: values.portal,
  tokenIssuer: values['token-issuer'] ?? new URL('/dev/maskinporten', values.portal).href,
  clientId,
  integrationKeyPem: readFileSync(join(receiverDir, 'integration.key.pem'), 'utf8'),
  scope: values.scope,
});
const options = {
  client,
  // Read on every pass, so a rotated key pair is picked up without a restart.
  keys: () => ({ pairs: loadReceiverKeyPairs(receiverDir), trustedSignersPem: [readFileSync(trustFile, 'utf8')] }),
  // Plaintext lives on the receiving side only: never under the portal's data directory.
  outDir: resolve(values.out ?? join('.mottak', orgnr)),
  pollIntervalMs: interval * 1000,
  log: (line: string) => console.log(`${new Date().toISOString()} ${line}`),
};

if (values.once) {
  const result = await pollOnce(options);
  console.log(`${result.received.length} mottatt, ${result.refused.length} feilet`);
} else {
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  process.on('SIGTERM', () => controller.abort());
  options.log(`lytter etter meldinger til ${orgnr} fra ${values.portal}`);
  await runReceiver({ ...options, signal: controller.signal });
}
