// The portal counts what the statistics show, in the transaction of the event itself: a report sent
// (by municipality, district, month and reporter type), a delivery (by channel and how long it took),
// a fallback to print. The counts outlive the reports: deleting reports changes no history. And the
// migration's count of reports sent before it equals what live counting gives.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ManualClock } from '../../../src/clock.ts';
import { sweepDeliveries } from '../../../src/portal/delivery/delivery-jobs.ts';
import { osloMonth } from '../../../src/domain/statistics/measures.ts';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { sendPrivateReport, deliveryClientFor, waitForReportStatus } from '../../kit/portal-visitors.ts';

const HOUR = 60 * 60 * 1000;

for (const database of testDatabases()) {
  describe(`statistics counts (${database.name})`, () => {
    let portal: TestPortal;
    // Delivery reads this clock; the submit itself is stamped with the real time (certificates are
    // checked against it).
    const clock = new ManualClock();
    before(async () => {
      portal = await startTestPortal(database, {}, { clock });
    });
    after(async () => {
      await portal?.close();
    });
    const db = () => portal.database.db;

    async function counts(): Promise<Record<string, number>> {
      const rows = await db().selectFrom('statistics_counts').selectAll().execute();
      return Object.fromEntries(rows.map((r) => [`${r.month} ${r.kommunenummer}/${r.bydelsnummer} ${r.measure}`, Number(r.count)]));
    }
    const statusOf = (id: string) => db().selectFrom('reports').select(['status', 'delivery_channel']).where('id', '=', id).executeTakeFirstOrThrow();
    const clientFor = (orgnr: string) => deliveryClientFor(portal, orgnr);

    test('sent, delivered through the receiving system, and sent to print when it stays silent: each counted once, with the month it was sent', async () => {
      const first = await sendPrivateReport(portal, { municipality: '1337', personIndex: 0 });
      const second = await sendPrivateReport(portal, { municipality: '1337', personIndex: 1 });
      const row = await db().selectFrom('reports').select(['bydelsnummer', 'received_at']).where('id', '=', first.id).executeTakeFirstOrThrow();
      const month = osloMonth(row.received_at);
      const key = (measure: string) => `${month} 3201/${row.bydelsnummer} ${measure}`;
      assert.deepEqual(await counts(), { [key('sendt.privat')]: 2 });

      // Delivered half an hour later (whatever month that is: counted with the month it was sent).
      await waitForReportStatus(portal, first.id, 'SENDT_FAGSYSTEM');
      await waitForReportStatus(portal, second.id, 'SENDT_FAGSYSTEM');
      clock.set(new Date(clock.now().getTime() + HOUR / 2));
      await clientFor(first.orgnr).answer(first.id, { type: 'mottatt' });
      // A second receipt for the same report changes nothing.
      await clientFor(first.orgnr).answer(first.id, { type: 'mottatt' }).catch(() => undefined);
      assert.deepEqual(await counts(), { [key('sendt.privat')]: 2, [key('levert.fagsystem')]: 1, [key('leveringstid.under-1t')]: 1 });

      // The other waits past its deadline and goes by post.
      clock.set(new Date(clock.now().getTime() + 5 * 24 * HOUR));
      await sweepDeliveries({ db: db(), outbox: portal.app.delivery.outbox, clock, printAdapter: portal.app.delivery.printAdapter, retentionDays: 7, log: portal.app.log });
      await waitForReportStatus(portal, second.id, 'LEVERT');
      assert.equal((await statusOf(second.id)).delivery_channel, 'print');
      assert.deepEqual(await counts(), {
        [key('sendt.privat')]: 2,
        [key('levert.fagsystem')]: 1,
        [key('leveringstid.under-1t')]: 1,
        [key('til-print')]: 1,
        [key('levert.print')]: 1,
        [key('leveringstid.over-3d')]: 1,
      });
    });

    test('the migration counts reports sent before it exactly as live counting does', async () => {
      const live = await counts();
      const migration = readFileSync(join(import.meta.dirname, '../../../src/portal/db/migrations/006-statistics.sql'), 'utf8');
      await sql`drop table statistics_counts`.execute(db());
      await sql.raw(migration).execute(db());
      assert.deepEqual(await counts(), live);
    });

    test('deleting the reports leaves the counts as they were', async () => {
      const before = await counts();
      assert.ok(Object.keys(before).length > 0);
      await db().deleteFrom('reports').execute();
      assert.deepEqual(await counts(), before);
    });
  });
}

describe('the month a report is counted in', () => {
  test('is the Oslo month: 23:30 on 31 October in Oslo is October, though UTC is in November an hour later', () => {
    assert.equal(osloMonth(new Date('2026-10-31T22:30:00Z')), '2026-10-01');
    assert.equal(osloMonth(new Date('2026-10-31T23:30:00Z')), '2026-11-01');
    // Summer time: 00:30 on 1 July in Oslo is 22:30 UTC on 30 June.
    assert.equal(osloMonth(new Date('2026-06-30T22:30:00Z')), '2026-07-01');
  });
});
