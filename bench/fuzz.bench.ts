// Fuzz: 10,000 malformed requests (--quick: 1,000) against a real portal and a real mottak: every form
// step, uploads with broken multipart, forged and tampered cookies, CSRF missing or wrong, random
// paths, the delivery/feedback API with forged tokens and bad JSON, the registry API, mottak's forms
// and inbox queries, and raw bytes over a socket (invalid UTF-8, broken framing). Every answer is
// judged as the CI subset judges it (test/portal/fuzz-properties.ts), but here nothing stops at the
// first problem: 5xx answers, crashes and unclear answers are counted. With a PostgreSQL server
// configured, the requests are split between PGlite and PostgreSQL.
//   node --import tsx bench/fuzz.bench.ts [--quick]
import { benchDatabaseUrl, describeMachine, isQuick, printFigure, exactly } from './lib/figures.ts';

// The test helpers read TEST_DATABASE_URL; the bench's own variable names the same server.
const pgUrl = benchDatabaseUrl();
if (pgUrl && !process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = pgUrl;
process.env.NODE_ENV ??= 'test';

const { testDatabases } = await import('../test/kit/databases.ts');
const { startTestPortal } = await import('../test/kit/portal.ts');
const { startTestMottak, loginCaseworker } = await import('../test/kit/mottak.ts');
const { HttpClient, csrfToken } = await import('../test/kit/http-client.ts');
const { walkPrivateJourneyToSummary } = await import('../test/kit/journey.ts');
const { waitFor } = await import('../test/kit/wait.ts');
const { closeVisitorAddresses, sendPrivateReport, useNewVisitorAddress, walkProfessionalJourneyToSummary } = await import('../test/kit/portal-visitors.ts');
const fz = await import('../test/portal/fuzz-properties.ts');

type Problem = import('../test/portal/fuzz-properties.ts').Problem;
type Visitor = import('../test/portal/fuzz-properties.ts').Visitor;

const TOTAL = isQuick() ? 1_000 : 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

// Crashes that do not close a socket still show: an error nobody caught ends a real server.
let uncaught = 0;
process.on('uncaughtException', (error) => {
  uncaught++;
  console.log(`uncaught exception: ${error.message.slice(0, 200)}`);
});
process.on('unhandledRejection', (reason) => {
  uncaught++;
  console.log(`unhandled rejection: ${String((reason as Error)?.message ?? reason).slice(0, 200)}`);
});

interface Counts {
  sent: number;
  serverErrors: number;
  crashes: number;
  unclear: number;
  rateLimited: number;
  byTarget: Record<string, number>;
  /** Answers by status per target: the 422s, 303s and 401s show the handlers were reached. */
  statuses: Record<string, Record<number, number>>;
  examples: Map<string, string>;
}

async function healthy(url: string): Promise<boolean> {
  return fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(10_000) }).then((r) => r.ok, () => false);
}

async function fuzzOne(database: ReturnType<typeof testDatabases>[number], total: number): Promise<Counts> {
  const counts: Counts = { sent: 0, serverErrors: 0, crashes: 0, unclear: 0, rateLimited: 0, byTarget: {}, statuses: {}, examples: new Map() };
  const started = Date.now();
  const portal = await startTestPortal(database);
  const mottak = await startTestMottak(database, portal);
  try {
    const login = async (personIndex: number): Promise<Visitor> => {
      await useNewVisitorAddress();
      const client = new HttpClient(portal.url);
      const summary = await walkPrivateJourneyToSummary(client, { personIndex });
      return { client, token: csrfToken(summary.text) };
    };
    const privateReporter = await login(0);
    await useNewVisitorAddress();
    const teacherClient = new HttpClient(portal.url);
    const teacher = { client: teacherClient, token: csrfToken((await walkProfessionalJourneyToSummary(teacherClient, { grounds: ['seriousNeglect'], bydel: '05', personIndex: 3 })).text) };
    const jsonReporter = await login(4);
    const uploader = await login(1);
    const pathsVisitor = await login(2);
    const cookieOther = await login(3);

    // A report in Bærum for the delivery API, and one in Trondheim that mottak pulls for its caseworker.
    await useNewVisitorAddress();
    const own = await sendPrivateReport(portal, { personIndex: 2 });
    const apiState = await fz.prepareDeliveryApiState(portal, own);
    const trondheim = await sendPrivateReport(portal, { personIndex: 0, municipality: '7011' });
    await waitFor('the report in mottak', () => mottak.database.db.selectFrom('reports').select('id').where('id', '=', trondheim.id).executeTakeFirst(), 60_000);
    await useNewVisitorAddress();
    const caseworkerClient = new HttpClient(mottak.url);
    await loginCaseworker(caseworkerClient, 'Sigrid Aune');
    const caseworker = { client: caseworkerClient, token: csrfToken((await caseworkerClient.get('/innboks')).text) };
    const mottakState = { caseworker, reportId: trondheim.id };
    const rawState = {
      apps: [
        { name: 'portal', port: Number(new URL(portal.url).port), cookie: privateReporter.client.cookieHeader(), token: privateReporter.token, postPath: '/meld/bekymring', textField: 'whatHappened' },
        { name: 'mottak', port: Number(new URL(mottak.url).port), cookie: caseworkerClient.cookieHeader(), token: caseworker.token, postPath: `/meldinger/${trondheim.id}/notater`, textField: 'note' },
      ],
    };
    console.log(`${database.name}: set up in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    let current = '';
    const send = fz.createSender({
      tally: () => (counts.statuses[current] ??= {}),
      newAddress: useNewVisitorAddress,
      onProblem: (problem: Problem) => {
        if (problem.kind === '5xx') counts.serverErrors++;
        else if (problem.kind === 'refused') counts.crashes++;
        else if (problem.kind === 'rate-limited') counts.rateLimited++;
        else counts.unclear++;
        if (problem.kind === 'rate-limited') return;
        const key = `${problem.kind} ${current} ${problem.detail.split('\n')[0]!.slice(0, 80)}`;
        if (!counts.examples.has(key)) counts.examples.set(key, `${problem.where}\n    ${problem.detail.slice(0, 300).replace(/\n/g, '\n    ')}`);
      },
    });
    const counted: typeof send = async (request) => {
      counts.sent++;
      counts.byTarget[current] = (counts.byTarget[current] ?? 0) + 1;
      return send(request);
    };

    const share = (n: number) => Math.max(1, Math.round((n * total) / 10_000));
    const plan: [string, () => Promise<void>][] = [
      ['form steps', () => fz.runTarget(fz.stepFormsTarget, { privateReporter, teacher }, share(fz.FULL_MIX.stepForms), counted, SEED)],
      ['JSON steps', () => fz.runTarget(fz.jsonStepsTarget, jsonReporter, share(fz.FULL_MIX.jsonSteps), counted, SEED)],
      ['uploads', () => fz.runTarget(fz.multipartTarget, uploader, share(fz.FULL_MIX.multipart), counted, SEED)],
      ['cookies/CSRF', () => fz.runTarget(fz.cookiesTarget, { reporter: privateReporter, other: cookieOther }, share(fz.FULL_MIX.cookies), counted, SEED)],
      ['paths', () => fz.runTarget(fz.pathsTarget, pathsVisitor, share(fz.FULL_MIX.paths), counted, SEED)],
      ['delivery API', () => fz.runTarget(fz.deliveryApiTarget, apiState, share(fz.FULL_MIX.deliveryApi), counted, SEED)],
      ['registry API', () => fz.runTarget(fz.registryApiTarget, { baseUrl: portal.url }, share(fz.FULL_MIX.registryApi), counted, SEED)],
      ['mottak forms', () => fz.runTarget(fz.mottakFormsTarget, mottakState, share(fz.FULL_MIX.mottakForms), counted, SEED)],
      ['mottak queries', () => fz.runTarget(fz.mottakQueryTarget, mottakState, share(fz.FULL_MIX.mottakQuery), counted, SEED)],
      ['raw sockets', () => fz.runTarget(fz.rawTarget, rawState, share(fz.FULL_MIX.raw), counted, SEED)],
    ];
    for (const [name, run] of plan) {
      current = name;
      const t0 = Date.now();
      const before = counts.sent;
      try {
        await run();
      } catch (error) {
        // The sender never throws; this is the harness itself (a token that could not be fetched).
        counts.unclear++;
        counts.examples.set(`harness ${name}`, (error as Error).message.slice(0, 300));
      }
      // A server that stopped answering is a crash even when no request saw the socket close.
      for (const [app, url] of [['portal', portal.url], ['mottak', mottak.url]] as const) {
        if (!(await healthy(url))) {
          counts.crashes++;
          counts.examples.set(`crash after ${name}`, `${app} does not answer /healthz`);
        }
      }
      console.log(`${database.name}: ${name}: ${counts.sent - before} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s; answers ${JSON.stringify(counts.statuses[name] ?? {})}`);
    }
  } finally {
    await mottak.close().catch(() => {});
    await portal.close().catch(() => {});
    await closeVisitorAddresses();
  }
  counts.crashes += uncaught;
  uncaught = 0;
  console.log(`${database.name}: ${counts.sent} requests in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return counts;
}

console.log(`Machine: ${describeMachine()}; seed ${SEED} (FUZZ_SEED=${SEED} repeats this run)`);
const databases = testDatabases();
const results: [string, Counts][] = [];
for (const [i, database] of databases.entries()) {
  // The total is split between the databases; the first takes what does not divide.
  const share = Math.floor(TOTAL / databases.length) + (i === 0 ? TOTAL % databases.length : 0);
  results.push([database.name, await fuzzOne(database, share)]);
}

for (const [name, counts] of results) {
  if (counts.examples.size) {
    console.log(`\n${name}: ${counts.examples.size} distinct problems (first 20):`);
    for (const [key, example] of [...counts.examples].slice(0, 20)) console.log(`  ${key}\n    ${example}`);
  }
  console.log(`${name}: requests per target ${JSON.stringify(counts.byTarget)}; rate-limited ${counts.rateLimited}`);
  printFigure(`fuzz requests sent (${name})`, counts.sent, '');
  printFigure(`fuzz 5xx answers (${name})`, counts.serverErrors, '', exactly(0));
  printFigure(`fuzz crashes (${name})`, counts.crashes, '', exactly(0));
  printFigure(`fuzz unclear answers (${name})`, counts.unclear, '', exactly(0));
}
const sum = (f: (c: Counts) => number) => results.reduce((s, [, c]) => s + f(c), 0);
printFigure('fuzz requests sent (all databases)', sum((c) => c.sent), '', { op: '>=', value: TOTAL });
printFigure('fuzz unclear answers (all databases)', sum((c) => c.unclear), '', exactly(0));
printFigure('fuzz crashes (all databases)', sum((c) => c.crashes), '', exactly(0));
printFigure('fuzz 5xx answers (all databases)', sum((c) => c.serverErrors), '', exactly(0));
process.exit(0);
