// Starts mottak: its database and migrations, the services found in the keys folder, the HTTP
// server, and the pull loop that fetches reports from the portal.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { MottakConfig } from './config.ts';
import { openMottakDatabase, type MottakDatabase } from './db/mottak-database.ts';
import { syncTenants } from './pull/tenants.ts';
import { createTenantPuller, startPullLoop, type TenantPuller } from './pull/pull-reports.ts';
import { buildMottakApp, mottakLogger, type MottakAppOptions } from './app.ts';
import { systemClock, type Clock } from '../clock.ts';
import { pruneSessions } from '../web/server-sessions.ts';
import { listeningUrl } from '../web/web-app.ts';

export interface RunningMottak {
  app: FastifyInstance;
  database: MottakDatabase;
  url: string;
  pullers: TenantPuller[];
  pullNow(): Promise<void>;
  stop(): Promise<void>;
}

export async function startMottak(config: MottakConfig, options: { clock?: Clock; mount?: MottakAppOptions['mount'] } = {}): Promise<RunningMottak> {
  const clock = options.clock ?? systemClock;
  const log = mottakLogger(config);
  const pgliteDir = join(config.dataDir, 'db');
  if (config.databaseUrl) log.info('Connecting to PostgreSQL (MOTTAK_DATABASE_URL)');
  else log.info(existsSync(pgliteDir) ? `Opening the embedded database in ${pgliteDir}` : `Creating the embedded database in ${pgliteDir} (first start)`);
  const database = await openMottakDatabase({ databaseUrl: config.databaseUrl, pgliteDir });
  try {
    const tenants = await syncTenants(database.db, config.keysDir);
    const pullers = tenants.map((tenant) => createTenantPuller(tenant, config));
    let loop: ReturnType<typeof startPullLoop> | undefined;
    const pullNow = async () => {
      if (loop) await loop.pullNow();
    };
    const app = await buildMottakApp(config, {
      database,
      clock,
      pullNow,
      pullerFor: (serviceId) => pullers.find((p) => p.tenant.serviceId === serviceId),
    }, { log, ...(options.mount ? { mount: options.mount } : {}) });
    await app.listen({ port: config.port, host: config.host });
    if (tenants.length === 0) app.log.warn({ keysDir: config.keysDir }, 'no services found in the keys folder; nothing to receive');
    if (config.pull) loop = startPullLoop({ db: database.db, pullers, clock, intervalMs: config.pollIntervalMs, log: app.log });
    const sessionCleanup = setInterval(() => {
      pruneSessions(database.db, clock.now()).catch((error: Error) => app.log.warn({ errMessage: error.message.slice(0, 200) }, 'session cleanup failed'));
    }, 10 * 60 * 1000);
    sessionCleanup.unref();
    return {
      app,
      database,
      url: listeningUrl(app, config.host, config.port),
      pullers,
      pullNow,
      stop: async () => {
        clearInterval(sessionCleanup);
        await loop?.stop();
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
