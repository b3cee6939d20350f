// A Maskinporten stand-in for dev and tests: the JWT-bearer grant (RFC 7523) as Maskinporten
// speaks it. A receiving system signs a short-lived grant with its integration key; we check it
// against the key registered for its client and answer with a signed access token that names the
// service's organisation (consumer "0192:<orgnr>"). Never mounted in production.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import formbody from '@fastify/formbody';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importSPKI, jwtVerify, SignJWT } from 'jose';
import { assertDevIdportenAllowed } from '../guard.ts';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Maskinporten's access tokens live 120 s by default; grants may live at most 120 s. */
const ACCESS_TOKEN_SECONDS = 120;
const MAX_GRANT_SECONDS = 120;
/** Maskinporten takes a grant only if its iat is less than 10 s from its own clock. */
const CLOCK_SKEW_SECONDS = 10;

export interface DevMaskinportenOptions {
  /** e.g. http://localhost:3000/dev/maskinporten; its path must equal the plugin's prefix. */
  issuer: string;
  /** The scopes a client may ask for. */
  scopes: string[];
  findClient(clientId: string): Promise<{ orgnr: string; publicKeyPem: string } | undefined>;
  /** Records a grant's jti; false when it was seen before (a replay). */
  useGrantOnce(jti: string, expiresAt: Date): Promise<boolean>;
}

class GrantError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_grant' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(description);
  }
}

export async function devMaskinportenPlugin(app: FastifyInstance, options: DevMaskinportenOptions): Promise<void> {
  assertDevIdportenAllowed();
  const issuer = options.issuer.replace(/\/$/, '');
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };

  // The token endpoint takes a form; the portal registers the parser at its root already.
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);

  // As Maskinporten: the issuer ends in a slash, the endpoints hang below it.
  app.get('/.well-known/oauth-authorization-server', async () => ({
    issuer: `${issuer}/`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwk`,
    grant_types_supported: [JWT_BEARER_GRANT],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    scopes_supported: options.scopes,
  }));

  app.get('/jwk', async () => ({ keys: [jwk] }));

  const fail = (reply: FastifyReply, error: GrantError) =>
    reply
      .status(error.error === 'invalid_client' ? 401 : 400)
      .header('cache-control', 'no-store')
      .send({ error: error.error, error_description: error.description, message: error.description });

  app.post('/token', async (request, reply) => {
    try {
      const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
      if (body.grant_type !== JWT_BEARER_GRANT) throw new GrantError('unsupported_grant_type', `grant_type must be ${JWT_BEARER_GRANT}`);
      if (typeof body.assertion !== 'string' || body.assertion.length > 8192) throw new GrantError('invalid_request', 'assertion is missing');
      const granted = await verifyGrant(body.assertion, issuer, options);
      const accessToken = await new SignJWT({
        scope: granted.scope,
        client_id: granted.clientId,
        consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${granted.orgnr}` },
        token_type: 'Bearer',
      })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
        .setIssuer(`${issuer}/`)
        .setIssuedAt()
        .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
        .setJti(randomUUID())
        .sign(privateKey);
      return reply.header('cache-control', 'no-store').send({ access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS, scope: granted.scope });
    } catch (error) {
      if (error instanceof GrantError) return fail(reply, error);
      // jose's errors say what failed (signature, exp, aud) without echoing secrets.
      return fail(reply, new GrantError('invalid_grant', `the grant was not accepted: ${(error as Error).message.slice(0, 120)}`));
    }
  });
}

async function verifyGrant(assertion: string, issuer: string, options: DevMaskinportenOptions) {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let unverified: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(assertion);
    unverified = decodeJwt(assertion);
  } catch {
    throw new GrantError('invalid_grant', 'the assertion is not a JWT');
  }
  if (header.alg !== 'RS256') throw new GrantError('invalid_grant', 'the assertion must be signed with RS256');
  const clientId = typeof unverified.iss === 'string' ? unverified.iss : '';
  const client = clientId ? await options.findClient(clientId) : undefined;
  if (!client) throw new GrantError('invalid_client', 'unknown client');
  const key = await importSPKI(client.publicKeyPem, 'RS256');
  // Maskinporten accepts its issuer URL with the trailing slash as audience; so do we, and without.
  const { payload } = await jwtVerify(assertion, key, {
    algorithms: ['RS256'],
    issuer: clientId,
    audience: [issuer, `${issuer}/`],
    clockTolerance: CLOCK_SKEW_SECONDS,
    requiredClaims: ['iat', 'exp', 'jti', 'scope'],
  });
  if (payload.exp! - payload.iat! > MAX_GRANT_SECONDS) throw new GrantError('invalid_grant', `the assertion may live at most ${MAX_GRANT_SECONDS} seconds`);
  // jose checks exp and nbf, not whether iat has come: a grant dated a year ahead would be good for
  // a year, and one copied off a client's disk could be spent whenever its thief liked.
  if (payload.iat! > Math.floor(Date.now() / 1000) + CLOCK_SKEW_SECONDS) {
    throw new GrantError('invalid_grant', `iat lies more than ${CLOCK_SKEW_SECONDS} seconds ahead of our clock`);
  }
  const scopes = String(payload.scope).split(' ').filter(Boolean);
  if (!scopes.length || scopes.some((s) => !options.scopes.includes(s))) throw new GrantError('invalid_scope', 'scope not allowed for this client');
  if (typeof payload.jti !== 'string' || payload.jti.length > 200) throw new GrantError('invalid_grant', 'jti is missing');
  if (!(await options.useGrantOnce(`${clientId}:${payload.jti}`, new Date((payload.exp! + CLOCK_SKEW_SECONDS) * 1000)))) {
    throw new GrantError('invalid_grant', 'this assertion has been used before');
  }
  return { clientId, orgnr: client.orgnr, scope: scopes.join(' ') };
}
