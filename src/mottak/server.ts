// `npm run start:mottak`: mottak alone, as it runs in production (its own deployment).
import { ConfigError, loadMottakConfig } from './config.ts';
import { startMottak } from './start-mottak.ts';
import { stopOnSignals } from '../shutdown.ts';

try {
  const config = loadMottakConfig();
  const mottak = await startMottak(config);
  mottak.app.log.info(`Mottak ready on ${config.baseUrl.href}`);
  stopOnSignals(mottak.app.log, mottak.stop);
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : `Start failed: ${(error as Error).message}`);
  process.exit(1);
}
