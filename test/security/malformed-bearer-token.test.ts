// Malformed bearer tokens on the delivery API: `Bearer abc`, a lower-case scheme, a double space
// or a token of 5,000 characters all answered "Mangler tilgangstoken" as if none had been sent,
// and a request with no token at all got error="invalid_token", which RFC 6750 §3.1 reserves for
// a token that was sent. Now each says what is wrong, in the challenge and in the message.
//
// PGlite only: the token is judged before any query that differs between the databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { translator } from '../../src/web/i18n.ts';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { closeVisitorAddresses, deliveryClientFor, useNewVisitorAddress } from '../kit/portal-visitors.ts';

const t = translator('nb');
const REALM = 'Bearer realm="meldeportal"';

interface Expected {
  status: number;
  challenge: string;
  error: string;
  messageKey: string;
}

const NO_TOKEN: Expected = { status: 401, challenge: REALM, error: 'UNAUTHORIZED', messageKey: 'mottakApi.noToken' };
const OTHER_SCHEME: Expected = { status: 401, challenge: REALM, error: 'UNAUTHORIZED', messageKey: 'mottakApi.otherScheme' };
const MALFORMED_HEADER: Expected = { status: 400, challenge: `${REALM}, error="invalid_request"`, error: 'BAD_REQUEST', messageKey: 'mottakApi.malformedHeader' };
const NOT_A_JWT: Expected = { status: 401, challenge: `${REALM}, error="invalid_token"`, error: 'UNAUTHORIZED', messageKey: 'mottakApi.malformedToken' };
const INVALID_TOKEN: Expected = { status: 401, challenge: `${REALM}, error="invalid_token"`, error: 'UNAUTHORIZED', messageKey: 'mottakApi.invalidToken' };

describe('the delivery API and malformed bearer tokens (pglite)', () => {
  let portal: TestPortal;
  let token: string;

  before(async () => {
    await useNewVisitorAddress();
    portal = await startTestPortal(testDatabases()[0]!);
    token = await deliveryClientFor(portal, readdirSync(join(portal.dataDir, 'receivers'))[0]!).accessToken();
  });
  after(async () => {
    await portal?.close();
    await closeVisitorAddresses();
  });

  const list = (authorization?: string) => fetch(new URL('/api/v1/mottak/meldinger', portal.url), { headers: authorization === undefined ? {} : { authorization } });

  async function assertRefused(authorization: string | undefined, expected: Expected): Promise<void> {
    const shown = authorization === undefined ? 'no Authorization header' : JSON.stringify(authorization.length > 60 ? `${authorization.slice(0, 60)}…` : authorization);
    const response = await list(authorization);
    assert.equal(response.status, expected.status, shown);
    assert.equal(response.headers.get('www-authenticate'), expected.challenge, shown);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/, shown);
    assert.deepEqual(await response.json(), { error: expected.error, message: t(expected.messageKey) }, shown);
  }

  test('no token at all: a challenge without an error code (RFC 6750 §3.1)', async () => {
    await assertRefused(undefined, NO_TOKEN);
    await assertRefused('', NO_TOKEN);
  });

  test('another scheme is no bearer token either: the challenge, and a message that says so', async () => {
    for (const header of ['Basic bWVsZGVwb3J0YWw6aGVtbWVsaWc=', `Token ${'a'.repeat(40)}`, `Bearer${token}`, 'Digest username="x"']) await assertRefused(header, OTHER_SCHEME);
  });

  test('an Authorization header that is not "Bearer <token>": 400 invalid_request', async () => {
    for (const header of ['Bearer', 'Bearer abc def', 'Bearer a,b', 'Bearer "abc"', 'Bearer æøå', `Bearer\t${token}`, `Bearer ${token} ${token}`, 'Bearer =abc']) {
      await assertRefused(header, MALFORMED_HEADER);
    }
  });

  test('a token that cannot be a Maskinporten token (not a JWT, over 4,096 characters): 401 invalid_token, said so', async () => {
    for (const header of ['Bearer abc', 'Bearer x.y', 'Bearer x.y.', `Bearer ${'a'.repeat(5000)}`, `Bearer ${'a'.repeat(2000)}.${'b'.repeat(2000)}.${'c'.repeat(200)}`]) {
      await assertRefused(header, NOT_A_JWT);
    }
  });

  test('a JWT that does not verify: 401 invalid_token, whatever case the scheme is written in', async () => {
    for (const header of ['bearer x.y.z', 'BEARER x.y.z', `Bearer ${token.slice(0, -4)}AAAA`]) await assertRefused(header, INVALID_TOKEN);
  });

  test('every refusal has a message of its own, none of them "no token"', () => {
    const keys = [NO_TOKEN, OTHER_SCHEME, MALFORMED_HEADER, NOT_A_JWT, INVALID_TOKEN].map((e) => t(e.messageKey));
    assert.equal(new Set(keys).size, keys.length);
  });

  test('a good token is taken in any case of the scheme and after one space or several (RFC 7235 §2.1)', async () => {
    for (const header of [`Bearer ${token}`, `bearer ${token}`, `BEARER ${token}`, `Bearer  ${token}`]) {
      const response = await list(header);
      assert.equal(response.status, 200, JSON.stringify(header.slice(0, 12)));
      assert.equal(response.headers.get('www-authenticate'), null);
      await response.arrayBuffer();
    }
  });
});
