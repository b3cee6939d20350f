// Mottak publishing a case to a real portal through the index API (decision 024): the projections
// indexed, the mother reading the decision on her page, the exposure withdrawn for her alone, and a
// replay that leaves the portal with exactly what mottak sends again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { HttpClient, mainText } from '../../kit/http-client.ts';
import { FATHER, MOTHER, SARA } from '../../kit/innsyn-family.ts';
import { DEV_TEST_PERSONS } from '../../../src/dev/idporten/index.ts';
import { InnsynClient } from '../../../src/mottak/innsyn/innsyn-client.ts';
import { projectCase, type CaseRecord } from '../../../src/mottak/innsyn/project-case.ts';

const party = (who: { index: number; fnr: string }, role: 'MOR' | 'FAR' | 'HOVEDPERSON') => {
  const person = DEV_TEST_PERSONS[who.index]!;
  return { id: `p-${who.index}`, role, fnr: who.fnr, firstName: person.givenName, lastName: person.familyName };
};

describe('mottak publishes a case to the portal', () => {
  const [database] = testDatabases();
  let portal: TestPortal;
  let client: InnsynClient;
  let record: CaseRecord;

  before(async () => {
    portal = await startTestPortal(database!);
    const orgnr = readdirSync(join(portal.dataDir, 'receivers')).sort()[0]!;
    const dir = join(portal.dataDir, 'receivers', orgnr);
    const { clientId } = JSON.parse(readFileSync(join(dir, 'integration.json'), 'utf8')) as { clientId: string };
    client = new InnsynClient({ portalUrl: portal.url, tokenIssuer: `${portal.url}/dev/maskinporten`, clientId, integrationKeyPem: readFileSync(join(dir, 'integration.key.pem'), 'utf8') });
    const mother = party(MOTHER, 'MOR');
    const sara = party(SARA, 'HOVEDPERSON');
    const now = Date.now();
    record = {
      id: randomUUID(),
      orgnr,
      title: 'Barnevernssak publisert fra mottak',
      caseworkerName: 'Sofie Saksbehandler',
      openedAt: new Date(now - 30 * 86_400_000),
      milestones: [{ name: 'Melding mottatt', start: new Date(now - 30 * 86_400_000) }],
      parties: [mother, party(FATHER, 'FAR'), sara],
      documents: [{ id: randomUUID(), type: 'VEDTAK', title: 'Vedtak publisert fra mottak', date: new Date(now - 86_400_000), appealDeadline: new Date(now + 20 * 86_400_000), exposedTo: [mother.id, sara.id] }],
    };
  });
  after(async () => {
    await portal?.close();
  });

  const pageOf = async (who: { index: number }) => {
    const visitor = new HttpClient(portal.url);
    await visitor.login('/min-sak', who.index);
    return mainText((await visitor.get(`/min-sak/${record.id}`)).text);
  };

  test('indexed, read by the mother, withdrawn from her alone, and replayed to exactly what mottak sends', async () => {
    assert.equal(await client.index(projectCase(record)), 5);
    assert.ok((await pageOf(MOTHER)).includes('Vedtak publisert fra mottak'));
    assert.ok(!(await pageOf(FATHER)).includes('Vedtak publisert fra mottak'));

    assert.equal(await client.withdraw([record.documents[0]!.id], MOTHER.fnr), 1);
    assert.ok(!(await pageOf(MOTHER)).includes('Vedtak publisert fra mottak'), 'withdrawn at her next request');
    assert.ok((await pageOf(SARA)).includes('Vedtak publisert fra mottak'), 'still exposed to Sara');

    // The decision no longer exposed to anyone: a replay of what mottak holds now removes it everywhere.
    const now = { ...record, documents: [{ ...record.documents[0]!, exposedTo: [] }] };
    const replayed = await client.replay(projectCase(now));
    assert.equal(replayed.indexed, 3);
    assert.ok(replayed.deleted >= 1);
    assert.ok(!(await pageOf(SARA)).includes('Vedtak publisert fra mottak'));
    assert.ok((await pageOf(SARA)).includes('Barnevernssak publisert fra mottak'));
  });

  test('a refused batch says which item and where, in the error mottak logs', async () => {
    const broken = projectCase(record).map((item, i) => (i === 1 ? { ...item, data: { ...item.data, dokumenttype: 'BREV' } } : item));
    await assert.rejects(client.index(broken as never), (error: Error & { status?: number }) => error.status === 400 && /"element":1/.test(error.message) && /dokumenttype/.test(error.message));
  });
});
