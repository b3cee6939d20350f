// Back-channel logout ends sessions on the word of a token the identity provider signed. Anyone can
// POST to the endpoint, so everything else must be refused: another key's signature, a token for
// another client or from another issuer, one that is not a logout token, an old one, and the same
// token twice. Checked against the function the route calls, with real RSA signatures and the
// portal's real database (the jti of each token acted on is kept there).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, SignJWT, type JWTPayload } from 'jose';
import { type PortalDatabase, migratePortalDatabase, openPortalDatabase } from '../../src/portal/db/portal-database.ts';
import { ManualClock } from '../../src/clock.ts';
import { BACKCHANNEL_LOGOUT_EVENT, LogoutTokenError, verifyLogoutToken } from '../../src/web/idp-logout.ts';
import { testDatabases } from '../kit/databases.ts';

const ISSUER = 'https://idporten.test';
const CLIENT_ID = 'meldeportal';

for (const database of testDatabases()) {
  describe(`a back-channel logout token is believed only when it is the IdP's, ours, fresh and new (${database.name})`, () => {
    let db: PortalDatabase;
    let drop: () => Promise<void>;
    const clock = new ManualClock(new Date('2026-12-07T12:00:00Z'));
    const idpKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
    let options: Parameters<typeof verifyLogoutToken>[1];

    before(async () => {
      const created = await database.create();
      drop = created.drop;
      db = await openPortalDatabase(created.databaseUrl ? { databaseUrl: created.databaseUrl } : {});
      await migratePortalDatabase(db.pool);
      const jwk = { ...(await exportJWK(idpKey.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
      options = { idpMetadata: async () => ({ issuer: ISSUER }), clientId: CLIENT_ID, db: db.db, clock, jwks: createLocalJWKSet({ keys: [jwk] }) };
    });
    after(async () => {
      await db.close();
      await drop();
    });

    async function token(claims: JWTPayload = {}, opts: { key?: typeof idpKey; kid?: string; iat?: Date } = {}): Promise<string> {
      const payload: JWTPayload = { sid: 'idp-session-1', sub: 'pairwise-sub', events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, jti: randomUUID(), ...claims };
      return new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'idp-1', typ: 'logout+jwt' })
        .setIssuer(typeof claims.iss === 'string' ? claims.iss : ISSUER)
        .setAudience(claims.aud ?? CLIENT_ID)
        .setIssuedAt(opts.iat ?? clock.now())
        .setExpirationTime(new Date((opts.iat ?? clock.now()).getTime() + 120_000))
        .sign((opts.key ?? idpKey).privateKey);
    }

    async function refusedWith(jwt: unknown): Promise<string> {
      try {
        await verifyLogoutToken(jwt, options);
      } catch (error) {
        assert.ok(error instanceof LogoutTokenError, String(error));
        return error.code;
      }
      assert.fail('the token was accepted');
    }

    test('a token the IdP signed for us names the session to end', async () => {
      assert.deepEqual(await verifyLogoutToken(await token(), options), { subject: 'pairwise-sub', sid: 'idp-session-1' });
    });

    test('signed with another key, even under the IdP key id: refused', async () => {
      assert.equal(await refusedWith(await token({}, { key: otherKey })), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    });

    test('unsigned (alg none): refused', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
      const body = Buffer.from(JSON.stringify({ iss: ISSUER, aud: CLIENT_ID, iat: clock.now().getTime() / 1000, jti: randomUUID(), sid: 'x', events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } })).toString('base64url');
      assert.notEqual(await refusedWith(`${header}.${body}.`), '');
    });

    test('for another client (audience) or from another issuer: refused', async () => {
      assert.equal(await refusedWith(await token({ aud: 'some-other-client' })), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
      assert.equal(await refusedWith(await token({ iss: 'https://evil.example' })), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
    });

    test('the same token twice (replayed jti): the second is refused', async () => {
      const once = await token();
      await verifyLogoutToken(once, options);
      assert.equal(await refusedWith(once), 'replayed');
    });

    test('not a logout token: without the event, with a nonce (an ID token), or naming no one', async () => {
      assert.equal(await refusedWith(await token({ events: {} })), 'not_a_logout_token');
      assert.equal(await refusedWith(await token({ nonce: 'abc' })), 'nonce_present');
      assert.equal(await refusedWith(await token({ sid: undefined, sub: undefined })), 'no_sub_or_sid');
      assert.equal(await refusedWith(await token({ jti: undefined })), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
    });

    test('issued long ago, or far in the future: refused', async () => {
      assert.equal(await refusedWith(await token({}, { iat: new Date(clock.now().getTime() - 10 * 60_000) })), 'ERR_JWT_EXPIRED');
      assert.notEqual(await refusedWith(await token({}, { iat: new Date(clock.now().getTime() + 10 * 60_000) })), '');
    });

    test('garbage and absent tokens: refused without an exception of another kind', async () => {
      for (const bad of [undefined, '', 'abc', 'a.b.c', 42, 'x'.repeat(9000)]) assert.notEqual(await refusedWith(bad), '');
    });
  });
}
