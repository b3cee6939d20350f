import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../kit/databases.ts';
import { type PortalDatabase, migratePortalDatabase, openPortalDatabase } from '../../../src/portal/db/portal-database.ts';
import {
  createDraft,
  createDraftKey,
  deleteExpiredDrafts,
  loadDraft,
  loadDraftAttachment,
  saveDraft,
  saveDraftAttachment,
} from '../../../src/portal/journey/draft-store.ts';

for (const database of testDatabases()) {
  describe(`encrypted drafts (${database.name})`, () => {
    let db: PortalDatabase;
    let drop: () => Promise<void>;
    before(async () => {
      const created = await database.create();
      drop = created.drop;
      db = await openPortalDatabase({ databaseUrl: created.databaseUrl });
      await migratePortalDatabase(db.pool);
    });
    after(async () => {
      await db.close();
      await drop();
    });

    test('what a reporter typed is stored only as ciphertext and comes back with the key', async () => {
      const key = createDraftKey();
      const stored = await createDraft(db.db, key);
      stored.draft.concern = {
        categories: ['2.4.05'],
        urgency: 'urgent',
        whatHappened: 'Naboen slår barnet – UNIK-TEKST-42',
        history: '',
        otherViews: '',
        interpreterNeed: 'no',
        interpreterLanguage: '',
        otherAgencies: '',
      };
      await saveDraft(db.db, stored, key);
      const row = await db.db.selectFrom('drafts').select('ciphertext').where('id', '=', stored.id).executeTakeFirstOrThrow();
      assert.equal(row.ciphertext.includes(Buffer.from('UNIK-TEKST-42')), false);
      const loaded = await loadDraft(db.db, stored.id, key);
      assert.equal(loaded?.draft.concern?.whatHappened, 'Naboen slår barnet – UNIK-TEKST-42');
    });

    test('another key, or a ciphertext moved to another draft, opens nothing', async () => {
      const key = createDraftKey();
      const a = await createDraft(db.db, key);
      const b = await createDraft(db.db, key);
      assert.equal(await loadDraft(db.db, a.id, createDraftKey()), undefined);
      const rowA = await db.db.selectFrom('drafts').select('ciphertext').where('id', '=', a.id).executeTakeFirstOrThrow();
      await db.db.updateTable('drafts').set({ ciphertext: rowA.ciphertext }).where('id', '=', b.id).execute();
      assert.equal(await loadDraft(db.db, b.id, key), undefined);
    });

    test('a draft untouched for 24 hours is gone, with its attachments', async () => {
      const key = createDraftKey();
      const stored = await createDraft(db.db, key, new Date(Date.now() - 25 * 60 * 60 * 1000));
      const attachmentId = await saveDraftAttachment(db.db, stored.id, key, Buffer.from('%PDF-1.7 test'));
      assert.equal(await loadDraft(db.db, stored.id, key), undefined, 'expired drafts do not load');
      assert.ok(await loadDraftAttachment(db.db, stored.id, attachmentId, key));
      assert.ok((await deleteExpiredDrafts(db.db)) >= 1);
      assert.equal(await loadDraftAttachment(db.db, stored.id, attachmentId, key), undefined);
    });
  });
}
