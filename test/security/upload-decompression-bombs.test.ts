// Attack: a small file that grows without end when opened — a 437 KB PNG of 60,000 × 60,000 pixels,
// a 1 MB PDF whose page or object stream inflates to 1 GiB, a JPEG whose header claims 40,000 ×
// 40,000 — to stall or exhaust the portal while it cleans the file, or the caseworker's machine
// when it is opened. Each is refused quickly, by its header or within a budget, with a clear message,
// and the portal goes on answering.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { deflateBombPdf, hugeBlankPng, objectStreamBombPdf } from '../kit/crafted-files.ts';
import { Reporter } from './upload-journey.ts';

/** A real 16 × 16 JPEG whose frame header (SOF0) then says 40,000 × 40,000. */
async function jpegClaimingHugeSize(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 200, g: 100, b: 50 } } }).jpeg().toBuffer();
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  assert.ok(sof > 0, 'a baseline JPEG has a SOF0 marker');
  jpeg.writeUInt16BE(40_000, sof + 5);
  jpeg.writeUInt16BE(40_000, sof + 7);
  return jpeg;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

for (const database of testDatabases()) {
  describe(`files that inflate far beyond their size are refused, not processed (${database.name})`, () => {
    let portal: TestPortal;
    before(async () => {
      portal = await startTestPortal(database);
    });
    after(async () => {
      await portal?.close();
    });

    test('a 437 KB PNG of 60,000 × 60,000 pixels is refused by its header, at once', async () => {
      const png = hugeBlankPng(60_000, 60_000);
      assert.ok(png.length < 450 * 1024, `${png.length} bytes`);
      const reporter = await Reporter.atAttachments(portal);
      const { ms } = await timed(() => reporter.uploadRefused('kart.png', png, /Bildet «kart\.png» er for stort: over 50 megapiksler\. Gjør bildet mindre og last det opp på nytt\./));
      // 3.6 gigapixels decoded would take minutes and gigabytes; reading a header takes milliseconds.
      assert.ok(ms < 2000, `refused in ${Math.round(ms)} ms`);
      await reporter.uploadRefused('stort.jpg', await jpegClaimingHugeSize(), /Bildet «stort\.jpg» er for stort: over 50 megapiksler/);
    });

    test('a 1 MB PDF whose page or object stream inflates to 1 GiB is refused within its budget', async () => {
      const reporter = await Reporter.atAttachments(portal, { personIndex: 1 });
      for (const [name, pdf] of [
        ['side.pdf', deflateBombPdf()],
        ['objekter.pdf', objectStreamBombPdf()],
      ] as const) {
        assert.ok(pdf.length < 1.1 * 1024 * 1024, `${name}: ${pdf.length} bytes`);
        const rssBefore = process.memoryUsage().rss;
        // Meanwhile the portal answers others: the PDF is cleaned on a thread of its own.
        const [refused, startPage] = await Promise.all([
          timed(() => reporter.uploadRefused(name, pdf, new RegExp(`PDF-filen «${name.replace('.', '\\.')}» er for stor eller sammensatt til at vi kan sjekke den`))),
          (async () => {
            await new Promise((r) => setTimeout(r, 300));
            return timed(() => fetch(new URL('/', portal.url)).then((r) => r.status));
          })(),
        ]);
        assert.ok(refused.ms < 15_000, `${name}: refused in ${Math.round(refused.ms)} ms`);
        assert.equal(startPage.value, 200);
        assert.ok(startPage.ms < 1000, `the start page took ${Math.round(startPage.ms)} ms while ${name} was cleaned`);
        // Inflating stops at the budget (128 MiB), far short of the gigabyte.
        const grown = process.memoryUsage().rss - rssBefore;
        assert.ok(grown < 600 * 1024 * 1024, `${name}: memory grew by ${Math.round(grown / 1024 / 1024)} MB`);
      }
      // Nothing was attached, and the report can still be sent.
      assert.deepEqual(reporter.listedFiles(), []);
      const { attachments } = await reporter.send();
      assert.deepEqual(attachments, []);
    });
  });
}
