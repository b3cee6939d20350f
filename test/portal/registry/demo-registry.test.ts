// A developer's existing .data gets the corrected contact details on the next start: the database
// drops 116 111 as a barnevernvakt number (migration 008) and the demo seed writes the sourced
// numbers and addresses over the old ones, without new services or districts.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { PORTAL_MIGRATIONS, type PortalDatabase, migratePortalDatabase, openPortalDatabase } from '../../../src/portal/db/portal-database.ts';
import { listMigrations, migrateDatabase } from '../../../src/db/migrate.ts';
import { syncMunicipalities } from '../../../src/portal/registry/sync-municipalities.ts';
import { seedDemoRegistry } from '../../../src/dev/demo-registry.ts';
import { demoServices } from '../../../src/dev/demo-services.ts';
import { DEMO_KEY_CACHE_DIR } from '../../kit/portal.ts';

let database: PortalDatabase;
let dataDir: string;

before(async () => {
  database = await openPortalDatabase({});
  dataDir = mkdtempSync(join(tmpdir(), 'mp-demo-registry-'));
});
after(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a database seeded before the sourced contact data gets it on the next start', async () => {
  // The schema as it was before migration 008, and the demo services as they were then.
  const before008 = join(dataDir, 'migrations-before-008');
  cpSync(PORTAL_MIGRATIONS.dir, before008, { recursive: true });
  for (const file of readdirSync(before008)) if (file >= '008') rmSync(join(before008, file));
  assert.ok(listMigrations(before008).length >= 7);
  await migrateDatabase(database.pool, { dir: before008, lockId: PORTAL_MIGRATIONS.lockId });
  await syncMunicipalities(database.db);
  for (const demo of demoServices()) {
    const id = randomUUID();
    await database.db
      .insertInto('services')
      .values({
        id,
        orgnr: demo.orgnr,
        name: demo.name,
        daytime_phone: '21 80 21 80',
        emergency_phone: demo.barnevernvakt?.phone ?? '116 111',
        emergency_hours: 'Utenom kontortid og hele døgnet i helger og på helligdager',
        postal_address: ['Barneverntjenesten', 'Oslo kommune'],
        onboarded: true,
      })
      .execute();
    await database.db
      .insertInto('districts')
      .values(demo.areas.map((a) => ({ kommunenummer: a.kommunenummer, bydelsnummer: a.bydelsnummer, name: a.name, service_id: id, default_recipient: a.defaultRecipient })))
      .execute();
  }
  const servicesBefore = await database.db.selectFrom('services').select('id').execute();
  const alarmLineBefore = await database.db.selectFrom('services').select('id').where('emergency_phone', '=', '116 111').execute();
  assert.ok(alarmLineBefore.length > 0, 'the old demo put 116 111 in place of some barnevernvakt numbers');

  // The next start: migrations, then the seed.
  const applied = await migratePortalDatabase(database.pool);
  assert.equal(applied[0], '008-own-barnevernvakt.sql', 'migration 008 runs first, then any later ones');
  assert.deepEqual(applied, listMigrations(PORTAL_MIGRATIONS.dir).map((m) => m.name).filter((name) => name >= '008'));
  await seedDemoRegistry(database.db, dataDir, { credentialCacheDir: DEMO_KEY_CACHE_DIR });

  const rows = await database.db.selectFrom('services').select(['id', 'orgnr', 'daytime_phone', 'emergency_phone', 'emergency_hours', 'postal_address']).execute();
  assert.deepEqual(rows.map((r) => r.id).sort(), servicesBefore.map((r) => r.id).sort(), 'the same services, none added');
  const byOrgnr = new Map(rows.map((r) => [r.orgnr, r]));
  for (const demo of demoServices()) {
    const row = byOrgnr.get(demo.orgnr)!;
    assert.notEqual(row.emergency_phone?.replace(/\D/g, ''), '116111', demo.name);
    assert.equal(row.emergency_phone, demo.barnevernvakt?.phone ?? null, demo.name);
    assert.equal(row.emergency_hours, demo.barnevernvakt?.hours ?? null, demo.name);
    assert.equal(row.daytime_phone, demo.daytimePhone, demo.name);
    assert.deepEqual(row.postal_address, demo.postalAddress, demo.name);
  }
  const districts = await database.db.selectFrom('districts').select('kommunenummer').execute();
  assert.equal(districts.length, demoServices().reduce((n, d) => n + d.areas.length, 0), 'no district added');
});
