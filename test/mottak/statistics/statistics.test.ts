// The reporting bank's receiving half, end to end over HTTP: reports sent through the real portal are
// pulled by mottak, concluded by a caseworker (one in time, one after its § 2-1 deadline passed), and
// mottak counts it all, apart from the reports, and sends the portal aggregates only, with its own
// token. The portal keeps the latest figures per month and publishes them protected; the service's
// manager sees them unprotected. Bad figures are refused with a clear answer and change nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock.ts';
import { osloMonth } from '../../../src/domain/statistics/measures.ts';
import { windowMonths } from '../../../src/domain/statistics/publish.ts';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { startTestMottak, loginCaseworker, type TestMottak } from '../../kit/mottak.ts';
import { HttpClient, csrfToken } from '../../kit/http-client.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { deliveryClientFor, sendPrivateReport } from '../../kit/portal-visitors.ts';
import { waitFor } from '../../kit/wait.ts';
import type { StatisticsExport } from '../../../src/portal/statistics/statistics-export.ts';

const DAY = 24 * 60 * 60 * 1000;
const TRONDHEIM_WORKER = 'Sigrid Aune';
const TRONDHEIM_MANAGER = 'Magnus Rørvik';

for (const database of testDatabases()) {
  describe(`statistics from mottak (${database.name})`, () => {
    const clock = new ManualClock();
    let portal: TestPortal;
    let mottak: TestMottak;
    let reports: { id: string; reference: string; orgnr: string }[];
    let month: string;

    before(async () => {
      portal = await startTestPortal(database, {}, { clock });
      mottak = await startTestMottak(database, portal, {}, { clock });
      reports = [];
      for (const personIndex of [0, 1, 2]) reports.push(await sendPrivateReport(portal, { municipality: '7011', personIndex }));
      for (const r of reports) await waitFor('report in mottak', () => mottak.database.db.selectFrom('reports').select('sent_at').where('id', '=', r.id).executeTakeFirst());
      const row = await mottak.database.db.selectFrom('reports').select('sent_at').where('id', '=', reports[0]!.id).executeTakeFirstOrThrow();
      month = osloMonth(row.sent_at);
    });
    after(async () => {
      await mottak?.close();
      await portal?.close();
    });

    const serviceId = async () => (await mottak.database.db.selectFrom('services').select('id').where('orgnr', '=', reports[0]!.orgnr).executeTakeFirstOrThrow()).id;

    async function mottakCounts(): Promise<Record<string, number>> {
      const rows = await mottak.database.db.selectFrom('statistics_counts').select(['month', 'measure', 'count']).where('service_id', '=', await serviceId()).execute();
      return Object.fromEntries(rows.map((r) => [`${r.month} ${r.measure}`, r.count]));
    }

    async function portalCounts(): Promise<Record<string, number>> {
      const rows = await portal.database.db
        .selectFrom('service_statistics')
        .innerJoin('services', 'services.id', 'service_statistics.service_id')
        .select(['service_statistics.month', 'service_statistics.measure', 'service_statistics.count'])
        .where('services.orgnr', '=', reports[0]!.orgnr)
        .execute();
      return Object.fromEntries(rows.map((r) => [`${r.month} ${r.measure}`, r.count]));
    }

    async function conclude(client: HttpClient, id: string, fields: Record<string, string | string[]>) {
      const form = await client.get(`/meldinger/${id}/konklusjon`);
      const done = await client.submit(form, `/meldinger/${id}/konklusjon`, fields);
      assert.equal(done.status, 200, done.text.slice(0, 300));
    }

    test('received, concluded in time and after the deadline: each counted once, in the month the service got the report', async () => {
      const urgent = await mottak.database.db.selectFrom('reports').select('urgent').where('id', 'in', reports.map((r) => r.id)).execute();
      const received = urgent.filter((r) => !r.urgent).length;
      const key = (measure: string) => `${month} ${measure}`;
      const expected: Record<string, number> = { [key('mottatt.ikke-haster')]: received };
      if (received < 3) expected[key('mottatt.haster')] = 3 - received;
      assert.deepEqual(await mottakCounts(), expected);

      const caseworker = new HttpClient(mottak.url);
      await loginCaseworker(caseworker, TRONDHEIM_WORKER);
      // In time: an investigation; two codes of one main area and one of another.
      await conclude(caseworker, reports[0]!.id, { conclusionCode: '2', reason: '', reporterCode: '4', contentCodes: ['2.4.05', '2.1.02', '3.1.03'] });
      Object.assign(expected, {
        [key('konklusjon.2')]: 1,
        [key('melder.4')]: 1,
        [key('saksinnhold.2')]: 1,
        [key('saksinnhold.3')]: 1,
        [key('undersokelse.apnet')]: 1,
        [key('gjennomgang.innen-frist')]: 1,
      });
      assert.deepEqual(await mottakCounts(), expected);
      // The receipt to the reporter, sent through the portal well before it is due.
      const page = await caseworker.get(`/meldinger/${reports[0]!.id}`);
      const sent = await caseworker.request('POST', `/meldinger/${reports[0]!.id}/tilbakemelding`, { form: { _csrf: csrfToken(page.text), type: 'mottatt' } });
      assert.equal(sent.status, 200);
      expected[key('tilbakemelding.i-tide')] = 1;
      assert.deepEqual(await mottakCounts(), expected);

      // Eight days on, the second and third are past their deadline: the sweep before a send counts them.
      clock.set(new Date(clock.now().getTime() + 8 * DAY));
      await mottak.pullNow();
      expected[key('gjennomgang.over-frist')] = 2;
      assert.deepEqual(await mottakCounts(), expected);
      // Concluded late, the review is not counted again; the conclusion is. (Eight days on, the
      // caseworker's session has long timed out: a new login, as a person would.)
      await loginCaseworker(caseworker, TRONDHEIM_WORKER);
      await conclude(caseworker, reports[1]!.id, { conclusionCode: '10', reason: 'Forholdet er fulgt opp av skolen.', reporterCode: '2', contentCodes: ['1.2.03'] });
      Object.assign(expected, { [key('konklusjon.10')]: 1, [key('melder.2')]: 1, [key('saksinnhold.1')]: 1 });
      assert.deepEqual(await mottakCounts(), expected);
    });

    test('mottak sends the portal the same figures, and sends again only when they change', async () => {
      await mottak.pullNow();
      assert.deepEqual(await portalCounts(), await mottakCounts());
      const sent = await portal.database.db.selectFrom('service_statistics_senders').select('sent_at').executeTakeFirstOrThrow();
      clock.set(new Date(clock.now().getTime() + 60_000));
      await mottak.pullNow();
      const again = await portal.database.db.selectFrom('service_statistics_senders').select('sent_at').executeTakeFirstOrThrow();
      assert.equal(again.sent_at.getTime(), sent.sent_at.getTime(), 'nothing changed, nothing sent');
      // A portal that lost them (restored from a backup) has them again within the hour.
      await portal.database.db.deleteFrom('service_statistics').execute();
      clock.set(new Date(clock.now().getTime() + 61 * 60_000));
      await mottak.pullNow();
      assert.deepEqual(await portalCounts(), await mottakCounts());
    });

    test("the migration counts the reports already there as live counting did, with the sweep's overdue ones", async () => {
      const live = await mottakCounts();
      const db = mottak.database.db;
      await sql`drop table statistics_counts, statistics_publications`.execute(db);
      await sql`alter table reports drop column review_counted`.execute(db);
      await sql`alter table report_feedback drop column counted`.execute(db);
      await sql.raw(readFileSync(join(import.meta.dirname, '../../../src/mottak/db/migrations/003-statistics.sql'), 'utf8')).execute(db);
      // The sweep before each send counts the deadline that passed unconcluded.
      await mottak.pullNow();
      assert.deepEqual(await mottakCounts(), live);
    });

    test('deleting reports (retention) leaves the counted history as it was', async () => {
      const before = await mottakCounts();
      await mottak.database.db.deleteFrom('report_feedback').where('report_id', '=', reports[2]!.id).execute();
      await mottak.database.db.deleteFrom('report_files').where('report_id', '=', reports[2]!.id).execute();
      await mottak.database.db.deleteFrom('reports').where('id', '=', reports[2]!.id).execute();
      await mottak.pullNow();
      assert.deepEqual(await mottakCounts(), before);
      assert.deepEqual(await portalCounts(), before);
    });

    test('the public page and API show the service figures protected: 1 to 4 never appears as a number', async () => {
      const visitor = await HttpClient.fromOwnAddress(portal.url);
      const get = (path: string) => visitor.get(path);
      // The snapshot is at most a minute old; move past it and wait for the new one.
      clock.set(new Date(clock.now().getTime() + 2 * 60_000));
      const data = await waitFor('snapshot with the service', async () => {
        const d = JSON.parse((await get('/api/v1/statistikk?omrade=5001')).text) as StatisticsExport;
        return d.barneverntjenester.rapporterer === mottak.pullers.length ? d : undefined;
      });
      const services = data.barneverntjenester;
      // Every service this mottak hosts has sent its figures, zeros included: a service with no
      // reports is a service with no reports, not one that is missing.
      assert.equal(services.rapporterer, mottak.pullers.length);
      assert.ok(services.av >= services.rapporterer);
      assert.match(services.navn ?? '', /Trondheim/);
      const cells = Object.values(services.tall!);
      assert.ok(cells.every((c) => c.antall === null || c.antall === 0 || c.antall >= 5), JSON.stringify(services.tall));
      assert.deepEqual(services.tall!.mottatt, { antall: null, skjult: 'under-5' });
      const page = await get('/statistikk?omrade=5001');
      assert.equal(page.status, 200);
      assert.match(page.text, /Hos barneverntjenestene: Barneverntjenesten i Trondheim/);
      assert.match(page.text, new RegExp(`Tallene kommer fra ${mottak.pullers.length} av ${services.av} barneverntjenester`));
      const national = JSON.parse((await get('/api/v1/statistikk')).text) as StatisticsExport;
      assert.equal(national.barneverntjenester.perMaaned?.length, 12);
      assert.ok(national.barneverntjenester.tjenester.some((s) => /Trondheim/.test(s.navn)));
      const csv = (await get('/api/v1/statistikk?format=csv')).text;
      assert.match(csv, /\r\ntjeneste,,Barneverntjenesten i Trondheim,[^,]+,mottatt,,under-5\r\n/);
    });

    test("the manager sees their own service's figures unprotected; a caseworker without the role does not", async () => {
      const manager = new HttpClient(mottak.url);
      await loginCaseworker(manager, TRONDHEIM_MANAGER);
      const page = await manager.get('/statistikk');
      assert.equal(page.status, 200);
      assert.match(page.text, /<h1[^>]*>Statistikk for tjenesten<\/h1>/);
      // 3 received, 2 concluded; 1 of 3 reviews in time (33 %).
      assert.match(page.text, /data-figure="mottatt"><th scope="row">Meldinger mottatt<\/th><td class="mp-number">3<\/td>/);
      assert.match(page.text, /data-figure="konkludert"><th scope="row">Meldinger konkludert<\/th><td class="mp-number">2<\/td>/);
      assert.match(page.text, /Andel gjennomgått innen 7 dager<\/th><td class="mp-number">33\s%<\/td>/);
      assert.match(page.text, /Sist sendt til portalen/);
      // Each chart under a heading of its own, its table folded right under it.
      for (const [chart, heading] of [
        ['own-review-months', 'Gjennomgått innen fristen, per måned'],
        ['own-conclusions', 'Konklusjoner'],
        ['own-content', 'Hva meldingene handlet om'],
        ['own-melder', 'Hvem som meldte'],
      ]) {
        const section = new RegExp(`<section[^>]*aria-labelledby="${chart}-heading"><h[23][^>]*id="${chart}-heading">${heading}</h[23]>(?:<p[^>]*>[^<]*</p>)?<figure class="mp-figure"><div[^>]*data-chart="${chart}"[\\s\\S]*?</div><details[^>]*><summary>Vis tallene som tabell<span class="mp-visually-hidden">: ${heading}</span></summary>(?:<div[^>]*>)?<table[^>]*data-table="${chart}"`);
        assert.match(page.text, section, `${chart}: heading, chart, folded table`);
      }
      const worker = new HttpClient(mottak.url);
      await loginCaseworker(worker, TRONDHEIM_WORKER);
      assert.equal((await worker.get('/statistikk')).status, 403);
    });

    test('figures that are not figures are refused with a clear answer, and what was stored stays', async () => {
      const client = deliveryClientFor(portal, reports[0]!.orgnr);
      const token = await client.accessToken();
      const stored = await portalCounts();
      const current = osloMonth(clock.now()).slice(0, 7);
      const [next] = windowMonths(`${osloMonth(new Date(clock.now().getTime() + 40 * DAY))}`, 1);
      const put = (body: string, type = 'application/json', auth = `Bearer ${token}`) =>
        fetch(`${portal.url}/api/v1/mottak/statistikk`, { method: 'PUT', headers: { 'content-type': type, authorization: auth }, body });
      const cases: [string, string, number][] = [
        ['{"maneder":[{"maned":"' + current + '","tall":{"mottatt.haster":-1}}]}', 'negative', 400],
        ['{"maneder":[{"maned":"' + current + '","tall":{"navn":3}}]}', 'unknown measure', 400],
        ['{"maneder":[{"maned":"' + current + '","tall":{"mottatt.haster":1.5}}]}', 'fraction', 400],
        ['{"maneder":[{"maned":"' + next!.slice(0, 7) + '","tall":{}}]}', 'future month', 400],
        ['{"maneder":[{"maned":"2019-01","tall":{}}]}', 'too old', 400],
        ['{"maneder":[{"maned":"' + current + '","tall":{}},{"maned":"' + current + '","tall":{}}]}', 'a month twice', 400],
        ['{"maneder":[{"maned":"' + current + '","tall":{"konklusjon.2":2,"melder.4":1}}]}', 'conclusions without as many melders', 400],
        ['{"maneder":[]}', 'no months', 400],
        ['not json', 'not json', 400],
      ];
      for (const [body, what, status] of cases) {
        const response = await put(body);
        assert.equal(response.status, status, what);
        const answer = (await response.json()) as { error: string; message: string };
        assert.equal(answer.error, 'BAD_REQUEST', what);
        assert.match(answer.message, what === 'not json' ? /./ : /Statistikken må være/, what);
      }
      assert.equal((await put('{}', 'text/plain')).status, 415);
      assert.equal((await put('{"maneder":[{"maned":"' + current + '","tall":{}}]}', 'application/json', 'Bearer nope')).status, 401);
      assert.deepEqual(await portalCounts(), stored, 'nothing refused was stored');

      // A month sent again replaces what it held.
      const replaced = await client.sendStatistics([{ maned: month.slice(0, 7), tall: { 'mottatt.haster': 7 } }]);
      assert.equal(replaced.maneder, 1);
      assert.deepEqual(await portalCounts(), { [`${month} mottatt.haster`]: 7 });
      // Mottak heals it with its next change.
      await mottak.database.db.updateTable('statistics_publications').set({ published_version: -1 }).execute();
      await mottak.pullNow();
      assert.deepEqual(await portalCounts(), stored);
    });
  });
}
