// The embedded database belongs to one process: an operator command started beside a running
// portal must be refused rather than corrupt the portal's data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/database.ts';

test('a second process cannot open the embedded database while its owner lives; a stale claim is taken over', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'mp-pglite-')), 'portal-db');
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    writeFileSync(`${dir}.owner.pid`, String(other.pid));
    await assert.rejects(openDatabase({ pgliteDir: dir }), new RegExp(`in use by process ${other.pid}`));
  } finally {
    other.kill();
    await new Promise((r) => other.once('exit', r));
  }
  // The owner is gone: its claim is stale.
  const database = await openDatabase({ pgliteDir: dir });
  assert.equal((await database.pool.query('select 1 as one')).rows[0].one, 1);
  await database.close();
  assert.equal(existsSync(`${dir}.owner.pid`), false, 'closing releases the claim');
});
