// Logging out at the identity provider ends our sessions too: OpenID Connect Back-Channel Logout 1.0
// (the IdP POSTs a signed logout token) and Front-Channel Logout 1.0 (the IdP's logout page loads
// our URL with `iss` and `sid` in a hidden frame). ID-porten sends both; the stand-ins send the
// back-channel one. Shared by the portal (ID-porten) and mottak (the caseworker IdP).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { ServerSessions } from './server-sessions.ts';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** A logout token older than this is refused: the IdP sends it the moment the person logs out. */
const MAX_TOKEN_AGE_SECONDS = 5 * 60;
const CLOCK_TOLERANCE_SECONDS = 30;

export interface IdpLogoutOptions {
  /** Where the IdP's issuer and keys come from (its discovery document, fetched on first use). */
  idpMetadata: () => Promise<{ issuer: string; jwks_uri?: string | undefined }>;
  clientId: string;
  sessions: ServerSessions;
  /** The app's own database, for the jti of tokens already acted on (table used_logout_tokens). */
  db: Kysely<any>;
  clock: Clock;
  backchannelPath: string;
  frontchannelPath: string;
}

export class LogoutTokenError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Checks a logout token as the spec's section 2.6 says; returns whose sessions to end. */
export async function verifyLogoutToken(
  token: unknown,
  options: Pick<IdpLogoutOptions, 'idpMetadata' | 'clientId' | 'db' | 'clock'> & { jwks: JWTVerifyGetKey },
): Promise<{ subject: string | undefined; sid: string | undefined }> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 8192) throw new LogoutTokenError('missing_token');
  const metadata = await options.idpMetadata();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, options.jwks, {
      issuer: metadata.issuer,
      audience: options.clientId,
      algorithms: ['RS256', 'PS256', 'ES256'],
      currentDate: options.clock.now(),
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['iat', 'jti'],
    }));
  } catch (error) {
    throw new LogoutTokenError((error as { code?: string }).code?.slice(0, 64) ?? 'invalid_token');
  }
  const events = payload.events as Record<string, unknown> | undefined;
  if (!events || typeof events !== 'object' || typeof events[BACKCHANNEL_LOGOUT_EVENT] !== 'object') throw new LogoutTokenError('not_a_logout_token');
  // A nonce would make it an ID token passed off as a logout token.
  if ('nonce' in payload) throw new LogoutTokenError('nonce_present');
  const subject = typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined;
  const sid = typeof payload.sid === 'string' && payload.sid ? payload.sid : undefined;
  if (!subject && !sid) throw new LogoutTokenError('no_sub_or_sid');
  const jti = String(payload.jti).slice(0, 200);
  const now = options.clock.now();
  await options.db.deleteFrom('used_logout_tokens').where('expires_at', '<', now).execute();
  const inserted = await options.db
    .insertInto('used_logout_tokens')
    .values({ jti, expires_at: new Date(now.getTime() + 2 * (MAX_TOKEN_AGE_SECONDS + CLOCK_TOLERANCE_SECONDS) * 1000) })
    .onConflict((oc: any) => oc.column('jti').doNothing())
    .executeTakeFirst();
  if (Number(inserted?.numInsertedOrUpdatedRows ?? 0) === 0) throw new LogoutTokenError('replayed');
  return { subject, sid };
}

export function idpLogoutRoutes(app: FastifyInstance, options: IdpLogoutOptions): void {
  let jwks: JWTVerifyGetKey | undefined;
  const keys = async () => {
    if (jwks) return jwks;
    const metadata = await options.idpMetadata();
    if (!metadata.jwks_uri) throw new LogoutTokenError('no_jwks_uri');
    jwks = createRemoteJWKSet(new URL(metadata.jwks_uri));
    return jwks;
  };

  app.post(options.backchannelPath, async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const who = await verifyLogoutToken(body.logout_token, { ...options, jwks: await keys() });
      const ended = await options.sessions.endByIdp(who);
      request.log.info({ ended }, 'back-channel logout');
      return reply.code(200).send();
    } catch (error) {
      const code = error instanceof LogoutTokenError ? error.code : 'idp_unreachable';
      request.log.info({ errCode: code }, 'back-channel logout refused');
      // Section 2.8: 400 with an OAuth-style error when the token is not acted on.
      return reply.code(400).type('application/json; charset=utf-8').send({ error: 'invalid_request', message: 'Utloggingstokenet ble ikke godtatt.' });
    }
  });

  app.get<{ Querystring: { iss?: string; sid?: string } }>(options.frontchannelPath, async (request, reply) => {
    // Loaded in a hidden frame on the IdP's logout page: no cookie of ours comes along (SameSite),
    // so the IdP's session id is what finds the session. Answers the same whatever it finds.
    const { iss, sid } = request.query;
    let issuer: string | undefined;
    try {
      issuer = (await options.idpMetadata()).issuer;
    } catch {
      issuer = undefined;
    }
    if (issuer && iss === issuer && typeof sid === 'string' && sid.length > 0 && sid.length <= 256) {
      const ended = await options.sessions.endByIdp({ sid });
      request.log.info({ ended }, 'front-channel logout');
    }
    return reply
      .header('cache-control', 'no-store')
      .header('content-security-policy', `default-src 'none'; frame-ancestors ${issuer ? new URL(issuer).origin : "'none'"}`)
      .type('text/html; charset=utf-8')
      .send('<!doctype html><html lang="nb"><title>Logget ut</title></html>');
  });
}
