// Composes the portal: infrastructure plugins first, then feature plugins. The portal never reads a
// receiving service's private key and never stores a submitted report's plaintext.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { languageSwitchPlugin } from '../web/language.ts';
import { START_LANGUAGES } from '../web/i18n.ts';
import secureSession from '@fastify/secure-session';
import csrfProtection from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import { deriveKey } from './key-derivation.ts';
import type { Config } from './config.ts';
import { type PortalDatabase } from './db/portal-database.ts';
import { answerRequestsNodeRefuses, frameworkErrorHandler, refuseMalformedRequest, registerErrorHandling } from '../web/error-handler.ts';
import { renderErrorPage } from './web/portal-error-page.tsx';
import { csrfTokenFromBody, securityHeaderOptions } from '../web/security.ts';
import { registerCompression } from '../web/compression.ts';
import { readFormBodiesOnly } from '../web/body-parsers.ts';
import { STATIC_ASSETS_PER_MINUTE, staticAssetBucket, staticAssetsPlugin } from '../web/static-plugin.ts';
import { healthPlugin } from './health/health-routes.ts';
import { registryApiPlugin } from './registry/registry-api.ts';
import { startPagePlugin } from './start/start-routes.tsx';
import { infoPagesPlugin } from './info/info-routes.tsx';
import { sessionCookieName } from './auth/session.ts';
import { createServerSessions } from '../web/server-sessions.ts';
import { discardDraftAtLogout, journeyPlugin } from './journey/journey-routes.tsx';
import { reporterHash } from './journey/journey-session.ts';
import { myReportsPlugin } from './my-reports/my-reports-routes.tsx';
import { statisticsPlugin } from './statistics/statistics-routes.tsx';
import { createStatisticsSnapshots } from './statistics/statistics-snapshot.ts';
import { loadStatisticsGeography } from './statistics/geography.ts';
import { authPlugin, CALLBACK_PATH, LOGGED_OUT_PATH } from './auth/index.ts';
import { deliveryApiPlugin } from './delivery/delivery-api.ts';
import type { DeliveryServices } from './delivery/delivery-services.ts';
import { createPdfRenderer, type PdfRenderer } from './submission/pdf-renderer.ts';
import { createLogger } from '../logger.ts';
import { OneLinePerRequest } from '../web/request-log.ts';

const DELIVERY_API_PREFIX = '/api/v1/mottak/';

export interface PortalDependencies {
  config: Config;
  database: PortalDatabase;
  delivery: DeliveryServices;
  /** The logger start-up already writes to; made from the config when absent. */
  log?: FastifyBaseLogger;
  /**
   * What the composition root serves beside the portal, registered before login so it answers on
   * the same origin: outside production, the stand-in identity providers (src/dev/stand-ins.ts).
   * The portal itself knows only their issuer URLs, from the configuration.
   */
  mount?: (app: FastifyInstance) => Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: PortalDatabase;
    delivery: DeliveryServices;
    pdfRenderer: PdfRenderer;
  }
}

export function portalLogger(config: Config): FastifyBaseLogger {
  return createLogger(config.logLevel, config.logFormat).child({ app: 'portal' }) as FastifyBaseLogger;
}

export async function buildPortalApp(deps: PortalDependencies): Promise<FastifyInstance> {
  const { config } = deps;
  // The plugin and the bare helmet middleware ship separate copies of the same option types.
  const applyHeaders = helmet(securityHeaderOptions(config.baseUrl) as HelmetOptions);
  // Machines' traffic (receiving systems pulling, and their token requests when the token issuer is
  // served on this origin) is logged by its own code, not once per request.
  const issuer = new URL(config.maskinporten.issuer);
  const machinePrefixes = [DELIVERY_API_PREFIX, ...(issuer.origin === config.baseUrl.origin ? [`${issuer.pathname.replace(/\/$/, '')}/`] : [])];
  const app = Fastify({
    loggerInstance: deps.log ?? portalLogger(config),
    logController: new OneLinePerRequest((request) => machinePrefixes.some((prefix) => request.url.startsWith(prefix))),
    trustProxy: config.trustedProxies,
    bodyLimit: 1024 * 1024,
    // A mounted stand-in generates RSA keys while registering; on a loaded CI machine that can take
    // longer than Fastify's default 10 s.
    pluginTimeout: 60_000,
    // A request the router rejects (a malformed URL) never reaches the helmet hook; give its answer
    // the same headers by hand.
    frameworkErrors: (error, request, reply) => applyHeaders(request.raw, reply.raw, () => frameworkErrorHandler(error, request, reply, renderErrorPage)),
    clientErrorHandler: refuseMalformedRequest,
  });
  answerRequestsNodeRefuses(app.server);
  readFormBodiesOnly(app);
  app.decorate('config', config);
  app.decorate('database', deps.database);
  app.decorate('delivery', deps.delivery);
  const pdfRenderer = createPdfRenderer({
    threads: config.pdfWorkers,
    // The report is still rendered (on the event loop), but the operator should know.
    onWorkerError: (error) => app.log.error({ errMessage: error.message.slice(0, 200) }, 'OPERATOR: a PDF worker thread failed; rendering on the event loop until it is replaced'),
  });
  app.decorate('pdfRenderer', pdfRenderer);
  app.addHook('onClose', () => pdfRenderer.close());
  registerErrorHandling(app, renderErrorPage);

  await app.register(fastifyHelmet, securityHeaderOptions(config.baseUrl));
  await registerCompression(app);
  // Per address; the stylesheet and fonts in a bucket of their own (see staticAssetBucket). Receiving
  // systems calling the delivery API get a bucket of their own, larger: one installation pulls for
  // many services from one address, and must neither be throttled by the portal nor use up the
  // budget of a reporter behind the same address (a municipality's NAT).
  await app.register(rateLimit, {
    timeWindow: '1 minute',
    keyGenerator: (request) => staticAssetBucket(request) ?? (request.url.startsWith(DELIVERY_API_PREFIX) ? `delivery-api:${request.ip}` : request.ip),
    max: (_request, key) => (key.startsWith('delivery-api:') ? 6000 : key.startsWith('static:') ? STATIC_ASSETS_PER_MINUTE : 300),
  });
  // Counted here, before any other hook can answer: the plugin's own per-route hook runs after the
  // delivery API's token check, which would refuse a flood of bad tokens with 401 uncounted. (The
  // per-route hook then sees the request was counted and does nothing.)
  app.addHook('onRequest', app.rateLimit());
  await app.register(formbody, { bodyLimit: 512 * 1024 });
  const secureCookie = config.baseUrl.protocol === 'https:' || config.baseUrl.hostname === 'localhost' || config.baseUrl.hostname === '127.0.0.1';
  await app.register(secureSession, {
    key: deriveKey(config.sessionSecret, 'session-cookie'),
    cookieName: sessionCookieName(config.production),
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookie, maxAge: 24 * 60 * 60 },
    expiry: 24 * 60 * 60,
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session', getToken: csrfTokenFromBody });

  await app.register(staticAssetsPlugin);
  await app.register(healthPlugin);
  await app.register(registryApiPlugin);
  await app.register(deliveryApiPlugin);
  await deps.mount?.(app);
  const sessions = createServerSessions({
    db: deps.database.db,
    clock: deps.delivery.clock,
    lifetimes: config.sessionLifetimes,
    hmacKey: deriveKey(config.sessionSecret, 'idp-session-ids'),
  });
  await app.register(authPlugin, {
    sessions,
    principalOf: (fnr) => reporterHash(app, fnr),
    db: deps.database.db,
    clock: deps.delivery.clock,
    issuer: config.idporten.issuer,
    clientId: config.idporten.clientId,
    clientSecret: config.idporten.clientSecret,
    redirectUri: new URL(CALLBACK_PATH, config.baseUrl).href,
    postLogoutRedirectUri: new URL(LOGGED_OUT_PATH, config.baseUrl).href,
    beforeLogout: (request, reply) => discardDraftAtLogout(app, request, reply),
    allowInsecureHttp: !config.production,
  });
  await app.register(languageSwitchPlugin, { languages: START_LANGUAGES });
  await app.register(startPagePlugin);
  await app.register(infoPagesPlugin);
  await app.register(journeyPlugin);
  await app.register(myReportsPlugin);
  const geography = loadStatisticsGeography();
  app.decorate('statisticsGeography', geography);
  app.decorate('statistics', createStatisticsSnapshots(deps.database.db, geography, () => deps.delivery.clock.now()));
  await app.register(statisticsPlugin);
  return app;
}
