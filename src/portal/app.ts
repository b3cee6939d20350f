// Composes the portal: infrastructure plugins first, then feature plugins. The portal never reads a
// receiving service's private key and never stores a submitted report's plaintext.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createWebApp } from '../web/web-app.ts';
import { pathOnOrigin } from '../web/return-to.ts';
import { languageSwitchPlugin } from '../web/language.ts';
import { START_LANGUAGES } from '../web/i18n.ts';
import { deriveKey } from '../crypto/sealing.ts';
import type { Config } from './config.ts';
import { type PortalDatabase } from './db/portal-database.ts';
import { renderErrorPage } from './web/portal-error-page.tsx';
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
import { innsynApiPlugin, INNSYN_API_PREFIX } from './innsyn/innsyn-api.ts';
import { loadInnsynKeys } from './innsyn/innsyn-keys.ts';
import { citizenCasesPlugin } from './innsyn/case-routes.tsx';
import { validateJournalpost, validateMappe } from '../domain/innsyn/validate-innsyn.ts';
import type { DeliveryServices } from './delivery/delivery-services.ts';
import { createPdfRenderer, type PdfRenderer } from './submission/pdf-renderer.ts';
import { portalLogger } from './logger.ts';

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

export async function buildPortalApp(deps: PortalDependencies): Promise<FastifyInstance> {
  const { config } = deps;
  // Machines' traffic (receiving systems pulling, and their token requests when the token issuer is
  // served on this origin) is logged by its own code, not once per request.
  const tokenIssuerPath = pathOnOrigin(config.maskinporten.issuer, config.baseUrl);
  const machinePrefixes = [DELIVERY_API_PREFIX, INNSYN_API_PREFIX, ...(tokenIssuerPath === undefined ? [] : [`${tokenIssuerPath}/`])];
  const app = await createWebApp({
    log: deps.log ?? portalLogger(config),
    baseUrl: config.baseUrl,
    trustedProxies: config.trustedProxies,
    bodyLimit: 1024 * 1024,
    formBodyLimit: 512 * 1024,
    renderErrorPage,
    quietRequest: (request) => machinePrefixes.some((prefix) => request.url.startsWith(prefix)),
    // Receiving systems calling the delivery API get a bucket of their own, larger: one installation
    // pulls for many services from one address, and must neither be throttled by the portal nor use
    // up the budget of a reporter behind the same address (a municipality's NAT).
    rateLimit: { perMinute: 300, bucket: (request) => (request.url.startsWith(DELIVERY_API_PREFIX) || request.url.startsWith(INNSYN_API_PREFIX) ? { key: `delivery-api:${request.ip}`, perMinute: 6000 } : undefined) },
    session: { key: deriveKey(config.sessionSecret, 'session-cookie'), cookieName: sessionCookieName(config.production), maxAgeSeconds: 24 * 60 * 60 },
  });
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

  await app.register(healthPlugin);
  await app.register(registryApiPlugin);
  await app.register(deliveryApiPlugin);
  // Citizen services are on where the operator has given the index its key (decision 024).
  const innsynKeys = config.innsyn.keyFile ? loadInnsynKeys(config.innsyn.keyFile, config.sessionSecret) : undefined;
  if (innsynKeys) {
    await app.register(innsynApiPlugin, {
      prefix: INNSYN_API_PREFIX,
      keys: innsynKeys,
      schemas: { mappe: validateMappe, journalpost: validateJournalpost },
      scope: config.innsyn.scope,
    });
  }
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
  if (innsynKeys) await app.register(citizenCasesPlugin, { keys: innsynKeys, childMinAge: config.innsyn.childMinAge });
  const geography = loadStatisticsGeography();
  app.decorate('statisticsGeography', geography);
  app.decorate('statistics', createStatisticsSnapshots(deps.database.db, geography, () => deps.delivery.clock.now()));
  await app.register(statisticsPlugin);
  return app;
}
