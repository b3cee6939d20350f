// The authorization matrix: for every route of the portal and of mottak, what protects it and what
// each party must get when calling it. The route list comes from the running apps, so a route added
// without a row here is reported, and so is a row whose route is gone. Every answer to someone who
// is not the report's owner is searched for the report's secrets; the owner's own calls are the
// control that shows those secrets really are on the pages being searched.
import { request as httpRequest } from 'node:http';
import { DEV_TEST_PERSONS } from '../../src/dev/idporten/index.ts';
import { DEV_CASEWORKERS } from '../../src/dev/caseworker-idp/index.ts';
import { HttpClient, csrfToken } from '../kit/http-client.ts';
import { useNewVisitorAddress } from '../kit/portal-visitors.ts';
import { compareKeys, enumerateRoutes, type Route } from './routes.ts';
import { TRONDHEIM_WORKER, type SecretReport, type SecurityWorld } from './world.ts';

export type AppName = 'portal' | 'mottak';

export type Actor =
  | 'anonymous'
  // portal
  | 'reporter'
  | 'otherReporter'
  // mottak
  | 'ownWorker'
  | 'ownManager'
  | 'foreignWorker'
  | 'foreignManager'
  // delivery API
  | 'noToken'
  | 'badToken'
  | 'ownToken'
  | 'foreignToken';

/** The report's own side: their calls must show the report (the control), never be searched for leaks. */
const OWNERS = new Set<Actor>(['reporter', 'ownWorker', 'ownManager', 'ownToken']);

/** What protects a route, in the words of the threat it answers. */
export type Guard =
  /** Anybody may read it; it holds no report. */
  | 'public'
  | 'static-asset'
  /** Starts or finishes an OpenID Connect login; bound to the browser's own login transaction. */
  | 'login-flow'
  /** The reporter's journey: it works on the draft named by the browser's own session cookie; no URL names a draft. */
  | 'reporter-session'
  /** One person's reports, found by the fnr hash from their login (and the PDF also by the sending browser's key). */
  | 'reporter-own-report'
  /** Mottak behind the login hook, with every query scoped to the caseworker's service. */
  | 'caseworker'
  /** One report in mottak: another service's is not found. */
  | 'caseworker-own-report'
  /** Mottak pages for the `leder` role, scoped to the manager's own service. */
  | 'manager'
  /** The delivery API: a Maskinporten token reaches its own service's messages only. */
  | 'delivery-token'
  /** The citizen-services index API: a token with the innsyn scope writes its own service's items only. */
  | 'innsyn-token'
  /** Stand-ins for ID-porten, Maskinporten and the caseworkers' IdP; never run in production. */
  | 'dev-stand-in';

export interface Expectation {
  actor: Actor;
  /** The statuses allowed; 'any' allows every answer below 500. */
  status: readonly number[] | 'any';
  /** For redirects: where to. */
  location?: RegExp;
  /** Owner calls: what the answer must show, proving the searched-for secrets are the right ones. */
  shows?: (report: SecretReport) => string[];
}

export interface MatrixEntry {
  guard: Guard;
  /** The concrete URLs to call; required when the route has parameters. */
  urls?: (fixtures: Fixtures) => string[];
  form?: Record<string, string | string[]>;
  json?: string;
  /** The call logs the caller out: it gets a login of its own, and runs after the others. */
  endsSession?: boolean;
  expect: Expectation[];
}

export interface Fixtures {
  report: SecretReport;
  /** A hashed asset URL as the pages link it. */
  staticAsset: string;
  /** A login in progress in a third browser, at the stand-in's interaction page. */
  pendingInteraction: string;
  /** Mottak's id of Trondheim's caseworker (the report's own service). */
  ownWorkerId: string;
}

// ---------------------------------------------------------------------------------------------
// Builders: one per kind of protection, so each table row says what protects the route.

const PORTAL_LOGIN = /^\/auth\/login\?returnTo=/;
const MOTTAK_LOGIN = /^\/innlogging\?returnTo=/;
const ANY = 'any' as const;

function publicRoute(status: readonly number[] | 'any' = [200], extra: Partial<MatrixEntry> = {}): MatrixEntry {
  return { guard: 'public', expect: [{ actor: 'anonymous', status }], ...extra };
}

function staticAsset(url: (f: Fixtures) => string): MatrixEntry {
  return { guard: 'static-asset', urls: (f) => [url(f)], expect: [{ actor: 'anonymous', status: [200] }] };
}

// --- portal

function journey(expectOther: readonly number[] | 'any', extra: Partial<MatrixEntry> = {}, anonymous: readonly number[] | 'any' = ANY): MatrixEntry {
  return { guard: 'reporter-session', expect: [{ actor: 'anonymous', status: anonymous }, { actor: 'otherReporter', status: expectOther }], ...extra };
}

/** A state-changing journey form: without a session and token it is refused outright. */
function journeyForm(form: Record<string, string | string[]>, extra: Partial<MatrixEntry> = {}, anonymous: readonly number[] = [403]): MatrixEntry {
  return journey([303], { form, ...extra }, anonymous);
}

function deliveryApi(kind: 'list' | 'one', extra: Partial<MatrixEntry> & { shows?: Expectation['shows']; ownStatus?: number[] } = {}): MatrixEntry {
  const { shows, ownStatus, ...rest } = extra;
  const expect: Expectation[] = [
    { actor: 'noToken', status: [401] },
    { actor: 'badToken', status: [401] },
    // A list answers with the caller's own messages; one message of another service is not found.
    { actor: 'foreignToken', status: kind === 'list' ? [200] : [404] },
  ];
  if (ownStatus) expect.push({ actor: 'ownToken', status: ownStatus, shows });
  return { guard: 'delivery-token', expect, ...rest };
}

/**
 * The index API takes only tokens with the innsyn scope: the receiving systems' pull tokens (own
 * service or another's) cannot write or delete what citizens see. Its own tests (test/portal/innsyn)
 * index with innsyn tokens.
 */
function innsynApi(extra: Partial<MatrixEntry> = {}): MatrixEntry {
  return {
    guard: 'innsyn-token',
    expect: [
      { actor: 'noToken', status: [401] },
      { actor: 'badToken', status: [401] },
      { actor: 'foreignToken', status: [401] },
      { actor: 'ownToken', status: [401] },
    ],
    ...extra,
  };
}

function standIn(urls: (f: Fixtures) => string[], status: readonly number[] | 'any', other: Actor, form?: Record<string, string>): MatrixEntry {
  return { guard: 'dev-stand-in', urls, form, expect: [{ actor: 'anonymous', status }, { actor: other, status }] };
}

/** oidc-provider behind one catch-all route, for every method Fastify knows. */
function standInCatchAll(prefix: string): Record<string, MatrixEntry> {
  const entries: Record<string, MatrixEntry> = {};
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'QUERY']) {
    entries[`${method} ${prefix}/*`] = { guard: 'dev-stand-in', urls: () => [`${prefix}/.well-known/openid-configuration`], expect: [{ actor: 'anonymous', status: ANY }] };
  }
  return entries;
}

const interactionUrl = (f: Fixtures, suffix = '') => [`${f.pendingInteraction}${suffix}`];
const id = (f: Fixtures) => f.report.id;

export const PORTAL_MATRIX: Record<string, MatrixEntry> = {
  'GET /': publicRoute(),
  'GET /kontakt': publicRoute([200], { urls: () => ['/kontakt', '/kontakt?kommunenummer=5001'] }),
  'GET /healthz': publicRoute(),
  // The pages the footer links to: the same text for everyone, nothing of anyone's report.
  'GET /hjelp': publicRoute(),
  'GET /om-tjenesten': publicRoute(),
  'GET /personvern': publicRoute(),
  'GET /informasjonskapsler': publicRoute(),
  'GET /tilgjengelighet': publicRoute(),
  // Choosing a language changes only how pages read; the way back is a path of this site.
  'GET /sprak/:lang': publicRoute([303], { urls: () => ['/sprak/nn?tilbake=/kontakt', '/sprak/en?tilbake=//evil.example'], expect: [{ actor: 'anonymous', status: [303], location: /^\/(?:kontakt)?$/ }] }),
  'GET /statistikk': publicRoute([200], { urls: () => ['/statistikk', '/statistikk?omrade=50', '/statistikk?omrade=5001'] }),
  'GET /api/v1/statistikk': publicRoute([200], { urls: () => ['/api/v1/statistikk', '/api/v1/statistikk?omrade=03&format=csv'] }),
  'GET /api/v1/kommuner': publicRoute(),
  'GET /api/v1/kommuner/:kommunenummer/bydeler': publicRoute([200], { urls: () => ['/api/v1/kommuner/0301/bydeler', '/api/v1/kommuner/5001/bydeler'] }),
  'GET /api/openapi.json': publicRoute(),
  'GET /static/:hash/:name': staticAsset((f) => f.staticAsset),
  'GET /static/fonts/*': staticAsset(() => '/static/fonts/inter-latin-400-normal.woff2'),
  'GET /favicon.ico': staticAsset(() => '/favicon.ico'),

  'GET /auth/login': { guard: 'login-flow', expect: [{ actor: 'anonymous', status: [302], location: /\/dev\/idporten\/auth\?/ }] },
  // Without the browser's own login transaction the callback refuses.
  'GET /auth/callback': { guard: 'login-flow', urls: () => ['/auth/callback?code=stolen&state=guessed'], expect: [{ actor: 'anonymous', status: [400] }, { actor: 'otherReporter', status: [400] }] },
  'POST /auth/logout': journeyForm({}, { endsSession: true }),
  // Says "logged out" once, right after a logout; anyone else is sent to the front page.
  // The identity provider's logout: a token it signed (back-channel), or its session id (front-channel, in a hidden frame).
  'POST /auth/backchannel-logout': { guard: 'login-flow', form: { logout_token: 'forged' }, expect: [{ actor: 'anonymous', status: [400] }, { actor: 'otherReporter', status: [400] }] },
  'GET /auth/frontchannel-logout': { guard: 'login-flow', urls: () => ['/auth/frontchannel-logout?iss=https%3A%2F%2Fevil.example&sid=guessed'], expect: [{ actor: 'anonymous', status: [200] }] },
  'GET /auth/logget-ut': { guard: 'login-flow', expect: [{ actor: 'anonymous', status: [302], location: /^\/$/ }, { actor: 'reporter', status: [302], location: /^\/$/ }] },

  'GET /meld': journey([302]),
  'GET /meld/innlogging': journey(ANY),
  'GET /meld/kommune/ikke-tilgjengelig': journey(ANY, { urls: () => ['/meld/kommune/ikke-tilgjengelig?kommunenummer=3301'] }),
  // The summary is where the back button after sending leads: it must find only this browser's receipt.
  'GET /meld/:step': journey(ANY, { urls: () => ['/meld/hvem', '/meld/kommune', '/meld/barn', '/meld/oppsummering'] }),
  // These two re-render the form on a CSRF failure so nothing typed is lost; without a draft that
  // means back to the start.
  'POST /meld/:step': journeyForm({ reporterType: 'private' }, { urls: () => ['/meld/hvem', '/meld/barn'] }, [303]),
  'POST /meld/vedlegg/last-opp': journeyForm({ action: 'upload' }, {}, [303]),
  'POST /meld/vedlegg/fjern': journeyForm({ id: '00000000-0000-4000-8000-000000000000' }),
  'POST /meld/forleng': journeyForm({}),
  'POST /meld/avbryt': journeyForm({}),
  // Says "deleted" once, right after "Avbryt og slett"; anyone else is sent to the front page.
  'GET /meld/slettet': { guard: 'login-flow', expect: [{ actor: 'anonymous', status: [302], location: /^\/$/ }, { actor: 'reporter', status: [302], location: /^\/$/ }] },
  // After the other person's own "avbryt" there is no draft left to send: 410.
  'POST /meld/send': { ...journeyForm({}), expect: [{ actor: 'anonymous', status: [403] }, { actor: 'otherReporter', status: [303, 410] }] },

  'GET /meld/kvittering/:reference': {
    guard: 'reporter-own-report',
    urls: (f) => [`/meld/kvittering/${f.report.reference}`],
    expect: [
      { actor: 'anonymous', status: [302], location: PORTAL_LOGIN },
      { actor: 'otherReporter', status: [404] },
      { actor: 'reporter', status: [200], shows: (r) => [r.reference, r.serviceName] },
    ],
  },
  'GET /meld/kvittering/:reference/melding.pdf': {
    guard: 'reporter-own-report',
    urls: (f) => [`/meld/kvittering/${f.report.reference}/melding.pdf`],
    expect: [
      { actor: 'anonymous', status: [404] },
      { actor: 'otherReporter', status: [404] },
      { actor: 'reporter', status: [200], shows: () => ['%PDF-'] },
    ],
  },
  'GET /mine-meldinger': {
    guard: 'reporter-own-report',
    expect: [
      { actor: 'anonymous', status: [302], location: PORTAL_LOGIN },
      { actor: 'otherReporter', status: [200] },
      { actor: 'reporter', status: [200], shows: (r) => [r.reference] },
    ],
  },
  // Citizen services (decision 024): a person's own cases, found by their fnr's hash; nobody here has
  // one indexed, so every case address is 404 (test/portal/innsyn has the family that does).
  'GET /min-sak': {
    guard: 'reporter-own-report',
    expect: [
      { actor: 'anonymous', status: [302], location: PORTAL_LOGIN },
      { actor: 'otherReporter', status: [200] },
      { actor: 'reporter', status: [200] },
    ],
  },
  'GET /min-sak/:id': {
    guard: 'reporter-own-report',
    urls: () => ['/min-sak/00000000-0000-4000-8000-000000000000'],
    expect: [
      { actor: 'anonymous', status: [302], location: PORTAL_LOGIN },
      { actor: 'otherReporter', status: [404] },
      { actor: 'reporter', status: [404] },
    ],
  },

  'GET /api/v1/mottak/meldinger': deliveryApi('list', { ownStatus: [200] }),
  'GET /api/v1/mottak/meldinger/:id': deliveryApi('one', { urls: (f) => [`/api/v1/mottak/meldinger/${id(f)}`], ownStatus: [200] }),
  'GET /api/v1/mottak/meldinger/:id/status': deliveryApi('one', { urls: (f) => [`/api/v1/mottak/meldinger/${id(f)}/status`], ownStatus: [200], shows: (r) => [r.reference] }),
  'POST /api/v1/mottak/meldinger/:id/kvittering': deliveryApi('one', { urls: (f) => [`/api/v1/mottak/meldinger/${id(f)}/kvittering`], json: '{"type":"feilet","melding":"fremmed"}' }),
  'POST /api/v1/mottak/meldinger/:id/tilbakemelding': deliveryApi('one', { urls: (f) => [`/api/v1/mottak/meldinger/${id(f)}/tilbakemelding`], json: '{"type":"henlagt"}' }),
  // Like the list: every token writes its own service's figures, whatever it sends.
  'GET /api/v1/innsyn/openapi.json': publicRoute(),
  'POST /api/v1/innsyn/indeks': innsynApi({ json: '{"elementer":[]}' }),
  'POST /api/v1/innsyn/indeks/slett': innsynApi({ json: '{"meldingIder":[]}' }),
  'POST /api/v1/innsyn/replay': innsynApi(),
  'POST /api/v1/innsyn/replay/:id/fullfor': innsynApi({ urls: () => ['/api/v1/innsyn/replay/1/fullfor'] }),
  'PUT /api/v1/mottak/statistikk': deliveryApi('list', { json: JSON.stringify({ maneder: [{ maned: new Date().toISOString().slice(0, 7), tall: {} }] }), ownStatus: [200] }),

  'GET /dev/maskinporten/.well-known/oauth-authorization-server': { guard: 'dev-stand-in', expect: [{ actor: 'anonymous', status: [200] }] },
  'GET /dev/maskinporten/jwk': { guard: 'dev-stand-in', expect: [{ actor: 'anonymous', status: [200] }] },
  'POST /dev/maskinporten/token': {
    guard: 'dev-stand-in',
    form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'eyJhbGciOiJub25lIn0.e30.' },
    expect: [{ actor: 'anonymous', status: [400, 401] }],
  },
  // Another browser's login in progress: without its interaction cookie nobody can finish, see or cancel it.
  'GET /dev/idporten/interaction/:uid': standIn((f) => interactionUrl(f), [400], 'otherReporter'),
  'POST /dev/idporten/interaction/:uid/login': standIn((f) => interactionUrl(f, '/login'), [400], 'otherReporter', { person: DEV_TEST_PERSONS[1]!.sub }),
  'POST /dev/idporten/interaction/:uid/abort': standIn((f) => interactionUrl(f, '/abort'), [400], 'otherReporter'),
  ...standInCatchAll('/dev/idporten'),
};

// --- mottak

/** Mottak behind the login hook: the anonymous are sent to log in. */
function behindLogin(method: 'GET' | 'POST'): Expectation {
  return { actor: 'anonymous', status: method === 'GET' ? [302] : [303], location: MOTTAK_LOGIN };
}

function ownReportPage(suffix: string, shows?: Expectation['shows']): MatrixEntry {
  return {
    guard: 'caseworker-own-report',
    urls: (f) => [`/meldinger/${id(f)}${suffix}`],
    expect: [
      behindLogin('GET'),
      { actor: 'foreignWorker', status: [404] },
      { actor: 'foreignManager', status: [404] },
      { actor: 'ownWorker', status: [200], shows },
    ],
  };
}

/** A form on one report, posted with the caller's own valid CSRF token: another service's report is not found. */
function ownReportForm(suffix: string, form: Record<string, string | string[]>): MatrixEntry {
  return {
    guard: 'caseworker-own-report',
    urls: (f) => [`/meldinger/${id(f)}${suffix}`],
    form,
    expect: [behindLogin('POST'), { actor: 'foreignWorker', status: [404] }, { actor: 'foreignManager', status: [404] }],
  };
}

function managerPage(shows?: Expectation['shows']): MatrixEntry {
  return {
    guard: 'manager',
    expect: [
      behindLogin('GET'),
      { actor: 'ownWorker', status: [403] },
      { actor: 'foreignWorker', status: [403] },
      // Another service's manager sees their own service's page, without Trondheim's report.
      { actor: 'foreignManager', status: [200] },
      { actor: 'ownManager', status: [200], shows },
    ],
  };
}

/** A leader's page or form about one caseworker: Trondheim's worker, whom another service's leader cannot find. */
function leaderOnCaseworker(suffix: string, form?: Record<string, string>): MatrixEntry {
  return {
    guard: 'manager',
    urls: (f) => [`/brukere/${f.ownWorkerId}${suffix}`],
    ...(form ? { form } : {}),
    expect: [behindLogin(form ? 'POST' : 'GET'), { actor: 'ownWorker', status: [403] }, { actor: 'foreignManager', status: [404] }],
  };
}

export const MOTTAK_MATRIX: Record<string, MatrixEntry> = {
  'GET /healthz': publicRoute(),
  'GET /sprak/:lang': publicRoute([303], { urls: () => ['/sprak/nn?tilbake=/innboks', '/sprak/nb?tilbake=https://evil.example/'], expect: [{ actor: 'anonymous', status: [303], location: /^\/(?:innboks)?$/ }] }),
  'GET /static/:hash/:name': staticAsset((f) => f.staticAsset),
  'GET /static/fonts/*': staticAsset(() => '/static/fonts/inter-latin-400-normal.woff2'),
  'GET /favicon.ico': staticAsset(() => '/favicon.ico'),
  'GET /utlogget': publicRoute(),

  'GET /innlogging': { guard: 'login-flow', expect: [{ actor: 'anonymous', status: [302], location: /\/dev\/caseworker-idp\/auth\?/ }] },
  'GET /innlogging/callback': { guard: 'login-flow', urls: () => ['/innlogging/callback?code=stolen&state=guessed'], expect: [{ actor: 'anonymous', status: [400] }, { actor: 'foreignWorker', status: [400] }] },
  'POST /innlogging/backchannel-logout': { guard: 'login-flow', form: { logout_token: 'forged' }, expect: [{ actor: 'anonymous', status: [400] }, { actor: 'foreignWorker', status: [400] }] },
  'GET /innlogging/frontchannel-logout': { guard: 'login-flow', urls: () => ['/innlogging/frontchannel-logout?iss=https%3A%2F%2Fevil.example&sid=guessed'], expect: [{ actor: 'anonymous', status: [200] }] },
  // One's own sessions; a leader's view of the service's caseworkers (another service's are not found).
  'GET /okter': { guard: 'caseworker', expect: [behindLogin('GET'), { actor: 'foreignWorker', status: [200] }] },
  // Names a session nobody has: the answer is the same, and no session of the caller's other browsers ends.
  'POST /okter/avslutt': { guard: 'caseworker', form: { okt: 'A'.repeat(43) }, expect: [behindLogin('POST'), { actor: 'foreignWorker', status: [303] }] },
  'GET /brukere': managerPage(),
  'GET /brukere/:id': leaderOnCaseworker(''),
  'POST /brukere/:id/avslutt': leaderOnCaseworker('/avslutt', { okt: 'A'.repeat(43) }),
  'POST /brukere/:id/deaktiver': leaderOnCaseworker('/deaktiver', {}),
  'POST /brukere/:id/aktiver': leaderOnCaseworker('/aktiver', {}),
  'POST /utlogging': { guard: 'caseworker', endsSession: true, form: {}, expect: [{ actor: 'anonymous', status: [403] }, { actor: 'foreignWorker', status: [303] }] },

  'GET /': { guard: 'caseworker', expect: [behindLogin('GET'), { actor: 'foreignWorker', status: [302], location: /^\/innboks$/ }] },
  'GET /innboks': {
    guard: 'caseworker',
    urls: (f) => ['/innboks', '/innboks?status=alle', `/innboks?status=alle&sok=${encodeURIComponent(f.report.childName)}`],
    expect: [
      behindLogin('GET'),
      { actor: 'foreignWorker', status: [200] },
      { actor: 'foreignManager', status: [200] },
      { actor: 'ownWorker', status: [200], shows: (r) => [r.reference, r.childName] },
    ],
  },
  'POST /innboks/hent': { guard: 'caseworker', form: {}, expect: [behindLogin('POST'), { actor: 'foreignWorker', status: [303], location: /^\/innboks$/ }] },

  'GET /meldinger/:id': ownReportPage('', (r) => [r.canary, r.childName, r.reference]),
  'GET /meldinger/:id/fil': ownReportPage('/fil?navn=bekymringsmelding.pdf', () => ['%PDF-']),
  'GET /meldinger/:id/vis': ownReportPage('/vis?navn=bekymringsmelding.pdf', () => ['%PDF-']),
  'GET /meldinger/:id/fiks-json': ownReportPage('/fiks-json', (r) => [r.reference, r.canary]),
  'GET /meldinger/:id/eksport': ownReportPage('/eksport', (r) => [r.reference, r.canary]),
  'GET /meldinger/:id/konklusjon': ownReportPage('/konklusjon', (r) => [r.reference]),
  'POST /meldinger/:id/tildeling': ownReportForm('/tildeling', { meg: 'ja' }),
  'POST /meldinger/:id/notater': ownReportForm('/notater', { note: 'Fremmed notat' }),
  'POST /meldinger/:id/tilbakemelding': ownReportForm('/tilbakemelding', { type: 'mottatt' }),
  'POST /meldinger/:id/konklusjon': ownReportForm('/konklusjon', { conclusionCode: '10', reason: 'Fremmed', reporterCode: '4', contentCodes: '2.1.02' }),
  'POST /meldinger/:id/undersokelse/utvid': ownReportForm('/undersokelse/utvid', { extendReason: 'Fremmed' }),
  'POST /meldinger/:id/undersokelse/avslutt': ownReportForm('/undersokelse/avslutt', { outcome: 'henlagt' }),

  'GET /frister': managerPage((r) => [r.reference]),
  'GET /avviste': managerPage(),
  'GET /logg': managerPage((r) => [r.reference]),
  'GET /statistikk': managerPage(),

  'GET /dev/caseworker-idp/interaction/:uid': standIn((f) => interactionUrl(f), [400], 'foreignWorker'),
  'POST /dev/caseworker-idp/interaction/:uid/login': standIn((f) => interactionUrl(f, '/login'), [400], 'foreignWorker', { caseworker: DEV_CASEWORKERS.find((c) => c.name === 'Henrik Fjeld Tveit')!.sub }),
  'POST /dev/caseworker-idp/interaction/:uid/abort': standIn((f) => interactionUrl(f, '/abort'), [400], 'foreignWorker'),
  ...standInCatchAll('/dev/caseworker-idp'),
};

export const MATRICES: Record<AppName, Record<string, MatrixEntry>> = { portal: PORTAL_MATRIX, mottak: MOTTAK_MATRIX };

// ---------------------------------------------------------------------------------------------
// Running it.

export interface Exchange {
  app: AppName;
  key: string;
  actor: Actor;
  method: string;
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type FindingKind = 'coverage' | 'leak' | 'status' | 'control';

export interface Finding {
  kind: FindingKind;
  app: AppName;
  key: string;
  actor?: Actor;
  url?: string;
  problem: string;
}

export interface MatrixResult {
  routes: Record<AppName, Route[]>;
  exchanges: Exchange[];
  findings: Finding[];
  fixtures: Record<AppName, Fixtures>;
}

/** One request as a browser or API client would send it; node:http, since fetch refuses TRACE. */
export function send(base: string, method: string, url: string, options: { cookie?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {}): Promise<Omit<Exchange, 'app' | 'key' | 'actor'>> {
  const target = new URL(url, base);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(target, { method, headers, localAddress: options.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ method, url: target.pathname + target.search, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Every marker of the secret report found in an answer, leaving out those the caller put in the URL. */
export function leakedSecrets(report: SecretReport, url: string, answer: { headers: Exchange['headers']; body: Buffer }, extra: string[] = []): string[] {
  const asked = decodeURIComponent(url);
  const markers = [report.canary, report.childName, report.reference, report.id, ...extra].filter((m) => !asked.includes(m));
  const headerText = Object.entries(answer.headers)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('\n') : v}`)
    .join('\n');
  const text = answer.body.toString('utf8');
  return markers.filter((m) => text.includes(m) || headerText.includes(m));
}

async function assetUrl(base: string, page: string, localAddress: string): Promise<string> {
  const html = (await send(base, 'GET', page, { localAddress })).body.toString('utf8');
  const url = /(\/static\/[0-9a-f]+\/[\w.-]+\.css)/.exec(html)?.[1];
  if (!url) throw new Error(`no hashed stylesheet linked from ${page}`);
  return url;
}

/** A third browser starts logging in and stops at the stand-in's page: the interaction others aim at. */
async function pendingInteraction(base: string, loginPath: string): Promise<string> {
  const victim = new HttpClient(base);
  const page = await victim.getFollow(loginPath);
  const path = new URL(page.url).pathname;
  if (page.status !== 200 || !/\/interaction\/[^/]+$/.test(path)) throw new Error(`no interaction page at ${page.url} (${page.status})`);
  return path;
}

async function csrfOf(client: HttpClient, page: string): Promise<string> {
  return csrfToken((await client.get(page)).text);
}

interface Caller {
  cookie?: string;
  headers?: Record<string, string>;
  csrf?: string;
}

export async function runMatrix(world: SecurityWorld): Promise<MatrixResult> {
  // An address of its own (and so a rate-limit budget of its own) for these 200-odd calls.
  const from = await useNewVisitorAddress();
  const apps = { portal: world.portal, mottak: world.mottak };
  const routes = { portal: enumerateRoutes(world.portal.app), mottak: enumerateRoutes(world.mottak.app) };
  const findings: Finding[] = [];
  const exchanges: Exchange[] = [];

  for (const app of ['portal', 'mottak'] as const) {
    const { uncovered, stale } = compareKeys(routes[app], MATRICES[app]);
    for (const key of uncovered) findings.push({ kind: 'coverage', app, key, problem: 'route not in the authorization matrix' });
    for (const key of stale) findings.push({ kind: 'coverage', app, key, problem: 'matrix row for a route the app no longer has' });
  }

  const ownWorker = await world.mottak.database.db.selectFrom('caseworkers').select('id').where('name', '=', TRONDHEIM_WORKER).executeTakeFirstOrThrow();
  const fixtures: Record<AppName, Fixtures> = {
    portal: { report: world.report, staticAsset: await assetUrl(world.portal.url, '/', from), pendingInteraction: await pendingInteraction(world.portal.url, '/auth/login?returnTo=%2Fmine-meldinger'), ownWorkerId: ownWorker.id },
    mottak: { report: world.report, staticAsset: await assetUrl(world.mottak.url, '/utlogget', from), pendingInteraction: await pendingInteraction(world.mottak.url, '/innlogging'), ownWorkerId: ownWorker.id },
  };

  const sessions: Partial<Record<Actor, HttpClient>> = {
    reporter: world.reporter,
    otherReporter: world.otherReporter,
    ...world.caseworkers,
  };
  const csrfPage = (app: AppName) => (app === 'portal' ? '/mine-meldinger' : '/innboks');
  const tokenCache = new Map<Actor, string>();
  async function caller(app: AppName, actor: Actor, entry: MatrixEntry): Promise<Caller> {
    switch (actor) {
      case 'anonymous':
        return {};
      case 'noToken':
        return {};
      case 'badToken':
        return { headers: { authorization: `Bearer ${world.tokens.foreign.slice(0, -6)}AAAAAA` } };
      case 'ownToken':
        return { headers: { authorization: `Bearer ${world.tokens.own}` } };
      case 'foreignToken':
        return { headers: { authorization: `Bearer ${world.tokens.foreign}` } };
    }
    let client = sessions[actor];
    if (!client) throw new Error(`no session for ${actor}`);
    if (entry.endsSession) {
      client = actor === 'otherReporter' ? await world.freshOtherReporter() : await world.freshCaseworker(DEV_CASEWORKER_NAMES[actor]!);
      return { cookie: client.cookieHeader(), csrf: await csrfOf(client, csrfPage(app)) };
    }
    const cacheKey = actor;
    if (!tokenCache.has(cacheKey)) tokenCache.set(cacheKey, await csrfOf(client, csrfPage(app)));
    return { cookie: client.cookieHeader(), csrf: tokenCache.get(cacheKey) };
  }

  for (const app of ['portal', 'mottak'] as const) {
    const table = MATRICES[app];
    const base = apps[app].url;
    const covered = routes[app].filter((r) => table[r.key]);
    // Logging out last, so every other call runs with the session it started with.
    covered.sort((a, b) => Number(Boolean(table[a.key]!.endsSession)) - Number(Boolean(table[b.key]!.endsSession)));
    for (const route of covered) {
      const entry = table[route.key]!;
      const urls = entry.urls ? entry.urls(fixtures[app]) : [route.path];
      for (const url of urls) {
        if (/[:*]/.test(new URL(url, base).pathname)) throw new Error(`${app} ${route.key}: the matrix must give a concrete URL`);
      }
      for (const expectation of entry.expect) {
        for (const url of urls) {
          const who = await caller(app, expectation.actor, entry);
          let body: string | undefined;
          const headers: Record<string, string> = { ...(who.headers ?? {}) };
          if (entry.json !== undefined) {
            body = entry.json;
            headers['content-type'] = 'application/json';
          } else if (entry.form) {
            const params = new URLSearchParams();
            for (const [k, v] of Object.entries({ ...(who.csrf ? { _csrf: who.csrf } : {}), ...entry.form })) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
            body = params.toString();
            headers['content-type'] = 'application/x-www-form-urlencoded';
          }
          const answer = await send(base, route.method, url, { cookie: who.cookie, headers, body, localAddress: from });
          const exchange: Exchange = { app, key: route.key, actor: expectation.actor, ...answer };
          exchanges.push(exchange);
          findings.push(...judge(exchange, expectation, world.report, entry.guard));
        }
      }
    }
  }
  return { routes, exchanges, findings, fixtures };
}

const DEV_CASEWORKER_NAMES: Partial<Record<Actor, string>> = {
  ownWorker: 'Sigrid Aune',
  ownManager: 'Magnus Rørvik',
  foreignWorker: 'Henrik Fjeld Tveit',
  foreignManager: 'Tor Erik Lunde',
};

export function judge(exchange: Exchange, expectation: Expectation, report: SecretReport, guard: Guard): Finding[] {
  const out: Finding[] = [];
  const at = { app: exchange.app, key: exchange.key, actor: exchange.actor, url: exchange.url };
  const statusOk = expectation.status === 'any' ? exchange.status < 500 : expectation.status.includes(exchange.status);
  const location = typeof exchange.headers.location === 'string' ? exchange.headers.location : '';
  const expected = expectation.status === 'any' ? '<500' : expectation.status.join('/');
  if (OWNERS.has(exchange.actor)) {
    if (!statusOk) out.push({ kind: 'control', ...at, problem: `owner got ${exchange.status}, expected ${expected}` });
    const text = exchange.body.toString('utf8');
    const missing = (expectation.shows?.(report) ?? []).filter((m) => !text.includes(m));
    if (missing.length) out.push({ kind: 'control', ...at, problem: `owner's answer lacks ${missing.join(', ')}` });
    return out;
  }
  const leaked = leakedSecrets(report, exchange.url, exchange, guard === 'reporter-own-report' ? [report.serviceName] : []);
  if (leaked.length) out.push({ kind: 'leak', ...at, problem: `answer (${exchange.status}) contains ${leaked.join(', ')}` });
  const deniedExpected = expectation.status !== 'any' && expectation.status.every((s) => s >= 300);
  if (!statusOk) {
    // Let in where the matrix says no: a leak even if nothing recognisable came back (a PDF, a count).
    const kind = deniedExpected && exchange.status >= 200 && exchange.status < 300 ? 'leak' : 'status';
    out.push({ kind, ...at, problem: `got ${exchange.status}${location ? ` → ${location}` : ''}, expected ${expected}` });
  } else if (expectation.location && !expectation.location.test(location)) {
    out.push({ kind: 'status', ...at, problem: `redirected to "${location}", expected ${expectation.location}` });
  }
  return out;
}

export function describeFinding(f: Finding): string {
  return `[${f.kind}] ${f.app} ${f.key}${f.actor ? ` as ${f.actor}` : ''}${f.url ? ` (${f.url})` : ''}: ${f.problem}`;
}

/** Routes per guard, for reading the matrix's shape in a report. */
export function routesPerGuard(app: AppName): Record<Guard, number> {
  const counts = {} as Record<Guard, number>;
  for (const entry of Object.values(MATRICES[app])) counts[entry.guard] = (counts[entry.guard] ?? 0) + 1;
  return counts;
}
