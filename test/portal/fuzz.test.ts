// Random input against a real portal over HTTP: urlencoded bodies with random keys and values
// (invalid UTF-8 percent-escapes, huge values, repeated keys, prototype-ish names), random multipart
// bodies, random cookies and random paths under /meld, /api and /auth. Whatever arrives, the answer is
// never a 5xx, never a stack trace, never "Error:". The reporter is logged in and every post carries a
// valid CSRF token (unless the fuzzer removes it), so the step handlers and validators really run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testDatabases } from '../helpers/databases.ts';
import { startTestPortal, type TestPortal } from '../helpers/portal.ts';
import { HttpClient, csrfToken } from '../helpers/http-client.ts';
import { walkPrivateJourneyToSummary } from '../helpers/journey.ts';
import { closeVisitorAddresses, useNewVisitorAddress, walkProfessionalJourneyToSummary } from './portal-test-utils.ts';

/**
 * 1,500 runs per database across the four properties (a few seconds each). FUZZ_SCALE=10 for a long
 * hunt; fast-check prints the seed of a failure, which reproduces it.
 */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const RUNS = { urlencoded: 500 * SCALE, json: 100 * SCALE, multipart: 300 * SCALE, cookies: 200 * SCALE, paths: 400 * SCALE };

const STEP_PATHS = ['/meld/hvem', '/meld/kommune', '/meld/bydel', '/meld/barn', '/meld/foresatte', '/meld/bekymring', '/meld/melder', '/meld/vedlegg', '/meld/meldeplikt', '/meld/oppsummering'];

const KNOWN_FIELDS = [
  'reporterType', 'grounds', 'noGround', 'kommune', 'kommunenummer', 'bydel', 'childCount', 'action', 'returnTo',
  'child-0-name', 'child-0-identification', 'child-0-fnr', 'child-0-birthDate', 'child-0-estimatedAge', 'child-0-dueDate',
  'child-0-addressLine1', 'child-0-postcode', 'child-0-city', 'child-0-informed', 'child-0-notInformedReason', 'child-9-name',
  'guardian-0-name', 'guardian-0-phone', 'guardian-0-informed', 'guardian-0-notInformedReason', 'guardian-1-name',
  'categories', 'urgency', 'whatHappened', 'history', 'otherViews', 'interpreterNeed', 'interpreterLanguage', 'otherAgencies',
  'phone', 'reporter-addressLine1', 'reporter-postcode', 'reporter-city', 'relationToChild', 'keepIdentityFromFamily',
  'role', 'employerName', 'employerOrgnr', 'employer-postcode', 'workPhone', 'email',
  'parentsConsented', 'childOver15', 'consentDate', 'howRecorded', 'id', 'file',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__proto__[polluted]', 'a[b]', 'a[]', '', '=',
];

// Values that keep the reporter private and in Bærum, so the later steps stay reachable.
const KNOWN_VALUES = [
  'private', 'yes', 'no', 'unknown', 'true', 'false', 'none', 'urgent', 'normal', 'continue', 'add', 'remove-0', 'remove-99',
  'remove--1', 'oppsummering', '1337', 'Bærum', 'Herøy', '1470', '9999', '0000', '00', '05', 'fnr', 'birthDate', 'estimatedAge',
  'unborn', '2.4.05', '9.9.99', '-1', '0', '1', '10', '11', '1e309', 'NaN', 'Infinity', '31.02.2020', '16.08.2016', '2016-08-16',
  '13116900216', '12345678901', '974760673', '<script>alert(1)</script>', '"><img src=x>', '\u0000', '\r\n', '\u2028', '💥',
];

// Raw fragments that are not valid percent-encoding or not valid UTF-8 once decoded.
const BAD_ESCAPES = ['%', '%%', '%G1', '%2', '%C3%28', '%FF', '%E0%80', '%ED%A0%80', '%F4%90%80%80', '%C0%AF', '%00', '%0D%0A', '+', '%2B', '&&', '=='];

/** null most of the time; the value with probability `p`. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: Math.round((1 - p) * 100), arbitrary: fc.constant(null) }, { weight: Math.round(p * 100), arbitrary });
}

/** Percent-encodes the UTF-8 bytes of a string (lone surrogates become U+FFFD on the way). */
function pct(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

// No generated text may itself look like what we forbid in responses (echoed input is escaped, not removed).
const noForbidden = (s: string) => !/Error|\bat\b|ECONN|node_modules/i.test(s);
const randomText = fc.string({ unit: 'binary', maxLength: 40 }).filter(noForbidden);

/** One encoded component: a known name/value, random text, a bad escape, or a mix. */
function component(known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known).map(pct) },
    { weight: 3, arbitrary: randomText.map(pct) },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_ESCAPES) },
    { weight: 2, arbitrary: fc.tuple(randomText, fc.constantFrom(...BAD_ESCAPES), randomText).map(([a, b, c]) => pct(a) + b + pct(c)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }).filter(noForbidden) },
  );
}

const pair = fc.tuple(component(KNOWN_FIELDS), component(KNOWN_VALUES)).map(([k, v]) => `${k}=${v}`);

/** A urlencoded body: random pairs, sometimes 100 copies of one key, sometimes a huge value. */
const urlencodedBody = fc.record({
  pairs: fc.array(pair, { maxLength: 25 }),
  repeated: sometimes(fc.tuple(component(KNOWN_FIELDS), component(KNOWN_VALUES), fc.integer({ min: 2, max: 120 })), 0.2),
  huge: sometimes(fc.tuple(component(KNOWN_FIELDS), fc.constantFrom(1_000, 20_001, 100_000, 600_000)), 0.1),
  csrf: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'missing', 'twice', 'garbage'),
  separator: fc.constantFrom('&', '&', '&', ';', '&&'),
});

type UrlencodedInput = typeof urlencodedBody extends fc.Arbitrary<infer T> ? T : never;

function buildUrlencoded(body: UrlencodedInput, token: string): string {
  const parts = [...body.pairs];
  if (body.repeated) for (let i = 0; i < body.repeated[2]; i++) parts.push(`${body.repeated[0]}=${body.repeated[1]}`);
  if (body.huge) parts.push(`${body.huge[0]}=${'æ'.repeat(body.huge[1] / 2)}`);
  const t = encodeURIComponent(token);
  if (body.csrf === 'valid') parts.unshift(`_csrf=${t}`);
  if (body.csrf === 'twice') parts.unshift(`_csrf=${t}`, `_csrf=${t}`);
  if (body.csrf === 'garbage') parts.unshift(`_csrf=%FF${t}`);
  return parts.join(body.separator);
}

const multipartPart = fc.record({
  name: fc.oneof(fc.constantFrom('file', '_csrf', 'id', 'action', 'childCount', 'whatHappened', '', 'file"; x="y'), randomText),
  filename: sometimes(fc.oneof(fc.constantFrom('x.png', '../../etc/passwd', 'a"b.pdf', 'æøå.jpg', '', 'CON', '.png', 'x'.repeat(300)), randomText), 0.5),
  contentType: sometimes(fc.constantFrom('image/png', 'application/pdf', 'text/plain', 'application/octet-stream', 'multipart/mixed; boundary=x', '\u00ff/\u00ff'), 0.5),
  content: fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
    fc.constantFrom(Buffer.from('%PDF-1.7\n'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(0)),
    randomText.map((s) => Buffer.from(s)),
  ),
});

const multipartBody = fc.record({
  parts: fc.array(multipartPart, { maxLength: 15 }),
  csrf: fc.constantFrom('first', 'first', 'first', 'last', 'missing', 'object'),
  boundary: fc.constantFrom('----fuzz', 'x', 'a'.repeat(70), '----fuzz', 'b'.repeat(300)),
  headerBoundary: fc.constantFrom('same', 'same', 'same', 'other', 'none', 'quoted'),
  truncate: sometimes(fc.nat({ max: 400 }), 0.2),
  path: fc.constantFrom('/meld/vedlegg/last-opp', '/meld/vedlegg/last-opp', '/meld/vedlegg/last-opp', '/meld/barn', '/meld/vedlegg/fjern', '/meld/bekymring'),
});

type MultipartInput = typeof multipartBody extends fc.Arbitrary<infer T> ? T : never;

function buildMultipart(input: MultipartInput, token: string): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  const part = (name: string, content: Buffer, filename?: string | null, type?: string | null) => {
    let head = `--${input.boundary}\r\nContent-Disposition: form-data; name="${name}"`;
    if (filename !== null && filename !== undefined) head += `; filename="${filename}"`;
    head += '\r\n';
    if (type) head += `Content-Type: ${type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'latin1'), content, Buffer.from('\r\n'));
  };
  if (input.csrf === 'first') part('_csrf', Buffer.from(token));
  if (input.csrf === 'object') part('_csrf', Buffer.from(token), 'token.txt', 'text/plain');
  for (const p of input.parts) part(p.name, p.content, p.filename, p.contentType);
  if (input.csrf === 'last') part('_csrf', Buffer.from(token));
  chunks.push(Buffer.from(`--${input.boundary}--\r\n`));
  let body = Buffer.concat(chunks);
  if (input.truncate !== null) body = body.subarray(0, Math.min(body.length, input.truncate));
  const contentType =
    input.headerBoundary === 'same'
      ? `multipart/form-data; boundary=${input.boundary}`
      : input.headerBoundary === 'quoted'
        ? `multipart/form-data; boundary="${input.boundary}"`
        : input.headerBoundary === 'other'
          ? 'multipart/form-data; boundary=somethingelse'
          : 'multipart/form-data';
  return { body, contentType };
}

/** A header value fetch accepts: bytes 0x20–0xFF without CR, LF or NUL. */
const headerSafe = (s: string) => [...s].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0xff && c !== '\x7f').join('');

const cookieHeader = fc.oneof(
  fc.base64String({ maxLength: 400 }).map((v) => `mp_session=${v}`),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }).map((v) => `mp_session=${headerSafe(v)}`),
  fc.uint8Array({ maxLength: 300 }).map((a) => `mp_session=${Buffer.from(a).toString('base64url')}`),
  fc.tuple(fc.base64String({ maxLength: 100 }), fc.base64String({ maxLength: 100 })).map(([a, b]) => `mp_session=${a}; mp_session=${b}`),
  fc.string({ unit: 'binary-ascii', maxLength: 300 }).map(headerSafe),
  fc.constantFrom('mp_session=', 'mp_session', '=', ';;;', 'mp_session=%FF%FE', `mp_session=${'A'.repeat(8000)}`, 'mp_session=;mp_session=x', '__proto__=1; constructor=2'),
);

const pathSegment = fc.oneof(
  fc.constantFrom('hvem', 'barn', 'oppsummering', 'kvittering', 'BM-AAAA-BBBB', 'melding.pdf', 'v1', 'kommuner', '0301', 'bydeler', 'abcd', '9999', 'login', 'callback', 'logout', 'ikke-tilgjengelig', 'last-opp', 'fjern', 'innlogging', '..', '.', '', '%2e%2e', '%2F', '%00', '%C3%28', '%FF', '%', '%%', '\\', '__proto__', 'x'.repeat(300)),
  randomText.map(pct),
  fc.constantFrom(...BAD_ESCAPES),
);

const randomRequest = fc.record({
  method: fc.constantFrom('GET', 'GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
  prefix: fc.constantFrom('/meld', '/meld/', '/api', '/api/v1/kommuner', '/api/v1/kommuner/0301', '/auth', '/auth/callback', '/auth/login', '/meld/kvittering'),
  segments: fc.array(pathSegment, { maxLength: 4 }),
  query: sometimes(fc.array(pair, { maxLength: 6 }).map((p) => p.join('&')), 0.5),
  body: sometimes(fc.array(pair, { maxLength: 6 }).map((p) => p.join('&')), 0.4),
});

interface Tally {
  [status: number]: number;
}

for (const database of testDatabases()) {
  describe(`fuzzing the portal (${database.name})`, () => {
    let portal: TestPortal;
    before(async () => {
      portal = await startTestPortal(database);
    });
    after(async () => {
      await portal?.close();
      await closeVisitorAddresses();
    });

    /** A reporter logged in with a complete draft, so every step and its validator can be reached. */
    async function loggedInReporter(personIndex: number): Promise<{ client: HttpClient; token: string }> {
      await useNewVisitorAddress();
      const client = new HttpClient(portal.url);
      const summary = await walkPrivateJourneyToSummary(client, { personIndex });
      return { client, token: csrfToken(summary.text) };
    }

    let requestsFromThisAddress = 0;
    /** Sends and checks one request; each visitor address serves at most 250 (the limit is 300 a minute). */
    async function send(client: HttpClient | undefined, method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> }, tally: Tally): Promise<number> {
      if (++requestsFromThisAddress > 250) {
        await useNewVisitorAddress();
        requestsFromThisAddress = 1;
      }
      let status: number;
      let text: string;
      let contentType: string;
      if (client) {
        const response = await client.request(method, path, init);
        status = response.status;
        text = response.text;
        contentType = response.headers.get('content-type') ?? '';
      } else {
        const response = await fetch(new URL(path, portal.url), { method, redirect: 'manual', ...init });
        status = response.status;
        text = await response.text();
        contentType = response.headers.get('content-type') ?? '';
      }
      tally[status] = (tally[status] ?? 0) + 1;
      const where = `${method} ${path.slice(0, 120)} → ${status}`;
      assert.ok(status < 500, `${where}\n${text.slice(0, 500)}`);
      assert.notEqual(status, 429, `${where}: the fuzzer tripped the rate limit, so handlers were not reached`);
      assert.doesNotMatch(text, /\n\s+at |\bat (?:async )?[\w$.<>]+ \([^)]*:\d+:\d+\)/, `${where}: stack frame\n${text.slice(0, 500)}`);
      assert.doesNotMatch(text, /Error:/, `${where}: "Error:" in the body\n${text.slice(0, 500)}`);
      assert.doesNotMatch(text, /node_modules|FST_ERR|ECONN/, `${where}: internals\n${text.slice(0, 500)}`);
      if (status >= 400 && method !== 'HEAD') {
        // A clear message: a Norwegian page, or JSON {error, message} under /api.
        if (/^application\/json/.test(contentType)) {
          const json = JSON.parse(text) as { error?: unknown; message?: unknown };
          assert.equal(typeof json.error, 'string', where);
          assert.equal(typeof json.message, 'string', where);
          assert.deepEqual(Object.keys(json).sort(), ['error', 'message'], where);
        } else {
          assert.match(text, /<html lang="nb">/, `${where}: not a Norwegian page\n${text.slice(0, 300)}`);
        }
      }
      return status;
    }

    test(`random urlencoded bodies to every step (${RUNS.urlencoded} runs)`, async () => {
      const privateReporter = await loggedInReporter(0);
      // A teacher in Oslo reaches the duty helper, the district step and the professional reporter step.
      await useNewVisitorAddress();
      const teacherClient = new HttpClient(portal.url);
      const teacherSummary = await walkProfessionalJourneyToSummary(teacherClient, { grounds: ['seriousNeglect'], bydel: '05', personIndex: 3 });
      const teacher = { client: teacherClient, token: csrfToken(teacherSummary.text) };
      // The teacher's posts avoid "hvem" and "kommune", where a valid random answer would change the route.
      const teacherPaths = STEP_PATHS.filter((p) => p !== '/meld/hvem' && p !== '/meld/kommune');
      const tally: Tally = {};
      await fc.assert(
        fc.asyncProperty(fc.boolean(), fc.nat(), urlencodedBody, async (asTeacher, pick, body) => {
          const who = asTeacher ? teacher : privateReporter;
          const paths = asTeacher ? teacherPaths : STEP_PATHS;
          const path = paths[pick % paths.length]!;
          await send(who.client, 'POST', path, { body: buildUrlencoded(body, who.token), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, tally);
        }),
        { numRuns: RUNS.urlencoded },
      );
      // The validators really ran: a good share of posts were judged (422), others accepted (303).
      assert.ok((tally[422] ?? 0) > RUNS.urlencoded * 0.2, `422s: ${JSON.stringify(tally)}`);
      assert.ok((tally[303] ?? 0) > 0, `303s: ${JSON.stringify(tally)}`);
      assert.ok((tally[403] ?? 0) > 0, `403s: ${JSON.stringify(tally)}`);
    });

    test(`random JSON bodies with wrong types to every step (${RUNS.json} runs)`, async () => {
      const { client, token } = await loggedInReporter(4);
      const tally: Tally = {};
      const jsonBody = fc.oneof(
        { weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...KNOWN_FIELDS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 12 }).map((d) => JSON.stringify({ _csrf: token, ...d })) },
        { weight: 1, arbitrary: fc.constantFrom(`{"_csrf":${JSON.stringify(token)},"__proto__":{"polluted":1}}`, `{"_csrf":${JSON.stringify(token)},"constructor":{"prototype":{"x":1}}}`, '[1,2,3]', 'null', '"x"', '{', `{"_csrf":${JSON.stringify(token)},"childCount":1e400}`) },
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...STEP_PATHS), jsonBody, async (path, body) => {
          await send(client, 'POST', path, { body, headers: { 'content-type': 'application/json' } }, tally);
        }),
        { numRuns: RUNS.json },
      );
      assert.ok((tally[422] ?? 0) > 0, `validators ran on JSON input: ${JSON.stringify(tally)}`);
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    });

    test(`random multipart bodies (${RUNS.multipart} runs)`, async () => {
      const { client, token } = await loggedInReporter(1);
      const tally: Tally = {};
      await fc.assert(
        fc.asyncProperty(multipartBody, async (input) => {
          const { body, contentType } = buildMultipart(input, token);
          await send(client, 'POST', input.path, { body: new Uint8Array(body), headers: { 'content-type': contentType } }, tally);
        }),
        { numRuns: RUNS.multipart },
      );
      assert.ok((tally[422] ?? 0) > 0, `the upload handler judged files: ${JSON.stringify(tally)}`);
    });

    test(`random cookies (${RUNS.cookies} runs)`, async () => {
      const tally: Tally = {};
      await fc.assert(
        fc.asyncProperty(cookieHeader, fc.constantFrom('GET', 'POST'), fc.constantFrom(...STEP_PATHS, '/meld', '/meld/send', '/auth/logout', '/api/v1/kommuner/0301/bydeler', '/'), async (cookie, method, path) => {
          await send(undefined, method, path, { headers: { cookie, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(method === 'POST' ? { body: 'reporterType=private' } : {}) }, tally);
        }),
        { numRuns: RUNS.cookies },
      );
    });

    test(`random paths, methods and queries under /meld, /api and /auth (${RUNS.paths} runs)`, async () => {
      const { client } = await loggedInReporter(2);
      const tally: Tally = {};
      await fc.assert(
        fc.asyncProperty(randomRequest, async (r) => {
          const path = [r.prefix, ...r.segments].join('/').replace(/\/{2,}/g, '/') + (r.query ? `?${r.query}` : '');
          const withBody = r.body !== null && !['GET', 'HEAD'].includes(r.method);
          await send(client, r.method, path, withBody ? { body: r.body!, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}, tally);
        }),
        { numRuns: RUNS.paths },
      );
      assert.ok((tally[404] ?? 0) > 0 && (tally[400] ?? 0) + (tally[404] ?? 0) + (tally[302] ?? 0) + (tally[200] ?? 0) > RUNS.paths / 2, JSON.stringify(tally));
    });
  });
}
