// A Maskinporten grant from the future: the stand-in took a JWT grant whose iat lay a year ahead
// (its exp 120 s after that), so a grant signed today could be spent at any time in the coming
// year. Maskinporten takes a grant only if its iat is less than 10 s from its own clock; so does
// the stand-in now, and a receiving system tested against it meets the rule before production.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { devMaskinportenPlugin, JWT_BEARER_GRANT } from '../../src/dev/maskinporten/plugin.ts';

const ISSUER = 'http://localhost/dev/maskinporten';
const SCOPE = 'meldeportal:mottak';
const CLIENT_ID = 'kommunens-fagsystem';

describe('the Maskinporten stand-in and the time a grant says it was made', () => {
  let app: FastifyInstance;
  let key: CryptoKey;

  before(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    const publicKeyPem = await exportSPKI(pair.publicKey);
    const used = new Set<string>();
    app = Fastify();
    await app.register(devMaskinportenPlugin, {
      prefix: '/dev/maskinporten',
      issuer: ISSUER,
      scopes: [SCOPE],
      findClient: async (clientId) => (clientId === CLIENT_ID ? { orgnr: '958935420', publicKeyPem } : undefined),
      useGrantOnce: async (jti) => !used.has(jti) && Boolean(used.add(jti)),
    });
  });
  after(async () => {
    await app?.close();
  });

  /** A grant made `aheadSeconds` from now by the client, living 60 s from its iat. */
  async function grantAhead(aheadSeconds: number): Promise<{ status: number; body: Record<string, unknown> }> {
    const iat = Math.floor(Date.now() / 1000) + aheadSeconds;
    const assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(CLIENT_ID)
      .setAudience(`${ISSUER}/`)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .setJti(randomUUID())
      .sign(key);
    const response = await app.inject({ method: 'POST', url: '/dev/maskinporten/token', payload: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    return { status: response.statusCode, body: response.json() };
  }

  test('a grant dated a year ahead, or a minute ahead, is refused as an invalid grant', async () => {
    for (const ahead of [365 * 24 * 60 * 60, 60 * 60, 60, 15]) {
      const answer = await grantAhead(ahead);
      assert.equal(answer.status, 400, `iat ${ahead} s ahead`);
      assert.equal(answer.body.error, 'invalid_grant');
      assert.match(String(answer.body.error_description), /iat/);
      assert.equal(answer.body.access_token, undefined);
    }
  });

  test('a grant made now, or a few seconds ahead or behind (clocks differ), is taken', async () => {
    for (const ahead of [0, 5, -5, -30]) {
      const answer = await grantAhead(ahead);
      assert.equal(answer.status, 200, `iat ${ahead} s from now: ${JSON.stringify(answer.body)}`);
      assert.equal(typeof answer.body.access_token, 'string');
    }
  });
});
