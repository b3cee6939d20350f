// What each party of a case may see, as the documents mottak indexes at the portal (decision 024):
// for every party a copy of the case folder (KS's barnevern `mappe` v1) with them as `minPart`, and a
// copy of each record (`journalpost` v1) the caseworker exposed to them. Each copy says only what
// that person needs: the other parties by name and role, never their fødselsnummer; no address or
// correspondence party of anyone, so a protected address cannot travel in a projection; who else may
// see a record is not said either.
import type { InnsynJournalpost, InnsynMappe, InnsynPartRolle } from '../../domain/innsyn/validate-innsyn.ts';

export interface CaseParty {
  id: string;
  role: InnsynPartRolle;
  fnr: string;
  firstName: string;
  lastName: string;
}

export interface CaseRecordDocument {
  /** The record's message id at the portal (a UUID of mottak's). */
  id: string;
  /** Action plans (TILTAKSPLAN, with their goals) come with the plan view; not yet. */
  type: 'VEDTAK' | 'MOTEREFERAT';
  title: string;
  date: Date;
  /** Decisions only: the last moment to appeal. */
  appealDeadline?: Date | undefined;
  /** The parties (ids) the caseworker exposed the record to. */
  exposedTo: readonly string[];
}

export interface CaseMilestoneRecord {
  name: string;
  start: Date;
  end?: Date | undefined;
}

export interface CaseRecord {
  /** The case folder's message id at the portal (a UUID of mottak's). */
  id: string;
  /** The service's organisation number: the unit responsible for the case. */
  orgnr: string;
  title: string;
  caseworkerName: string | undefined;
  openedAt: Date;
  closedAt?: Date | undefined;
  milestones: readonly CaseMilestoneRecord[];
  parties: readonly CaseParty[];
  documents: readonly CaseRecordDocument[];
}

/** An item of the index API: one document as indexed for one person. */
export interface IndexItem {
  meldingId: string;
  type: 'barnevern.mappe.v1' | 'barnevern.journalpost.v1';
  personidentifikator: string;
  data: InnsynMappe | InnsynJournalpost;
}

const iso = (at: Date) => at.toISOString();

function folderFor(record: CaseRecord, party: CaseParty): InnsynMappe {
  const milestones = [...record.milestones].sort((a, b) => a.start.getTime() - b.start.getTime());
  const current = record.closedAt ? undefined : milestones.at(-1);
  return {
    tittel: record.title,
    organisasjonsnummer: record.orgnr,
    minPart: { rolle: party.role, fodselsnummer: party.fnr, fornavn: party.firstName, etternavn: party.lastName },
    andreParter: record.parties.filter((p) => p.id !== party.id).map((p) => ({ rolle: p.role, fornavn: p.firstName, etternavn: p.lastName })),
    saksansvarlig: record.caseworkerName ?? null,
    saksdato: iso(record.openedAt),
    avsluttet: record.closedAt ? iso(record.closedAt) : null,
    milepeler: milestones.map((m) => ({ navn: m.name, startdato: iso(m.start), sluttdato: m.end ? iso(m.end) : null })),
    navaerendeMilepel: current ? { navn: current.name, startdato: iso(current.start), sluttdato: null } : null,
  };
}

function recordFor(record: CaseRecord, document: CaseRecordDocument): InnsynJournalpost {
  return {
    tittel: document.title,
    forelderMeldingId: record.id,
    dokumenttype: document.type,
    dokumentetsDato: iso(document.date),
    klagefrist: document.type === 'VEDTAK' && document.appealDeadline ? iso(document.appealDeadline) : null,
    tidslinje: true,
  };
}

/** Every party's projection of the case: their folder, and the records exposed to them (none to nobody). */
export function projectCase(record: CaseRecord): IndexItem[] {
  const items: IndexItem[] = [];
  for (const party of record.parties) {
    items.push({ meldingId: record.id, type: 'barnevern.mappe.v1', personidentifikator: party.fnr, data: folderFor(record, party) });
    for (const document of record.documents) {
      if (document.exposedTo.includes(party.id)) items.push({ meldingId: document.id, type: 'barnevern.journalpost.v1', personidentifikator: party.fnr, data: recordFor(record, document) });
    }
  }
  return items;
}
