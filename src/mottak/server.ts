// `npm run start:mottak`: mottak alone, as it runs in production (its own deployment).
import { ConfigError, loadMottakConfig } from './config.ts';
import { startMottak } from './start-mottak.ts';

try {
  const config = loadMottakConfig();
  const mottak = await startMottak(config);
  mottak.app.log.info(`Mottak ready on ${config.baseUrl.href}`);
  const shutdown = async () => {
    await mottak.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : `Start failed: ${(error as Error).message}`);
  process.exit(1);
}
