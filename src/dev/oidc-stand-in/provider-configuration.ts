// The oidc-provider configuration behind every stand-in, and its events routed to the app's log:
// code flow with PKCE and lifetimes close to ID-porten's, so the apps meet what they meet in production.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type Provider from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { createMemoryAdapterClass } from './memory-adapter.ts';
import type { StandInPages } from './stand-in-pages.tsx';
import type { StandInOptions, StandInSpec } from './stand-in-spec.ts';

function generateSigningJwk(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
}

export function providerConfiguration(opts: StandInOptions, spec: StandInSpec, pages: StandInPages, mountPath: string): Configuration {
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

export function logProviderEvents(provider: Provider, log: FastifyBaseLogger, label: string): void {
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
