// The PDF a service and a reporter get must be the same whether it was rendered on a worker thread
// or on the event loop, and a burst of submits larger than the pool must all get their PDF.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createPdfRenderer } from '../../../src/portal/submission/pdf-renderer.ts';
import { samplePrivateReport, sampleProfessionalReport } from '../../kit/fixtures/reports.ts';

describe('PDF rendering on worker threads', () => {
  const pool = createPdfRenderer({ threads: 2 });
  const inline = createPdfRenderer({ threads: 0 });
  after(() => pool.close());

  test('the PDFs are rendered on the worker threads, not on the event loop', async () => {
    const before = pool.counts();
    await Promise.all([1, 2, 3].map((i) => pool.render({ report: samplePrivateReport(), reference: `MP-THREAD-${i}`, language: 'nb' })));
    const now = pool.counts();
    assert.equal(now.onWorkers - before.onWorkers, 3, 'rendered on worker threads');
    assert.equal(now.here, before.here, 'none fell back to the event loop');
  });

  test('a worker renders the same bytes as the event loop', async () => {
    // The PDF's dates come from the report, so the two renderings are byte for byte comparable.
    for (const report of [samplePrivateReport(), sampleProfessionalReport()]) {
      const job = { report, reference: 'MP-7K4Q-2XH9', language: 'nb' as const };
      const [threaded, here] = await Promise.all([pool.render(job), inline.render(job)]);
      assert.ok(threaded.subarray(0, 5).equals(Buffer.from('%PDF-')));
      assert.ok(threaded.equals(here), 'worker and inline renderings differ');
    }
  });

  test('more jobs than threads: each gets its own report back', async () => {
    const references = Array.from({ length: 9 }, (_, i) => `MP-TEST-000${i}`);
    const pdfs = await Promise.all(references.map((reference) => pool.render({ report: samplePrivateReport(), reference, language: 'nb' })));
    const single = await inline.render({ report: samplePrivateReport(), reference: references[4]!, language: 'nb' });
    assert.ok(pdfs[4]!.equals(single), 'job 5 did not get the PDF of its own reference');
    assert.equal(new Set(pdfs.map((p) => p.toString('base64'))).size, references.length);
  });

  test('a report the renderer cannot lay out fails that submit only, without its content in the error', async () => {
    const broken = { ...samplePrivateReport(), children: null } as unknown as ReturnType<typeof samplePrivateReport>;
    await assert.rejects(pool.render({ report: broken, reference: 'MP-BAD', language: 'nb' }), (error: Error) => !error.message.includes('Åsheim'));
    const after = await pool.render({ report: samplePrivateReport(), reference: 'MP-OK', language: 'nb' });
    assert.ok(after.length > 1000, 'the pool kept working after a failed job');
  });

  test('jobs still waiting when the pool closes are rendered, not dropped', async () => {
    const closing = createPdfRenderer({ threads: 1 });
    const jobs = Array.from({ length: 4 }, (_, i) => closing.render({ report: samplePrivateReport(), reference: `MP-CLOSE-${i}`, language: 'nb' }));
    await closing.close();
    const pdfs = await Promise.all(jobs);
    assert.equal(pdfs.length, 4);
    for (const pdf of pdfs) assert.ok(pdf.subarray(0, 5).equals(Buffer.from('%PDF-')));
  });
});
