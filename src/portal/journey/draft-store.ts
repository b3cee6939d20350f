// Drafts are sealed (AES-256-GCM, src/crypto/sealing.ts) under a key that exists only in the
// reporter's session cookie: the database alone cannot reveal what anyone has written.
import { randomBytes, randomUUID } from 'node:crypto';
import { seal, unseal } from '../../crypto/sealing.ts';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { emptyDraft, type ReportDraft } from '../../domain/report.ts';

export const DRAFT_TTL_MS = 24 * 60 * 60 * 1000;

export function createDraftKey(): Buffer {
  return randomBytes(32);
}

export interface StoredDraft {
  id: string;
  ownerHash: string | null;
  draft: ReportDraft;
}

export async function createDraft(db: Kysely<DB>, key: Buffer, now = new Date()): Promise<StoredDraft> {
  const id = randomUUID();
  const draft = emptyDraft();
  await db
    .insertInto('drafts')
    .values({
      id,
      owner_hash: null,
      ciphertext: seal(key, Buffer.from(JSON.stringify(draft)), id),
      created_at: now,
      updated_at: now,
      expires_at: new Date(now.getTime() + DRAFT_TTL_MS),
    })
    .execute();
  return { id, ownerHash: null, draft };
}

/** Undefined when the draft is gone, expired, or the key does not open it. */
export async function loadDraft(db: Kysely<DB>, id: string, key: Buffer, now = new Date()): Promise<StoredDraft | undefined> {
  const row = await db
    .selectFrom('drafts')
    .select(['id', 'owner_hash', 'ciphertext'])
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  const plaintext = unseal(key, row.ciphertext, row.id);
  if (!plaintext) return undefined;
  const draft = { ...emptyDraft(), ...(JSON.parse(plaintext.toString('utf8')) as ReportDraft) };
  return { id: row.id, ownerHash: row.owner_hash, draft };
}

export async function saveDraft(db: Kysely<DB>, stored: StoredDraft, key: Buffer, now = new Date()): Promise<void> {
  await db
    .updateTable('drafts')
    .set({
      owner_hash: stored.ownerHash,
      ciphertext: seal(key, Buffer.from(JSON.stringify(stored.draft)), stored.id),
      updated_at: now,
      expires_at: new Date(now.getTime() + DRAFT_TTL_MS),
    })
    .where('id', '=', stored.id)
    .execute();
}

export async function deleteDraft(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('drafts').where('id', '=', id).execute();
}

export async function saveDraftAttachment(db: Kysely<DB>, draftId: string, key: Buffer, content: Buffer): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('draft_attachments')
    .values({ id, draft_id: draftId, ciphertext: seal(key, content, `${draftId}/${id}`), size: content.length })
    .execute();
  return id;
}

export async function loadDraftAttachment(db: Kysely<DB>, draftId: string, id: string, key: Buffer): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('draft_attachments')
    .select('ciphertext')
    .where('draft_id', '=', draftId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? unseal(key, row.ciphertext, `${draftId}/${id}`) : undefined;
}

export async function deleteDraftAttachment(db: Kysely<DB>, draftId: string, id: string): Promise<void> {
  await db.deleteFrom('draft_attachments').where('draft_id', '=', draftId).where('id', '=', id).execute();
}

/** Removes expired drafts (their attachments cascade) and expired receipt copies. */
export async function deleteExpiredDrafts(db: Kysely<DB>, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('drafts').where('expires_at', '<=', now).executeTakeFirst();
  await db.deleteFrom('report_receipts').where('expires_at', '<=', now).execute();
  return Number(result.numDeletedRows);
}

export async function countDrafts(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('drafts').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
