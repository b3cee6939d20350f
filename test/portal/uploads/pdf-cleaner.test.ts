// Uploaded PDFs are cleaned on worker threads: the same bytes as on the event loop, a hostile file
// refused there without taking the thread down with it, and the next file cleaned as usual.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPdfCleaner } from '../../../src/portal/uploads/pdf-cleaner.ts';
import { UPLOAD_BUDGETS } from '../../../src/portal/uploads/upload-cleaner.ts';
import { activeContentPdfs, deflateBombPdf } from '../../kit/crafted-files.ts';

describe('PDF cleaning on worker threads', () => {
  const errors: Error[] = [];
  const pool = createPdfCleaner({ threads: 2, budget: UPLOAD_BUDGETS.pdf, onWorkerError: (error) => errors.push(error) });
  const inline = createPdfCleaner({ threads: 0, budget: UPLOAD_BUDGETS.pdf });
  after(() => pool.close());

  test('a worker writes the same bytes as the event loop', async () => {
    for (const { name, pdf } of activeContentPdfs()) {
      const [threaded, here] = await Promise.all([pool.clean(pdf), inline.clean(pdf)]);
      assert.ok(threaded.ok && here.ok, name);
      assert.ok(threaded.ok && here.ok && Buffer.from(threaded.content).equals(Buffer.from(here.content)), `${name}: worker and inline differ`);
    }
  });

  test('a file that inflates past the budget is refused, and the threads clean the next files as usual', async () => {
    const [bomb, ...rest] = await Promise.all([pool.clean(deflateBombPdf()), ...activeContentPdfs().slice(0, 3).map(({ pdf }) => pool.clean(pdf))]);
    assert.deepEqual(bomb, { ok: false, refusal: 'pdfTooComplex' });
    assert.ok(rest.every((outcome) => outcome.ok));
    assert.deepEqual(errors, [], 'no thread died');
  });

  test('a file that holds its thread past the time budget is refused when the time is up; a new thread cleans the next', async () => {
    // pdf-lib parses 200,000 objects for seconds without pausing where the budget could be checked.
    const parts = ['%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj 2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n'];
    for (let i = 3; i < 200_000; i++) parts.push(`${i} 0 obj [${i}] endobj\n`);
    parts.push('trailer << /Root 1 0 R >>\n%%EOF\n');
    const hasty = createPdfCleaner({ threads: 1, budget: { ...UPLOAD_BUDGETS.pdf, seconds: 0.5 } });
    try {
      assert.ok((await hasty.clean(activeContentPdfs()[1]!.pdf)).ok, 'the thread has started');
      const start = performance.now();
      assert.deepEqual(await hasty.clean(Buffer.from(parts.join(''))), { ok: false, refusal: 'pdfTooComplex' });
      assert.ok(performance.now() - start < 3500, `refused after ${Math.round(performance.now() - start)} ms`);
      assert.ok((await hasty.clean(activeContentPdfs()[0]!.pdf)).ok);
    } finally {
      await hasty.close();
    }
  });

  test('a file still waiting when the portal shuts down is cleaned all the same', async () => {
    const closing = createPdfCleaner({ threads: 1, budget: UPLOAD_BUDGETS.pdf });
    const pending = activeContentPdfs().map(({ pdf }) => closing.clean(pdf));
    await closing.close();
    assert.ok((await Promise.all(pending)).every((outcome) => outcome.ok));
  });
});
