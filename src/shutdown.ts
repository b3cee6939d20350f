// Ctrl+C or SIGTERM: say so, stop taking requests, let running work finish, close the databases,
// and say when done. A second signal while stopping ends the process at once.
import type { FastifyBaseLogger } from 'fastify';

export function stopOnSignals(log: FastifyBaseLogger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: stopping`);
    const started = Date.now();
    stop().then(
      () => {
        log.info(`Stopped in ${Date.now() - started} ms`);
        process.exit(0);
      },
      (error: Error) => {
        log.error({ errMessage: error.message.slice(0, 200) }, 'Stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
