// The cast the security checks play against: a real portal and a real mottak, one report sent by
// one person to Trondheim and pulled into Trondheim's mottak, and everybody who must not see it —
// another person, caseworkers and a manager of other services, another service's API token.
import type { Clock } from '../../src/clock.ts';
import { randomBytes } from 'node:crypto';
import { testDatabases, type TestDatabase } from '../kit/databases.ts';
import { HttpClient } from '../kit/http-client.ts';
import { childAnswers, concernAnswers, walkPrivateJourneyToSummary } from '../kit/journey.ts';
import { devCaseworker, loginCaseworker, startTestMottak, type TestMottak } from '../kit/mottak.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { waitFor } from '../kit/wait.ts';
import { closeVisitorAddresses, deliveryClientFor, referenceIn, useNewVisitorAddress } from '../kit/portal-visitors.ts';

export const TRONDHEIM_WORKER = 'Sigrid Aune';
export const TRONDHEIM_MANAGER = 'Magnus Rørvik';
export const BERGEN_WORKER = 'Henrik Fjeld Tveit';
export const GAMLE_OSLO_MANAGER = 'Tor Erik Lunde';

/** What the owner's report carries that nobody else may ever be shown. */
export interface SecretReport {
  id: string;
  reference: string;
  orgnr: string;
  /** Unique to this run, in the reporter's free text. */
  canary: string;
  /** Unique to this run; mottak's inbox lists the child's name. */
  childName: string;
  serviceName: string;
}

export interface SecurityWorld {
  portal: TestPortal;
  mottak: TestMottak;
  report: SecretReport;
  /** The person who sent the report, in the browser that sent it (it holds the PDF key). */
  reporter: HttpClient;
  /** Another person, logged in with ID-porten. */
  otherReporter: HttpClient;
  caseworkers: Record<'ownWorker' | 'ownManager' | 'foreignWorker' | 'foreignManager', HttpClient>;
  tokens: { own: string; foreign: string };
  /** Logs in a new browser as a caseworker: for calls that end their session. */
  freshCaseworker(name: string): Promise<HttpClient>;
  /** Logs in a new browser as the other person. */
  freshOtherReporter(): Promise<HttpClient>;
  close(): Promise<void>;
}

function letters(n: number): string {
  return [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
}

/** `clock`: both apps' time, for tests that move it (session expiry); the system clock otherwise. */
export async function startSecurityWorld(database: TestDatabase, options: { clock?: Clock } = {}): Promise<SecurityWorld> {
  // Each phase (this setup, the matrix, logins, CSRF) calls from an address of its own: together
  // they send more than one address's 300 page requests a minute.
  await useNewVisitorAddress();
  const portal = await startTestPortal(database, {}, options);
  let mottak: TestMottak | undefined;
  try {
    mottak = await startTestMottak(database, portal, {}, options);
    const canary = `SIKKERHETSKANARI-${randomBytes(6).toString('hex')}`;
    const childName = `Ola ${letters(1).toUpperCase()}${letters(9)}`;

    const reporter = new HttpClient(portal.url);
    let page = await walkPrivateJourneyToSummary(reporter, { municipality: '7011' });
    page = await reporter.submit(await reporter.get('/meld/barn?endre=1'), '/meld/barn', { ...childAnswers({ 'child-0-name': childName }), action: 'continue', returnTo: 'oppsummering' });
    page = await reporter.submit(await reporter.get('/meld/bekymring?endre=1'), '/meld/bekymring', {
      ...concernAnswers({ whatHappened: `Jeg hører roping fra leiligheten hver kveld. ${canary}` }),
      returnTo: 'oppsummering',
    });
    if (new URL(page.url).pathname !== '/meld/oppsummering' || !page.text.includes(canary) || !page.text.includes(childName)) {
      throw new Error(`the edited answers did not reach the summary (${page.url}, ${page.status})`);
    }
    const receipt = await reporter.submit(page, '/meld/send', {});
    const reference = referenceIn(receipt.text);
    const row = await portal.database.db
      .selectFrom('reports')
      .innerJoin('services', 'services.id', 'reports.service_id')
      .select(['reports.id', 'services.orgnr', 'services.name'])
      .where('reports.reference', '=', reference)
      .executeTakeFirstOrThrow();
    const report: SecretReport = { id: row.id, reference, orgnr: row.orgnr, canary, childName, serviceName: row.name };
    if (devCaseworker(TRONDHEIM_WORKER).serviceOrgnr !== report.orgnr) throw new Error('postcode 7011 no longer goes to Trondheim');
    const mottakDb = mottak.database.db;
    await waitFor('the report in mottak', () => mottakDb.selectFrom('reports').select('id').where('id', '=', report.id).executeTakeFirst(), 60_000);

    const otherReporter = new HttpClient(portal.url);
    await otherReporter.login('/mine-meldinger', 1);
    const freshCaseworker = async (name: string) => {
      const client = new HttpClient(mottak!.url);
      const landing = await loginCaseworker(client, name);
      if (landing.status !== 200) throw new Error(`${name} could not log in (${landing.status})`);
      return client;
    };
    const caseworkers = {
      ownWorker: await freshCaseworker(TRONDHEIM_WORKER),
      ownManager: await freshCaseworker(TRONDHEIM_MANAGER),
      foreignWorker: await freshCaseworker(BERGEN_WORKER),
      foreignManager: await freshCaseworker(GAMLE_OSLO_MANAGER),
    };
    const tokens = {
      own: await deliveryClientFor(portal, report.orgnr).accessToken(),
      foreign: await deliveryClientFor(portal, devCaseworker(BERGEN_WORKER).serviceOrgnr).accessToken(),
    };
    const started = mottak;
    return {
      portal,
      mottak: started,
      report,
      reporter,
      otherReporter,
      caseworkers,
      tokens,
      freshCaseworker,
      freshOtherReporter: async () => {
        const client = new HttpClient(portal.url);
        await client.login('/mine-meldinger', 1);
        return client;
      },
      close: async () => {
        await started.close();
        await portal.close();
        await closeVisitorAddresses();
      },
    };
  } catch (error) {
    await mottak?.close().catch(() => {});
    await portal.close().catch(() => {});
    await closeVisitorAddresses();
    throw error;
  }
}

/**
 * A portal and a mottak beside it on PGlite, calling from an address of their own: for the checks
 * decided in the HTTP layer before any query, where a report and its cast are not needed.
 */
export async function startBareApps(mottakEnv: Record<string, string> = {}): Promise<{ portal: TestPortal; mottak: TestMottak; close(): Promise<void> }> {
  await useNewVisitorAddress();
  const database = testDatabases()[0]!;
  const portal = await startTestPortal(database);
  const mottak = await startTestMottak(database, portal, mottakEnv).catch(async (error: unknown) => {
    await portal.close();
    throw error;
  });
  return {
    portal,
    mottak,
    close: async () => {
      await mottak.close();
      await portal.close();
      await closeVisitorAddresses();
    },
  };
}
