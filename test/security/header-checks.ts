// The headers every answer must carry, and CSRF on every state-changing request. The routes come
// from the same enumeration as the authorization matrix; the answers checked are the matrix's own
// (every route, every party, with real ids) plus two whole logins through the IdP stand-ins.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { HttpClient, csrfToken, decodeEntities } from '../kit/http-client.ts';
import { walkPrivateJourneyToSummary } from '../kit/journey.ts';
import { DEV_TEST_PERSONS } from '../../src/dev/idporten/index.ts';
import { useNewVisitorAddress } from '../kit/portal-visitors.ts';
import { enumerateRoutes, STATE_CHANGING_METHODS, type Route } from './routes.ts';
import { send, type AppName, type Exchange } from './route-matrix.ts';
import { TRONDHEIM_WORKER, type SecurityWorld } from './world.ts';
import { devCaseworker } from '../kit/mottak.ts';
import { loadConfig } from '../../src/portal/config.ts';
import { buildPortalApp } from '../../src/portal/app.ts';
import { loadMottakConfig } from '../../src/mottak/config.ts';
import { buildMottakApp } from '../../src/mottak/app.ts';

export interface HeaderViolation {
  app: AppName;
  where: string;
  problem: string;
}

const ACCEPTED_REFERRER_POLICIES = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);
/** One year: what HSTS preload lists ask for. */
const HSTS_MIN_AGE = 31_536_000;

function single(headers: Exchange['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** What is wrong with one answer's headers; empty when nothing is. */
export function headerProblems(headers: Exchange['headers'], options: { requireSecureCookies?: boolean; framedByIdp?: boolean } = {}): string[] {
  const problems: string[] = [];
  const csp = single(headers, 'content-security-policy');
  if (!csp) problems.push('no Content-Security-Policy');
  else {
    if (/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'/.test(csp)) problems.push(`CSP allows unsafe sources: ${csp}`);
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!.toLowerCase(), values]));
    const ancestors = directives.get('frame-ancestors')?.join(' ');
    if (options.framedByIdp) {
      // Front-channel logout is loaded in a frame on the IdP's logout page: that one origin may frame it.
      if (!ancestors || !/^https?:\/\/[^\s/*]+$/.test(ancestors)) problems.push(`CSP frame-ancestors is not exactly one origin: ${csp}`);
    } else if (ancestors !== "'none'") problems.push(`CSP frame-ancestors is not 'none': ${csp}`);
    if (!directives.has('default-src')) problems.push('CSP has no default-src');
    if (!directives.get('script-src') && !["'self'", "'none'"].includes(directives.get('default-src')?.join(' ') ?? '')) problems.push('CSP leaves scripts to a loose default');
  }
  // Helmet sends HSTS on every answer whatever the base URL; over plain http browsers ignore it, and
  // behind the TLS-terminating proxy it is what makes them stay on https.
  const hsts = single(headers, 'strict-transport-security');
  const maxAge = Number(/max-age=(\d+)/i.exec(hsts ?? '')?.[1] ?? NaN);
  if (!hsts) problems.push('no Strict-Transport-Security');
  else if (!(maxAge >= HSTS_MIN_AGE) || !/includeSubDomains/i.test(hsts)) problems.push(`weak Strict-Transport-Security: ${hsts}`);
  const referrer = single(headers, 'referrer-policy');
  // Helmet may list fallbacks; the browser uses the last one it knows.
  const lastReferrer = referrer?.split(',').map((p) => p.trim()).at(-1);
  if (!lastReferrer || !ACCEPTED_REFERRER_POLICIES.has(lastReferrer)) problems.push(`Referrer-Policy ${referrer ?? 'missing'}`);
  if (single(headers, 'x-content-type-options') !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff');
  for (const cookie of setCookies(headers)) problems.push(...cookieProblems(cookie, options));
  return problems;
}

export function setCookies(headers: Exchange['headers']): string[] {
  const value = headers['set-cookie'];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A cookie that is being deleted carries nothing; its flags do not matter. */
function isDeletion(attrs: string[], value: string): boolean {
  return value === '' || attrs.some((a) => /^max-age=0$/i.test(a) || /^expires=.*1970/i.test(a));
}

export function cookieProblems(cookie: string, options: { requireSecureCookies?: boolean } = {}): string[] {
  const [pair, ...rest] = cookie.split(';').map((p) => p.trim());
  const name = pair!.slice(0, pair!.indexOf('='));
  const attrs = rest.map((a) => a.toLowerCase());
  if (isDeletion(rest, pair!.slice(pair!.indexOf('=') + 1))) return [];
  const problems: string[] = [];
  if (!attrs.includes('httponly')) problems.push(`cookie ${name} without HttpOnly`);
  if (options.requireSecureCookies !== false && !attrs.includes('secure')) problems.push(`cookie ${name} without Secure`);
  const sameSite = attrs.find((a) => a.startsWith('samesite='))?.slice('samesite='.length);
  if (sameSite !== 'lax' && sameSite !== 'strict') problems.push(`cookie ${name} with SameSite=${sameSite ?? 'missing'}`);
  return problems;
}

/**
 * The IdP stand-ins' own cookies (oidc-provider's interaction and SSO cookies) are the one
 * exception to Secure: oidc-provider marks them Secure only on a request that arrived over https,
 * and the stand-ins exist only on a developer's http://localhost (they refuse to start in
 * production, where the real ID-porten and the municipality's IdP set their own cookies).
 * HttpOnly and SameSite still hold for them.
 */
export function isStandInAnswer(url: string): boolean {
  return /^\/dev\//.test(new URL(url, 'http://x').pathname);
}

export function checkExchanges(exchanges: readonly Exchange[]): HeaderViolation[] {
  return exchanges.flatMap((e) =>
    headerProblems(e.headers, { requireSecureCookies: !isStandInAnswer(e.url), framedByIdp: /\/frontchannel-logout(\?|$)/.test(e.url) }).map((problem) => ({ app: e.app, where: `${e.method} ${e.url} (${e.key}, as ${e.actor}, ${e.status})`, problem })),
  );
}

/** Every cookie set in these answers, with what is wrong with it. */
export function cookieViolations(exchanges: readonly Exchange[]): string[] {
  return exchanges.flatMap((e) => setCookies(e.headers).flatMap((c) => cookieProblems(c, { requireSecureCookies: !isStandInAnswer(e.url) })));
}

/**
 * A whole login through an IdP stand-in, every answer recorded: the pages and cookies of the
 * OpenID provider are answers of these apps too.
 */
export async function recordedLogin(app: AppName, base: string, start: string, choice: Record<string, string>): Promise<Exchange[]> {
  const localAddress = await useNewVisitorAddress();
  const jar = new Map<string, string>();
  const out: Exchange[] = [];
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  async function call(method: string, url: string, body?: string) {
    const answer = await send(base, method, url, { cookie: cookie(), body, localAddress, headers: body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' } });
    for (const line of setCookies(answer.headers)) {
      const [pair] = line.split(';');
      const name = pair!.slice(0, pair!.indexOf('='));
      const value = pair!.slice(pair!.indexOf('=') + 1);
      if (isDeletion(line.split(';').slice(1).map((a) => a.trim()), value)) jar.delete(name);
      else jar.set(name, value);
    }
    out.push({ app, key: 'login through the stand-in', actor: 'anonymous', ...answer });
    return answer;
  }
  async function follow(answer: Awaited<ReturnType<typeof call>>, from: string) {
    let current = answer;
    let url = from;
    for (let i = 0; i < 10 && current.status >= 300 && current.status < 400; i++) {
      url = new URL(String(current.headers.location), new URL(url, base)).href;
      current = await call('GET', url);
    }
    return { answer: current, url };
  }
  const interaction = await follow(await call('GET', start), start);
  const action = /<form method="post" action="([^"]+)"/.exec(interaction.answer.body.toString('utf8'))?.[1];
  if (!action) throw new Error(`${app}: no login form at ${interaction.url}`);
  const target = new URL(decodeEntities(action), interaction.url).href;
  const done = await follow(await call('POST', target, new URLSearchParams(choice).toString()), target);
  if (done.answer.status !== 200) throw new Error(`${app}: login ended at ${done.url} with ${done.answer.status}`);
  return out;
}

export async function recordedLogins(world: SecurityWorld): Promise<Exchange[]> {
  return [
    ...(await recordedLogin('portal', world.portal.url, '/auth/login?returnTo=%2Fmine-meldinger', { person: DEV_TEST_PERSONS[3]!.sub })),
    ...(await recordedLogin('mottak', world.mottak.url, '/innlogging', { caseworker: devCaseworker(TRONDHEIM_WORKER).sub })),
  ];
}

// ---------------------------------------------------------------------------------------------
// CSRF

/** How a state-changing route resists cross-site requests. */
export type CsrfDefence =
  /** An HTML form in a cookie session: the token from the page must come back in the body. */
  | 'csrf-token'
  /** JSON with a bearer token; cookies never authenticate it, so a cross-site request has nothing to ride on. */
  | 'bearer-token'
  /** oidc-provider's own forms and endpoints, in the stand-ins only (refused in production). */
  | 'dev-stand-in'
  /** Back-channel logout: acts only on a logout token the identity provider signed; cookies count for nothing. */
  | 'idp-signed-token';

interface CsrfRow {
  defence: CsrfDefence;
  /** Concrete path; defaults to the route's. */
  url?: (world: SecurityWorld) => string;
  /** A request that would succeed with the token. */
  form?: Record<string, string | string[]>;
  multipart?: boolean;
}

/** A caseworker id no service has: the leader's forms are refused before they could find anyone. */
const UNKNOWN_ID = '00000000-0000-4000-8000-00000000c0de';
const reportPath = (suffix: string) => (w: SecurityWorld) => `/meldinger/${w.report.id}${suffix}`;

export const CSRF_TABLE: Record<AppName, Record<string, CsrfRow>> = {
  portal: {
    'POST /auth/logout': { defence: 'csrf-token', form: {} },
    'POST /meld/:step': { defence: 'csrf-token', url: () => '/meld/barn', form: { childCount: '1', 'child-0-name': 'Endret Navn', 'child-0-identification': 'estimatedAge', 'child-0-estimatedAge': '9', 'child-0-addressLine1': 'Storgata 1', 'child-0-postcode': '1337', 'child-0-informed': 'yes', action: 'continue', returnTo: 'oppsummering' } },
    'POST /meld/vedlegg/last-opp': { defence: 'csrf-token', multipart: true },
    'POST /meld/vedlegg/fjern': { defence: 'csrf-token', form: { id: '00000000-0000-4000-8000-000000000000' } },
    'POST /meld/forleng': { defence: 'csrf-token', form: {} },
    'POST /meld/avbryt': { defence: 'csrf-token', form: {} },
    'POST /meld/send': { defence: 'csrf-token', form: {} },
    'POST /api/v1/mottak/meldinger/:id/kvittering': { defence: 'bearer-token', url: (w) => `/api/v1/mottak/meldinger/${w.report.id}/kvittering` },
    'POST /api/v1/mottak/meldinger/:id/tilbakemelding': { defence: 'bearer-token', url: (w) => `/api/v1/mottak/meldinger/${w.report.id}/tilbakemelding` },
    'PUT /api/v1/mottak/statistikk': { defence: 'bearer-token' },
    'POST /api/v1/innsyn/indeks': { defence: 'bearer-token' },
    'POST /api/v1/innsyn/indeks/slett': { defence: 'bearer-token' },
    'POST /api/v1/innsyn/replay': { defence: 'bearer-token' },
    'POST /api/v1/innsyn/replay/:id/fullfor': { defence: 'bearer-token', url: () => '/api/v1/innsyn/replay/1/fullfor' },
    'POST /auth/backchannel-logout': { defence: 'idp-signed-token' },
    'POST /dev/maskinporten/token': { defence: 'dev-stand-in' },
    'POST /dev/idporten/interaction/:uid/login': { defence: 'dev-stand-in' },
    'POST /dev/idporten/interaction/:uid/abort': { defence: 'dev-stand-in' },
    'POST /dev/idporten/*': { defence: 'dev-stand-in' },
    'PUT /dev/idporten/*': { defence: 'dev-stand-in' },
    'PATCH /dev/idporten/*': { defence: 'dev-stand-in' },
    'DELETE /dev/idporten/*': { defence: 'dev-stand-in' },
  },
  mottak: {
    'POST /utlogging': { defence: 'csrf-token', form: {} },
    'POST /innlogging/backchannel-logout': { defence: 'idp-signed-token' },
    'POST /okter/avslutt': { defence: 'csrf-token', form: { alle: 'ja' } },
    'POST /brukere/:id/avslutt': { defence: 'csrf-token', url: () => `/brukere/${UNKNOWN_ID}/avslutt`, form: { alle: 'ja' } },
    'POST /brukere/:id/deaktiver': { defence: 'csrf-token', url: () => `/brukere/${UNKNOWN_ID}/deaktiver`, form: {} },
    'POST /brukere/:id/aktiver': { defence: 'csrf-token', url: () => `/brukere/${UNKNOWN_ID}/aktiver`, form: {} },
    'POST /innboks/hent': { defence: 'csrf-token', form: {} },
    'POST /meldinger/:id/tildeling': { defence: 'csrf-token', url: reportPath('/tildeling'), form: { meg: 'ja' } },
    'POST /meldinger/:id/notater': { defence: 'csrf-token', url: reportPath('/notater'), form: { note: 'Notat uten token' } },
    'POST /meldinger/:id/tilbakemelding': { defence: 'csrf-token', url: reportPath('/tilbakemelding'), form: { type: 'mottatt' } },
    'POST /meldinger/:id/konklusjon': { defence: 'csrf-token', url: reportPath('/konklusjon'), form: { conclusionCode: '2', reason: '', reporterCode: '4', contentCodes: ['2.1.02'] } },
    'POST /meldinger/:id/undersokelse/utvid': { defence: 'csrf-token', url: reportPath('/undersokelse/utvid'), form: { extendReason: 'Trenger mer tid' } },
    'POST /meldinger/:id/undersokelse/avslutt': { defence: 'csrf-token', url: reportPath('/undersokelse/avslutt'), form: { outcome: 'henlagt' } },
    'POST /dev/caseworker-idp/interaction/:uid/login': { defence: 'dev-stand-in' },
    'POST /dev/caseworker-idp/interaction/:uid/abort': { defence: 'dev-stand-in' },
    'POST /dev/caseworker-idp/*': { defence: 'dev-stand-in' },
    'PUT /dev/caseworker-idp/*': { defence: 'dev-stand-in' },
    'PATCH /dev/caseworker-idp/*': { defence: 'dev-stand-in' },
    'DELETE /dev/caseworker-idp/*': { defence: 'dev-stand-in' },
  },
};

export interface CsrfFinding {
  app: AppName;
  key: string;
  problem: string;
}

export interface CsrfResult {
  stateChanging: Record<AppName, Route[]>;
  /** Routes checked per defence. */
  checked: Record<CsrfDefence, number>;
  findings: CsrfFinding[];
  /** Positive controls: the same request with its token did change what the snapshot covers. */
  controls: { app: AppName; key: string; changed: boolean }[];
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))).digest('hex');
}

/** Everything the portal's forms can change, as one hash. */
async function portalState(world: SecurityWorld): Promise<string> {
  const db = world.portal.database.db;
  const [drafts, attachments, reports, events] = await Promise.all([
    db.selectFrom('drafts').select(['id', 'owner_hash', 'ciphertext', 'updated_at', 'expires_at']).orderBy('id').execute(),
    db.selectFrom('draft_attachments').select(['id', 'draft_id']).orderBy('id').execute(),
    db.selectFrom('reports').select(['id', 'status']).orderBy('id').execute(),
    db.selectFrom('report_status_events').select('id').execute(),
  ]);
  return hash({ drafts, attachments, reports, events: events.length });
}

/** Everything mottak's forms can change, as one hash. */
async function mottakState(world: SecurityWorld): Promise<string> {
  const db = world.mottak.database.db;
  const tables = ['reports', 'report_notes', 'report_feedback', 'audit_log', 'caseworkers'] as const;
  const rows = await Promise.all(tables.map((t) => sql<Record<string, unknown>>`select * from ${sql.table(t)} order by 1`.execute(db)));
  return hash(rows.map((r) => r.rows));
}

function multipartBody(fields: Record<string, string>, file: { name: string; type: string; content: Buffer }): { body: Buffer; type: string } {
  const boundary = `----sikkerhet${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

// A one-pixel PNG: an attachment the upload accepts, so only the missing token can stop it.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * Every state-changing route, called the way a forged cross-site form would arrive: with the
 * victim's valid session cookie, without the token. Must be 403 and leave everything as it was.
 * Bearer-token APIs must refuse a request that brings only cookies.
 */
export async function runCsrfChecks(world: SecurityWorld): Promise<CsrfResult> {
  const localAddress = await useNewVisitorAddress();
  const stateChanging = {
    portal: enumerateRoutes(world.portal.app).filter((r) => STATE_CHANGING_METHODS.has(r.method)),
    mottak: enumerateRoutes(world.mottak.app).filter((r) => STATE_CHANGING_METHODS.has(r.method)),
  };
  const findings: CsrfFinding[] = [];
  const checked: Record<CsrfDefence, number> = { 'csrf-token': 0, 'bearer-token': 0, 'dev-stand-in': 0, 'idp-signed-token': 0 };
  const controls: CsrfResult['controls'] = [];

  for (const app of ['portal', 'mottak'] as const) {
    const actual = new Set<string>(stateChanging[app].map((r) => r.key));
    for (const key of actual) if (!CSRF_TABLE[app][key]) findings.push({ app, key, problem: 'state-changing route with no known CSRF defence' });
    for (const key of Object.keys(CSRF_TABLE[app])) if (!actual.has(key)) findings.push({ app, key, problem: 'CSRF row for a route the app no longer has' });
  }

  // A person in the middle of a report (every step answered), and Trondheim's caseworker.
  const person = new HttpClient(world.portal.url);
  await walkPrivateJourneyToSummary(person, { personIndex: 2, municipality: '7011' });
  const caseworker = await world.freshCaseworker(TRONDHEIM_WORKER);
  const sessions = { portal: person, mottak: caseworker };
  const state = { portal: () => portalState(world), mottak: () => mottakState(world) };
  const loggedIn = {
    portal: async () => (await person.get('/mine-meldinger')).status === 200,
    mottak: async () => (await caseworker.get('/innboks')).status === 200,
  };

  for (const app of ['portal', 'mottak'] as const) {
    const base = app === 'portal' ? world.portal.url : world.mottak.url;
    for (const route of stateChanging[app]) {
      const row = CSRF_TABLE[app][route.key];
      if (!row) continue;
      checked[row.defence]++;
      const url = row.url?.(world) ?? route.path;
      if (row.defence === 'dev-stand-in') continue;
      if (row.defence === 'bearer-token') {
        // The person's and the caseworker's cookies, as a forged cross-site request would carry them.
        const cookie = [world.reporter.cookieHeader(), caseworker.cookieHeader()].filter(Boolean).join('; ');
        const before = await portalState(world);
        const answer = await send(base, route.method, url, { cookie, localAddress, headers: { 'content-type': 'application/json' }, body: '{"type":"feilet","melding":"forfalsket"}' });
        if (answer.status !== 401) findings.push({ app, key: route.key, problem: `cookies without a bearer token got ${answer.status}, expected 401` });
        if ((await portalState(world)) !== before) findings.push({ app, key: route.key, problem: 'a request without a bearer token changed the portal' });
        continue;
      }
      const client = sessions[app];
      if (row.defence === 'idp-signed-token') {
        // The victim's cookie and a logout token nobody signed: refused, and the victim stays logged in.
        const answer = await send(base, route.method, url, { cookie: client.cookieHeader(), localAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'logout_token=eyJhbGciOiJub25lIn0.eyJzaWQiOiJ4In0.' });
        if (answer.status !== 400) findings.push({ app, key: route.key, problem: `a forged logout token got ${answer.status}, expected 400` });
        if (!(await loggedIn[app]())) findings.push({ app, key: route.key, problem: 'a forged logout token ended the session' });
        continue;
      }
      let body: string | Buffer;
      let type: string;
      if (row.multipart) {
        ({ body, type } = multipartBody({}, { name: 'bilde.png', type: 'image/png', content: PNG }));
      } else {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(row.form ?? {})) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
        body = params.toString();
        type = 'application/x-www-form-urlencoded';
      }
      const before = await state[app]();
      const answer = await send(base, route.method, url, { cookie: client.cookieHeader(), localAddress, headers: { 'content-type': type }, body });
      const after = await state[app]();
      if (answer.status !== 403) findings.push({ app, key: route.key, problem: `a valid session without the token got ${answer.status}${answer.headers.location ? ` → ${answer.headers.location}` : ''}, expected 403` });
      if (after !== before) findings.push({ app, key: route.key, problem: 'a request without the token changed stored state' });
      if (!(await loggedIn[app]())) findings.push({ app, key: route.key, problem: 'a request without the token ended the session' });
    }
  }

  // The controls: with the token, the same kind of request does change what the snapshot covers,
  // so "unchanged" above is a finding that could have gone the other way.
  // (Snapshots after the GETs: opening a report in mottak is itself an audit entry.)
  const summary = await person.get('/meld/barn?endre=1');
  const portalBefore = await portalState(world);
  await person.submit(summary, '/meld/barn', CSRF_TABLE.portal['POST /meld/:step']!.form as Record<string, string>);
  controls.push({ app: 'portal', key: 'POST /meld/:step', changed: (await portalState(world)) !== portalBefore });
  const page = await caseworker.get(`/meldinger/${world.report.id}`);
  const mottakBefore = await mottakState(world);
  await caseworker.request('POST', `/meldinger/${world.report.id}/notater`, { form: { _csrf: csrfToken(page.text), note: 'Notat med token' } });
  controls.push({ app: 'mottak', key: 'POST /meldinger/:id/notater', changed: (await mottakState(world)) !== mottakBefore });
  return { stateChanging, checked, findings, controls };
}

/**
 * The apps configured as a national service runs them, with https base URLs. What the code derives
 * from the base URL (Secure cookies, upgrade-insecure-requests) is checked on a second instance of
 * each app built on the running world's database and services; the world itself runs on
 * http://localhost, which the code also treats as a secure origin, as browsers do.
 */
export async function httpsConfiguredExchanges(world: SecurityWorld): Promise<Exchange[]> {
  const portal = await buildPortalApp({
    config: loadConfig({ NODE_ENV: 'test', DATA_DIR: world.portal.dataDir, BASE_URL: 'https://meldeportal.test', ...(world.portal.app.config.databaseUrl ? { DATABASE_URL: world.portal.app.config.databaseUrl } : {}) }),
    database: world.portal.database,
    delivery: world.portal.app.delivery,
  });
  const mottak = await buildMottakApp(
    loadMottakConfig({
      NODE_ENV: 'test',
      MOTTAK_DATA_DIR: world.mottak.dataDir,
      DATA_DIR: world.portal.dataDir,
      PORTAL_URL: world.portal.url,
      MOTTAK_BASE_URL: 'https://mottak.test',
      // Login starts by asking the identity provider; the running world's stand-in answers.
      MOTTAK_IDP_ISSUER: `${world.mottak.url}/dev/caseworker-idp`,
    }),
    world.mottak.app.mottak,
  );
  try {
    const out: Exchange[] = [];
    const record = async (name: AppName, app: typeof portal, url: string) => {
      const answer = await app.inject({ method: 'GET', url });
      out.push({ app: name, key: `https base URL: ${url}`, actor: 'anonymous', method: 'GET', url, status: answer.statusCode, headers: answer.headers as Exchange['headers'], body: answer.rawPayload });
    };
    // Pages that start a session: the journey's first step, and mottak's login.
    await record('portal', portal, '/');
    await record('portal', portal, '/meld/hvem');
    await record('mottak', mottak, '/utlogget');
    await record('mottak', mottak, '/innlogging');
    return out;
  } finally {
    await mottak.close();
    await portal.close();
  }
}
