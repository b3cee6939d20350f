// The portal's copy of what receiving services expose to each party (decision 024): upsert by
// (message id, person), delete, replay. The copy is a cache the service can rebuild at any time, so
// every write is the service's word as it is now. Reads open only the logged-in person's items, and
// the person's hash is in every query's `where`.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { itemContext, openItem, sealItem, type InnsynKeys } from './innsyn-keys.ts';

export type InnsynKind = 'mappe' | 'journalpost';

/** An item that passed the checks (innsyn-items.ts): what the index stores of it. */
export interface CheckedItem {
  messageId: string;
  kind: InnsynKind;
  fnr: string;
  /** A journalpost's mappe. */
  parentMessageId: string | null;
  /** A mappe's `avsluttet`. */
  closedAt: Date | null;
  /** The KS document, unchanged. */
  data: unknown;
}

/** The batch in one transaction: all of it is indexed, or none. */
export async function indexItems(db: Kysely<DB>, keys: InnsynKeys, input: { serviceId: string; items: CheckedItem[]; replayId?: string | undefined; now: Date }): Promise<void> {
  if (!input.items.length) return;
  await db.transaction().execute(async (trx) => {
    for (const item of input.items) {
      const personHash = keys.personHash(item.fnr);
      const { sealed, wrappedKey } = sealItem(keys, JSON.stringify(item.data), itemContext(input.serviceId, item.messageId, personHash));
      const row = {
        kind: item.kind,
        parent_message_id: item.parentMessageId,
        sealed,
        wrapped_key: wrappedKey,
        replay_id: input.replayId ?? null,
        closed_at: item.closedAt,
        indexed_at: input.now,
      };
      await trx
        .insertInto('innsyn_items')
        .values({ service_id: input.serviceId, message_id: item.messageId, person_hash: personHash, ...row })
        .onConflict((oc) => oc.columns(['service_id', 'message_id', 'person_hash']).doUpdateSet(row))
        .execute();
    }
  });
}

/** Every person's copy of these messages, or only one person's; returns how many went. */
export async function deleteItems(db: Kysely<DB>, keys: InnsynKeys, input: { serviceId: string; messageIds: string[]; fnr?: string | undefined }): Promise<number> {
  if (!input.messageIds.length) return 0;
  let query = db.deleteFrom('innsyn_items').where('service_id', '=', input.serviceId).where('message_id', 'in', input.messageIds);
  if (input.fnr !== undefined) query = query.where('person_hash', '=', keys.personHash(input.fnr));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function startReplay(db: Kysely<DB>, serviceId: string, now: Date): Promise<string> {
  const row = await db.insertInto('innsyn_replays').values({ service_id: serviceId, started_at: now, completed_at: null }).returning('id').executeTakeFirstOrThrow();
  return String(row.id);
}

/** Whether the replay is this service's and still open: only then may items be indexed under it. */
export async function isOpenReplay(db: Kysely<DB>, serviceId: string, replayId: string): Promise<boolean> {
  if (!/^\d{1,18}$/.test(replayId)) return false;
  const row = await db.selectFrom('innsyn_replays').select('id').where('id', '=', replayId).where('service_id', '=', serviceId).where('completed_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/**
 * Ends a replay: whatever of the service the replay did not write is deleted, so the index holds
 * exactly what the service indexed again. Undefined when the replay is not this service's open one.
 */
export async function completeReplay(db: Kysely<DB>, serviceId: string, replayId: string, now: Date): Promise<{ deleted: number } | undefined> {
  if (!(await isOpenReplay(db, serviceId, replayId))) return undefined;
  return db.transaction().execute(async (trx) => {
    const ended = await trx.updateTable('innsyn_replays').set({ completed_at: now }).where('id', '=', replayId).where('completed_at', 'is', null).executeTakeFirst();
    if (Number(ended.numUpdatedRows) !== 1) return undefined;
    const result = await trx
      .deleteFrom('innsyn_items')
      .where('service_id', '=', serviceId)
      .where((eb) => eb.or([eb('replay_id', 'is', null), eb('replay_id', '!=', replayId)]))
      .executeTakeFirst();
    return { deleted: Number(result.numDeletedRows) };
  });
}

export interface OpenedItem {
  serviceId: string;
  messageId: string;
  kind: InnsynKind;
  parentMessageId: string | null;
  indexedAt: Date;
  data: unknown;
}

/**
 * The items indexed for this person, opened. An item that does not open or parse is left out and
 * counted (fail closed: the person sees less, never someone else's); a journalpost whose mappe is not
 * indexed for the same person is left out too.
 */
export async function openPersonItems(db: Kysely<DB>, keys: InnsynKeys, fnr: string): Promise<{ items: OpenedItem[]; unreadable: number }> {
  const personHash = keys.personHash(fnr);
  const rows = await db
    .selectFrom('innsyn_items')
    .select(['service_id', 'message_id', 'kind', 'parent_message_id', 'sealed', 'wrapped_key', 'indexed_at'])
    .where('person_hash', '=', personHash)
    .orderBy('indexed_at')
    .execute();
  let unreadable = 0;
  const items: OpenedItem[] = [];
  for (const row of rows) {
    const json = openItem(keys, row, itemContext(row.service_id, row.message_id, personHash));
    let data: unknown;
    try {
      data = json === undefined ? undefined : JSON.parse(json);
    } catch {
      data = undefined;
    }
    if (data === undefined) {
      unreadable++;
      continue;
    }
    items.push({ serviceId: row.service_id, messageId: row.message_id, kind: row.kind, parentMessageId: row.parent_message_id, indexedAt: row.indexed_at, data });
  }
  const mapper = new Set(items.filter((i) => i.kind === 'mappe').map((i) => `${i.serviceId}:${i.messageId}`));
  return { items: items.filter((i) => i.kind === 'mappe' || mapper.has(`${i.serviceId}:${i.parentMessageId}`)), unreadable };
}

/**
 * A closed case's items go when its retention ends (decision 024): the folder closed before `cutoff`,
 * and every record indexed under it for the same person. The service can index it again if it must.
 */
export async function deleteExpiredItems(db: Kysely<DB>, cutoff: Date): Promise<number> {
  const result = await sql`
    delete from innsyn_items i
    using innsyn_items m
    where m.kind = 'mappe'
      and m.closed_at < ${cutoff}
      and i.service_id = m.service_id
      and i.person_hash = m.person_hash
      and (i.message_id = m.message_id or i.parent_message_id = m.message_id)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The moment before which a folder closed is past its retention. */
export function innsynRetentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}
