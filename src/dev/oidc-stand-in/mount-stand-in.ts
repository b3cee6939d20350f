// The machinery shared by the local stand-ins for identity providers (ID-porten for the portal,
// the municipality's IdP for mottak's caseworkers): a real OpenID Provider (oidc-provider) behind
// Fastify whose login is a page where a developer picks a made-up account. What differs between
// the stand-ins (accounts, claims, acr, texts) comes in through StandInSpec. This file mounts the
// parts; the provider's configuration, the login picker's routes and front-channel logout lie beside it.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Provider from 'oidc-provider';
import { frontchannelLogoutPage } from './frontchannel-logout.ts';
import { assertDevStandInAllowed } from '../guard.ts';
import { interactionRoutes } from './interaction-routes.ts';
import { logProviderEvents, providerConfiguration } from './provider-configuration.ts';
import type { StandInOptions, StandInSpec } from './stand-in-spec.ts';
import { standInPages } from './stand-in-pages.tsx';

/**
 * Mounts a stand-in on `app`, which must be the plugin context registered with the prefix equal to
 * the issuer's path. Refuses to run when NODE_ENV=production.
 */
export async function mountOidcStandIn(app: FastifyInstance, opts: StandInOptions, spec: StandInSpec): Promise<void> {
  assertDevStandInAllowed(spec.description);

  const issuer = new URL(opts.issuer);
  const mountPath = issuer.pathname.replace(/\/+$/, '');
  if (app.prefix !== mountPath) {
    throw new Error(`${spec.pluginName} is registered under prefix "${app.prefix}" but the issuer path is "${mountPath}"; they must match`);
  }

  const pages = standInPages(spec.localeNamespace, spec.choices);
  const provider = new Provider(issuer.href.replace(/\/+$/, ''), providerConfiguration(opts, spec, pages, mountPath));
  frontchannelLogoutPage(provider, opts, pages);
  logProviderEvents(provider, app.log.child({ component: spec.component }), spec.logLabel);

  await app.register(async (interactions) => interactionRoutes(interactions, provider, spec, pages, mountPath));
  await app.register(async (oidc) => oidcProviderRoutes(oidc, provider, mountPath));
}

/**
 * oidc-provider reads request bodies itself (token endpoint, logout form), so in this context no
 * Fastify parser may touch the stream. The catch-all parser below accepts every content type and
 * leaves the stream unread for oidc-provider.
 */
async function oidcProviderRoutes(app: FastifyInstance, provider: Provider, mountPath: string): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  const handle = provider.callback();
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    const req = request.raw as IncomingMessage & { originalUrl?: string };
    const url = req.url ?? '/';
    // oidc-provider routes on paths relative to its mount point and derives the mount point (for
    // the URLs it puts in discovery and redirects) from originalUrl minus url, like Express does.
    req.originalUrl = url;
    const rest = url.startsWith(mountPath) ? url.slice(mountPath.length) : url;
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    await handle(req, reply.raw);
  };
  app.all('/*', forward);
}
