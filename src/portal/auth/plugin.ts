import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { loggedOutPage, sendAuthProblemPage } from './pages.tsx';
import { safeReturnTo } from '../../web/return-to.ts';
import { wantedLanguage } from '../../web/language.ts';
import { START_LANGUAGES } from '../../web/i18n.ts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { ServerSessions } from '../../web/server-sessions.ts';
import { idpLogoutRoutes } from '../../web/idp-logout.ts';
import { checkReporterSession, clearAuthentication, getAuthenticatedPerson } from './session.ts';
import { beginLogin, exchangeCode, freshTransaction, isProviderUnreachable, loginErrorCode } from '../../web/oidc-login.ts';

export type IdportenAcr = 'idporten-loa-substantial' | 'idporten-loa-high';

export interface AuthPluginOptions {
  /** ID-porten's issuer, e.g. https://idporten.no or http://localhost:3000/dev/idporten */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Absolute URL of GET /auth/callback as registered with ID-porten. */
  redirectUri: string;
  /** Allow an http issuer (the local stand-in). Never in production. */
  allowInsecureHttp: boolean;
  /** Lowest accepted security level. Default idporten-loa-high. */
  acr?: IdportenAcr;
  /**
   * When set, POST /auth/logout also ends the ID-porten session (RP-initiated logout) and
   * ID-porten sends the browser here afterwards. Must be registered with the client.
   */
  postLogoutRedirectUri?: string;
  /**
   * Runs first on POST /auth/logout: answers itself when the person should confirm first
   * ('answered'), or tidies up what the session holds besides the login and says whether an
   * unsent report was deleted, which the logged-out page then says too.
   */
  beforeLogout?: (request: FastifyRequest, reply: FastifyReply) => Promise<'answered' | 'proceed' | 'draft-deleted'>;
  /** How the client authenticates at the token endpoint. Default client_secret_basic. */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /** The server sessions every request is checked against (the portal's `sessions` table). */
  sessions: ServerSessions;
  /** Whose session it is, as stored: a keyed hash of the fnr, never the fnr. */
  principalOf: (fnr: string) => string;
  /** The portal's database (back-channel logout tokens already acted on) and clock. */
  db: Kysely<any>;
  clock: Clock;
}

/** What the session keeps across login and logout: the language, and the report begun before login. */
const KEPT_AT_LOGIN = ['lang', 'draftId', 'draftKey', 'receipts', 'submittedDraftId'] as const;

/**
 * A new session in the cookie: nothing planted before (a CSRF secret, a session id) carries over,
 * only what the person chose here themselves. Keeps the language at logout.
 */
function renewCookieSession(request: FastifyRequest, keep: readonly (typeof KEPT_AT_LOGIN)[number][]): void {
  const kept = keep.map((name) => [name, request.session.get(name)] as const);
  request.session.regenerate();
  for (const [name, value] of kept) if (value !== undefined) request.session.set(name, value as never);
}

const DISCOVERY_TIMEOUT_SECONDS = 10;
const ACR_RANK: Record<string, number> = { 'idporten-loa-substantial': 1, 'idporten-loa-high': 2 };

/**
 * ID-porten's metadata, fetched on first use rather than at registration: the issuer may be the
 * stand-in on this very server, which is not listening yet while plugins register. A failed
 * discovery is forgotten so the next login tries again.
 */
function lazyDiscovery(opts: AuthPluginOptions): () => Promise<oidc.Configuration> {
  let pending: Promise<oidc.Configuration> | undefined;
  const clientAuth =
    opts.tokenEndpointAuthMethod === 'client_secret_post'
      ? oidc.ClientSecretPost(opts.clientSecret)
      : oidc.ClientSecretBasic(opts.clientSecret);
  return () => {
    pending ??= oidc
      .discovery(new URL(opts.issuer), opts.clientId, { client_secret: opts.clientSecret }, clientAuth, {
        execute: opts.allowInsecureHttp ? [oidc.allowInsecureRequests] : [],
        timeout: DISCOVERY_TIMEOUT_SECONDS,
      })
      .catch((err: unknown) => {
        pending = undefined;
        throw err;
      });
    return pending;
  };
}

function loginHref(returnTo: string): string {
  return returnTo === '/' ? '/auth/login' : `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}

/**
 * Login with ID-porten (authorization code flow with PKCE, state and nonce) and logout.
 * Needs @fastify/secure-session registered before it; uses app.csrfProtection for logout when
 * @fastify/csrf-protection is registered.
 */
export async function authPlugin(app: FastifyInstance, opts: AuthPluginOptions): Promise<void> {
  const redirectUri = new URL(opts.redirectUri);
  // On every request of the whole app (the plugin is not encapsulated, see below).
  app.decorateRequest('reporter', null);
  app.addHook('onRequest', checkReporterSession(opts.sessions));
  const requiredAcr = opts.acr ?? 'idporten-loa-high';
  const getConfig = lazyDiscovery(opts);
  // Per-request logger so lines carry the request id; fields are codes only, never the person.
  const log = (request: FastifyRequest) => request.log.child({ component: 'auth' });

  async function configOrUnavailable(request: FastifyRequest, reply: FastifyReply, retryHref: string) {
    try {
      return await getConfig();
    } catch (err) {
      log(request).warn({ errCode: loginErrorCode(err) }, 'ID-porten discovery failed');
      sendAuthProblemPage(request, reply, 'unavailable', retryHref);
      return null;
    }
  }

  app.get<{ Querystring: { returnTo?: string } }>('/auth/login', async (request, reply) => {
    const returnTo = safeReturnTo(request.query.returnTo);
    if (getAuthenticatedPerson(request)) return reply.redirect(returnTo, 302);

    const config = await configOrUnavailable(request, reply, loginHref(returnTo));
    if (!config) return reply;

    // One login at a time per browser: a second /auth/login replaces the first, whose callback
    // then meets a state mismatch and gets the "try again" page.
    const { transaction, url } = await beginLogin(config, {
      redirectUri: redirectUri.href,
      returnTo,
      acr: requiredAcr,
      // ID-porten speaks bokmål, nynorsk, English and Northern Sámi: the login continues in ours.
      uiLocales: wantedLanguage(request, START_LANGUAGES),
      now: Date.now(),
    });
    request.session.set('loginTransaction', transaction);
    return reply.header('cache-control', 'no-store').redirect(url.href, 302);
  });

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>(CALLBACK_PATH, async (request, reply) => {
    const query = request.query;
    const transaction = request.session.get('loginTransaction');
    const fresh = freshTransaction(transaction, Date.now());
    const retryHref = loginHref(fresh?.returnTo ?? '/');

    // A callback whose state is not ours (forged, replayed, from another tab or an expired login)
    // is rejected without touching the pending transaction, so a forged request cannot break the
    // person's real login.
    if (!fresh || typeof query.state !== 'string' || query.state !== fresh.state) {
      log(request).info({ errCode: fresh ? 'state_mismatch' : 'no_login_transaction' }, 'login callback rejected');
      return sendAuthProblemPage(request, reply, 'failed', retryHref);
    }

    if (typeof query.error === 'string') {
      request.session.set('loginTransaction', undefined);
      log(request).info({ errCode: query.error.slice(0, 64) }, 'ID-porten returned an error');
      return sendAuthProblemPage(request, reply, query.error === 'access_denied' ? 'cancelled' : 'failed', retryHref);
    }

    const config = await configOrUnavailable(request, reply, retryHref);
    if (!config) return reply;

    let tokens: Awaited<ReturnType<typeof exchangeCode>>;
    try {
      tokens = await exchangeCode(config, redirectUri.href, request.url, fresh);
    } catch (err) {
      request.session.set('loginTransaction', undefined);
      log(request).warn({ errCode: loginErrorCode(err) }, 'login code exchange failed');
      return sendAuthProblemPage(request, reply, isProviderUnreachable(err) ? 'unavailable' : 'failed', retryHref);
    }
    request.session.set('loginTransaction', undefined);

    const claims = tokens.claims();
    const pid = claims?.pid;
    const name =
      typeof claims?.name === 'string' && claims.name.trim()
        ? claims.name.trim()
        : [claims?.given_name, claims?.family_name].filter((p) => typeof p === 'string' && p).join(' ');
    if (typeof pid !== 'string' || !/^\d{11}$/.test(pid) || !name) {
      log(request).warn({ errCode: 'missing_person_claims' }, 'ID token lacks pid or name');
      return sendAuthProblemPage(request, reply, 'failed', retryHref);
    }
    const acr = typeof claims?.acr === 'string' ? claims.acr : '';
    if ((ACR_RANK[acr] ?? 0) < (ACR_RANK[requiredAcr] ?? 0)) {
      log(request).warn({ errCode: 'insufficient_acr', acr: acr.slice(0, 64) }, 'login at too low a security level');
      return sendAuthProblemPage(request, reply, 'failed', retryHref);
    }

    // A login in this browser ends the one before it (another person's, or the same person's).
    const previous = request.session.get('sessionId');
    if (typeof previous === 'string') await opts.sessions.end(previous, 'relogin');
    renewCookieSession(request, KEPT_AT_LOGIN);
    const sessionId = await opts.sessions.start({
      principal: opts.principalOf(pid),
      idpSubject: typeof claims?.sub === 'string' ? claims.sub : pid,
      idpSid: typeof claims?.sid === 'string' ? claims.sid : undefined,
    });
    request.session.set('person', { fnr: pid, name });
    request.session.set('sessionId', sessionId);
    if (opts.postLogoutRedirectUri && tokens.id_token) request.session.set('idToken', tokens.id_token);
    log(request).info('login succeeded');
    return reply.header('cache-control', 'no-store').redirect(fresh.returnTo, 302);
  });

  app.post(
    '/auth/logout',
    app.hasDecorator('csrfProtection') ? { preHandler: app.csrfProtection } : {},
    async (request, reply) => {
      const before = (await opts.beforeLogout?.(request, reply)) ?? 'proceed';
      if (before === 'answered') return reply;
      const idToken = request.session.get('idToken');
      const sessionId = request.session.get('sessionId');
      if (typeof sessionId === 'string') await opts.sessions.end(sessionId, 'logout');
      clearAuthentication(request);
      // beforeLogout has dropped the draft's key; the new cookie keeps only the language.
      renewCookieSession(request, ['lang']);
      request.session.set('loggedOut', { draftDeleted: before === 'draft-deleted' });
      if (opts.postLogoutRedirectUri && idToken) {
        try {
          const config = await getConfig();
          if (config.serverMetadata().end_session_endpoint) {
            const endSession = oidc.buildEndSessionUrl(config, {
              id_token_hint: idToken,
              post_logout_redirect_uri: opts.postLogoutRedirectUri,
            });
            return reply.redirect(endSession.href, 303);
          }
        } catch (err) {
          // The portal session is gone either way; ID-porten's own session times out on its own.
          log(request).warn({ errCode: loginErrorCode(err) }, 'could not reach ID-porten for logout');
        }
      }
      return reply.redirect(LOGGED_OUT_PATH, 303);
    },
  );

  idpLogoutRoutes(app, {
    idpMetadata: async () => (await getConfig()).serverMetadata(),
    clientId: opts.clientId,
    sessions: opts.sessions,
    db: opts.db,
    clock: opts.clock,
    backchannelPath: BACKCHANNEL_LOGOUT_PATH,
    frontchannelPath: FRONTCHANNEL_LOGOUT_PATH,
  });

  // Where ID-porten sends the browser after its own logout, and the portal's own after a logout
  // that could not reach ID-porten. Says so once; a later visit (a bookmark) goes to the front page.
  app.get(LOGGED_OUT_PATH, async (request, reply) => {
    const loggedOut = request.session.get('loggedOut');
    if (!loggedOut || getAuthenticatedPerson(request)) return reply.redirect('/', 302);
    request.session.set('loggedOut', undefined);
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(loggedOutPage(request, reply, loggedOut.draftDeleted));
  });
}

// Not encapsulated: the session check (onRequest) must run for every route of the app.
(authPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const CALLBACK_PATH = '/auth/callback';
export const LOGGED_OUT_PATH = '/auth/logget-ut';
/** Registered with ID-porten as the client's backchannel_logout_uri and frontchannel_logout_uri. */
export const BACKCHANNEL_LOGOUT_PATH = '/auth/backchannel-logout';
export const FRONTCHANNEL_LOGOUT_PATH = '/auth/frontchannel-logout';
