// A receiving system polling the delivery API from the same address as a reporter (a municipality's
// NAT, or mottak beside the portal in dev) must not use up the reporter's budget, nor be throttled
// at the reporter's pace.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryClient } from '../../../src/mottak/receiver/delivery-client.ts';
import { closeVisitorAddresses, useNewVisitorAddress } from '../../kit/portal-visitors.ts';

describe('rate limits', () => {
  let portal: TestPortal;
  before(async () => {
    portal = await startTestPortal(testDatabases()[0]!);
    await useNewVisitorAddress();
  });
  after(async () => {
    await closeVisitorAddresses();
    await portal?.close();
  });

  test('delivery-API calls have their own, larger budget; pages from the same address still answer', async () => {
    const orgnr = readdirSync(join(portal.dataDir, 'receivers'))[0]!;
    const dir = join(portal.dataDir, 'receivers', orgnr);
    const client = new DeliveryClient({
      portalUrl: portal.url,
      tokenIssuer: new URL('/dev/maskinporten', portal.url).href,
      clientId: (JSON.parse(readFileSync(join(dir, 'integration.json'), 'utf8')) as { clientId: string }).clientId,
      integrationKeyPem: readFileSync(join(dir, 'integration.key.pem'), 'utf8'),
      scope: 'meldeportal:mottak',
    });
    // More calls than a reporter's budget (300 a minute): a receiving system polling many services.
    for (let i = 0; i < 400; i++) await client.listPending();
    const page = await fetch(new URL('/', portal.url));
    assert.equal(page.status, 200);
    const publicApi = await fetch(new URL('/api/v1/kommuner', portal.url));
    assert.equal(publicApi.status, 200);
  });

  test('a flood of delivery-API calls without a valid token counts towards the limit: 429 after it, not 401 forever', async () => {
    const LIMIT = 6000;
    // Through Fastify's whole request lifecycle without sockets (6,000 HTTP round trips would take
    // a minute on a loaded CI machine), from an address of its own so the budget is untouched.
    const call = (token: string | undefined) =>
      portal.app.inject({ method: 'GET', url: '/api/v1/mottak/meldinger', remoteAddress: '127.31.41.59', headers: token ? { authorization: `Bearer ${token}` } : {} });
    // Half without a token, half with a forged one: both are refused before any database work.
    const forged = 'eyJhbGciOiJSUzI1NiJ9.eyJzY29wZSI6Im1lbGRlcG9ydGFsOm1vdHRhayJ9.AAAAAAAAAAAAAAAAAAAAAAAA';
    const statuses = new Map<number, number>();
    for (let sent = 0; sent < LIMIT; sent += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, (_, i) => call((sent + i) % 2 === 0 ? undefined : forged)));
      for (const response of batch) statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    }
    assert.deepEqual([...statuses], [[401, LIMIT]], 'within the budget every call gets its 401');
    const over = await call(undefined);
    assert.equal(over.statusCode, 429);
    assert.equal(over.json().error, 'RATE_LIMITED');
    assert.ok(Number(over.headers['retry-after']) > 0, 'the answer says when to come back');
    assert.equal((await call(forged)).statusCode, 429);
    const page = await portal.app.inject({ method: 'GET', url: '/', remoteAddress: '127.31.41.59' });
    assert.equal(page.statusCode, 200, "a reporter behind the same address keeps the pages' own budget");
  });
});
