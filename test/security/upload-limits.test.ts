// Attack: a report stuffed with files — dozens of them, or many megabytes — fills the portal's
// database, the package and the caseworker's inbox. A report takes at most 10 files and 50 MB in
// all (the installation may say otherwise); one more is refused with a clear message, and what was
// attached before stays.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { onePagePdf, pdfStream, rgbPng } from '../kit/crafted-files.ts';
import { expectPage } from '../kit/portal-visitors.ts';
import { loadConfig } from '../../src/portal/config.ts';
import { Reporter } from './upload-journey.ts';

const MB = 1024 * 1024;

/** A small real picture, a different one each time. */
function picture(n: number): Buffer {
  return rgbPng(8 + n, 8, (x, y) => [x * 20, y * 20, n * 20]);
}

/** A PDF just under 10 MB that stays so when cleaned: most of it a large stream its catalogue holds. */
function largePdf(): Buffer {
  return onePagePdf({ catalog: '/PieceInfo << /Skanner << /Private 6 0 R >> >>', objects: [pdfStream('', randomBytes(10 * MB - 2048))] });
}

for (const database of testDatabases()) {
  describe(`a report takes at most 10 files and 50 MB (${database.name})`, () => {
    let portal: TestPortal;
    before(async () => {
      portal = await startTestPortal(database);
    });
    after(async () => {
      await portal?.close();
    });

    test('the eleventh file is refused, by "Last opp" and by "Fortsett"; the ten go to the service', async () => {
      const reporter = await Reporter.atAttachments(portal);
      for (let i = 1; i <= 10; i++) await reporter.uploadAccepted(`bilde-${i}.png`, picture(i));
      await reporter.uploadRefused('bilde-11.png', picture(11), /Du kan legge ved høyst 10 filer\. Fjern et vedlegg før du legger til «bilde-11\.png»\./);
      // A file chosen and "Fortsett" pressed: the same message, and the reporter stays to act on it.
      await reporter.uploadRefused('bilde-11.png', picture(11), /Du kan legge ved høyst 10 filer/, 'continue');
      const { files, attachments } = await reporter.send();
      assert.equal(attachments.length, 10);
      assert.equal(Object.keys(files).filter((f) => f.startsWith('vedlegg/')).length, 10);
    });

    test('files up to 50 MB in all are taken; the one that passes it is refused, and the rest are sent', async () => {
      const reporter = await Reporter.atAttachments(portal, { personIndex: 1 });
      // Five files of 10 MB less a little: 50 MB less a little, each within the 10 MB per file.
      for (let i = 1; i <= 5; i++) await reporter.uploadAccepted(`skannet-${i}.pdf`, largePdf());
      await reporter.uploadRefused('bilde.png', rgbPng(200, 200, (x, y) => [x, y, (x * y) & 0xff]), /Vedleggene kan til sammen være høyst 50 MB\. Fjern et vedlegg først\./);
      expectPage(reporter.page, '/meld/vedlegg/last-opp', 422);
      const { attachments } = await reporter.send();
      assert.deepEqual(attachments.map((a) => a.fileName), [1, 2, 3, 4, 5].map((i) => `skannet-${i}.pdf`));
      assert.ok(attachments.reduce((sum, a) => sum + a.size, 0) <= 50 * MB);
    });
  });
}

test('an installation sets its own limits: UPLOAD_MAX_FILES and UPLOAD_MAX_TOTAL_MB, refused when not sensible', () => {
  const base = { NODE_ENV: 'test', DATA_DIR: mkdtempSync(join(tmpdir(), 'upload-limits-')) };
  assert.deepEqual(pick(loadConfig(base).uploads), { maxFiles: 10, maxTotalBytes: 50 * MB });
  assert.deepEqual(pick(loadConfig({ ...base, UPLOAD_MAX_FILES: '3', UPLOAD_MAX_TOTAL_MB: '20' }).uploads), { maxFiles: 3, maxTotalBytes: 20 * MB });
  for (const wrong of [{ UPLOAD_MAX_FILES: '0' }, { UPLOAD_MAX_FILES: 'mange' }, { UPLOAD_MAX_TOTAL_MB: '500' }, { UPLOAD_MAX_TOTAL_MB: '0' }, { UPLOAD_MAX_TOTAL_MB: '2.5' }, { UPLOAD_WORKERS: '-1' }]) {
    assert.throws(() => loadConfig({ ...base, ...wrong }), /UPLOAD_/);
  }
});

function pick(limits: { maxFiles: number; maxTotalBytes: number }) {
  return { maxFiles: limits.maxFiles, maxTotalBytes: limits.maxTotalBytes };
}
