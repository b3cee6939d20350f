// Starts the portal: database, migrations, reference data, demo registry (dev only), HTTP server,
// and the housekeeping that deletes expired drafts.
import { existsSync } from 'node:fs';
import { referenceDataDir } from '../reference-data.ts';
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { type PortalDatabase, migratePortalDatabase, openPortalDatabase } from './db/portal-database.ts';
import { syncMunicipalities } from './registry/sync-municipalities.ts';
import { deleteExpiredDrafts } from './journey/draft-store.ts';
import { deleteExpiredItems, innsynRetentionCutoff } from './innsyn/innsyn-index.ts';
import { pruneSessions } from '../web/server-sessions.ts';
import { listeningUrl } from '../web/web-app.ts';
import { buildPortalApp } from './app.ts';
import { portalLogger } from './logger.ts';
import type { Clock } from '../clock.ts';
import { prepareDeliveryServices } from './delivery/delivery-services.ts';
import { startDeliveryWorkers, type DeliveryWorkers } from './delivery/delivery-jobs.ts';

export interface RunningPortal {
  app: FastifyInstance;
  database: PortalDatabase;
  url: string;
  stop(): Promise<void>;
}

/**
 * What a composition root adds to the portal outside production (src/dev/stand-ins.ts): demo data
 * after migration, and the stand-in identity providers on the portal's origin.
 */
export interface PortalExtras {
  seed?(database: PortalDatabase, log: FastifyBaseLogger | undefined): Promise<void>;
  mount?(app: FastifyInstance): Promise<void>;
}

export async function preparePortalDatabase(config: Config, log?: FastifyBaseLogger, seed?: PortalExtras['seed']): Promise<PortalDatabase> {
  referenceDataDir(); // fails at once with what is missing, before seconds of database work
  const pgliteDir = join(config.dataDir, 'portal-db');
  // Said before the slow steps, so a first start (a new embedded database, the demo keys) is not
  // mistaken for a hang.
  if (config.databaseUrl) log?.info('Connecting to PostgreSQL (DATABASE_URL)');
  else log?.info(existsSync(pgliteDir) ? `Opening the embedded database in ${pgliteDir}` : `Creating the embedded database in ${pgliteDir} (first start)`);
  const database = await openPortalDatabase({ databaseUrl: config.databaseUrl, pgliteDir });
  const applied = await migratePortalDatabase(database.pool);
  if (applied.length) log?.info(`Database migrated: ${applied.join(', ')}`);
  await syncMunicipalities(database.db);
  await seed?.(database, log);
  return database;
}

export async function startPortal(config: Config, options: { clock?: Clock; log?: FastifyBaseLogger; extras?: PortalExtras } = {}): Promise<RunningPortal> {
  const startLog = options.log ?? portalLogger(config);
  const database = await preparePortalDatabase(config, startLog, options.extras?.seed);
  let log: FastifyInstance['log'] | undefined;
  const delivery = await prepareDeliveryServices(config, database, {
    clock: options.clock,
    // pg-boss reports lost connections here; the query that failed reports to its caller too.
    onOutboxError: (error) => log?.warn({ errMessage: error.message.slice(0, 200) }, 'outbox error'),
  });
  const app = await buildPortalApp({ config, database, delivery, log: startLog, ...(options.extras?.mount ? { mount: options.extras.mount } : {}) });
  log = app.log;
  await app.listen({ port: config.port, host: config.host });
  const cleanup = setInterval(() => {
    deleteExpiredDrafts(database.db).catch((error: Error) => app.log.warn({ errMessage: error.message }, 'draft cleanup failed'));
    pruneSessions(database.db, delivery.clock.now()).catch((error: Error) => app.log.warn({ errMessage: error.message.slice(0, 200) }, 'session cleanup failed'));
    deleteExpiredItems(database.db, innsynRetentionCutoff(delivery.clock.now(), config.innsyn.retentionYears)).catch((error: Error) => app.log.warn({ errMessage: error.message.slice(0, 200) }, 'citizen-services retention sweep failed'));
  }, 10 * 60 * 1000);
  cleanup.unref();
  let workers: DeliveryWorkers | undefined;
  if (config.deliveryWorkers) {
    workers = await startDeliveryWorkers({
      db: database.db,
      outbox: delivery.outbox,
      clock: delivery.clock,
      printAdapter: delivery.printAdapter,
      noticeAdapter: delivery.noticeAdapter,
      retentionDays: config.packageRetentionDays,
      log: app.log,
    });
  }
  return {
    app,
    database,
    url: listeningUrl(app, config.host, config.port),
    stop: async () => {
      clearInterval(cleanup);
      await workers?.stop();
      await app.close();
      await delivery.outbox.stop();
      await database.close();
    },
  };
}
