// `npm start`: the portal on PORT (3000) with an embedded database and demo data in development.
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
  const shutdown = async () => {
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
