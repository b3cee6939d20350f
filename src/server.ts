// The composition root. `npm start`: the portal on PORT (3000) with an embedded database and demo
// data in development, and beside it mottak, the receiving services' system, on MOTTAK_PORT (3001)
// with its own database. In production they are separate deployments: `npm start` starts the
// portal, `npm run start:mottak` (this file with `mottak`) mottak. Only here, and only outside
// production, is src/dev/ loaded: the stand-ins for the outside world and the demo data.
import { isAbsolute, relative } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './portal/config.ts';
import { ConfigError } from './env.ts';
import type { RunningPortal } from './portal/start-portal.ts';
import type { MottakConfig } from './mottak/config.ts';
import type { RunningMottak } from './mottak/start-mottak.ts';
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

interface Starters {
  portal(config: Config, log: FastifyBaseLogger): Promise<RunningPortal>;
  mottak(config: MottakConfig): Promise<RunningMottak>;
}

/**
 * Production's apps as they are. Each is loaded only when started, so the portal's deployment does
 * not load mottak's code and mottak's does not load the portal's.
 */
async function starters(production: boolean): Promise<Starters> {
  if (!production) return devStarters();
  return {
    portal: async (config, log) => (await import('./portal/start-portal.ts')).startPortal(config, { log }),
    mottak: async (config) => (await import('./mottak/start-mottak.ts')).startMottak(config),
  };
}

/** Outside production only: the apps with the stand-ins and demo data of src/dev/. */
async function devStarters(): Promise<Starters> {
  const dev = await import('./dev/stand-ins.ts');
  return { portal: (config, log) => dev.startDevPortal(config, { log }), mottak: (config) => dev.startDevMottak(config) };
}

/** `npm run start:mottak`: mottak alone, as it runs in production (its own deployment). */
async function mainMottak(): Promise<void> {
  const { loadMottakConfig } = await import('./mottak/config.ts');
  const config = loadMottakConfig();
  const mottak = await (await starters(config.production)).mottak(config);
  mottak.app.log.info(`Mottak ready on ${config.baseUrl.href}`);
  stopOnSignals(mottak.app.log, mottak.stop);
}

async function mainPortal(): Promise<void> {
  const { loadConfig } = await import('./portal/config.ts');
  const { portalLogger } = await import('./portal/logger.ts');
  const config = loadConfig();
  const start = await starters(config.production);
  const log = portalLogger(config);
  log.info('Starting the portal');
  const portal = await start.portal(config, log);
  log.info(`Portal ready on ${config.baseUrl.href}`);
  let stopMottak: (() => Promise<void>) | undefined;
  let mottakUrl: string | undefined;
  if (!config.production && process.env.MOTTAK_ENABLED !== 'false') {
    const { loadMottakConfig } = await import('./mottak/config.ts');
    const mottakConfig = loadMottakConfig({ ...process.env, PORTAL_URL: process.env.PORTAL_URL ?? config.baseUrl.origin });
    const mottak = await start.mottak(mottakConfig);
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

(process.argv[2] === 'mottak' ? mainMottak() : mainPortal()).catch((error: Error) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : `Start failed: ${error.message}`);
  process.exit(1);
});
