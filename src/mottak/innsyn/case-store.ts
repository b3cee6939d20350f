// Mottak's cases for citizen services (decision 024): opening one, its parties, its records and
// which party each record is exposed to. Every query names the service; every change moves the
// case's changed_at, so the next publishing round sends the parties' projections again. Where the
// case stands (its milestones) is read from the report's own dates, not typed twice.
import { randomUUID } from 'node:crypto';
import type { InnsynPartRolle } from '../../domain/innsyn/validate-innsyn.ts';
import type { MottakDb } from '../db/mottak-database.ts';
import type { CaseMilestoneRecord, CaseRecord } from './project-case.ts';

async function touch(db: MottakDb, serviceId: string, caseId: string, now: Date): Promise<void> {
  await db.updateTable('cases').set({ changed_at: now }).where('service_id', '=', serviceId).where('id', '=', caseId).execute();
}

export async function openCase(db: MottakDb, input: { serviceId: string; reportId: string | null; title: string; caseworkerId: string | null; now: Date }): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('cases')
    .values({ id, service_id: input.serviceId, report_id: input.reportId, title: input.title, opened_at: input.now, opened_by: input.caseworkerId, changed_at: input.now, published_at: null })
    .execute();
  return id;
}

export async function addParty(db: MottakDb, input: { serviceId: string; caseId: string; role: InnsynPartRolle; fnr: string; firstName: string; lastName: string; now: Date }): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('case_parties')
    .values({ id, case_id: input.caseId, service_id: input.serviceId, role: input.role, fnr: input.fnr, first_name: input.firstName, last_name: input.lastName })
    .execute();
  await touch(db, input.serviceId, input.caseId, input.now);
  return id;
}

export async function addDocument(
  db: MottakDb,
  input: { serviceId: string; caseId: string; type: 'VEDTAK' | 'MOTEREFERAT'; title: string; date: Date; appealDeadline: Date | null; exposedTo: readonly string[]; caseworkerId: string | null; now: Date },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('case_documents')
    .values({ id, case_id: input.caseId, service_id: input.serviceId, type: input.type, title: input.title, document_date: input.date, appeal_deadline: input.appealDeadline, created_at: input.now, created_by: input.caseworkerId })
    .execute();
  for (const partyId of input.exposedTo) await setExposure(db, { serviceId: input.serviceId, caseId: input.caseId, documentId: id, partyId, exposed: true, caseworkerId: input.caseworkerId, now: input.now });
  await touch(db, input.serviceId, input.caseId, input.now);
  return id;
}

/** Exposes a record to a party, or withdraws it; the party must be of the record's own case. */
export async function setExposure(db: MottakDb, input: { serviceId: string; caseId: string; documentId: string; partyId: string; exposed: boolean; caseworkerId: string | null; now: Date }): Promise<void> {
  const sameCase = await db
    .selectFrom('case_documents')
    .innerJoin('case_parties', 'case_parties.case_id', 'case_documents.case_id')
    .select('case_documents.id')
    .where('case_documents.service_id', '=', input.serviceId)
    .where('case_documents.case_id', '=', input.caseId)
    .where('case_documents.id', '=', input.documentId)
    .where('case_parties.id', '=', input.partyId)
    .executeTakeFirst();
  if (!sameCase) throw new RangeError('the record and the party are not of this case');
  if (input.exposed) {
    await db
      .insertInto('case_exposures')
      .values({ document_id: input.documentId, party_id: input.partyId, service_id: input.serviceId, exposed_at: input.now, exposed_by: input.caseworkerId })
      .onConflict((oc) => oc.columns(['document_id', 'party_id']).doNothing())
      .execute();
  } else {
    await db.deleteFrom('case_exposures').where('service_id', '=', input.serviceId).where('document_id', '=', input.documentId).where('party_id', '=', input.partyId).execute();
  }
  await touch(db, input.serviceId, input.caseId, input.now);
}

/** The case as the projections are made from it, or undefined when it is not this service's. */
export async function loadCaseRecord(db: MottakDb, input: { serviceId: string; orgnr: string; caseId: string }): Promise<(CaseRecord & { changedAt: Date }) | undefined> {
  const row = await db
    .selectFrom('cases')
    .leftJoin('reports', 'reports.id', 'cases.report_id')
    .leftJoin('caseworkers', (join) => join.onRef('caseworkers.id', '=', 'reports.assignee_id'))
    .select(['cases.id', 'cases.title', 'cases.opened_at', 'cases.closed_at', 'cases.changed_at', 'reports.received_at', 'reports.conclusion_code', 'reports.concluded_at', 'caseworkers.name as caseworker'])
    .where('cases.service_id', '=', input.serviceId)
    .where('cases.id', '=', input.caseId)
    .executeTakeFirst();
  if (!row) return undefined;
  const parties = await db.selectFrom('case_parties').selectAll().where('service_id', '=', input.serviceId).where('case_id', '=', input.caseId).orderBy('role').execute();
  const documents = await db.selectFrom('case_documents').selectAll().where('service_id', '=', input.serviceId).where('case_id', '=', input.caseId).orderBy('document_date').execute();
  const exposures = documents.length
    ? await db.selectFrom('case_exposures').select(['document_id', 'party_id']).where('service_id', '=', input.serviceId).where('document_id', 'in', documents.map((d) => d.id)).execute()
    : [];
  const milestones: CaseMilestoneRecord[] = [];
  if (row.received_at) milestones.push({ name: 'Melding mottatt', start: row.received_at });
  if (row.conclusion_code === '2' && row.concluded_at) milestones.push({ name: 'Undersøkelse', start: row.concluded_at });
  const firstDecision = documents.find((d) => d.type === 'VEDTAK');
  if (firstDecision) milestones.push({ name: 'Vedtak', start: firstDecision.document_date });
  if (milestones.length === 0) milestones.push({ name: 'Sak opprettet', start: row.opened_at });
  return {
    id: row.id,
    orgnr: input.orgnr,
    title: row.title,
    caseworkerName: row.caseworker ?? undefined,
    openedAt: row.opened_at,
    closedAt: row.closed_at ?? undefined,
    changedAt: row.changed_at,
    milestones,
    parties: parties.map((p) => ({ id: p.id, role: p.role, fnr: p.fnr, firstName: p.first_name, lastName: p.last_name })),
    documents: documents.map((d) => ({
      id: d.id,
      type: d.type,
      title: d.title,
      date: d.document_date,
      appealDeadline: d.appeal_deadline ?? undefined,
      exposedTo: exposures.filter((e) => e.document_id === d.id).map((e) => e.party_id),
    })),
  };
}
