// Access tokens for the delivery API: Maskinporten JWTs, verified against the issuer's published
// keys. The token names an organisation (consumer "0192:<orgnr>"); that organisation's service is
// the only one whose messages the request can reach.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { DB } from '../db/schema.ts';
import { AppError } from '../../web/errors.ts';

export interface ApiCaller {
  serviceId: string;
  orgnr: string;
}

interface IssuerKeys {
  issuer: string;
  keys: JWTVerifyGetKey;
}

/** Every challenge names the delivery API as one protection space (RFC 6750 §3). */
const CHALLENGE = 'Bearer realm="meldeportal"';
/** A Maskinporten access token is about a kilobyte; anything far longer is not one. */
const MAX_TOKEN_LENGTH = 4096;
/**
 * RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token. The scheme is case-insensitive (RFC 7235
 * §2.1): `bearer` and `BEARER` name the same scheme, and a client library that writes it so is not
 * wrong. One space or several, as the grammar allows.
 */
const BEARER_SCHEME = /^bearer(?:\s|$)/i;
const BEARER_CREDENTIALS = /^bearer +(.*)$/i;
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
/** A JWS in compact form: three base64url parts, the signature not empty. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * A refused credential as RFC 6750 §3.1 answers it: no error code when the request carries no
 * bearer token at all (none, or another scheme), `invalid_request` (400) when the Authorization
 * header is not `Bearer <token>`, `invalid_token` (401) when the token itself is not good.
 */
function refusal(kind: 'absent' | 'invalid_request' | 'invalid_token', why: string, messageKey: string): AppError {
  if (kind === 'absent') return new AppError('UNAUTHORIZED', why, messageKey, CHALLENGE);
  return new AppError(kind === 'invalid_request' ? 'BAD_REQUEST' : 'UNAUTHORIZED', why, messageKey, `${CHALLENGE}, error="${kind}"`);
}

/** The bearer token of an Authorization header, or the refusal that says what is wrong with it. */
export function bearerTokenOf(header: string | undefined): string {
  if (!header) throw refusal('absent', 'no bearer token', 'mottakApi.noToken');
  if (!BEARER_SCHEME.test(header)) throw refusal('absent', 'not the bearer scheme', 'mottakApi.otherScheme');
  const credentials = BEARER_CREDENTIALS.exec(header)?.[1] ?? '';
  if (!B64TOKEN.test(credentials)) throw refusal('invalid_request', 'malformed authorization header', 'mottakApi.malformedHeader');
  if (credentials.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(credentials)) throw refusal('invalid_token', 'not a JWT', 'mottakApi.malformedToken');
  return credentials;
}

export function createTokenVerifier(options: { issuer: string; scope: string; db: Kysely<DB>; wrongScopeKey?: string }) {
  let discovered: Promise<IssuerKeys> | undefined;

  async function discover(): Promise<IssuerKeys> {
    const url = `${options.issuer.replace(/\/$/, '')}/.well-known/oauth-authorization-server`;
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`issuer metadata answered HTTP ${response.status}`);
    const metadata = (await response.json()) as { issuer?: string; jwks_uri?: string };
    if (!metadata.issuer || !metadata.jwks_uri) throw new Error('issuer metadata lacks issuer or jwks_uri');
    return { issuer: metadata.issuer, keys: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
  }

  function issuerKeys(): Promise<IssuerKeys> {
    // A failed discovery is retried on the next request rather than remembered.
    discovered ??= discover().catch((error) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  }

  return async function authenticate(request: FastifyRequest): Promise<ApiCaller> {
    const token = bearerTokenOf(request.headers.authorization);
    let keys: IssuerKeys;
    try {
      keys = await issuerKeys();
    } catch (error) {
      request.log.error({ errMessage: (error as Error).message.slice(0, 200) }, 'token issuer unreachable');
      throw new AppError('UNAVAILABLE');
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys.keys, { issuer: keys.issuer, algorithms: ['RS256'], requiredClaims: ['exp', 'scope'] }));
    } catch {
      throw refusal('invalid_token', 'token not valid', 'mottakApi.invalidToken');
    }
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    if (!scopes.includes(options.scope)) throw refusal('invalid_token', 'scope missing', options.wrongScopeKey ?? 'mottakApi.wrongScope');
    const consumer = payload.consumer as { ID?: unknown } | undefined;
    const orgnr = typeof consumer?.ID === 'string' ? /^0192:(\d{9})$/.exec(consumer.ID)?.[1] : undefined;
    if (!orgnr) throw refusal('invalid_token', 'no consumer organisation', 'mottakApi.invalidToken');
    const service = await options.db.selectFrom('services').select('id').where('orgnr', '=', orgnr).where('onboarded', '=', true).executeTakeFirst();
    if (!service) throw refusal('invalid_token', 'organisation is not a receiving service', 'mottakApi.notAService');
    return { serviceId: service.id, orgnr };
  };
}
