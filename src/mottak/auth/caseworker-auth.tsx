// Caseworker login through the municipality's identity provider (OIDC authorization code + PKCE,
// state and nonce, openid-client). The ID token says who the person is (`sub`, `name`), which
// service they work for (`service_orgnr`) and their roles; mottak admits only services it hosts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { randomUUID } from 'node:crypto';
import { h, renderDocument } from '../../web/jsx.ts';
import { safeReturnTo } from '../../web/return-to.ts';
import type { MottakDatabase } from '../db/mottak-database.ts';
import type { CaseworkerRole } from '../db/schema.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Clock } from '../../clock.ts';
import { MottakLayout, mottakContext } from '../web/mottak-layout.tsx';
import { checkCaseworkerSession, clearCaseworker } from './caseworker-session.ts';
import { beginLogin, exchangeCode, freshTransaction, isProviderUnreachable, loginErrorCode } from '../../web/oidc-login.ts';
import type { ServerSessions } from '../../web/server-sessions.ts';
import { idpLogoutRoutes } from '../../web/idp-logout.ts';

/** Registered with the caseworker IdP as the client's backchannel_logout_uri and frontchannel_logout_uri. */
export const CASEWORKER_CALLBACK_PATH = '/innlogging/callback';
export const CASEWORKER_LOGGED_OUT_PATH = '/utlogget';
export const CASEWORKER_BACKCHANNEL_LOGOUT_PATH = '/innlogging/backchannel-logout';
export const CASEWORKER_FRONTCHANNEL_LOGOUT_PATH = '/innlogging/frontchannel-logout';

export interface CaseworkerAuthOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  allowInsecureHttp: boolean;
  database: MottakDatabase;
  clock: Clock;
  /** Mottak's server sessions (its own `sessions` table), checked on every request. */
  sessions: ServerSessions;
}

type LoginProblem = 'failed' | 'cancelled' | 'unavailable' | 'notHosted' | 'noRole' | 'deactivated';
const PROBLEM_STATUS: Record<LoginProblem, number> = { failed: 400, cancelled: 400, unavailable: 503, notHosted: 403, noRole: 403, deactivated: 403 };

function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: LoginProblem): FastifyReply {
  const ctx = mottakContext(request, reply, { safe: true });
  const { t } = ctx;
  const html = renderDocument(
    <MottakLayout ctx={ctx} title={t(`mottak.login.problems.${problem}.title`)}>
      <h1 class="ds-heading" data-size="lg">
        {t(`mottak.login.problems.${problem}.title`)}
      </h1>
      <p class="ds-paragraph">{t(`mottak.login.problems.${problem}.body`)}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/innlogging">
          {t('mottak.login.tryAgain')}
        </a>
      </p>
    </MottakLayout>,
  );
  if (problem === 'unavailable') reply.header('retry-after', '30');
  return reply.code(PROBLEM_STATUS[problem]).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

/** The strongest role the token grants; a leder also does casework. */
function roleFrom(roles: unknown): CaseworkerRole | null {
  const list = Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
  if (list.includes('leder')) return 'leder';
  if (list.includes('saksbehandler')) return 'saksbehandler';
  return null;
}

export async function caseworkerAuthPlugin(app: FastifyInstance, opts: CaseworkerAuthOptions): Promise<void> {
  // On every request of the whole app (the plugin is not encapsulated, see below).
  app.decorateRequest('caseworkerSession', null);
  app.addHook('onRequest', checkCaseworkerSession(opts.sessions));
  let discovery: Promise<oidc.Configuration> | undefined;
  // Discovered on first use: in dev the issuer is this very server, not yet listening while plugins register.
  const config = () =>
    (discovery ??= oidc
      .discovery(new URL(opts.issuer), opts.clientId, { client_secret: opts.clientSecret }, oidc.ClientSecretBasic(opts.clientSecret), {
        execute: opts.allowInsecureHttp ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((err: unknown) => {
        discovery = undefined;
        throw err;
      }));

  app.get<{ Querystring: { returnTo?: string } }>('/innlogging', async (request, reply) => {
    const returnTo = safeReturnTo(request.query.returnTo);
    let configuration: oidc.Configuration;
    try {
      configuration = await config();
    } catch (err) {
      request.log.warn({ errCode: loginErrorCode(err) }, 'caseworker IdP discovery failed');
      return sendProblem(request, reply, 'unavailable');
    }
    const { transaction, url } = await beginLogin(configuration, { redirectUri: opts.redirectUri, returnTo: returnTo === '/' ? '/innboks' : returnTo, uiLocales: 'nb', now: Date.now() });
    request.session.set('caseworkerLogin', transaction);
    return reply.header('cache-control', 'no-store').redirect(url.href, 302);
  });

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>(CASEWORKER_CALLBACK_PATH, async (request, reply) => {
    const login = request.session.get('caseworkerLogin');
    const fresh = freshTransaction(login, Date.now());
    if (!fresh || request.query.state !== fresh.state) {
      request.log.info({ errCode: 'state_mismatch' }, 'caseworker login callback rejected');
      return sendProblem(request, reply, 'failed');
    }
    request.session.set('caseworkerLogin', undefined);
    if (typeof request.query.error === 'string') return sendProblem(request, reply, request.query.error === 'access_denied' ? 'cancelled' : 'failed');
    let tokens: Awaited<ReturnType<typeof exchangeCode>>;
    try {
      tokens = await exchangeCode(await config(), opts.redirectUri, request.url, fresh);
    } catch (err) {
      request.log.warn({ errCode: loginErrorCode(err) }, 'caseworker code exchange failed');
      return sendProblem(request, reply, isProviderUnreachable(err) ? 'unavailable' : 'failed');
    }
    const claims = tokens.claims();
    const subject = typeof claims?.sub === 'string' ? claims.sub : '';
    const name = typeof claims?.name === 'string' ? claims.name.trim() : '';
    const orgnr = typeof claims?.service_orgnr === 'string' ? claims.service_orgnr : '';
    const email = typeof claims?.email === 'string' ? claims.email : '';
    const role = roleFrom(claims?.roles);
    if (!subject || !name || !/^\d{9}$/.test(orgnr)) return sendProblem(request, reply, 'failed');
    if (!role) return sendProblem(request, reply, 'noRole');
    const { db } = opts.database;
    const service = await db.selectFrom('services').select(['id', 'name']).where('orgnr', '=', orgnr).executeTakeFirst();
    if (!service) {
      request.log.info({ errCode: 'service_not_hosted' }, 'caseworker of a service not hosted here');
      return sendProblem(request, reply, 'notHosted');
    }
    const now = opts.clock.now();
    const caseworker = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('caseworkers')
        .values({ id: randomUUID(), service_id: service.id, subject, name, email, role, last_login_at: now })
        .onConflict((oc) => oc.columns(['service_id', 'subject']).doUpdateSet({ name, email, role, last_login_at: now }))
        .returning(['id', 'deactivated_at'])
        .executeTakeFirstOrThrow();
      if (row.deactivated_at) return row;
      await appendAudit(trx, { serviceId: service.id, actorId: row.id, actorName: name, action: 'login', detail: { role }, ip: request.ip, at: now });
      return row;
    });
    if (caseworker.deactivated_at) {
      request.log.info({ errCode: 'caseworker_deactivated' }, 'login of a deactivated caseworker refused');
      return sendProblem(request, reply, 'deactivated');
    }
    // A new session for the logged-in person: nothing from before the login carries over but the
    // language the pages are read in.
    const previous = request.session.get('sessionId');
    if (typeof previous === 'string') await opts.sessions.end(previous, 'relogin');
    const sessionId = await opts.sessions.start({
      principal: caseworker.id,
      idpSubject: subject,
      idpSid: typeof claims?.sid === 'string' ? claims.sid : undefined,
      userAgent: request.headers['user-agent'],
      extra: { caseworker_id: caseworker.id, service_id: service.id },
    });
    const lang = request.session.get('lang');
    request.session.regenerate();
    if (lang) request.session.set('lang', lang);
    request.session.set('caseworker', { caseworkerId: caseworker.id, serviceId: service.id, serviceName: service.name, name, role });
    request.session.set('sessionId', sessionId);
    if (tokens.id_token) request.session.set('caseworkerIdToken', tokens.id_token);
    return reply.header('cache-control', 'no-store').redirect(fresh.returnTo, 302);
  });

  app.post('/utlogging', { preHandler: app.csrfProtection }, async (request, reply) => {
    const idToken = request.session.get('caseworkerIdToken');
    const sessionId = request.session.get('sessionId');
    if (typeof sessionId === 'string') await opts.sessions.end(sessionId, 'logout');
    clearCaseworker(request);
    const lang = request.session.get('lang');
    if (lang) {
      // Everything of the login goes; the language the "logged out" page is read in stays.
      request.session.regenerate();
      request.session.set('lang', lang);
    } else {
      request.session.delete();
    }
    if (idToken) {
      try {
        const endSession = oidc.buildEndSessionUrl(await config(), { id_token_hint: idToken, post_logout_redirect_uri: opts.postLogoutRedirectUri });
        return reply.redirect(endSession.href, 303);
      } catch (err) {
        request.log.warn({ errCode: loginErrorCode(err) }, 'could not reach the caseworker IdP for logout');
      }
    }
    return reply.redirect(CASEWORKER_LOGGED_OUT_PATH, 303);
  });

  idpLogoutRoutes(app, {
    idpMetadata: async () => (await config()).serverMetadata(),
    clientId: opts.clientId,
    sessions: opts.sessions,
    db: opts.database.db,
    clock: opts.clock,
    backchannelPath: CASEWORKER_BACKCHANNEL_LOGOUT_PATH,
    frontchannelPath: CASEWORKER_FRONTCHANNEL_LOGOUT_PATH,
  });

  app.get(CASEWORKER_LOGGED_OUT_PATH, async (request, reply) => {
    const ctx = mottakContext(request, reply);
    const { t } = ctx;
    return reply.type('text/html; charset=utf-8').send(
      renderDocument(
        <MottakLayout ctx={ctx} title={t('mottak.login.loggedOut.title')}>
          <h1 class="ds-heading" data-size="lg">
            {t('mottak.login.loggedOut.title')}
          </h1>
          <p class="ds-paragraph">
            <a class="ds-link" href="/innlogging">
              {t('mottak.login.loggedOut.again')}
            </a>
          </p>
        </MottakLayout>,
      ),
    );
  });
}

// Not encapsulated: the session check (onRequest) must run for every route of the app.
(caseworkerAuthPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
