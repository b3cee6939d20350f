// A draft begun before uploads were cleaned holds files as they came: at submit each is cleaned
// (or refused) like an upload, so no uncleaned file reaches a service.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttachments } from '../../../src/portal/submission/load-attachments.ts';
import { createUploadCleaner } from '../../../src/portal/uploads/upload-cleaner.ts';
import type { AttachmentMeta } from '../../../src/domain/report.ts';
import { activeContentPdfs, encryptedPdf } from '../../kit/crafted-files.ts';

describe('attachments at submit', () => {
  const cleaner = createUploadCleaner({ threads: 1 });
  after(() => cleaner.close());
  const script = activeContentPdfs()[0]!;
  const stored = new Map<string, Buffer>([
    ['cleaned', Buffer.from('the bytes stored when it was uploaded, already cleaned')],
    ['old', script.pdf],
    ['locked', encryptedPdf()],
  ]);
  const load = async (id: string) => stored.get(id);
  const meta = (id: string, cleaned?: AttachmentMeta['cleaned']): AttachmentMeta => ({ id, fileName: `${id}.pdf`, contentType: 'application/pdf', size: stored.get(id)?.length ?? 0, ...(cleaned ? { cleaned } : {}) });

  test('a file cleaned on upload goes as stored; one from an older draft is cleaned now and says what was removed', async () => {
    const loaded = await loadAttachments([meta('cleaned', { removed: [] }), meta('old')], load, cleaner);
    assert.equal(loaded.kind, 'loaded');
    if (loaded.kind !== 'loaded') return;
    assert.equal(loaded.files[0]!.content, stored.get('cleaned'));
    const old = Buffer.from(loaded.files[1]!.content);
    assert.ok(!old.toString('latin1').includes(script.marker), 'the script is gone');
    assert.deepEqual(loaded.attachments[1], { ...meta('old'), size: old.length, cleaned: { removed: ['javascript'] } });
  });

  test('an older file that cannot be cleaned is refused, named, as on upload; a file gone means the draft expired', async () => {
    const refused = await loadAttachments([meta('cleaned', { removed: [] }), meta('locked')], load, cleaner);
    assert.deepEqual(refused.kind === 'refused' && [refused.attachment.id, refused.refusal], ['locked', 'pdfEncrypted']);
    assert.deepEqual(await loadAttachments([meta('gone', { removed: [] })], load, cleaner), { kind: 'missing' });
  });
});
