// Composes mottak, the receiving service's system: infrastructure plugins, the caseworker login
// (whose stand-in a composition root mounts outside production), then the pages behind the login hook. It shares the view
// kit and security policy with the portal but no code path: it reaches the portal only over HTTP.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { languageSwitchPlugin } from '../web/language.ts';
import { MOTTAK_LANGUAGES } from '../web/i18n.ts';
import secureSession from '@fastify/secure-session';
import csrfProtection from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import { createHash } from 'node:crypto';
import type { MottakConfig } from './config.ts';
import type { MottakDatabase } from './db/mottak-database.ts';
import type { Clock } from '../clock.ts';
import type { TenantPuller } from './pull/pull-reports.ts';
import { createLogger } from '../logger.ts';
import { OneLinePerRequest } from '../web/request-log.ts';
import { answerRequestsNodeRefuses, frameworkErrorHandler, refuseMalformedRequest, registerErrorHandling } from '../web/error-handler.ts';
import { csrfTokenFromBody, securityHeaderOptions } from '../web/security.ts';
import { registerCompression } from '../web/compression.ts';
import { readFormBodiesOnly } from '../web/body-parsers.ts';
import { STATIC_ASSETS_PER_MINUTE, staticAssetBucket, staticAssetsPlugin } from '../web/static-plugin.ts';
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
  const log = options.log ?? mottakLogger(config);
  const applyHeaders = helmet(securityHeaderOptions(config.baseUrl) as HelmetOptions);
  const app = Fastify({
    loggerInstance: log,
    logController: new OneLinePerRequest(),
    trustProxy: config.trustedProxies,
    bodyLimit: 256 * 1024,
    pluginTimeout: 60_000,
    frameworkErrors: (error, request, reply) => applyHeaders(request.raw, reply.raw, () => frameworkErrorHandler(error, request, reply, renderMottakErrorPage)),
    clientErrorHandler: refuseMalformedRequest,
  });
  answerRequestsNodeRefuses(app.server);
  readFormBodiesOnly(app);
  app.decorate('mottak', services);
  registerErrorHandling(app, renderMottakErrorPage);

  await app.register(fastifyHelmet, securityHeaderOptions(config.baseUrl));
  await registerCompression(app);
  await app.register(rateLimit, {
    timeWindow: '1 minute',
    keyGenerator: (request) => staticAssetBucket(request) ?? request.ip,
    max: (_request, key) => (key.startsWith('static:') ? STATIC_ASSETS_PER_MINUTE : 600),
  });
  await app.register(formbody, { bodyLimit: 128 * 1024 });
  const secureCookie = config.baseUrl.protocol === 'https:' || ['localhost', '127.0.0.1'].includes(config.baseUrl.hostname);
  await app.register(secureSession, {
    key: createHash('sha256').update(`mottak-session:${config.sessionSecret}`).digest(),
    // `__Host-` in production: the browser keeps it to this host, https and path `/`.
    cookieName: config.production ? '__Host-mottak_session' : 'mottak_session',
    // Lax, not Strict: the login callback is a top-level navigation from the identity provider and
    // must carry the session; CSRF tokens guard every state-changing form.
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookie, maxAge: 12 * 60 * 60 },
    expiry: 12 * 60 * 60,
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session', getToken: csrfTokenFromBody });
  await app.register(staticAssetsPlugin);
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
    hmacKey: createHash('sha256').update(`mottak-idp-session-ids:${config.sessionSecret}`).digest(),
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
