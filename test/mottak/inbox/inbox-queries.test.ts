// The inbox's order and filters over a real (embedded) mottak database: what a caseworker relies on
// to find the report that matters first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { inServiceScope, openMottakDatabase, type MottakDatabase } from '../../../src/mottak/db/mottak-database.ts';
import { listInbox, listServiceDistricts, type InboxFilter } from '../../../src/mottak/inbox/inbox-queries.ts';
import { parseInboxFilter } from '../../../src/mottak/inbox/inbox-routes.tsx';
import { findReport, listEarlierReports } from '../../../src/mottak/report/report-queries.ts';

const ALL: InboxFilter = { status: 'alle', urgentOnly: false, assignee: '', category: '', district: '', search: '', page: 1 };

describe('inbox queries', () => {
  let database: MottakDatabase;
  const service = randomUUID();
  const other = randomUUID();
  const worker = randomUUID();
  const refs: Record<string, string> = {};

  async function add(serviceId: string, name: string, values: Partial<{ urgent: boolean; status: 'ny' | 'under_behandling' | 'konkludert'; days: number; fnrs: string[]; categories: string[]; bydel: string; assignee: string }>) {
    const id = randomUUID();
    const reference = `BM-${name.replace(/[^A-Za-z]/g, '').slice(0, 4).toUpperCase().padEnd(4, 'X')}-${String(Object.keys(refs).length).padStart(4, '0')}`;
    refs[name] = id;
    const received = new Date(Date.UTC(2026, 10, 1 + (values.days ?? 0), 10));
    await database.db
      .insertInto('reports')
      .values({
        id,
        service_id: serviceId,
        reference,
        message_type: 'no.ks.fiks.bekymringsmelding.privat.v2',
        reporter_type: 'private',
        kommunenummer: '0301',
        bydelsnummer: values.bydel ?? '01',
        bydelsnavn: values.bydel === '02' ? 'Grünerløkka' : 'Gamle Oslo',
        sent_at: received,
        received_at: received,
        review_deadline: '2026-11-30',
        urgent: values.urgent ?? false,
        categories: values.categories ?? [],
        child_names: name.toLowerCase(),
        child_fnrs: values.fnrs ?? [],
        fiks_document: '{}',
        report: null,
        status: values.status ?? 'ny',
        assignee_id: values.assignee ?? null,
      })
      .execute();
    return reference;
  }

  before(async () => {
    database = await openMottakDatabase({});
    await database.db.insertInto('services').values([{ id: service, orgnr: '999000118', name: 'A' }, { id: other, orgnr: '999000207', name: 'B' }]).execute();
    await database.db.insertInto('caseworkers').values({ id: worker, service_id: service, subject: 's', name: 'Kari', role: 'saksbehandler' }).execute();
    await add(service, 'Old Ola', { days: 0 });
    await add(service, 'New Nora', { days: 5, categories: ['2.4.05'] });
    await add(service, 'Urgent Ulrik', { days: 1, urgent: true, fnrs: ['14837521379'], assignee: worker, bydel: '02' });
    await add(service, 'Done Dina', { days: 6, urgent: true, status: 'konkludert', fnrs: ['14837521379'] });
    await add(service, '50% Per', { days: 2 });
    await add(other, 'Foreign Frida', { days: 3, urgent: true, fnrs: ['14837521379'] });
    await add(other, 'Unknown Una', { days: 4, bydel: '00' });
  });
  after(async () => {
    await database?.close();
  });

  /** Each listed report by the name of its child, lowercased as the search stores it. */
  const nameOf = (id: string) => Object.entries(refs).find(([, reportId]) => reportId === id)?.[0].toLowerCase();
  const names = async (filter: Partial<InboxFilter>) => (await listInbox(database.db, service, { ...ALL, ...filter })).rows.map((r) => nameOf(r.id));

  test('open reports before concluded ones, urgent on top, then newest first; never another service', async () => {
    assert.deepEqual(await names({}), ['urgent ulrik', 'new nora', '50% per', 'old ola', 'done dina']);
  });

  test('the default view hides concluded reports', async () => {
    assert.ok(!(await names({ status: 'apne' })).includes('done dina'));
    assert.deepEqual(await names({ status: 'konkludert' }), ['done dina']);
  });

  test('filters by urgency, assignee, category and district', async () => {
    assert.deepEqual(await names({ urgentOnly: true }), ['urgent ulrik', 'done dina']);
    assert.deepEqual(await names({ assignee: worker }), ['urgent ulrik']);
    assert.equal((await names({ assignee: 'ingen' })).length, 4);
    assert.deepEqual(await names({ category: '2.4.05' }), ['new nora']);
    assert.deepEqual(await names({ district: '02' }), ['urgent ulrik']);
  });

  test('searches by fnr, by reference and by part of a name, taking % literally', async () => {
    assert.deepEqual(await names({ search: '148375 21379' }), ['urgent ulrik', 'done dina']);
    assert.deepEqual(await names({ search: 'nora' }), ['new nora']);
    assert.deepEqual(await names({ search: '50%' }), ['50% per']);
    assert.deepEqual(await names({ search: '%' }), ['50% per']);
    const ref = (await database.db.selectFrom('reports').select('reference').where('id', '=', refs['Old Ola']!).executeTakeFirstOrThrow()).reference;
    assert.deepEqual(await names({ search: ref.toLowerCase() }), ['old ola']);
  });

  test('earlier reports about the same child are found by fnr within the service only', async () => {
    const row = (await findReport(database.db, service, refs['Done Dina']!))!;
    const earlier = await listEarlierReports(database.db, service, row);
    assert.deepEqual(earlier.map((e) => e.id), [refs['Urgent Ulrik']]);
  });

  test("the district filter lists the service's own districts, each once, without \"not known\"", async () => {
    const districts = (serviceId: string) => inServiceScope(database.db, { serviceId }, (trx) => listServiceDistricts(trx, serviceId));
    assert.deepEqual(await districts(service), [
      { bydelsnummer: '01', bydelsnavn: 'Gamle Oslo' },
      { bydelsnummer: '02', bydelsnavn: 'Grünerløkka' },
    ]);
    assert.deepEqual(await districts(other), [{ bydelsnummer: '01', bydelsnavn: 'Gamle Oslo' }]);
  });

  test('as a caseworker, under row-level security, every filter and search finds what it finds for the owner', async () => {
    const filters: Partial<InboxFilter>[] = [{}, { status: 'apne' }, { urgentOnly: true }, { assignee: worker }, { assignee: 'ingen' }, { category: '2.4.05' }, { district: '02' }, { search: '14837521379' }, { search: 'nora' }, { search: '50%' }, { search: 'ULRIK' }, { page: 2 }];
    for (const filter of filters) {
      const asCaseworker = await inServiceScope(database.db, { serviceId: service }, (trx) => listInbox(trx, service, { ...ALL, ...filter }));
      assert.deepEqual(asCaseworker.rows.map((r) => nameOf(r.id)), await names(filter), JSON.stringify(filter));
    }
    const foreign = await inServiceScope(database.db, { serviceId: other }, (trx) => listInbox(trx, other, { ...ALL, search: '14837521379' }));
    assert.deepEqual(foreign.rows.map((r) => nameOf(r.id)), ['foreign frida']);
  });

  test("the search functions answer a caseworker's scope for its own service only", async () => {
    const ids = (scope: string, named: string) =>
      inServiceScope(database.db, { serviceId: scope }, async (trx) => (await sql<{ id: string }>`select reports_with_child_fnr(${named}, ${['14837521379']}::text[]) as id`.execute(trx)).rows.length);
    assert.equal(await ids(service, service), 2);
    assert.equal(await ids(other, service), 0);
  });

  test('whatever arrives in the query string becomes a valid filter', () => {
    assert.deepEqual(parseInboxFilter({ status: 'drop table', side: '-1', kategori: '9.9.99', bydel: 'x', haster: ['ja', 'ja'] }), { ...ALL, status: 'apne' });
    assert.deepEqual(parseInboxFilter({ status: 'ny', side: '3', kategori: '2.4.05', bydel: '02', haster: 'ja', sok: 'Ola' }), { ...ALL, status: 'ny', page: 3, category: '2.4.05', district: '02', urgentOnly: true, search: 'Ola' });
  });
});
