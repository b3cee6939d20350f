// A citizen's cases as the page shows them: the records indexed for this person under their case,
// newest first, with the appeal deadline as days left by Norway's calendar, and files only where the
// service gave a link (a record without is shown by title only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCitizenCases } from '../../../src/portal/innsyn/case-view.ts';
import type { OpenedItem } from '../../../src/portal/innsyn/innsyn-index.ts';

const item = (over: Partial<OpenedItem> & Pick<OpenedItem, 'kind' | 'messageId' | 'data'>): OpenedItem => ({ serviceId: 's1', parentMessageId: null, indexedAt: new Date(), ...over });

test('records under their case, newest first, with the days left to appeal', () => {
  const cases = buildCitizenCases(
    [
      item({ kind: 'mappe', messageId: 'm1', data: { tittel: 'Saken', organisasjonsnummer: '999999999', saksansvarlig: 'Sofie Saksbehandler', saksdato: '2026-10-01T10:00:00+02:00', milepeler: [{ navn: 'Undersøkelse', startdato: '2026-10-08T09:00:00+02:00' }, { navn: 'Melding mottatt', startdato: '2026-10-01T09:00:00+02:00' }], navaerendeMilepel: { navn: 'Undersøkelse', startdato: '2026-10-08T09:00:00+02:00' } } }),
      item({ kind: 'journalpost', messageId: 'j1', parentMessageId: 'm1', data: { tittel: 'Møtereferat', forelderMeldingId: 'm1', dokumenttype: 'MOTEREFERAT', dokumentetsDato: '2026-11-02T10:00:00+01:00' } }),
      // 23:30 UTC on 9 January is 00:30 on 10 January in Norway: the last day is the 10th.
      item({ kind: 'journalpost', messageId: 'j2', parentMessageId: 'm1', data: { tittel: 'Vedtak', forelderMeldingId: 'm1', dokumenttype: 'VEDTAK', journaldato: '2026-12-01T10:00:00+01:00', klagefrist: '2027-01-09T23:30:00Z', dokumenter: [{ filnavn: 'v.pdf', mimeType: 'application/pdf', tittel: 'Vedtaket', lenke: 'https://sak.example/v.pdf' }, { filnavn: 'x.pdf', mimeType: 'application/pdf', tittel: 'Uten lenke' }] } }),
      item({ kind: 'journalpost', messageId: 'j3', parentMessageId: 'other', data: { tittel: 'Not this case', forelderMeldingId: 'other' } }),
    ],
    new Date('2026-12-07T12:00:00Z'),
  );
  assert.equal(cases.length, 1);
  const [c] = cases;
  assert.equal(c!.caseworker, 'Sofie Saksbehandler');
  assert.deepEqual(c!.milestones.map((m) => [m.name, m.current]), [['Melding mottatt', false], ['Undersøkelse', true]]);
  assert.deepEqual(c!.documents.map((d) => d.title), ['Vedtak', 'Møtereferat']);
  assert.deepEqual(c!.documents[0]!.appeal, { lastDay: '2027-01-10', daysLeft: 34 });
  assert.deepEqual(c!.documents[0]!.files.map((f) => f.title), ['Vedtaket']);
  assert.equal(c!.documents[1]!.appeal, undefined);
});
