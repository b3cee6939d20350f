// What a case system indexes for Min kommune – barnevern is held to KS's own schemas: what they
// accept, we accept (so a vendor already indexing for Fiks Innsyn indexes here unchanged), and what
// they refuse is refused with a JSON pointer to the value at fault.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDataDir } from '../../../src/reference-data.ts';
import { INNSYN_PART_ROLES } from '../../../src/domain/innsyn/innsyn-types.ts';
import {
  validateInnsynsforespoerselSend,
  validateInnsynsforespoerselSvar,
  validateJournalpost,
  validateMappe,
  type InnsynValidationResult,
} from '../../../src/domain/innsyn/validate-innsyn.ts';
import { actionPlan, caseFolderFor, CHILD, decision, FATHER, MOTHER, titleOnlyMinutes } from '../../kit/fixtures/innsyn/case.ts';
import { answer, ANSWER_STATUSES, requestForMinutes } from '../../kit/fixtures/innsyn/innsynsforespoersel.ts';

type Json = Record<string, unknown>;

function without(value: object, property: string): Json {
  const copy: Json = { ...value };
  delete copy[property];
  return copy;
}

/** Refused, and every error points at one of `paths`, each of which has one. */
function assertRefusedAt(result: InnsynValidationResult, ...paths: string[]): void {
  assert.equal(result.ok, false, 'expected the document to be refused');
  if (result.ok) return;
  assert.deepEqual([...new Set(result.errors.map((e) => e.path))].sort(), [...paths].sort(), JSON.stringify(result.errors));
  for (const error of result.errors) assert.ok(error.message.length > 0);
}

describe('a case indexed for Fiks Innsyn is accepted unchanged', () => {
  for (const [who, party] of [
    ['the child (HOVEDPERSON)', CHILD],
    ['the mother (MOR)', MOTHER],
    ['the father (FAR)', FATHER],
  ] as const) {
    it(`the case folder indexed for ${who} is valid, with the other two as andreParter`, () => {
      const folder = caseFolderFor(party);
      assert.equal(folder.minPart?.rolle, party.rolle);
      assert.deepEqual(folder.andreParter?.map((p) => p?.rolle).sort(), [CHILD, MOTHER, FATHER].map((p) => p.rolle).filter((r) => r !== party.rolle).sort());
      assert.deepEqual(validateMappe(folder), { ok: true });
    });
  }

  it('a folder with only its title and the responsible unit’s organisation number is valid', () => {
    assert.deepEqual(validateMappe({ tittel: 'Barnevernssak', organisasjonsnummer: '999100010' }), { ok: true });
  });

  it('every role of KS’s part schema is a valid minPart, FOSTERFORELDER too (which KS’s documentation is noted to omit), and the types name exactly those', () => {
    const schema = JSON.parse(readFileSync(join(referenceDataDir(), 'fiks-innsyn/schema/domain/barnevern/part.v1.json'), 'utf8'));
    assert.deepEqual(schema.properties.rolle.enum, [...INNSYN_PART_ROLES]);
    for (const rolle of ['HOVEDPERSON', 'MOR', 'FAR', 'MEDMOR', 'MEDFAR', 'VERGE', 'FOSTERFORELDER'] as const) {
      assert.deepEqual(validateMappe(caseFolderFor({ ...MOTHER, rolle })), { ok: true }, rolle);
    }
  });

  it('a decision (VEDTAK) with its appeal deadline (klagefrist), shown to the parents (eksponertFor), is valid', () => {
    const record = decision();
    assert.equal(record.dokumenttype, 'VEDTAK');
    assert.ok(record.klagefrist);
    assert.deepEqual(record.eksponertFor?.map((p) => p?.rolle), ['MOR', 'FAR']);
    assert.deepEqual(validateJournalpost(record), { ok: true });
  });

  it('an action plan (TILTAKSPLAN) with its status, dates and sub-goals is valid', () => {
    assert.deepEqual(validateJournalpost(actionPlan()), { ok: true });
  });

  it('an action plan that has ended (AVSLUTTET) is valid', () => {
    const plan = actionPlan();
    assert.deepEqual(validateJournalpost({ ...plan, tiltaksplanDetaljer: { ...plan.tiltaksplanDetaljer!, tiltaksstatus: 'AVSLUTTET' } }), { ok: true });
  });

  it('we accept what KS publishes: an action plan ended by hand is "MANUELT_AVSLUTTET " with a trailing space, and the status without it is refused', () => {
    const plan = actionPlan();
    const details = plan.tiltaksplanDetaljer!;
    assert.deepEqual(validateJournalpost({ ...plan, tiltaksplanDetaljer: { ...details, tiltaksstatus: 'MANUELT_AVSLUTTET ' } }), { ok: true });
    assertRefusedAt(validateJournalpost({ ...plan, tiltaksplanDetaljer: { ...details, tiltaksstatus: 'MANUELT_AVSLUTTET' } }), '/tiltaksplanDetaljer/tiltaksstatus');
  });

  it('a record shown by title only (IKKE_FORESPURT) is valid with the folder and systemId a request needs', () => {
    assert.deepEqual(validateJournalpost(titleOnlyMinutes()), { ok: true });
  });

  it('the mother’s innsynsforespørsel for those minutes is valid', () => {
    assert.deepEqual(validateInnsynsforespoerselSend(requestForMinutes()), { ok: true });
  });

  it('a request without the optional registreringsId is valid', () => {
    const request = requestForMinutes();
    assert.deepEqual(validateInnsynsforespoerselSend({ ...request, journalposter: request.journalposter.map((j) => without(j, 'registreringsId')) }), { ok: true });
  });

  for (const status of ANSWER_STATUSES) {
    it(`the case system’s answer ${status} is valid`, () => {
      assert.deepEqual(validateInnsynsforespoerselSvar(answer(status)), { ok: true });
    });
  }

  it('a part, a milestone or a document may be null where KS’s schema allows it', () => {
    assert.deepEqual(validateMappe({ ...caseFolderFor(CHILD), minPart: null, andreParter: [null], milepeler: [null], navaerendeMilepel: null }), { ok: true });
    assert.deepEqual(validateJournalpost({ ...decision(), dokumenter: [null], eksponertFor: null }), { ok: true });
  });
});

describe('what KS’s schemas refuse is refused, pointing at the value at fault', () => {
  it('a folder without tittel', () => {
    assertRefusedAt(validateMappe(without(caseFolderFor(CHILD), 'tittel')), '/tittel');
  });

  it('a record without tittel', () => {
    assertRefusedAt(validateJournalpost(without(decision(), 'tittel')), '/tittel');
  });

  it('a folder without the responsible unit’s organisasjonsnummer, or with one that is not nine digits', () => {
    assertRefusedAt(validateMappe(without(caseFolderFor(CHILD), 'organisasjonsnummer')), '/organisasjonsnummer');
    assertRefusedAt(validateMappe({ ...caseFolderFor(CHILD), organisasjonsnummer: '999 100 010' }), '/organisasjonsnummer');
  });

  it('a blank string where KS says not blank: a title of spaces, a first name of a tab', () => {
    assertRefusedAt(validateMappe({ ...caseFolderFor(CHILD), tittel: '   ' }), '/tittel');
    assertRefusedAt(validateMappe({ ...caseFolderFor(CHILD), minPart: { ...CHILD, fornavn: '\t' } }), '/minPart/fornavn');
    assertRefusedAt(validateJournalpost({ ...decision(), dokumenter: [{ filnavn: ' ', mimeType: 'application/pdf', tittel: 'Vedtak' }] }), '/dokumenter/0/filnavn');
  });

  it('an unknown role, as minPart, among the other parties or in eksponertFor', () => {
    assertRefusedAt(validateMappe({ ...caseFolderFor(MOTHER), minPart: { ...MOTHER, rolle: 'BESTEMOR' } }), '/minPart/rolle');
    assertRefusedAt(validateMappe({ ...caseFolderFor(MOTHER), andreParter: [CHILD, { ...FATHER, rolle: 'far' }] }), '/andreParter/1/rolle');
    assertRefusedAt(validateJournalpost({ ...decision(), eksponertFor: [MOTHER, { ...FATHER, rolle: 'STEFAR' }] }), '/eksponertFor/1/rolle');
  });

  it('a part without a role', () => {
    assertRefusedAt(validateMappe({ ...caseFolderFor(CHILD), minPart: without(CHILD, 'rolle') }), '/minPart/rolle');
  });

  it('a property the schema does not define, at the top or deep inside', () => {
    assertRefusedAt(validateMappe({ ...caseFolderFor(CHILD), personnummer: CHILD.fodselsnummer }), '/personnummer');
    assertRefusedAt(validateMappe({ ...caseFolderFor(CHILD), minPart: { ...CHILD, adresse: 'Storgata 1' } }), '/minPart/adresse');
    const record = decision();
    assertRefusedAt(validateJournalpost({ ...record, dokumenter: [{ ...record.dokumenter![0], sha256: 'abc' }] }), '/dokumenter/0/sha256');
  });

  it('a property whose name needs escaping in a JSON pointer', () => {
    assertRefusedAt(validateMappe({ ...caseFolderFor(CHILD), 'saks/ansvarlig~2': 'Sara Lund' }), '/saks~1ansvarlig~02');
  });

  it('a date-time that is not RFC 3339 with a zone: a date only, no zone, a Norwegian date, a day that does not exist', () => {
    assertRefusedAt(validateJournalpost({ ...decision(), klagefrist: '2026-11-23' }), '/klagefrist');
    assertRefusedAt(validateJournalpost({ ...decision(), klagefrist: '2026-11-23T23:59:59' }), '/klagefrist');
    const folder = caseFolderFor(CHILD);
    assertRefusedAt(validateMappe({ ...folder, milepeler: [folder.milepeler![0], { navn: 'Undersøkelse', startdato: '18.09.2026' }] }), '/milepeler/1/startdato');
    assertRefusedAt(validateMappe({ ...folder, saksdato: '2026-02-30T09:00:00+01:00' }), '/saksdato');
  });

  it('an int32 out of range, and a year beyond what the schema allows', () => {
    assertRefusedAt(validateJournalpost({ ...decision(), journalpostnummer: 2147483648 }), '/journalpostnummer');
    assertRefusedAt(validateJournalpost({ ...decision(), journalpostnummer: -1 }), '/journalpostnummer');
    assertRefusedAt(validateMappe({ ...caseFolderFor(CHILD), saksaar: 10000 }), '/saksaar');
    assertRefusedAt(validateMappe({ ...caseFolderFor(CHILD), sakssekvensnummer: 1042.5 }), '/sakssekvensnummer');
  });

  it('a document size (int64) that is not an integer', () => {
    const record = decision();
    assertRefusedAt(validateJournalpost({ ...record, dokumenter: [{ ...record.dokumenter![0], storrelse: '184320' }] }), '/dokumenter/0/storrelse');
  });

  it('a record whose forelderMeldingId is not a uuid', () => {
    assertRefusedAt(validateJournalpost({ ...decision(), forelderMeldingId: '2026/1042' }), '/forelderMeldingId');
  });

  it('an action plan without its details, and details on a record that is not an action plan', () => {
    assertRefusedAt(validateJournalpost(without(actionPlan(), 'tiltaksplanDetaljer')), '', '/tiltaksplanDetaljer');
    const result = validateJournalpost({ ...decision(), tiltaksplanDetaljer: actionPlan().tiltaksplanDetaljer });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.errors.some((e) => e.path === '/tiltaksplanDetaljer' && /null/.test(e.message)), JSON.stringify(result));
  });

  it('an action plan whose sub-goal has a blank description', () => {
    const plan = actionPlan();
    assertRefusedAt(validateJournalpost({ ...plan, tiltaksplanDetaljer: { ...plan.tiltaksplanDetaljer!, delmal: [{ id: 'delmal-1', beskrivelse: ' ' }] } }), '/tiltaksplanDetaljer/delmal/0/beskrivelse');
  });

  it('a record shown by title only that lacks the systemId a request needs', () => {
    assertRefusedAt(validateJournalpost(without(titleOnlyMinutes(), 'systemId')), '', '/systemId');
  });

  it('a null link or eDialog form, though their schemas’ type says null is allowed (KS’s oneOf refuses it)', () => {
    assertRefusedAt(validateMappe({ ...caseFolderFor(CHILD), lenker: [null] }), '/lenker/0');
    assertRefusedAt(validateMappe({ ...caseFolderFor(CHILD), edialogSkjemaer: [null] }), '/edialogSkjemaer/0');
  });

  it('a link that is both predefined and custom', () => {
    assertRefusedAt(validateMappe({ ...caseFolderFor(CHILD), lenker: [{ url: 'https://example.no/', predefinert: { type: 'KLAGE' }, egendefinert: { bokmal: 'Klag' } }] }), '/lenker/0');
  });

  it('a request without the records it asks for, or a record without its systemId', () => {
    assertRefusedAt(validateInnsynsforespoerselSend(without(requestForMinutes(), 'journalposter')), '/journalposter');
    const request = requestForMinutes();
    assertRefusedAt(validateInnsynsforespoerselSend({ ...request, journalposter: [without(request.journalposter[0]!, 'systemId')] }), '/journalposter/0/systemId');
  });

  it('an answer with a status KS renamed ("OK" is now INNVILGET), or none', () => {
    assertRefusedAt(validateInnsynsforespoerselSvar({ status: 'OK' }), '/status');
    assertRefusedAt(validateInnsynsforespoerselSvar({ begrunnelse: 'Innvilget.' }), '/status');
  });

  it('something that is not a document at all', () => {
    for (const value of [null, 'mappe', 42, []]) {
      assertRefusedAt(validateMappe(value), '');
      assertRefusedAt(validateJournalpost(value), '');
    }
  });
});
