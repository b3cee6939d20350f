// `npm start`: the portal on PORT (3000) with an embedded database and demo data in development, and
// beside it mottak, the receiving services' system, on MOTTAK_PORT (3001) with its own database. In
// production they are separate deployments: this starts the portal, `npm run start:mottak` mottak.
import { loadConfig, ConfigError } from './config.ts';
import { startPortal } from './portal/start-portal.ts';

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
  const portal = await startPortal(config);
  portal.app.log.info(`Portal ready on ${config.baseUrl.href}`);
  let stopMottak: (() => Promise<void>) | undefined;
  if (!config.production && process.env.MOTTAK_ENABLED !== 'false') {
    const { loadMottakConfig } = await import('./mottak/config.ts');
    const { startMottak } = await import('./mottak/start-mottak.ts');
    const mottakConfig = loadMottakConfig({ ...process.env, PORTAL_URL: process.env.PORTAL_URL ?? config.baseUrl.origin });
    const mottak = await startMottak(mottakConfig);
    mottak.app.log.info(`Mottak ready on ${mottakConfig.baseUrl.href}`);
    stopMottak = mottak.stop;
  }
  const shutdown = async () => {
    await stopMottak?.();
    await portal.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: Error) => {
  console.error(`Start failed: ${error.message}`);
  process.exit(1);
});
