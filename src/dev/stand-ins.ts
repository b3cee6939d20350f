// Development's half of the composition root: the portal and mottak as production runs them, plus
// what stands in for the outside world where Norway's test networks are out of reach (ID-porten,
// Maskinporten, the caseworker IdP, the print and notice providers' keys) and the demo registry.
// The apps never import this folder; they see issuer URLs and key files in their configuration
// (test/architecture/walls.test.ts holds them to it). src/server.ts loads this only outside
// production, and each stand-in refuses NODE_ENV=production on its own as well.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../portal/config.ts';
import type { Clock } from '../clock.ts';
import type { FastifyBaseLogger } from 'fastify';
import { startPortal, type PortalExtras, type RunningPortal } from '../portal/start-portal.ts';
import { BACKCHANNEL_LOGOUT_PATH, CALLBACK_PATH, FRONTCHANNEL_LOGOUT_PATH, LOGGED_OUT_PATH } from '../portal/auth/index.ts';
import { findApiClient, useGrantOnce } from '../portal/delivery/api-clients.ts';
import type { MottakConfig } from '../mottak/config.ts';
import { startMottak, type RunningMottak } from '../mottak/start-mottak.ts';
import { CASEWORKER_BACKCHANNEL_LOGOUT_PATH, CASEWORKER_CALLBACK_PATH, CASEWORKER_FRONTCHANNEL_LOGOUT_PATH, CASEWORKER_LOGGED_OUT_PATH } from '../mottak/auth/caseworker-auth.tsx';
import { devIdportenPlugin } from './idporten/index.ts';
import { devMaskinportenPlugin } from './maskinporten/plugin.ts';
import { devCaseworkerIdpPlugin } from './caseworker-idp/index.ts';
import { seedDemoRegistry } from './demo-registry.ts';
import { withDevCredentials } from './dev-credentials.ts';
import { assertDevStandInAllowed } from './guard.ts';
import { pathOnOrigin } from '../web/return-to.ts';

/** The demo registry and the stand-in IdPs, for a portal whose configuration names them. */
export function portalStandIns(config: Config): PortalExtras {
  return {
    ...(config.demoData
      ? {
          seed: (database, log) =>
            seedDemoRegistry(database.db, config.dataDir, {
              credentialCacheDir: config.demoKeyCacheDir,
              onGenerateKeys: (services) => log?.info(`Generating key pairs for ${services} demo services (only when a service has none)`),
            }),
        }
      : {}),
    ...(config.devIdentityProvider ? { mount: (app: FastifyInstance) => mountPortalIdps(app, config) } : {}),
  };
}

/**
 * ID-porten and Maskinporten stand-ins on the portal's origin, at the issuers the configuration
 * names; an issuer elsewhere (a real test IdP) is left to answer for itself.
 */
export async function mountPortalIdps(app: FastifyInstance, config: Config): Promise<void> {
  const maskinporten = pathOnOrigin(config.maskinporten.issuer, config.baseUrl);
  const idporten = pathOnOrigin(config.idporten.issuer, config.baseUrl);
  if (maskinporten !== undefined) await app.register(devMaskinportenPlugin, {
    prefix: maskinporten,
    issuer: config.maskinporten.issuer,
    scopes: [config.maskinporten.scope, config.innsyn.scope],
    findClient: (clientId) => findApiClient(app.database.db, clientId),
    useGrantOnce: (jti, expiresAt) => useGrantOnce(app.database.db, jti, expiresAt),
  });
  if (idporten !== undefined) await app.register(devIdportenPlugin, {
    prefix: idporten,
    issuer: config.idporten.issuer,
    clients: [registeredClient(config.baseUrl, config.idporten, { callback: CALLBACK_PATH, loggedOut: LOGGED_OUT_PATH, backchannel: BACKCHANNEL_LOGOUT_PATH, frontchannel: FRONTCHANNEL_LOGOUT_PATH })],
  });
}

/** The caseworker IdP stand-in on mottak's origin, at the issuer the configuration names. */
export async function mountMottakIdp(app: FastifyInstance, config: MottakConfig): Promise<void> {
  const prefix = pathOnOrigin(config.idp.issuer, config.baseUrl);
  if (prefix === undefined) return;
  await app.register(devCaseworkerIdpPlugin, {
    prefix,
    issuer: config.idp.issuer,
    clients: [
      registeredClient(config.baseUrl, config.idp, {
        callback: CASEWORKER_CALLBACK_PATH,
        loggedOut: CASEWORKER_LOGGED_OUT_PATH,
        backchannel: CASEWORKER_BACKCHANNEL_LOGOUT_PATH,
        frontchannel: CASEWORKER_FRONTCHANNEL_LOGOUT_PATH,
      }),
    ],
  });
}

/** The portal with development's keys, demo data and stand-in IdPs (`npm start`, and the tests). */
export async function startDevPortal(config: Config, options: { clock?: Clock; log?: FastifyBaseLogger } = {}): Promise<RunningPortal> {
  assertDevStandInAllowed('The development portal (src/dev/stand-ins.ts)');
  const withKeys = await withDevCredentials(config);
  return startPortal(withKeys, { ...options, extras: portalStandIns(withKeys) });
}

/** Mottak with the caseworker IdP stand-in when its configuration names one. */
export async function startDevMottak(config: MottakConfig, options: { clock?: Clock } = {}): Promise<RunningMottak> {
  assertDevStandInAllowed('The development mottak (src/dev/stand-ins.ts)');
  return startMottak(config, { ...options, ...(config.devIdentityProvider ? { mount: (app: FastifyInstance) => mountMottakIdp(app, config) } : {}) });
}

/** An app as its IdP registers it: its client credentials and where the IdP may send the browser and its logouts. */
function registeredClient(baseUrl: URL, client: { clientId: string; clientSecret: string }, paths: { callback: string; loggedOut: string; backchannel: string; frontchannel: string }) {
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUris: [new URL(paths.callback, baseUrl).href],
    postLogoutRedirectUris: [new URL(paths.loggedOut, baseUrl).href],
    backchannelLogoutUri: new URL(paths.backchannel, baseUrl).href,
    frontchannelLogoutUri: new URL(paths.frontchannel, baseUrl).href,
  };
}
