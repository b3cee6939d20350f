// The citizen-services index API as a receiving service's case system uses it (decision 024): KS's
// barnevern documents indexed per person with a Maskinporten token of the innsyn scope, checked
// against KS's schemas as a whole batch, sealed at rest, deleted, and rebuilt by a replay. The
// portal's tables and files hold no fnr, name or title in plaintext; each person's items open for
// that person only; one service can neither overwrite nor delete another's.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { deliveryClientFor } from '../../kit/portal-visitors.ts';
import { grepTree } from '../../kit/grep-tree.ts';
import { firstNationalId } from '../../domain/national-id-helpers.ts';
import { loadInnsynKeys } from '../../../src/portal/innsyn/innsyn-keys.ts';
import { deleteExpiredItems, innsynRetentionCutoff, openPersonItems } from '../../../src/portal/innsyn/innsyn-index.ts';

const MOTHER = firstNationalId('1988-04-02', 100);
const FATHER = firstNationalId('1986-11-23', 100);
const CHILD = firstNationalId(`${new Date().getUTCFullYear() - 16}-05-17`, 100);
/** What must never be found in the portal's data in plaintext. */
const SECRET_TITLE = 'Vedtak om hjelpetiltak KANARI-9f3c';
const MOTHER_NAME = 'Kanarisen';

function mappe(fnr: string, rolle: string, orgnr: string): Record<string, unknown> {
  return {
    tittel: 'Barnevernssak for Sara',
    organisasjonsnummer: orgnr,
    minPart: { rolle, fodselsnummer: fnr, fornavn: 'Kari', etternavn: rolle === 'MOR' ? MOTHER_NAME : 'Hansen' },
    milepeler: [{ navn: 'Melding mottatt', startdato: '2026-10-01T09:00:00+02:00' }],
  };
}

function vedtak(parent: string): Record<string, unknown> {
  return { tittel: SECRET_TITLE, forelderMeldingId: parent, dokumenttype: 'VEDTAK', klagefrist: '2027-01-10T00:00:00+01:00' };
}

interface Element {
  meldingId: string;
  type: string;
  personidentifikator: string;
  data: unknown;
}

for (const database of testDatabases()) {
  describe(`the citizen-services index API (${database.name})`, () => {
    let portal: TestPortal;
    let own: string;
    let other: string;
    const tokens = new Map<string, string>();
    const token = async (orgnr: string, scope = 'meldeportal:innsyn') => {
      const key = `${orgnr} ${scope}`;
      if (!tokens.has(key)) tokens.set(key, await deliveryClientFor(portal, orgnr, scope).accessToken());
      return tokens.get(key)!;
    };
    const call = async (path: string, body: unknown, orgnr = own, scope?: string) => {
      const response = await fetch(`${portal.url}/api/v1/innsyn${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await token(orgnr, scope)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    const itemsOf = async (fnr: string) => {
      const keys = loadInnsynKeys(portal.app.config.innsyn.keyFile!, portal.app.config.sessionSecret);
      return openPersonItems(portal.database.db, keys, fnr);
    };
    const serviceIdOf = async (orgnr: string) => (await portal.database.db.selectFrom('services').select('id').where('orgnr', '=', orgnr).executeTakeFirstOrThrow()).id;

    before(async () => {
      portal = await startTestPortal(database);
      const receivers = readdirSync(join(portal.dataDir, 'receivers')).sort();
      assert.ok(receivers.length >= 2, 'two demo services receive here');
      [own, other] = [receivers[0]!, receivers[1]!];
    });
    after(async () => {
      await portal?.close();
    });

    test('a case indexed for the mother, the father and the child: each opens their own, sealed at rest, no fnr, name or title in the data', async () => {
      const mappeId = randomUUID();
      const decision = randomUUID();
      const elements: Element[] = [
        { meldingId: mappeId, type: 'barnevern.mappe.v1', personidentifikator: MOTHER, data: mappe(MOTHER, 'MOR', own) },
        { meldingId: mappeId, type: 'barnevern.mappe.v1', personidentifikator: FATHER, data: mappe(FATHER, 'FAR', own) },
        { meldingId: mappeId, type: 'barnevern.mappe.v1', personidentifikator: CHILD, data: mappe(CHILD, 'HOVEDPERSON', own) },
        // The decision is exposed to the mother and the child, not the father.
        { meldingId: decision, type: 'barnevern.journalpost.v1', personidentifikator: MOTHER, data: vedtak(mappeId) },
        { meldingId: decision, type: 'barnevern.journalpost.v1', personidentifikator: CHILD, data: vedtak(mappeId) },
      ];
      const answer = await call('/indeks', { elementer: elements });
      assert.deepEqual(answer, { status: 200, json: { indeksert: 5 } });

      const mother = await itemsOf(MOTHER);
      assert.equal(mother.unreadable, 0);
      assert.deepEqual(mother.items.map((i) => [i.kind, i.messageId]).sort(), [['journalpost', decision], ['mappe', mappeId]].sort());
      assert.equal((mother.items.find((i) => i.kind === 'journalpost')!.data as { tittel: string }).tittel, SECRET_TITLE);
      const father = await itemsOf(FATHER);
      assert.deepEqual(father.items.map((i) => i.kind), ['mappe'], 'the father sees the case, not the decision');
      assert.equal((father.items[0]!.data as { minPart: { rolle: string } }).minPart.rolle, 'FAR');
      assert.equal((await itemsOf(firstNationalId('1990-01-01', 100))).items.length, 0, 'another person has nothing');

      // Nothing of it readable in the database or the data folder.
      const rows = await sql<{ dump: string }>`select string_agg(t::text, ' ') as dump from innsyn_items t`.execute(portal.database.db);
      const dump = rows.rows[0]!.dump;
      for (const secret of [MOTHER, FATHER, CHILD, MOTHER_NAME, SECRET_TITLE]) assert.ok(!dump.includes(secret), `the table holds ${secret} in plaintext`);
      for (const secret of [MOTHER, MOTHER_NAME, SECRET_TITLE]) assert.deepEqual(grepTree(portal.dataDir, Buffer.from(secret)), [], `the data folder holds ${secret}`);

      // A sealed item copied to another person's row does not open there: it fails closed.
      await sql`update innsyn_items set sealed = (select sealed from innsyn_items where message_id = ${decision} limit 1), wrapped_key = (select wrapped_key from innsyn_items where message_id = ${decision} limit 1) where message_id = ${mappeId}`.execute(portal.database.db);
      const tampered = await itemsOf(FATHER);
      assert.deepEqual([tampered.items.length, tampered.unreadable], [0, 1]);
    });

    test('one bad item refuses the whole batch with its schema errors, and nothing is written', async () => {
      const good = randomUUID();
      const bad = randomUUID();
      const answer = await call('/indeks', {
        elementer: [
          { meldingId: good, type: 'barnevern.mappe.v1', personidentifikator: MOTHER, data: mappe(MOTHER, 'MOR', own) },
          { meldingId: bad, type: 'barnevern.mappe.v1', personidentifikator: MOTHER, data: { ...mappe(MOTHER, 'MOR', own), minPart: { rolle: 'ONKEL', fornavn: 'A', etternavn: 'B' } } },
          { meldingId: 'not-a-uuid', type: 'barnevern.sak.v9', personidentifikator: '12345678901', data: {} },
          { meldingId: randomUUID(), type: 'barnevern.mappe.v1', personidentifikator: FATHER, data: mappe(MOTHER, 'FAR', own) },
        ],
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.json.error, 'BAD_REQUEST');
      assert.match(String(answer.json.message), /Ingenting er indeksert/);
      const errors = answer.json.feil as { element: number; path: string }[];
      assert.ok(errors.some((e) => e.element === 1 && e.path.startsWith('/data/minPart/rolle')), JSON.stringify(errors));
      assert.deepEqual(errors.filter((e) => e.element === 2).map((e) => e.path).sort(), ['/meldingId', '/personidentifikator', '/type']);
      assert.ok(errors.some((e) => e.element === 3 && e.path === '/data/minPart/fodselsnummer'), 'minPart must be the person indexed for');
      assert.ok(!errors.some((e) => e.element === 0));
      const written = await portal.database.db.selectFrom('innsyn_items').select('message_id').where('message_id', 'in', [good, bad]).execute();
      assert.deepEqual(written, []);

      assert.equal((await call('/indeks', { elementer: 'alle' })).status, 400);
      const tooMany = await call('/indeks', { elementer: Array.from({ length: 5001 }, () => ({})) });
      assert.deepEqual([tooMany.status, tooMany.json.error], [413, 'PAYLOAD_TOO_LARGE']);
    });

    test('the contract is served, and names every operation the API answers', async () => {
      const response = await fetch(`${portal.url}/api/v1/innsyn/openapi.json`);
      assert.equal(response.status, 200);
      const doc = (await response.json()) as { paths: Record<string, Record<string, unknown>>; servers: { url: string }[] };
      assert.equal(doc.servers[0]!.url, new URL(portal.url).origin);
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
      // Every documented operation is a route the portal has; the four are all the API's operations.
      for (const key of documented) assert.ok(portal.app.hasRoute({ method: key.split(' ')[0] as 'POST', url: key.split(' ')[1]! }), key);
      assert.equal(documented.length, 4);
    });

    test('a receiving system’s pull token cannot write what citizens see', async () => {
      const refused = await call('/indeks', { elementer: [] }, own, 'meldeportal:mottak');
      assert.equal(refused.status, 401);
      assert.match(String(refused.json.message), /scopet for innsyn/);
    });

    test('deleting: one person’s copy, or every copy; another service deletes nothing of ours', async () => {
      const id = randomUUID();
      const both = [MOTHER, FATHER].map((fnr) => ({ meldingId: id, type: 'barnevern.mappe.v1', personidentifikator: fnr, data: mappe(fnr, fnr === MOTHER ? 'MOR' : 'FAR', own) }));
      assert.equal((await call('/indeks', { elementer: both })).status, 200);
      assert.deepEqual((await call('/indeks/slett', { meldingIder: [id] }, other)).json, { slettet: 0 });
      assert.deepEqual((await call('/indeks/slett', { meldingIder: [id], personidentifikator: FATHER })).json, { slettet: 1 });
      assert.ok((await itemsOf(MOTHER)).items.some((i) => i.messageId === id));
      assert.ok(!(await itemsOf(FATHER)).items.some((i) => i.messageId === id), 'a withdrawn exposure is gone at once');
      assert.deepEqual((await call('/indeks/slett', { meldingIder: [id] })).json, { slettet: 1 });
      assert.equal((await call('/indeks/slett', { meldingIder: ['x'] })).status, 400);
    });

    test('a replay after the portal lost its copy restores exactly what the service indexes again, and drops the rest', async () => {
      const serviceId = await serviceIdOf(own);
      const kept = randomUUID();
      const dropped = randomUUID();
      const index = (id: string, replay?: string) => call('/indeks', { ...(replay ? { replay } : {}), elementer: [{ meldingId: id, type: 'barnevern.mappe.v1', personidentifikator: CHILD, data: mappe(CHILD, 'HOVEDPERSON', own) }] });
      await index(kept);
      await index(dropped);
      // The other service's items are not touched by our replay.
      const theirs = randomUUID();
      await call('/indeks', { elementer: [{ meldingId: theirs, type: 'barnevern.mappe.v1', personidentifikator: CHILD, data: mappe(CHILD, 'HOVEDPERSON', other) }] }, other);
      await portal.database.db.deleteFrom('innsyn_items').where('service_id', '=', serviceId).where('message_id', '=', kept).execute();

      const started = await call('/replay', undefined);
      assert.equal(started.status, 201);
      const replay = String(started.json.replay);
      assert.equal((await call(`/replay/${replay}/fullfor`, undefined, other)).status, 404, 'another service cannot complete our replay');
      assert.equal((await index(kept, replay)).status, 200);
      // Every item of the service but the one replayed is to go.
      const before = await countItems(serviceId);
      assert.deepEqual((await call(`/replay/${replay}/fullfor`, undefined)).json, { slettet: before - 1 });
      assert.equal(await countItems(serviceId), 1);
      const child = (await itemsOf(CHILD)).items.map((i) => i.messageId);
      assert.ok(child.includes(kept) && child.includes(theirs) && !child.includes(dropped), JSON.stringify(child));
      assert.equal((await call(`/replay/${replay}/fullfor`, undefined)).status, 404, 'a completed replay takes nothing more');
      assert.equal((await index(randomUUID(), replay)).status, 404);
    });

    test('a case closed longer ago than its retention leaves the index with its records; an open one stays', async () => {
      const closed = randomUUID();
      const record = randomUUID();
      const open = randomUUID();
      const now = portal.app.delivery.clock.now();
      const sixYearsAgo = new Date(now.getTime() - 6 * 365 * 86_400_000).toISOString();
      const elements = [
        ...[MOTHER, FATHER].map((fnr) => ({ meldingId: closed, type: 'barnevern.mappe.v1', personidentifikator: fnr, data: { ...mappe(fnr, fnr === MOTHER ? 'MOR' : 'FAR', own), avsluttet: sixYearsAgo } })),
        { meldingId: record, type: 'barnevern.journalpost.v1', personidentifikator: MOTHER, data: vedtak(closed) },
        { meldingId: open, type: 'barnevern.mappe.v1', personidentifikator: MOTHER, data: mappe(MOTHER, 'MOR', own) },
      ];
      assert.equal((await call('/indeks', { elementer: elements })).status, 200);
      const deleted = await deleteExpiredItems(portal.database.db, innsynRetentionCutoff(now, portal.app.config.innsyn.retentionYears));
      assert.equal(deleted, 3);
      const left = (await itemsOf(MOTHER)).items.map((i) => i.messageId);
      assert.ok(left.includes(open) && !left.includes(closed) && !left.includes(record), JSON.stringify(left));
      assert.ok(!(await itemsOf(FATHER)).items.some((i) => i.messageId === closed));
    });

    async function countItems(serviceId: string): Promise<number> {
      const row = await portal.database.db.selectFrom('innsyn_items').select((eb) => eb.fn.countAll<string>().as('n')).where('service_id', '=', serviceId).executeTakeFirstOrThrow();
      return Number(row.n);
    }
  });
}
