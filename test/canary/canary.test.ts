// The canary search in CI: two reports (a private person's and a teacher's) carry a unique string in
// every free-text field, unique phone numbers, an e-mail address and a child's fnr, travel the real
// HTTP journey, are delivered and get feedback; then no file under the portal's DATA_DIR, no log line
// and nothing in a dump of its database (pg_dump on PostgreSQL) holds any of it, nor the reporters'
// fnr or names. bench/canary.bench.ts does the same with 20 reports, some of them printed.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../kit/databases.ts';
import { closeVisitorAddresses } from '../kit/portal-visitors.ts';
import { runCanary } from './canary-run.ts';

after(closeVisitorAddresses);

for (const database of testDatabases()) {
  describe(`canary search of the portal's data folder, logs and database dump (${database.name})`, () => {
    test('two reports with a canary in every field leave no trace of it, the fnrs or the names', async () => {
      const findings = await runCanary(database, 2);
      for (const [control, held] of Object.entries(findings.controls)) assert.ok(held, `the search reads what is there: ${control}`);
      assert.ok(findings.databaseDump.includes('report_status_events'), 'the dump covers the status events table');
      for (const [place, hits] of Object.entries(findings.hits)) assert.deepEqual(hits, [], `hits in the ${place}`);
    });
  });
}
