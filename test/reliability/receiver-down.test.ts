// With the receiving system silent from Wednesday to Saturday before the 17 May long weekend, reports
// sent Wednesday go to print at their deadline two working days later, and those sent Thursday,
// Friday and Saturday wait over the weekend and the holiday instead of going to print, and reach the
// receiver when it is back. Each exactly once. (delivery.test.ts checks the rule for one report on
// today's date; this walks several across days off, with the real workers, against deadlines worked
// out by hand.)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../kit/databases.ts';
import { runReceiverDown, SILENCE_END } from './receiver-down-run.ts';

for (const database of testDatabases()) {
  describe(`the receiver silent for three days (${database.name})`, () => {
    test('print exactly at the deadline for reports whose two working days ran out, none early; the rest received later; each once', { timeout: 300_000 }, async () => {
      const result = await runReceiverDown(database);
      const table = `\n${result.reports.map((r) => `${r.label}: deadline ${r.deadline?.toISOString()} (by hand ${r.expectedDeadline.toISOString()}), printed ${r.printedAt?.toISOString() ?? '-'}, received ${r.timesReceived}, ${r.status}`).join('\n')}`;
      for (const r of result.reports) {
        assert.equal(r.deadline?.toISOString(), r.expectedDeadline.toISOString(), `${r.label}: deadline${table}`);
        const due = r.expectedDeadline.getTime() <= SILENCE_END.getTime();
        assert.equal(r.status, 'LEVERT', `${r.label}: delivered${table}`);
        assert.equal(r.printDeliveries, due ? 1 : 0, `${r.label}: ${due ? 'printed once' : 'not printed'}${table}`);
        assert.equal(r.timesReceived, due ? 0 : 1, `${r.label}: ${due ? 'not also received' : 'received once'}${table}`);
      }
      assert.equal(result.due, 2, 'two of the reports ran out of time during the silence');
      assert.equal(result.printedOnTime, result.due, `printed at the first sweep at or after the deadline${table}`);
      assert.equal(result.printedEarly, 0);
      assert.equal(result.extraPrintFiles, 0, 'one package and one address sheet per printed report');
    });
  });
}
