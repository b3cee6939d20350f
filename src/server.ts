// `npm start`: the portal on PORT (3000) with an embedded database and demo data in development, and
// beside it mottak, the receiving services' system, on MOTTAK_PORT (3001) with its own database. In
// production they are separate deployments: this starts the portal, `npm run start:mottak` mottak.
import { isAbsolute, relative } from 'node:path';
import { loadConfig, ConfigError, type Config } from './config.ts';
import { startPortal } from './portal/start-portal.ts';
import { portalLogger } from './portal/app.ts';
import { stopOnSignals } from './shutdown.ts';

/** What a person who just typed `npm start` needs next: where to go and how to log in. */
function readyBanner(config: Config, mottakUrl: string | undefined): string {
  // Relative to where `npm start` was typed when the data lies below it, else the whole path.
  const here = (dir: string) => {
    const path = relative(process.cwd(), dir);
    return path.startsWith('..') || isAbsolute(path) ? dir : `./${path || '.'}`;
  };
  const lines = [
    '',
    `Meldeportal is ready${config.demoData ? ' (development: embedded databases and demo services)' : ''}.`,
    '',
    `  Portal  ${config.baseUrl.origin}`,
    '          Press "Start meldingen" and log in as any test person on the stand-in ID-porten page.',
    '          Try postcode 1337 (Bærum), "Oslo" (asks for the district) or "Lørenskog" (not connected).',
  ];
  if (mottakUrl) {
    lines.push(
      `  Mottak  ${mottakUrl}`,
      "          Log in as a test caseworker of the service you sent to: each demo service has one.",
      '          A report appears in its inbox within seconds.',
    );
  }
  lines.push('', `  Data in ${here(config.dataDir)}${mottakUrl ? ' and mottak\'s folder' : ''}; stop with Ctrl+C.`, '');
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const log = portalLogger(config);
  log.info('Starting the portal');
  const portal = await startPortal(config, { log });
  log.info(`Portal ready on ${config.baseUrl.href}`);
  let stopMottak: (() => Promise<void>) | undefined;
  let mottakUrl: string | undefined;
  if (!config.production && process.env.MOTTAK_ENABLED !== 'false') {
    const { loadMottakConfig } = await import('./mottak/config.ts');
    const { startMottak } = await import('./mottak/start-mottak.ts');
    const mottakConfig = loadMottakConfig({ ...process.env, PORTAL_URL: process.env.PORTAL_URL ?? config.baseUrl.origin });
    const mottak = await startMottak(mottakConfig);
    mottak.app.log.info(`Mottak ready on ${mottakConfig.baseUrl.href}`);
    stopMottak = mottak.stop;
    mottakUrl = mottakConfig.baseUrl.origin;
  }
  stopOnSignals(log, async () => {
    await stopMottak?.();
    await portal.stop();
  });
  if (config.logFormat === 'pretty') process.stdout.write(readyBanner(config, mottakUrl));
}

main().catch((error: Error) => {
  console.error(`Start failed: ${error.message}`);
  process.exit(1);
});
