// The attack of issue 18: someone keeps a copy of a session cookie (a shared family computer, a
// stolen backup), the owner presses "Logg ut" (or leaves it idle, or it reaches its absolute
// lifetime), and the copy is replayed. It must reach nothing on
// any authenticated route of either app: no page with the owner's data, no report sent in her
// name, no case read, exported or annotated. The routes come from the authorization matrix, so a
// route added behind a login is replayed here too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpClient, csrfToken } from '../kit/http-client.ts';
import { testDatabases } from '../kit/databases.ts';
import { walkPrivateJourneyToSummary } from '../kit/journey.ts';
import { loginCaseworker } from '../kit/mottak.ts';
import { useNewVisitorAddress } from '../kit/portal-visitors.ts';
import { MOTTAK_MATRIX, PORTAL_MATRIX, leakedSecrets, send, type Fixtures, type Guard, type MatrixEntry } from './route-matrix.ts';
import { startSecurityWorld, TRONDHEIM_MANAGER, type SecurityWorld } from './world.ts';
import { ManualClock } from '../../src/clock.ts';

const PORTAL_GUARDS = new Set<Guard>(['reporter-session', 'reporter-own-report']);
const MOTTAK_GUARDS = new Set<Guard>(['caseworker', 'caseworker-own-report', 'manager']);


/** Every authenticated route of a matrix, as [method, url, form] to replay. */
function authenticatedCalls(matrix: Record<string, MatrixEntry>, guards: Set<Guard>, fixtures: Fixtures): { key: string; method: string; url: string; form: Record<string, string | string[]> | undefined }[] {
  const calls = [];
  for (const [key, entry] of Object.entries(matrix)) {
    // Logging out again with the copy is allowed, and ends nothing that still lives.
    if (!guards.has(entry.guard) || entry.endsSession) continue;
    const [method, path] = key.split(' ') as [string, string];
    for (const url of entry.urls?.(fixtures) ?? [path]) calls.push({ key, method, url, form: entry.form });
  }
  return calls;
}

function formBody(form: Record<string, string | string[]>, token: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
  params.set('_csrf', token);
  return params.toString();
}

/** How the session ended before its copy is replayed. */
type Ending = 'logout' | 'idle' | 'absolute';
const MINUTE = 60_000;

for (const database of testDatabases()) {
  describe(`a copy of the session cookie reaches nothing once the session has ended (${database.name})`, () => {
    let world: SecurityWorld;
    let fixtures: Fixtures;
    const clock = new ManualClock();
    const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
    before(async () => {
      world = await startSecurityWorld(database, { clock });
      const ownWorker = await world.mottak.database.db.selectFrom('caseworkers').select('id').where('name', '=', 'Sigrid Aune').executeTakeFirstOrThrow();
      fixtures = { report: world.report, staticAsset: '/favicon.ico', pendingInteraction: '/', ownWorkerId: ownWorker.id };
    });
    after(async () => world?.close());

    /** Ends the session the way named: "Logg ut", 31 minutes idle, or the absolute lifetime while busy. */
    async function end(ending: Ending, client: HttpClient, logout: () => Promise<void>, busyPath: string, maxHours: number): Promise<void> {
      if (ending === 'logout') return logout();
      if (ending === 'idle') return advance(31 * MINUTE);
      for (let elapsed = 0; elapsed <= maxHours * 60 * MINUTE; elapsed += 25 * MINUTE) {
        advance(25 * MINUTE);
        await client.get(busyPath);
      }
    }

    for (const ending of ['logout', 'idle', 'absolute'] as const) {
      test(`portal, after ${ending}: the old cookie opens no page of the reporter and sends no report in her name`, async () => {
        await useNewVisitorAddress();
        const canary = `ETTER-${ending.toUpperCase()}-${Date.now()}`;
        const reporter = new HttpClient(world.portal.url);
        const summary = await walkPrivateJourneyToSummary(reporter, { personIndex: 3, whatHappened: canary });
        const name = /<span class="mp-header__person">([^<]+)</.exec(summary.text)?.[1] ?? '';
        assert.match(summary.text, new RegExp(canary), 'the control: the summary shows the account');
        const token = csrfToken(summary.text);
        const stolen = reporter.copy();
        const reportsBefore = await world.portal.database.db.selectFrom('reports').select('id').execute();

        await end(
          ending,
          reporter,
          // "Logg ut", confirming that the unsent report goes.
          async () => assert.equal((await reporter.request('POST', '/auth/logout', { form: { _csrf: token, bekreft: 'ja' } })).status, 303),
          '/mine-meldinger',
          8,
        );

        for (const call of authenticatedCalls(PORTAL_MATRIX, PORTAL_GUARDS, fixtures)) {
          const answer = await send(world.portal.url, call.method, call.url, {
            cookie: stolen.cookieHeader(),
            ...(call.method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: formBody(call.form ?? {}, token) } : {}),
          });
          assert.ok(answer.status < 500, `${call.key} ${call.url}: ${answer.status}`);
          assert.deepEqual(leakedSecrets(world.report, call.url, answer, [canary, ...(name ? [name] : [])]), [], `${call.method} ${call.url} answered the old cookie with the reporter's data`);
        }
        // Sending: the old cookie is not logged in, so "Send" leads to ID-porten and no report goes.
        const sent = await stolen.request('POST', '/meld/send', { form: { _csrf: token } });
        assert.notEqual(sent.status, 200);
        assert.doesNotMatch(sent.location ?? '', /kvittering/);
        assert.match((await stolen.get('/mine-meldinger')).location ?? '', /^\/auth\/login\?returnTo=/);
        const summaryAgain = await stolen.get('/meld/oppsummering');
        assert.notEqual(summaryAgain.status, 200, 'no summary to send from');
        assert.equal(summaryAgain.text.includes(canary), false);
        const reportsAfter = await world.portal.database.db.selectFrom('reports').select('id').execute();
        assert.equal(reportsAfter.length, reportsBefore.length, 'no report was sent with the old cookie');
      });

      test(`mottak, after ${ending}: the old cookie reads, exports and annotates nothing`, async () => {
        await useNewVisitorAddress();
        const manager = new HttpClient(world.mottak.url);
        await loginCaseworker(manager, TRONDHEIM_MANAGER);
        const page = await manager.get(`/meldinger/${world.report.id}`);
        assert.equal(page.status, 200, 'the control: the manager reads the report');
        assert.ok(page.text.includes(world.report.childName));
        const token = csrfToken(page.text);
        const stolen = manager.copy();

        await end(ending, manager, async () => assert.equal((await manager.request('POST', '/utlogging', { form: { _csrf: token } })).status, 303), '/frister', 10);
        const notesBefore = await world.mottak.database.db.selectFrom('report_notes').select('id').execute();
        const auditBefore = await world.mottak.database.db.selectFrom('audit_log').select('seq').execute();

        for (const call of authenticatedCalls(MOTTAK_MATRIX, MOTTAK_GUARDS, fixtures)) {
          const answer = await send(world.mottak.url, call.method, call.url, {
            cookie: stolen.cookieHeader(),
            ...(call.method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: formBody(call.form ?? { note: 'skrevet med en gammel kopi' }, token) } : {}),
          });
          assert.ok([302, 303].includes(answer.status), `${call.method} ${call.url}: ${answer.status}, expected the way to the login`);
          assert.match(String(answer.headers.location), /^\/innlogging\?returnTo=/, `${call.method} ${call.url}`);
          assert.deepEqual(leakedSecrets(world.report, call.url, answer), [], `${call.method} ${call.url}`);
        }
        const notesAfter = await world.mottak.database.db.selectFrom('report_notes').select('id').execute();
        assert.equal(notesAfter.length, notesBefore.length, 'no note was written');
        const auditAfter = await world.mottak.database.db.selectFrom('audit_log').select(['seq', 'action']).execute();
        // A view or export by the old cookie would leave an entry.
        assert.deepEqual(auditAfter.slice(auditBefore.length).map((e) => e.action), [], 'nothing was read or exported');
      });
    }
  });
}
