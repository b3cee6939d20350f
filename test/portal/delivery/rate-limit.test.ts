// A receiving system polling the delivery API from the same address as a reporter (a municipality's
// NAT, or mottak beside the portal in dev) must not use up the reporter's budget, nor be throttled
// at the reporter's pace.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../helpers/databases.ts';
import { startTestPortal, type TestPortal } from '../../helpers/portal.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryClient } from '../../../src/mottak/receiver/delivery-client.ts';
import { closeVisitorAddresses, useNewVisitorAddress } from '../portal-test-utils.ts';

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
});
