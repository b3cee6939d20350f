// When it is urgent, the reporter is pointed to the receiving service's own barnevernvakt: on the
// receipt, and when the service cannot receive right now. Where the registry has no number for it,
// the page says so and gives the police on 112; Alarmtelefonen (116 111) never stands in (issue 17).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { testDatabases } from '../../kit/databases.ts';
import { expireCertificatesOf, startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { decodeEntities, HttpClient } from '../../kit/http-client.ts';
import { walkPrivateJourneyToSummary } from '../../kit/journey.ts';
import { closeVisitorAddresses, useNewVisitorAddress } from '../../kit/portal-visitors.ts';

const mainText = (html: string) =>
  decodeEntities((/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .replace(/ ([:.,)])/g, '$1')
    .replace(/\( /g, '(');

for (const database of testDatabases()) {
  describe(`urgent contacts on the reporter's way (${database.name})`, () => {
    let portal: TestPortal;
    before(async () => {
      portal = await startTestPortal(database);
    });
    after(async () => {
      await portal?.close();
      await closeVisitorAddresses();
    });
    beforeEach(async () => {
      await useNewVisitorAddress();
    });

    async function emergencyOf(kommunenummer: string) {
      return portal.database.db
        .selectFrom('districts')
        .innerJoin('services', 'services.id', 'districts.service_id')
        .select(['services.name', 'services.emergency_phone'])
        .where('districts.kommunenummer', '=', kommunenummer)
        .executeTakeFirstOrThrow();
    }

    test('the receipt gives the service’s barnevernvakt, or says to call 112 and the service by day', async () => {
      for (const [postcode, kommunenummer, personIndex] of [
        ['1337', '3201', 2],
        ['7011', '5001', 3],
      ] as const) {
        const service = await emergencyOf(kommunenummer);
        const client = new HttpClient(portal.url);
        const receipt = await client.submit(await walkPrivateJourneyToSummary(client, { municipality: postcode, personIndex }), '/meld/send', {});
        assert.equal(receipt.status, 200, postcode);
        const text = mainText(receipt.text);
        assert.doesNotMatch(text, /116 ?111/, `${service.name}: not Alarmtelefonen`);
        if (service.emergency_phone) assert.ok(text.includes(`Haster det? Ring barnevernvakten på ${service.emergency_phone} eller 112 ved akutt fare.`), text);
        else assert.ok(text.includes(`Haster det? Er noen i fare nå, ring politiet på 112. Ellers kan du ringe ${service.name} på dagtid.`), text);
      }
      // Both kinds were seen: the demo has services with and without a number.
      assert.ok((await emergencyOf('3201')).emergency_phone);
      assert.equal((await emergencyOf('5001')).emergency_phone, null);
    });

    test('a service that cannot receive now: its day number, its barnevernvakt or that it is missing, and 112', async () => {
      await expireCertificatesOf(portal, '5001');
      const client = new HttpClient(portal.url);
      const refused = await client.submit(await walkPrivateJourneyToSummary(client, { municipality: '7011', personIndex: 4 }), '/meld/send', {});
      assert.equal(refused.status, 503);
      const text = mainText(refused.text);
      assert.match(text, /Barneverntjenesten på dagtid: \d/);
      assert.ok(text.includes('Barnevernvakten: Nummeret er ikke registrert her ennå.'), text);
      assert.ok(text.includes('Er noen i fare nå, ring politiet på 112.'), text);
      assert.doesNotMatch(text, /116 ?111/);
    });
  });
}
