// The whole way, as the "done when" puts it: a report sent in the browser reaches the
// receiver CLI within seconds, decrypted and schema-valid, and the reporter sees "Levert" on Mine
// meldinger; with the receiver stopped, the report goes to print after two working days (a
// controllable clock) and the reporter sees that too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ManualClock } from '../src/clock.ts';
import { validateFiksDocument } from '../src/domain/fiks/validate-fiks.ts';
import { sweepDeliveries } from '../src/portal/delivery/delivery-jobs.ts';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { checkA11y, launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import { CANARY, sendInBrowser, visit } from '../test/kit/browser/journey.ts';
import { waitFor } from '../test/kit/wait.ts';
import { grepTree } from '../test/kit/grep-tree.ts';

const BAERUM = 'Barneverntjenesten i Bærum';

describe('a report travels from the browser to the receiving service, and the reporter sees it', () => {
  let portal: TestPortal;
  let browser: Browser;
  let receiver: ChildProcess | undefined;
  const clock = new ManualClock();

  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!, {}, { clock }), launchBrowser()]);
  });
  after(async () => {
    receiver?.kill();
    await browser?.close();
    await portal?.close();
  });

  test('delivered to the receiver CLI within seconds, then sent by post when the receiver is silent', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false });
    try {
      const orgnr = (
        await portal.database.db.selectFrom('services').innerJoin('districts', 'districts.service_id', 'services.id').select('services.orgnr').where('districts.kommunenummer', '=', '3201').executeTakeFirstOrThrow()
      ).orgnr;
      // The receiving side's own folder, apart from the portal's data, as in production.
      const out = mkdtempSync(join(tmpdir(), 'meldeportal-mottak-'));
      const output: string[] = [];
      receiver = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/mottak/receiver/cli.ts', '--service', orgnr, '--portal', portal.url, '--data-dir', portal.dataDir, '--out', out, '--interval', '1'],
        { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      receiver.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      receiver.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      await waitFor('the receiver to start listening', () => (output.join('').includes('lytter etter meldinger') ? true : undefined), 30_000);

      const first = await sendInBrowser(page, 'Ola Nordmann', `Roping og gråt hver kveld. ${CANARY}`, false);
      const sentAt = Date.now();
      const folder = join(out, first);
      await waitFor(`${first} at the receiver`, () => (existsSync(join(folder, 'mottak.json')) ? true : undefined), 20_000);
      const seconds = (Date.now() - sentAt) / 1000;
      assert.ok(seconds < 20, `received after ${seconds.toFixed(1)} s`);
      const json = readFileSync(join(folder, 'bekymringsmelding.json'), 'utf8');
      assert.deepEqual(validateFiksDocument('no.ks.fiks.bekymringsmelding.privat.v2', JSON.parse(json)), { valid: true });
      assert.match(json, new RegExp(CANARY), 'what the reporter wrote arrives');

      await waitFor('LEVERT', async () => ((await portal.database.db.selectFrom('reports').select('status').where('reference', '=', first).executeTakeFirstOrThrow()).status === 'LEVERT' ? true : undefined), 10_000);
      await visit(page, '/mine-meldinger');
      await checkA11y(page, 'Mine meldinger, delivered');
      const delivered = await page.getByRole('region', { name: `Melding ${first}` }).innerText();
      // "23. november kl. 12:03": the date and time as Intl writes them in bokmål.
      assert.match(delivered, new RegExp(`Levert til ${BAERUM} \\d{1,2}\\. \\p{L}+ kl\\. \\d{2}:\\d{2}`, 'u'));

      // The receiving system goes quiet.
      receiver.kill();
      await new Promise((r) => receiver!.once('exit', r));
      const second = await sendInBrowser(page, 'Ola Nordmann', `En ny episode i går kveld. ${CANARY}`, true);
      const published = await waitFor(
        'the second report to be offered',
        async () => {
          const row = await portal.database.db.selectFrom('reports').select(['status', 'fagsystem_deadline_at']).where('reference', '=', second).executeTakeFirstOrThrow();
          return row.status === 'SENDT_FAGSYSTEM' ? row : undefined;
        },
        10_000,
      );
      // Two working days later: the sweep sends it to print.
      clock.set(new Date(published.fagsystem_deadline_at!.getTime() + 60_000));
      await sweepDeliveries({ db: portal.database.db, outbox: portal.app.delivery.outbox, clock, printAdapter: portal.app.delivery.printAdapter, retentionDays: 7, log: portal.app.log });
      await waitFor('print', async () => ((await portal.database.db.selectFrom('reports').select('status').where('reference', '=', second).executeTakeFirstOrThrow()).status === 'LEVERT' ? true : undefined), 15_000);
      assert.ok(existsSync(join(portal.app.config.print.outboxDir, `${second}.p7m`)), 'the print provider has the letter');

      await visit(page, '/mine-meldinger');
      await checkA11y(page, 'Mine meldinger, sent by post');
      const posted = await page.getByRole('region', { name: `Melding ${second}` }).innerText();
      assert.match(posted, new RegExp(`Sendt i posten til ${BAERUM}`));
      assert.match(posted, /to virkedager/);
      // Delivered twice over, by system and by post: still no plaintext anywhere in the portal's data.
      assert.deepEqual(grepTree(portal.dataDir, Buffer.from(CANARY)), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
