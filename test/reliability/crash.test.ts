// A report whose reporter got a receipt reaches the receiving service exactly once, even when the
// portal process is killed (SIGKILL) while reports are being sent. The short version of
// bench/crash.bench.ts: two cycles of 20 reporters pressing "Send" at once, a kill at a random moment
// in each, a restart on the same data, browsers sending again, and the real receiver pulling.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../kit/databases.ts';
import { runCrashCycles } from './crash-run.ts';

for (const database of testDatabases()) {
  describe(`the portal killed during submissions (${database.name})`, () => {
    test('every receipted report is delivered once: none lost, none twice, every reporter ends with a receipt', { timeout: 600_000 }, async () => {
      const own = await database.create();
      const lines: string[] = [];
      try {
        const result = await runCrashCycles({ cycles: 2, reporters: 20, databaseUrl: own.databaseUrl, log: (line) => lines.push(line) });
        const context = `\n${lines.join('\n')}\n${JSON.stringify(result)}`;
        assert.equal(result.submissions, 40);
        // The kill has to have cut something off, or this proved nothing about crashes.
        assert.ok(result.cutOff.every((n) => n > 0), `each kill cut off submissions in flight${context}`);
        assert.equal(result.withoutReceipt, 0, `every reporter who sent again got a receipt${context}`);
        assert.equal(result.withReceipt, 40, `one receipt per reporter${context}`);
        assert.equal(result.lost, 0, `receipted but never delivered${context}`);
        assert.equal(result.duplicated, 0, `delivered more than once${context}`);
        assert.equal(result.deliveredWithoutReceipt, 0, `delivered with no receipt to show for it${context}`);
        assert.equal(result.mixedUp, 0, `a receipt naming someone else's report${context}`);
        assert.equal(result.refused, 0, `the receiver refused a package${context}`);
        assert.equal(result.delivered, 40);
      } finally {
        await own.drop();
      }
    });
  });
}
