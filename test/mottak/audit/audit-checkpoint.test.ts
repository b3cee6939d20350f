// The manager's log page verifies the audit chain from its last verified checkpoint rather than from
// the start (a big service's chain took seconds), and re-checks one slice of the older entries per
// view. What a manager relies on: an edit after the checkpoint is reported at once, an edit behind
// it within one cycle of views, and `npm run mottak -- verify-audit` still reads every entry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { testDatabases } from '../../kit/databases.ts';
import { inServiceScope, openMottakDatabase, type MottakDatabase } from '../../../src/mottak/db/mottak-database.ts';
import { appendAudit, verifyAuditChain, verifyAuditChainSinceCheckpoint } from '../../../src/mottak/audit/audit-log.ts';

const execFileAsync = promisify(execFile);
const SLICE = 10;

for (const database of testDatabases()) {
  describe(`audit checkpoints (${database.name})`, () => {
    let mottak: MottakDatabase;
    let created: { databaseUrl: string | undefined; drop(): Promise<void> };
    let orgnr = 100;

    before(async () => {
      created = await database.create();
      mottak = await openMottakDatabase({ databaseUrl: created.databaseUrl });
    });
    after(async () => {
      await mottak?.close();
      await created?.drop();
    });

    /** A service whose log holds `entries` views, as the app writes them. */
    async function serviceWithLog(entries: number): Promise<string> {
      const id = randomUUID();
      await mottak.db.insertInto('services').values({ id, orgnr: `999${String(orgnr++).padStart(6, '0')}`, name: 'Test' }).execute();
      await append(id, entries);
      return id;
    }

    async function append(serviceId: string, entries: number): Promise<void> {
      for (let n = 0; n < entries; n++) {
        await mottak.db.transaction().execute((trx) => appendAudit(trx, { serviceId, actorId: null, actorName: 'Kari', action: 'report.viewed', reportId: randomUUID(), detail: { n }, ip: '10.0.0.1', at: new Date(Date.UTC(2026, 0, 1, 8, n)) }));
      }
    }

    /** What the log page does, as the manager: in the service's scope. */
    const pageCheck = (serviceId: string) => inServiceScope(mottak.db, { serviceId }, (trx) => verifyAuditChainSinceCheckpoint(trx, serviceId, { now: new Date(), recheckSlice: SLICE }));

    /** Tampering needs the owner and the append-only trigger off: the attacker this log is for. */
    async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
      await mottak.db.transaction().execute(async (trx) => {
        await sql`alter table audit_log disable trigger audit_log_no_update`.execute(trx);
        await statement.execute(trx);
        await sql`alter table audit_log enable trigger audit_log_no_update`.execute(trx);
      });
    }

    test('a view verifies only the entries added since the last checkpoint', async () => {
      const service = await serviceWithLog(12);
      const first = await pageCheck(service);
      assert.deepEqual({ ok: first.ok, entries: first.entries, checkedFrom: first.checkedFrom, rechecked: first.rechecked }, { ok: true, entries: 12, checkedFrom: 1, rechecked: null });
      await append(service, 3);
      const second = await pageCheck(service);
      assert.deepEqual({ ok: second.ok, entries: second.entries, checkedFrom: second.checkedFrom }, { ok: true, entries: 15, checkedFrom: 13 });
      assert.deepEqual(second.rechecked, { from: 1, to: 10 });
      const third = await pageCheck(service);
      assert.deepEqual({ ok: third.ok, checkedFrom: third.checkedFrom, rechecked: third.rechecked }, { ok: true, checkedFrom: 16, rechecked: { from: 11, to: 15 } });
      // Round again from the start once the older entries were all re-checked.
      assert.deepEqual((await pageCheck(service)).rechecked, { from: 1, to: 10 });
    });

    test('an edit after the checkpoint is found at once, and the checkpoint stays where it was', async () => {
      const service = await serviceWithLog(5);
      assert.equal((await pageCheck(service)).ok, true);
      await append(service, 3);
      await tamper(sql`update audit_log set actor_name = 'Noen andre' where service_id = ${service} and seq = 7`);
      const result = await pageCheck(service);
      assert.equal(result.ok, false);
      assert.deepEqual(result.problem, { seq: 7, reason: 'hash' });
      const checkpoint = await mottak.db.selectFrom('audit_checkpoints').select('seq').where('service_id', '=', service).executeTakeFirstOrThrow();
      assert.equal(checkpoint.seq, 5);
      assert.deepEqual((await pageCheck(service)).problem, { seq: 7, reason: 'hash' });
    });

    test('an edit behind the checkpoint is found by the full check at once and by the page within one round of re-checks', async () => {
      const service = await serviceWithLog(30);
      assert.equal((await pageCheck(service)).ok, true);
      await tamper(sql`update audit_log set ip = '192.0.2.9' where service_id = ${service} and seq = 25`);
      assert.deepEqual((await verifyAuditChain(mottak.db, service)).problem, { seq: 25, reason: 'hash' });
      // Slices 1–10 and 11–20 are whole; 21–30 holds the edit.
      assert.equal((await pageCheck(service)).ok, true);
      assert.equal((await pageCheck(service)).ok, true);
      const found = await pageCheck(service);
      assert.equal(found.ok, false);
      assert.deepEqual(found.problem, { seq: 25, reason: 'hash' });
      assert.deepEqual(found.rechecked, { from: 21, to: 30 });
      if (created.databaseUrl) {
        const cli = await verifyCommand(created.databaseUrl);
        assert.equal(cli.code, 1);
        assert.match(cli.out, /BRUTT .*oppføring 25 \(hash\)/);
      }
    });

    test('a checkpointed entry whose hash was rewritten, or a removed tail, is found at once', async () => {
      const service = await serviceWithLog(6);
      assert.equal((await pageCheck(service)).ok, true);
      await tamper(sql`update audit_log set hash = repeat('a', 64) where service_id = ${service} and seq = 6`);
      assert.deepEqual((await pageCheck(service)).problem, { seq: 6, reason: 'hash' });

      const other = await serviceWithLog(6);
      assert.equal((await pageCheck(other)).ok, true);
      await append(other, 2);
      await tamper(sql`delete from audit_log where service_id = ${other} and seq = 8`);
      assert.deepEqual((await pageCheck(other)).problem, { seq: 8, reason: 'head' });
    });

    test("a manager's scope neither reads nor moves another service's checkpoint", async () => {
      const mine = await serviceWithLog(3);
      const theirs = await serviceWithLog(3);
      await pageCheck(theirs);
      const seen = await inServiceScope(mottak.db, { serviceId: mine }, (trx) => trx.selectFrom('audit_checkpoints').select('service_id').execute());
      assert.deepEqual(seen, []);
      await assert.rejects(
        inServiceScope(mottak.db, { serviceId: mine }, (trx) => trx.insertInto('audit_checkpoints').values({ service_id: theirs, seq: 3, hash: 'x', verified_at: new Date() }).onConflict((oc) => oc.column('service_id').doUpdateSet({ hash: 'x' })).execute()),
      );
    });
  });
}

/** `npm run mottak -- verify-audit` against a PostgreSQL database: exit code and output. */
async function verifyCommand(databaseUrl: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', 'src/mottak/cli.ts', 'verify-audit'], { env: { ...process.env, MOTTAK_DATABASE_URL: databaseUrl, MOTTAK_DATA_DIR: process.env.TMPDIR ?? '/tmp' } });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}
