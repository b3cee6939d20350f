// Security: the authorization matrix and the header/CSRF checks of test/security, run as a figure.
// Every route of the portal and of mottak (enumerated from the running apps) is called as anonymous,
// as another person, as caseworkers and a manager of other services and with another service's API
// token; every answer is searched for the report's secrets and checked for its security headers;
// every state-changing route is posted with a valid session but no CSRF token. With a PostgreSQL
// server configured, the matrix runs on PGlite and on PostgreSQL.
//   node --import tsx bench/security.bench.ts
import { benchDatabaseUrl, describeMachine, exactly, printFigure } from './lib/figures.ts';

// The test helpers read TEST_DATABASE_URL; the bench's own variable names the same server.
const pgUrl = benchDatabaseUrl();
if (pgUrl && !process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = pgUrl;
process.env.NODE_ENV ??= 'test';

const { testDatabases } = await import('../test/kit/databases.ts');
const { startSecurityWorld } = await import('../test/security/world.ts');
const { runMatrix, describeFinding, routesPerGuard } = await import('../test/security/route-matrix.ts');
const { checkExchanges, httpsConfiguredExchanges, recordedLogins, runCsrfChecks } = await import('../test/security/header-checks.ts');

console.log(`Machine: ${describeMachine()}`);
for (const app of ['portal', 'mottak'] as const) console.log(`${app} matrix rows per protection: ${JSON.stringify(routesPerGuard(app))}`);

const totals = { routes: '', routeCount: 0, covered: 0, calls: 0, leaks: 0, statuses: 0, controls: 0, headerViolations: 0, answersChecked: 0, stateChanging: '', withoutCsrf: 0 };
for (const [i, database] of testDatabases().entries()) {
  const started = Date.now();
  const world = await startSecurityWorld(database);
  try {
    const matrix = await runMatrix(world);
    const routes = [...matrix.routes.portal, ...matrix.routes.mottak];
    const uncovered = matrix.findings.filter((f) => f.kind === 'coverage' && f.problem.startsWith('route not')).length;
    // The apps are the same on every database: their routes are counted once.
    if (i === 0) {
      totals.routes = `portal ${matrix.routes.portal.length} + mottak ${matrix.routes.mottak.length}`;
      totals.routeCount = routes.length;
      totals.covered = routes.length - uncovered;
    }
    totals.calls += matrix.exchanges.length;
    const count = (kind: string) => matrix.findings.filter((f) => f.kind === kind).length;
    totals.leaks += count('leak');
    totals.statuses += count('status') + count('coverage');
    totals.controls += count('control');
    for (const f of matrix.findings) console.log(`${database.name}: ${describeFinding(f)}`);
    console.log(`${database.name}: portal ${matrix.routes.portal.length} routes, mottak ${matrix.routes.mottak.length} routes, ${matrix.exchanges.length} calls`);
    // Headers and CSRF are the HTTP layer's, the same on any database: checked once.
    if (i === 0) {
      const answers = [...matrix.exchanges, ...(await recordedLogins(world)), ...(await httpsConfiguredExchanges(world))];
      const violations = checkExchanges(answers);
      for (const v of violations.slice(0, 30)) console.log(`header: ${v.app} ${v.where}: ${v.problem}`);
      totals.headerViolations += violations.length;
      totals.answersChecked += answers.length;
      const csrf = await runCsrfChecks(world);
      for (const f of csrf.findings) console.log(`csrf: ${f.app} ${f.key}: ${f.problem}`);
      for (const c of csrf.controls.filter((c) => !c.changed)) console.log(`csrf control did not change state: ${c.app} ${c.key}`);
      totals.stateChanging = `${csrf.checked['csrf-token']} forms with a CSRF token, ${csrf.checked['bearer-token']} bearer-token API calls, ${csrf.checked['dev-stand-in']} in the dev IdP stand-ins`;
      totals.withoutCsrf += new Set(csrf.findings.map((f) => `${f.app} ${f.key}`)).size + csrf.controls.filter((c) => !c.changed).length;
      console.log(`state-changing routes per defence: ${JSON.stringify(csrf.checked)}`);
    }
  } finally {
    await world.close();
  }
  console.log(`${database.name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// A route is a method and a path; each IdP stand-in's catch-all counts once per method.
printFigure(`security routes covered by the authorization matrix (${totals.routes})`, totals.covered, 'routes', exactly(totals.routeCount));
printFigure('security matrix calls (parties × routes, all databases)', totals.calls, '');
printFigure('security unexpected statuses and owner controls failed', totals.statuses + totals.controls, '', exactly(0));
printFigure(`security header violations (${totals.answersChecked} answers)`, totals.headerViolations, '', exactly(0));
printFigure(`security state-changing routes without working CSRF defence (${totals.stateChanging})`, totals.withoutCsrf, 'routes', exactly(0));
printFigure('security authorization leaks', totals.leaks, '', exactly(0));
process.exit(0);
