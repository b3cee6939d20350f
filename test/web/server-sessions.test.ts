// The session store both apps use: what the rows keep and how sessions end. Real database (the
// portal's migrations), clock moved by hand.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { type PortalDatabase, migratePortalDatabase, openPortalDatabase } from '../../src/portal/db/portal-database.ts';
import { ManualClock } from '../../src/clock.ts';
import { createServerSessions, pruneSessions, type ServerSessions } from '../../src/web/server-sessions.ts';
import { testDatabases } from '../kit/databases.ts';

const MINUTE = 60_000;

for (const database of testDatabases()) {
  describe(`server sessions (${database.name})`, () => {
    let db: PortalDatabase;
    let drop: () => Promise<void>;
    let sessions: ServerSessions;
    const clock = new ManualClock(new Date('2026-12-07T08:00:00Z'));
    const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

    before(async () => {
      const created = await database.create();
      drop = created.drop;
      db = await openPortalDatabase(created.databaseUrl ? { databaseUrl: created.databaseUrl } : {});
      await migratePortalDatabase(db.pool);
      sessions = createServerSessions({ db: db.db, clock, lifetimes: { idleMs: 30 * MINUTE, absoluteMs: 8 * 60 * MINUTE }, hmacKey: randomBytes(32) });
    });
    after(async () => {
      await db.close();
      await drop();
    });

    test('the database keeps no raw id and no raw IdP identifier, only hashes', async () => {
      const raw = await sessions.start({ principal: 'p1', idpSubject: 'sub-CLEAR', idpSid: 'sid-CLEAR' });
      const rows = await db.db.selectFrom('sessions').selectAll().execute();
      const dump = JSON.stringify(rows);
      for (const secret of [raw, 'sub-CLEAR', 'sid-CLEAR']) assert.equal(dump.includes(secret), false, secret);
      assert.ok(await sessions.check(raw));
    });

    test('activity pushes the idle time on, never past the absolute end', async () => {
      const raw = await sessions.start({ principal: 'p2', idpSubject: 's', idpSid: undefined });
      for (let i = 0; i < 19; i++) {
        advance(25 * MINUTE);
        assert.ok(await sessions.check(raw), `alive after ${(i + 1) * 25} minutes of activity`);
      }
      advance(10 * MINUTE); // 485 minutes: past 8 hours, though last used 10 minutes ago
      assert.equal(await sessions.check(raw), undefined);
    });

    test('ending all of a person’s sessions but one, and the IdP ending one by its session id', async () => {
      const a = await sessions.start({ principal: 'p3', idpSubject: 'sub3', idpSid: 'sid-a' });
      const b = await sessions.start({ principal: 'p3', idpSubject: 'sub3', idpSid: 'sid-b' });
      const c = await sessions.start({ principal: 'p3', idpSubject: 'sub3', idpSid: 'sid-c' });
      assert.equal(await sessions.endByIdp({ sid: 'sid-b' }), 1);
      assert.equal(await sessions.check(b), undefined);
      assert.equal(await sessions.endAllOf('p3', 'ended-by-self', sessions.hashId(a)), 1);
      assert.ok(await sessions.check(a));
      assert.equal(await sessions.check(c), undefined);
      assert.equal(await sessions.endByIdp({ subject: 'sub3' }), 1, 'by subject when the IdP names no session');
      assert.equal(await sessions.check(a), undefined);
      assert.equal(await sessions.endByIdp({}), 0, 'naming nobody ends nothing');
    });

    test('ended and expired rows are pruned a day later, live ones stay', async () => {
      advance(MINUTE);
      const live = await sessions.start({ principal: 'p4', idpSubject: 's', idpSid: undefined });
      await pruneSessions(db.db, new Date(clock.now().getTime() + 24 * 60 * MINUTE));
      const left = await db.db.selectFrom('sessions').select('principal').execute();
      assert.deepEqual(left.map((r) => r.principal), ['p4']);
      assert.ok(await sessions.check(live));
    });
  });
}
