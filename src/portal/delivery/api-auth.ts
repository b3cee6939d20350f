// Access tokens for the delivery API: Maskinporten JWTs, verified against the issuer's published
// keys. The token names an organisation (consumer "0192:<orgnr>"); that organisation's service is
// the only one whose messages the request can reach.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../web/errors.ts';

export interface ApiCaller {
  serviceId: string;
  orgnr: string;
}

interface IssuerKeys {
  issuer: string;
  keys: JWTVerifyGetKey;
}

export function createTokenVerifier(options: { issuer: string; scope: string; db: Kysely<DB> }) {
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
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_.-]{20,4096})$/.exec(header);
    if (!match) throw new AppError('UNAUTHORIZED', 'no bearer token', 'mottakApi.noToken');
    let keys: IssuerKeys;
    try {
      keys = await issuerKeys();
    } catch (error) {
      request.log.error({ errMessage: (error as Error).message.slice(0, 200) }, 'token issuer unreachable');
      throw new AppError('UNAVAILABLE');
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(match[1]!, keys.keys, { issuer: keys.issuer, algorithms: ['RS256'], requiredClaims: ['exp', 'scope'] }));
    } catch {
      throw new AppError('UNAUTHORIZED', 'token not valid', 'mottakApi.invalidToken');
    }
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    if (!scopes.includes(options.scope)) throw new AppError('UNAUTHORIZED', 'scope missing', 'mottakApi.wrongScope');
    const consumer = payload.consumer as { ID?: unknown } | undefined;
    const orgnr = typeof consumer?.ID === 'string' ? /^0192:(\d{9})$/.exec(consumer.ID)?.[1] : undefined;
    if (!orgnr) throw new AppError('UNAUTHORIZED', 'no consumer organisation', 'mottakApi.invalidToken');
    const service = await options.db.selectFrom('services').select('id').where('orgnr', '=', orgnr).where('onboarded', '=', true).executeTakeFirst();
    if (!service) throw new AppError('UNAUTHORIZED', 'organisation is not a receiving service', 'mottakApi.notAService');
    return { serviceId: service.id, orgnr };
  };
}
