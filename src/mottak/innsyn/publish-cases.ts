// Bringing the portal's index in line with mottak's cases (decision 024). A round publishes every
// case changed since its last publishing: each party's projection indexed, and each record no longer
// exposed to a party withdrawn from that party's copy. A case is marked published at the change it
// published, so a change made during the round is sent in the next. A replay sends everything and
// lets the portal delete the rest: `npm run mottak -- innsyn-replay --service <orgnr>`.
import type { Kysely } from 'kysely';
import type { MottakDB } from '../db/schema.ts';
import type { InnsynClient } from './innsyn-client.ts';
import { loadCaseRecord } from './case-store.ts';
import { projectCase, type IndexItem } from './project-case.ts';

export interface PublishingTenant {
  serviceId: string;
  orgnr: string;
}

export type IndexPort = Pick<InnsynClient, 'index' | 'withdraw' | 'replay'>;

export async function publishChangedCases(db: Kysely<MottakDB>, tenant: PublishingTenant, client: IndexPort): Promise<{ published: number }> {
  const changed = await db
    .selectFrom('cases')
    .select('id')
    .where('service_id', '=', tenant.serviceId)
    .where((eb) => eb.or([eb('published_at', 'is', null), eb('published_at', '<', eb.ref('changed_at'))]))
    .orderBy('changed_at')
    .execute();
  let published = 0;
  for (const { id } of changed) {
    const record = await loadCaseRecord(db, { ...tenant, caseId: id });
    if (!record) continue;
    await client.index(projectCase(record));
    for (const party of record.parties) {
      const hidden = record.documents.filter((d) => !d.exposedTo.includes(party.id)).map((d) => d.id);
      if (hidden.length) await client.withdraw(hidden, party.fnr);
    }
    await db.updateTable('cases').set({ published_at: record.changedAt }).where('id', '=', id).where('changed_at', '=', record.changedAt).execute();
    published++;
  }
  return { published };
}

/** Every case of the service indexed again under one replay; the portal deletes what it did not get. */
export async function replayService(db: Kysely<MottakDB>, tenant: PublishingTenant, client: IndexPort): Promise<{ cases: number; indexed: number; deleted: number }> {
  const cases = await db.selectFrom('cases').select('id').where('service_id', '=', tenant.serviceId).orderBy('opened_at').execute();
  const items: IndexItem[] = [];
  const changedAt = new Map<string, Date>();
  for (const { id } of cases) {
    const record = await loadCaseRecord(db, { ...tenant, caseId: id });
    if (!record) continue;
    items.push(...projectCase(record));
    changedAt.set(id, record.changedAt);
  }
  const { indexed, deleted } = await client.replay(items);
  for (const [id, at] of changedAt) await db.updateTable('cases').set({ published_at: at }).where('id', '=', id).where('changed_at', '=', at).execute();
  return { cases: changedAt.size, indexed, deleted };
}
