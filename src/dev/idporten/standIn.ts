// The machinery shared by the local stand-ins for identity providers (ID-porten for the portal,
// the municipality's IdP for mottak's caseworkers): a real OpenID Provider (oidc-provider) behind
// Fastify whose login is a page where a developer picks a made-up account. What differs between
// the stand-ins (accounts, claims, acr, texts) comes in through StandInSpec.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import Provider, { errors, type ClaimsObject, type Configuration, type Interaction, type KoaContextWithOIDC } from 'oidc-provider';
import { assertDevStandInAllowed } from './guard.ts';
import { createMemoryAdapterClass } from './memoryAdapter.ts';
import { standInPages, type StandInLoginChoices, type StandInPages } from './standInPages.tsx';

export interface StandInClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** Where the stand-in POSTs a logout token when the person logs out (Back-Channel Logout 1.0), as ID-porten does. */
  backchannelLogoutUri?: string;
  /**
   * Loaded in a hidden frame with `iss` and `sid` after the person logs out (Front-Channel Logout
   * 1.0), as ID-porten does. oidc-provider 8 has no front-channel logout: the stand-in draws that
   * page itself (frontchannelLogoutPage).
   */
  frontchannelLogoutUri?: string;
}

export interface StandInOptions {
  /** e.g. http://localhost:3000/dev/idporten; its path must equal the prefix the plugin is registered under. */
  issuer: string;
  clients: StandInClient[];
}

export interface StandInSpec {
  /** Names the stand-in in the production guard's error, e.g. "The ID-porten stand-in (src/dev/idporten)". */
  description: string;
  /** The exported plugin's name, for the error about a prefix that does not match the issuer. */
  pluginName: string;
  /** Log component and the label log lines start with, e.g. 'dev-idporten' and 'dev ID-porten'. */
  component: string;
  logLabel: string;
  /** Locale namespace of the pages (same key layout as devIdporten.json). */
  localeNamespace: string;
  choices: StandInLoginChoices;
  /** The scopes and the claims each releases; list acr, amr and auth_time under some scope to release them. */
  claims: Record<string, string[]>;
  acrValues: string[];
  /** What every login through the picker is recorded as. */
  login: { acr: string; amr: string[] };
  /** The claims of the account with this `sub`, or undefined when there is none. */
  findClaims(sub: string): ClaimsObject | undefined;
}

function generateSigningJwk(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
}

function providerConfiguration(opts: StandInOptions, spec: StandInSpec, pages: StandInPages, mountPath: string): Configuration {
  return {
    adapter: createMemoryAdapterClass(),
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // oidc-provider accepts client_secret_post for a client registered with _basic and vice versa.
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
      // With the session id in ID and logout tokens, a logout ends exactly the session it names.
      ...(c.backchannelLogoutUri ? { backchannel_logout_uri: c.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
    })),
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    responseTypes: ['code'],
    pkce: { methods: ['S256'], required: () => true },
    scopes: Object.keys(spec.claims),
    // Standalone claims (null) are requestable on their own; oidc-provider still masks acr and amr
    // unless some granted scope lists them too.
    claims: { ...spec.claims, acr: null, amr: null, auth_time: null, sid: null, iss: null },
    // The relying parties read the person from the ID token, as with the real providers, rather
    // than calling userinfo; without this oidc-provider keeps scope claims out of the ID token.
    conformIdTokenClaims: false,
    acrValues: spec.acrValues,
    subjectTypes: ['public'],
    findAccount: (_ctx, sub) => {
      const claims = spec.findClaims(sub);
      return claims && { accountId: claims.sub, claims: () => ({ ...claims }) };
    },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: false },
      backchannelLogout: { enabled: true },
      introspection: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = pages.logout(form);
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = pages.loggedOut();
        },
      },
    },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // Lax rather than oidc-provider's default None: None needs Secure, which plain-http dev lacks.
      // The SSO cookie is scoped to the stand-in so it does not ride along on every app request,
      // and so two stand-ins on one origin keep apart.
      long: { httpOnly: true, sameSite: 'lax', signed: true, path: mountPath || '/' },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    jwks: { keys: [generateSigningJwk()] },
    // Roughly ID-porten's: short-lived codes and tokens, an SSO session of at most two hours.
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 30 * 60,
      Session: 2 * 60 * 60,
      Grant: 2 * 60 * 60,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = pages.error(out.error);
    },
  };
}

function logProviderEvents(provider: Provider, log: FastifyBaseLogger, label: string): void {
  // Codes and descriptions only: they name clients and parameters, never the person.
  const describe = (err: unknown) => {
    const e = err as { error?: string; error_description?: string; message?: string };
    return { code: e.error ?? 'unknown', description: e.error_description ?? e.message };
  };
  provider.on('server_error', (_ctx: unknown, err: unknown) => log.error({ err }, `${label} server error`));
  for (const event of ['authorization.error', 'grant.error', 'end_session.error', 'backchannel.error', 'userinfo.error', 'jwks.error', 'discovery.error']) {
    provider.on(event, (_ctx: unknown, err: unknown) => log.warn(describe(err), `${label} ${event}`));
  }
  // Koa logs to console.error unless someone listens; route it through pino instead.
  provider.app.on('error', (err: unknown) => log.error({ err }, `${label} koa error`));
}

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
 * After "Logg ut" is confirmed, oidc-provider answers with a redirect. Where the ended session had
 * logged in to clients with a front-channel logout URL, the stand-in answers instead with a page that
 * loads each URL (with the issuer and that client's session id) in a hidden frame, then goes on to
 * the same redirect: ID-porten's logout page does this.
 */
function frontchannelLogoutPage(provider: Provider, opts: StandInOptions, pages: StandInPages): void {
  const uris = new Map(opts.clients.filter((c) => c.frontchannelLogoutUri).map((c) => [c.clientId, c.frontchannelLogoutUri!]));
  if (uris.size === 0) return;
  provider.use(async (ctx, next) => {
    await next();
    const oidc = ctx.oidc as KoaContextWithOIDC['oidc'] | undefined;
    if (oidc?.route !== 'end_session_confirm' || ctx.status !== 303) return;
    const authorizations = oidc.session?.authorizations ?? {};
    const frames: string[] = [];
    for (const [clientId, { sid }] of Object.entries(authorizations)) {
      const uri = uris.get(clientId);
      if (!uri || !sid) continue;
      const url = new URL(uri);
      url.searchParams.set('iss', opts.issuer.replace(/\/+$/, ''));
      url.searchParams.set('sid', sid);
      frames.push(url.href);
    }
    if (frames.length === 0) return;
    const next303 = ctx.response.get('location');
    ctx.status = 200;
    ctx.type = 'html';
    ctx.remove('location');
    ctx.body = pages.frontchannel(frames, next303);
  });
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

/**
 * The interaction form has no separate CSRF token. Its protection is oidc-provider's own
 * interaction cookie: it is signed, HttpOnly, SameSite=Lax and scoped to this interaction's path,
 * so a cross-site POST arrives without it and interactionDetails() fails; and the uid in the URL
 * must be the interaction that cookie points to. A forged form can thus neither finish someone
 * else's interaction nor log the victim in as an account of the attacker's choosing.
 */
async function interactionRoutes(
  app: FastifyInstance,
  provider: Provider,
  spec: StandInSpec,
  pages: StandInPages,
  mountPath: string,
): Promise<void> {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);

  const paths = (uid: string) => ({
    actionPath: `${mountPath}/interaction/${encodeURIComponent(uid)}/login`,
    abortPath: `${mountPath}/interaction/${encodeURIComponent(uid)}/abort`,
  });

  const html = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

  async function load(request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply): Promise<Interaction | null> {
    try {
      const interaction = await provider.interactionDetails(request.raw, reply.raw);
      if (interaction.uid === request.params.uid) return interaction;
    } catch (err) {
      if (!(err instanceof errors.SessionNotFound)) throw err;
    }
    await html(reply, 400, pages.expired());
    return null;
  }

  async function grantFor(interaction: Interaction, accountId: string): Promise<string> {
    const clientId = String(interaction.params.client_id);
    const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
    const grant = existing && existing.accountId === accountId ? existing : new provider.Grant({ accountId, clientId });
    const requested = String(interaction.params.scope ?? '').split(' ');
    grant.addOIDCScope(Object.keys(spec.claims).filter((s) => requested.includes(s)).join(' '));
    const missingClaims = interaction.prompt.details.missingOIDCClaims;
    if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims.map(String));
    return grant.save();
  }

  app.get<{ Params: { uid: string } }>('/interaction/:uid', async (request, reply) => {
    const interaction = await load(request, reply);
    if (!interaction) return reply;
    if (interaction.prompt.name === 'login') {
      return html(reply, 200, pages.login({ ...paths(interaction.uid), missingChoice: false }));
    }
    // Already logged in here (SSO), only consent is missing: the providers played here never ask
    // for consent.
    const accountId = interaction.session?.accountId;
    if (!accountId) return html(reply, 400, pages.expired());
    const grantId = await grantFor(interaction, accountId);
    const returnTo = await provider.interactionResult(request.raw, reply.raw, { consent: { grantId } });
    return reply.redirect(returnTo, 303);
  });

  app.post<{ Params: { uid: string }; Body: Record<string, unknown> | undefined }>('/interaction/:uid/login', async (request, reply) => {
    const interaction = await load(request, reply);
    if (!interaction) return reply;
    const sub = request.body?.[spec.choices.field];
    const chosen = typeof sub === 'string' ? spec.findClaims(sub) : undefined;
    if (!chosen) {
      return html(reply, 400, pages.login({ ...paths(interaction.uid), missingChoice: true }));
    }
    // Consent is granted in the same step, so no consent prompt follows.
    const grantId = await grantFor(interaction, chosen.sub);
    const returnTo = await provider.interactionResult(
      request.raw,
      reply.raw,
      // remember: false makes the SSO cookie last for the browser session only, like ID-porten's.
      { login: { accountId: chosen.sub, acr: spec.login.acr, amr: spec.login.amr, remember: false }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    return reply.redirect(returnTo, 303);
  });

  app.post<{ Params: { uid: string } }>('/interaction/:uid/abort', async (request, reply) => {
    const interaction = await load(request, reply);
    if (!interaction) return reply;
    const returnTo = await provider.interactionResult(
      request.raw,
      reply.raw,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      { mergeWithLastSubmission: false },
    );
    return reply.redirect(returnTo, 303);
  });
}
