// Mottak's projections of a case, one per party (decision 024): every copy valid against KS's
// barnevern schemas; the decision only in the copies of those it was exposed to; no other party's
// fødselsnummer, no address and no list of who else may see a record in anyone's copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectCase, type CaseRecord } from '../../../src/mottak/innsyn/project-case.ts';
import { validateJournalpost, validateMappe } from '../../../src/domain/innsyn/validate-innsyn.ts';

const MOTHER = { id: 'p-mor', role: 'MOR' as const, fnr: '02878234203', firstName: 'Kari', lastName: 'Nordmann' };
const FATHER = { id: 'p-far', role: 'FAR' as const, fnr: '14837521379', firstName: 'Ola', lastName: 'Nordmann' };
const CHILD = { id: 'p-barn', role: 'HOVEDPERSON' as const, fnr: '17851050183', firstName: 'Sara', lastName: 'Nordmann' };

const record: CaseRecord = {
  id: '6f0c1a52-3b55-4e0e-9d1b-4d7f3c1c2a10',
  orgnr: '974778874',
  title: 'Barnevernssak for Sara Nordmann',
  caseworkerName: 'Sofie Saksbehandler',
  openedAt: new Date('2026-10-01T08:00:00Z'),
  milestones: [
    { name: 'Undersøkelse', start: new Date('2026-10-08T08:00:00Z') },
    { name: 'Melding mottatt', start: new Date('2026-10-01T08:00:00Z'), end: new Date('2026-10-08T08:00:00Z') },
  ],
  parties: [MOTHER, FATHER, CHILD],
  documents: [
    { id: '0b9c1f0e-8a57-4c3c-b1f4-2e1f3b9f0a11', type: 'VEDTAK', title: 'Vedtak om hjelpetiltak', date: new Date('2026-12-01T09:00:00Z'), appealDeadline: new Date('2026-12-22T22:59:59Z'), exposedTo: [MOTHER.id, CHILD.id] },
    { id: '1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5', type: 'MOTEREFERAT', title: 'Referat fra møte', date: new Date('2026-11-15T09:00:00Z'), exposedTo: [] },
  ],
};

test('a folder per party and the decision for those it was exposed to, every copy valid against KS’s schemas', () => {
  const items = projectCase(record);
  assert.deepEqual(
    items.map((i) => `${i.type} ${i.personidentifikator}`),
    [`barnevern.mappe.v1 ${MOTHER.fnr}`, `barnevern.journalpost.v1 ${MOTHER.fnr}`, `barnevern.mappe.v1 ${FATHER.fnr}`, `barnevern.mappe.v1 ${CHILD.fnr}`, `barnevern.journalpost.v1 ${CHILD.fnr}`],
  );
  for (const item of items) {
    const result = item.type === 'barnevern.mappe.v1' ? validateMappe(item.data) : validateJournalpost(item.data);
    assert.deepEqual(result, { ok: true }, `${item.type} for ${item.personidentifikator}`);
  }
  const fathers = items.find((i) => i.personidentifikator === FATHER.fnr)!.data as { minPart: { rolle: string }; navaerendeMilepel: { navn: string }; milepeler: { navn: string }[] };
  assert.equal(fathers.minPart.rolle, 'FAR');
  assert.deepEqual(fathers.milepeler.map((m) => m.navn), ['Melding mottatt', 'Undersøkelse']);
  assert.equal(fathers.navaerendeMilepel.navn, 'Undersøkelse');
});

test('no copy carries another party’s fødselsnummer, an address, or who else may see a record', () => {
  for (const item of projectCase(record)) {
    const text = JSON.stringify(item.data);
    for (const other of [MOTHER, FATHER, CHILD].filter((p) => p.fnr !== item.personidentifikator)) assert.ok(!text.includes(other.fnr), `${other.role}'s fnr in ${item.personidentifikator}'s copy`);
    assert.ok(!/adresse|korrespondansepart|eksponertFor/i.test(text), text);
  }
});

test('a closed case has no current milestone; a decision without a deadline carries none', () => {
  const closed = projectCase({ ...record, closedAt: new Date('2027-03-01T10:00:00Z'), documents: [{ ...record.documents[0]!, appealDeadline: undefined }] });
  const folder = closed[0]!.data as { avsluttet: string; navaerendeMilepel: unknown };
  assert.equal(folder.avsluttet, '2027-03-01T10:00:00.000Z');
  assert.equal(folder.navaerendeMilepel, null);
  assert.equal((closed[1]!.data as { klagefrist: unknown }).klagefrist, null);
  assert.deepEqual(validateMappe(closed[0]!.data), { ok: true });
});
