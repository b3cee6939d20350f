// Composes mottak, the receiving service's system: infrastructure plugins, the caseworker login
// (whose stand-in a composition root mounts outside production), then the pages behind the login hook. It shares the view
// kit and security policy with the portal but no code path: it reaches the portal only over HTTP.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createWebApp } from '../web/web-app.ts';
import { languageSwitchPlugin } from '../web/language.ts';
import { MOTTAK_LANGUAGES } from '../web/i18n.ts';
import { deriveKey } from '../crypto/sealing.ts';
import type { MottakConfig } from './config.ts';
import type { MottakDatabase } from './db/mottak-database.ts';
import type { Clock } from '../clock.ts';
import type { TenantPuller } from './pull/pull-reports.ts';
import { createLogger } from '../logger.ts';
import { renderMottakErrorPage } from './web/mottak-error-page.tsx';
import { CASEWORKER_CALLBACK_PATH, CASEWORKER_LOGGED_OUT_PATH, caseworkerAuthPlugin } from './auth/caseworker-auth.tsx';
import { createServerSessions } from '../web/server-sessions.ts';
import { requireCaseworker } from './auth/caseworker-session.ts';
import { inboxPlugin } from './inbox/inbox-routes.tsx';
import { reportPlugin } from './report/report-routes.tsx';
import { conclusionPlugin } from './conclusion/conclusion-routes.tsx';
import { managerPlugin } from './manager/manager-routes.tsx';
import { sessionsPlugin } from './sessions/sessions-routes.tsx';

export interface MottakServices {
  database: MottakDatabase;
  clock: Clock;
  /** One full pull for every service now. */
  pullNow(): Promise<void>;
  /** The delivery-API client of a hosted service (feedback goes back through it). */
  pullerFor(serviceId: string): TenantPuller | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    mottak: MottakServices;
  }
}

export function mottakLogger(config: MottakConfig): FastifyBaseLogger {
  return createLogger(config.logLevel, config.logFormat).child({ app: 'mottak' }) as FastifyBaseLogger;
}

export interface MottakAppOptions {
  log?: FastifyBaseLogger;
  /**
   * What the composition root serves beside mottak, before login, on the same origin: outside
   * production, the caseworker IdP stand-in (src/dev/stand-ins.ts). Mottak knows only its issuer URL.
   */
  mount?: (app: FastifyInstance) => Promise<void>;
}

export async function buildMottakApp(config: MottakConfig, services: MottakServices, options: MottakAppOptions = {}): Promise<FastifyInstance> {
  const app = await createWebApp({
    log: options.log ?? mottakLogger(config),
    baseUrl: config.baseUrl,
    trustedProxies: config.trustedProxies,
    bodyLimit: 256 * 1024,
    formBodyLimit: 128 * 1024,
    renderErrorPage: renderMottakErrorPage,
    rateLimit: { perMinute: 600 },
    session: {
      key: deriveKey(config.sessionSecret, 'mottak-session-cookie'),
      // `__Host-` in production: the browser keeps it to this host, https and path `/`.
      cookieName: config.production ? '__Host-mottak_session' : 'mottak_session',
      maxAgeSeconds: 12 * 60 * 60,
    },
  });
  app.decorate('mottak', services);
  await app.register(languageSwitchPlugin, { languages: MOTTAK_LANGUAGES });

  app.get('/healthz', async () => {
    await services.database.pool.query('select 1');
    return { status: 'ok' };
  });

  const redirectUri = new URL(CASEWORKER_CALLBACK_PATH, config.baseUrl).href;
  const postLogoutRedirectUri = new URL(CASEWORKER_LOGGED_OUT_PATH, config.baseUrl).href;
  await options.mount?.(app);
  const sessions = createServerSessions({
    db: services.database.db,
    clock: services.clock,
    lifetimes: config.sessionLifetimes,
    hmacKey: deriveKey(config.sessionSecret, 'mottak-idp-session-ids'),
  });
  await app.register(caseworkerAuthPlugin, {
    ...config.idp,
    sessions,
    redirectUri,
    postLogoutRedirectUri,
    allowInsecureHttp: !config.production,
    database: services.database,
    clock: services.clock,
  });

  // Everything below needs a logged-in caseworker: the hook sits on the subtree, not on each route.
  await app.register(async (pages) => {
    pages.addHook('preHandler', requireCaseworker);
    pages.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    await pages.register(inboxPlugin);
    await pages.register(reportPlugin);
    await pages.register(conclusionPlugin);
    await pages.register(managerPlugin);
    await pages.register(sessionsPlugin);
  });
  return app;
}
