// The authorization matrix over real HTTP: every route of the portal and of mottak, enumerated from
// the running apps, called as anonymous, as another person, as caseworkers and a manager of other
// services, and with another service's API token. Nothing of the report may reach any of them, and
// a route the matrix does not cover fails the test.
//
// Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL: the scoping lives in the queries
// (and in mottak's row-level security), and both are what production may run on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../kit/databases.ts';
import { describeFinding, judge, MATRICES, runMatrix, type MatrixResult } from './route-matrix.ts';
import { compareKeys, parseRouteTree } from './routes.ts';
import { startSecurityWorld, BERGEN_WORKER, GAMLE_OSLO_MANAGER, type SecurityWorld } from './world.ts';

test('the route tree parser reads nested prefixes and wildcards, and refuses what it does not understand', () => {
  const tree = ['└── / (GET, HEAD)', '    ├── a', '    │   ├── pi/x (POST)', '    │   └── b/', '    │       └── * (GET)', '    └── m/', '        └── :id (GET, HEAD)'].join('\n');
  assert.deepEqual(
    parseRouteTree(tree).map((r) => r.key).sort(),
    ['GET /', 'GET /ab/*', 'GET /m/:id', 'HEAD /', 'HEAD /m/:id', 'POST /api/x'],
  );
  assert.throws(() => parseRouteTree('└── / (GET)\n    ├── :id|:uid (GET)'), /alternative parameter names/);
  assert.throws(() => parseRouteTree('└── / (GET)\n    something else'), /not understood/);
});

test('a route the matrix lacks, and a row whose route is gone, are both reported', () => {
  const routes = parseRouteTree('└── / (GET)\n    └── ny-side (GET, POST)');
  assert.deepEqual(compareKeys(routes, { 'GET /': {}, 'GET /gammel-side': {} }), { uncovered: ['GET /ny-side', 'POST /ny-side'], stale: ['GET /gammel-side'] });
});

for (const database of testDatabases()) {
  describe(`authorization matrix (${database.name})`, () => {
    let world: SecurityWorld;
    let result: MatrixResult;

    before(async () => {
      world = await startSecurityWorld(database);
      result = await runMatrix(world);
    });
    after(async () => {
      await world?.close();
    });

    const findings = (kind: string) => result.findings.filter((f) => f.kind === kind).map(describeFinding);

    test('every route of both apps has a row in the matrix, and every row a route', () => {
      assert.ok(result.routes.portal.length >= 30 && result.routes.mottak.length >= 20, 'the enumeration found the apps’ routes');
      assert.deepEqual(findings('coverage'), []);
      for (const app of ['portal', 'mottak'] as const) {
        const called = new Set(result.exchanges.filter((e) => e.app === app).map((e) => e.key));
        assert.deepEqual(Object.keys(MATRICES[app]).filter((k) => !called.has(k)), [], `${app}: every row was called`);
      }
    });

    test('the owner’s own calls show the report: the secrets searched for are really on these pages', () => {
      assert.deepEqual(findings('control'), []);
      assert.ok(result.exchanges.some((e) => e.actor === 'ownWorker' && e.body.includes(world.report.canary)), 'the canary is on the caseworker’s page');
    });

    test('the leak check finds the report where it is: the owner’s answers, had someone else got them, are leaks', () => {
      const owned = result.exchanges.filter((e) => ['reporter', 'ownWorker', 'ownManager', 'ownToken'].includes(e.actor) && e.status === 200);
      assert.ok(owned.length >= 10, `owner calls: ${owned.length}`);
      // By status alone: a 200 where the matrix says 404.
      const byStatus = owned.filter((e) => judge({ ...e, actor: 'foreignWorker' }, { actor: 'foreignWorker', status: [404] }, world.report, 'caseworker-own-report').some((f) => f.kind === 'leak'));
      assert.equal(byStatus.length, owned.length);
      // By content alone, whatever the status: the pages that show the report's text or reference.
      const byContent = new Set(
        owned.filter((e) => judge({ ...e, actor: 'otherReporter' }, { actor: 'otherReporter', status: 'any' }, world.report, 'public').some((f) => f.kind === 'leak')).map((e) => `${e.app} ${e.key}`),
      );
      for (const key of ['portal GET /mine-meldinger', 'portal GET /api/v1/mottak/meldinger/:id/status', 'mottak GET /innboks', 'mottak GET /meldinger/:id', 'mottak GET /meldinger/:id/eksport', 'mottak GET /frister', 'mottak GET /logg']) {
        assert.ok(byContent.has(key), `${key} would count as a leak`);
      }
    });

    test('nobody else gets the report: 0 leaks', () => {
      assert.deepEqual(findings('leak'), []);
    });

    test('each party gets the status the matrix expects (401, 403, 404 or the way to login)', () => {
      assert.deepEqual(findings('status'), []);
    });

    test('the calls of others changed nothing in Trondheim’s mottak or in the portal', async () => {
      const mottakDb = world.mottak.database.db;
      const row = await mottakDb.selectFrom('reports').select(['status', 'assignee_id', 'conclusion_code', 'investigation_outcome']).where('id', '=', world.report.id).executeTakeFirstOrThrow();
      // Trondheim's own caseworker opening it (the control call) may start the review; nothing more.
      assert.deepEqual({ ...row, status: row.status === 'under_behandling' ? 'ny' : row.status }, { status: 'ny', assignee_id: null, conclusion_code: null, investigation_outcome: null });
      assert.equal((await mottakDb.selectFrom('report_notes').select('id').where('report_id', '=', world.report.id).execute()).length, 0);
      const actors = await mottakDb.selectFrom('audit_log').select('actor_name').where('report_id', '=', world.report.id).execute();
      assert.ok(!actors.some((a) => a.actor_name === BERGEN_WORKER || a.actor_name === GAMLE_OSLO_MANAGER), 'no foreign caseworker in the report’s audit trail');
      const portalDb = world.portal.database.db;
      assert.equal((await portalDb.selectFrom('reports').select('id').execute()).length, 1, 'nobody else sent a report');
      const events = await portalDb.selectFrom('report_status_events').select('cause').where('report_id', '=', world.report.id).execute();
      assert.ok(!events.some((e) => e.cause === 'feilet'), 'another service’s refusal was not taken');
      assert.equal((await portalDb.selectFrom('report_feedback').select('type').where('report_id', '=', world.report.id).where('type', '=', 'henlagt').execute()).length, 0);
    });
  });
}
