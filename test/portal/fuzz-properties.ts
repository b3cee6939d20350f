// What the fuzzer sends and how it judges an answer, shared by the CI subset (test/portal/fuzz.test.ts)
// and the 10,000-request run (bench/fuzz.bench.ts). Each target is a fast-check arbitrary of inputs
// plus a function that turns one input into requests; the caller decides what a bad answer does (the
// test fails at once and fast-check shrinks it, the bench counts and goes on).
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import fc from 'fast-check';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { HttpClient } from '../kit/http-client.ts';
import type { TestPortal } from '../kit/portal.ts';
import { deliveryClientFor } from '../kit/portal-visitors.ts';

// ---- Judging an answer ----

export interface Answer {
  status: number;
  text: string;
  contentType: string;
}

/** Why an answer is a server error. */
export function serverError(answer: Answer): string | undefined {
  return answer.status >= 500 ? `HTTP ${answer.status}` : undefined;
}

/**
 * Why an answer is not clear: something that looks like internals (a stack frame, "Error:", a
 * module path), or a 4xx that tells the person nothing (an empty body, a page that is not ours, API
 * JSON other than exactly {error, message}). Undefined when the answer is clear.
 */
export function unclearAnswer(method: string, answer: Answer): string | undefined {
  const { status, text, contentType } = answer;
  if (/\n\s+at |\bat (?:async )?[\w$.<>]+ \([^)]*:\d+:\d+\)/.test(text)) return 'a stack frame in the body';
  if (/Error:/.test(text)) return '"Error:" in the body';
  if (/node_modules|FST_ERR|ECONN/.test(text)) return 'internals in the body';
  if (status < 400 || method === 'HEAD') return undefined;
  if (text.length === 0) return `an empty body on ${status}`;
  // A clear message: a Norwegian page, or JSON {error, message} under /api.
  if (/^application\/json/.test(contentType)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return 'JSON that does not parse';
    }
    const keys = json && typeof json === 'object' && !Array.isArray(json) ? Object.keys(json).sort() : [];
    const { error, message } = (json ?? {}) as { error?: unknown; message?: unknown };
    if (keys.join() !== 'error,message' || typeof error !== 'string' || typeof message !== 'string') return `JSON other than {error, message}: ${text.slice(0, 100)}`;
    return undefined;
  }
  if (!/<html lang="nb">/.test(text)) return `not a Norwegian page (${contentType || 'no content type'})`;
  return undefined;
}

// ---- What a harness gives the targets ----

export interface FuzzRequest {
  /** Sends with this client's cookies; without one, a bare fetch. */
  client?: HttpClient;
  /** The app the request goes to (without a client). */
  baseUrl?: string;
  method: string;
  path: string;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/** Bytes written to a socket as they are: what fetch refuses to send. */
export interface RawRequest {
  raw: Buffer;
  port: number;
  /** The request was cut short on purpose: the server may close without an answer. */
  mayGoUnanswered: boolean;
  description: string;
}

/** Sends one request, judges and counts its answer; the harness decides what a bad one does. */
export type Send = (request: FuzzRequest | RawRequest) => Promise<Answer | undefined>;

export interface FuzzTarget<S, T> {
  name: string;
  arbitrary: (state: S) => fc.Arbitrary<T>;
  run(state: S, input: T, send: Send): Promise<void>;
}

/** A logged-in visitor with a page's CSRF token. */
export interface Visitor {
  client: HttpClient;
  token: string;
}

// ---- Building blocks ----

export const STEP_PATHS = ['/meld/hvem', '/meld/kommune', '/meld/bydel', '/meld/barn', '/meld/foresatte', '/meld/bekymring', '/meld/melder', '/meld/vedlegg', '/meld/meldeplikt', '/meld/oppsummering'];

export const KNOWN_FIELDS = [
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
export const KNOWN_VALUES = [
  'private', 'yes', 'no', 'unknown', 'true', 'false', 'none', 'urgent', 'normal', 'continue', 'add', 'remove-0', 'remove-99',
  'remove--1', 'oppsummering', '1337', 'Bærum', 'Herøy', '1470', '9999', '0000', '00', '05', 'fnr', 'birthDate', 'estimatedAge',
  'unborn', '2.4.05', '9.9.99', '-1', '0', '1', '10', '11', '1e309', 'NaN', 'Infinity', '31.02.2020', '16.08.2016', '2016-08-16',
  '13116900216', '12345678901', '974760673', '<script>alert(1)</script>', '"><img src=x>', '\u0000', '\r\n', '\u2028', '💥',
];

// Raw fragments that are not valid percent-encoding or not valid UTF-8 once decoded.
export const BAD_ESCAPES = ['%', '%%', '%G1', '%2', '%C3%28', '%FF', '%E0%80', '%ED%A0%80', '%F4%90%80%80', '%C0%AF', '%00', '%0D%0A', '+', '%2B', '&&', '=='];

/** Raw byte sequences that are not UTF-8 (overlong, surrogates, stray continuation bytes, past U+10FFFF). */
export const BAD_UTF8 = [[0xff], [0xfe, 0xff], [0xc3, 0x28], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0x80], [0xe2, 0x82]].map((b) => Buffer.from(b));

/** null most of the time; the value with probability `p`. */
export function sometimes<T>(arbitrary: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: Math.round((1 - p) * 100), arbitrary: fc.constant(null) }, { weight: Math.round(p * 100), arbitrary });
}

/** Percent-encodes the UTF-8 bytes of a string (lone surrogates become U+FFFD on the way). */
export function pct(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

// No generated text may itself look like what we forbid in responses (echoed input is escaped, not removed).
const noForbidden = (s: string) => !/Error|\bat\b|ECONN|node_modules|FST_ERR/i.test(s);
export const randomText = fc.string({ unit: 'binary', maxLength: 40 }).filter(noForbidden);

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

export const pair = fc.tuple(component(KNOWN_FIELDS), component(KNOWN_VALUES)).map(([k, v]) => `${k}=${v}`);

/** A header value fetch accepts: bytes 0x20–0xFF without CR, LF or NUL. */
export const headerSafe = (s: string) => [...s].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0xff && c !== '\x7f').join('');

// ---- Form steps: urlencoded bodies ----

export const urlencodedBody = fc.record({
  pairs: fc.array(pair, { maxLength: 25 }),
  repeated: sometimes(fc.tuple(component(KNOWN_FIELDS), component(KNOWN_VALUES), fc.integer({ min: 2, max: 120 })), 0.2),
  huge: sometimes(fc.tuple(component(KNOWN_FIELDS), fc.constantFrom(1_000, 20_001, 100_000, 600_000)), 0.1),
  // Raw bytes that are not UTF-8, unescaped, in the body itself.
  rawBytes: sometimes(fc.tuple(component(KNOWN_FIELDS), fc.constantFrom(...BAD_UTF8.keys())), 0.1),
  csrf: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'missing', 'twice', 'garbage'),
  separator: fc.constantFrom('&', '&', '&', ';', '&&'),
});

export type UrlencodedInput = typeof urlencodedBody extends fc.Arbitrary<infer T> ? T : never;

export function buildUrlencoded(body: UrlencodedInput, token: string): Buffer {
  const parts = [...body.pairs];
  if (body.repeated) for (let i = 0; i < body.repeated[2]; i++) parts.push(`${body.repeated[0]}=${body.repeated[1]}`);
  if (body.huge) parts.push(`${body.huge[0]}=${'æ'.repeat(body.huge[1] / 2)}`);
  const t = encodeURIComponent(token);
  if (body.csrf === 'valid') parts.unshift(`_csrf=${t}`);
  if (body.csrf === 'twice') parts.unshift(`_csrf=${t}`, `_csrf=${t}`);
  if (body.csrf === 'garbage') parts.unshift(`_csrf=%FF${t}`);
  const text = Buffer.from(parts.join(body.separator), 'latin1');
  if (!body.rawBytes) return text;
  return Buffer.concat([text, Buffer.from(`${body.separator}${body.rawBytes[0]}=`), BAD_UTF8[body.rawBytes[1]]!]);
}

export interface StepFormsState {
  privateReporter: Visitor;
  /** A teacher in Oslo reaches the duty helper, the district step and the professional reporter step. */
  teacher: Visitor;
}

export const stepFormsTarget: FuzzTarget<StepFormsState, [boolean, number, UrlencodedInput]> = {
  name: 'form steps (urlencoded)',
  arbitrary: () => fc.tuple(fc.boolean(), fc.nat(), urlencodedBody),
  async run(state, [asTeacher, pick, body], send) {
    const who = asTeacher ? state.teacher : state.privateReporter;
    // The teacher's posts avoid "hvem" and "kommune", where a valid random answer would change the route.
    const paths = asTeacher ? STEP_PATHS.filter((p) => p !== '/meld/hvem' && p !== '/meld/kommune') : STEP_PATHS;
    const path = paths[pick % paths.length]!;
    await send({ client: who.client, method: 'POST', path, body: new Uint8Array(buildUrlencoded(body, who.token)), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  },
};

// ---- Form steps: JSON with wrong types ----

const jsonInput = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...KNOWN_FIELDS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 12 }).map((d) => ({ dict: d as Record<string, unknown>, raw: null })) },
  { weight: 1, arbitrary: fc.nat({ max: 7 }).map((raw) => ({ dict: null, raw })) },
);

export const jsonStepsTarget: FuzzTarget<Visitor, [string, { dict: Record<string, unknown> | null; raw: number | null }]> = {
  name: 'form steps (JSON, wrong types)',
  arbitrary: () => fc.tuple(fc.constantFrom(...STEP_PATHS), jsonInput),
  async run(visitor, [path, input], send) {
    const t = JSON.stringify(visitor.token);
    const raws = [`{"_csrf":${t},"__proto__":{"polluted":1}}`, `{"_csrf":${t},"constructor":{"prototype":{"x":1}}}`, '[1,2,3]', 'null', '"x"', '{', `{"_csrf":${t},"childCount":1e400}`, `{"_csrf":${t},"whatHappened":"\\ud800"}`];
    const body = input.dict ? JSON.stringify({ _csrf: visitor.token, ...input.dict }) : raws[input.raw!]!;
    await send({ client: visitor.client, method: 'POST', path, body, headers: { 'content-type': 'application/json' } });
  },
};

// ---- Uploads: broken multipart ----

const multipartPart = fc.record({
  name: fc.oneof(fc.constantFrom('file', '_csrf', 'id', 'action', 'childCount', 'whatHappened', '', 'file"; x="y'), randomText),
  filename: sometimes(fc.oneof(fc.constantFrom('x.png', '../../etc/passwd', 'a"b.pdf', 'æøå.jpg', '', 'CON', '.png', 'x'.repeat(300), '\u0000.pdf'), randomText), 0.5),
  contentType: sometimes(fc.constantFrom('image/png', 'application/pdf', 'text/plain', 'application/octet-stream', 'multipart/mixed; boundary=x', '\u00ff/\u00ff', 'image/svg+xml', 'text/html'), 0.5),
  content: fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
    fc.constantFrom(Buffer.from('%PDF-1.7\n'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(0), Buffer.concat(BAD_UTF8)),
    randomText.map((s) => Buffer.from(s)),
  ),
});

export const multipartBody = fc.record({
  parts: fc.array(multipartPart, { maxLength: 15 }),
  csrf: fc.constantFrom('first', 'first', 'first', 'last', 'missing', 'object'),
  boundary: fc.constantFrom('----fuzz', 'x', 'a'.repeat(70), '----fuzz', 'b'.repeat(300)),
  headerBoundary: fc.constantFrom('same', 'same', 'same', 'other', 'none', 'quoted'),
  contentTypeHeader: fc.constantFrom('form-data', 'form-data', 'form-data', 'form-data', 'form-data', 'related', 'text/plain', 'missing', 'octet-stream'),
  truncate: sometimes(fc.nat({ max: 400 }), 0.2),
  // Many file parts at once (the limit is one per request).
  manyFiles: sometimes(fc.integer({ min: 2, max: 40 }), 0.08),
  // A PDF larger than the 10 MB limit, or just under it (rare: each costs a few megabytes over the wire).
  hugeFile: sometimes(fc.constantFrom(600 * 1024, 10 * 1024 * 1024 + 10, 2 * 1024 * 1024), 0.01),
  path: fc.constantFrom('/meld/vedlegg/last-opp', '/meld/vedlegg/last-opp', '/meld/vedlegg/last-opp', '/meld/barn', '/meld/vedlegg/fjern', '/meld/bekymring'),
});

export type MultipartInput = typeof multipartBody extends fc.Arbitrary<infer T> ? T : never;

export function buildMultipart(input: MultipartInput, token: string): { body: Buffer; contentType: string | undefined } {
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
  if (input.manyFiles) for (let i = 0; i < input.manyFiles; i++) part('file', Buffer.from(`%PDF-1.4\n% ${i}\n`), `${i}.pdf`, 'application/pdf');
  if (input.hugeFile) part('file', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(input.hugeFile, 0x20)]), 'stor.pdf', 'application/pdf');
  if (input.csrf === 'last') part('_csrf', Buffer.from(token));
  chunks.push(Buffer.from(`--${input.boundary}--\r\n`));
  let body = Buffer.concat(chunks);
  if (input.truncate !== null) body = body.subarray(0, Math.min(body.length, input.truncate));
  const boundaryParam =
    input.headerBoundary === 'same' ? `; boundary=${input.boundary}` : input.headerBoundary === 'quoted' ? `; boundary="${input.boundary}"` : input.headerBoundary === 'other' ? '; boundary=somethingelse' : '';
  const contentType =
    input.contentTypeHeader === 'form-data'
      ? `multipart/form-data${boundaryParam}`
      : input.contentTypeHeader === 'related'
        ? `multipart/related${boundaryParam}`
        : input.contentTypeHeader === 'text/plain'
          ? 'text/plain; charset=utf-8'
          : input.contentTypeHeader === 'octet-stream'
            ? 'application/octet-stream'
            : undefined;
  return { body, contentType };
}

export const multipartTarget: FuzzTarget<Visitor, MultipartInput> = {
  name: 'uploads (broken multipart)',
  arbitrary: () => multipartBody,
  async run(visitor, input, send) {
    const { body, contentType } = buildMultipart(input, visitor.token);
    await send({ client: visitor.client, method: 'POST', path: input.path, body: new Uint8Array(body), headers: contentType ? { 'content-type': contentType } : {} });
  },
};

// ---- Cookies: random, truncated, and real sessions tampered with ----

export const randomCookieHeader = fc.oneof(
  fc.base64String({ maxLength: 400 }).map((v) => `mp_session=${v}`),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }).map((v) => `mp_session=${headerSafe(v)}`),
  fc.uint8Array({ maxLength: 300 }).map((a) => `mp_session=${Buffer.from(a).toString('base64url')}`),
  fc.tuple(fc.base64String({ maxLength: 100 }), fc.base64String({ maxLength: 100 })).map(([a, b]) => `mp_session=${a}; mp_session=${b}`),
  fc.string({ unit: 'binary-ascii', maxLength: 300 }).map(headerSafe),
  // Latin-1 bytes above 0x7F: fetch sends them raw, which is not UTF-8.
  fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 40 }).map((v) => `mp_session=${v}`),
  fc.constantFrom('mp_session=', 'mp_session', '=', ';;;', 'mp_session=%FF%FE', `mp_session=${'A'.repeat(8000)}`, 'mp_session=;mp_session=x', '__proto__=1; constructor=2'),
);

/** How a real secure-session cookie ("<ciphertext>;<nonce>", both base64) is tampered with. */
export const tamper = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constantFrom('swap-nonce' as const, 'drop-nonce' as const, 'other-nonce' as const, 'duplicate' as const, 'url-encode' as const), at: fc.constant(0) }),
  fc.record({ op: fc.constant('append' as const), at: fc.nat({ max: 64 }) }),
);

export type Tamper = typeof tamper extends fc.Arbitrary<infer T> ? T : never;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function tamperCookie(value: string, t: Tamper, other: string): string {
  const [cipher = '', nonce = ''] = decodeURIComponent(value).split(';');
  switch (t.op) {
    case 'flip': {
      const i = t.at % Math.max(1, cipher.length);
      const c = B64.indexOf(cipher[i] ?? 'A');
      return `${cipher.slice(0, i)}${B64[(c ^ (1 << t.bit)) & 63]}${cipher.slice(i + 1)};${nonce}`;
    }
    case 'truncate':
      return value.slice(0, t.at % Math.max(1, value.length));
    case 'swap-nonce':
      return `${nonce};${cipher}`;
    case 'drop-nonce':
      return cipher;
    case 'other-nonce':
      return `${cipher};${decodeURIComponent(other).split(';')[1] ?? ''}`;
    case 'duplicate':
      return `${cipher};${nonce};${nonce}`;
    case 'url-encode':
      return encodeURIComponent(encodeURIComponent(value));
    case 'append':
      return `${value}${'A'.repeat(t.at)}`;
  }
}

export interface CookiesState {
  /** A logged-in reporter's valid session cookie and a token from their page. */
  reporter: Visitor;
  /** Another reporter's: their cookie with the first reporter's token is a CSRF mismatch. */
  other: Visitor;
}

const COOKIE_PATHS = [...STEP_PATHS, '/meld', '/meld/send', '/meld/avbryt', '/meld/forleng', '/auth/logout', '/mine-meldinger', '/api/v1/kommuner/0301/bydeler', '/'];

export const cookiesTarget: FuzzTarget<CookiesState, { cookie: { random: string } | { tamper: Tamper } | { mismatch: true }; method: string; path: string; csrf: string }> = {
  name: 'forged cookies and CSRF',
  arbitrary: () =>
    fc.record({
      cookie: fc.oneof({ weight: 4, arbitrary: randomCookieHeader.map((random) => ({ random })) }, { weight: 4, arbitrary: tamper.map((t) => ({ tamper: t })) }, { weight: 1, arbitrary: fc.constant({ mismatch: true as const }) }),
      method: fc.constantFrom('GET', 'POST', 'POST'),
      path: fc.constantFrom(...COOKIE_PATHS),
      csrf: fc.constantFrom('valid', 'missing', 'garbage', 'empty'),
    }),
  async run(state, input, send) {
    const session = (v: Visitor) => v.client.getCookieValue('mp_session') ?? '';
    let cookie: string;
    if ('random' in input.cookie) cookie = input.cookie.random;
    else if ('tamper' in input.cookie) cookie = `mp_session=${tamperCookie(session(state.reporter), input.cookie.tamper, session(state.other))}`;
    else cookie = `mp_session=${session(state.other)}`;
    const token = input.csrf === 'valid' ? state.reporter.token : input.csrf === 'garbage' ? 'x'.repeat(52) : '';
    const body = input.method === 'POST' ? `${input.csrf === 'missing' ? '' : `_csrf=${encodeURIComponent(token)}&`}reporterType=private` : undefined;
    await send({ baseUrl: state.reporter.client.baseUrl, method: input.method, path: input.path, headers: { cookie: headerSafe(cookie), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(body ? { body } : {}) });
  },
};

// ---- Paths, methods and queries ----

const pathSegment = fc.oneof(
  fc.constantFrom('hvem', 'barn', 'oppsummering', 'kvittering', 'BM-AAAA-BBBB', 'melding.pdf', 'v1', 'kommuner', '0301', 'bydeler', 'abcd', '9999', 'login', 'callback', 'logout', 'ikke-tilgjengelig', 'last-opp', 'fjern', 'innlogging', '..', '.', '', '%2e%2e', '%2F', '%00', '%C3%28', '%FF', '%', '%%', '\\', '__proto__', 'x'.repeat(300)),
  randomText.map(pct),
  fc.constantFrom(...BAD_ESCAPES),
);

export const randomRequest = fc.record({
  method: fc.constantFrom('GET', 'GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
  prefix: fc.constantFrom('/meld', '/meld/', '/api', '/api/v1/kommuner', '/api/v1/kommuner/0301', '/auth', '/auth/callback', '/auth/login', '/meld/kvittering', '/mine-meldinger', '/api/openapi.json'),
  segments: fc.array(pathSegment, { maxLength: 4 }),
  query: sometimes(fc.array(pair, { maxLength: 6 }).map((p) => p.join('&')), 0.5),
  body: sometimes(fc.array(pair, { maxLength: 6 }).map((p) => p.join('&')), 0.4),
});

export const pathsTarget: FuzzTarget<Visitor, typeof randomRequest extends fc.Arbitrary<infer T> ? T : never> = {
  name: 'paths, methods and queries',
  arbitrary: () => randomRequest,
  async run(visitor, r, send) {
    const path = [r.prefix, ...r.segments].join('/').replace(/\/{2,}/g, '/') + (r.query ? `?${r.query}` : '');
    const withBody = r.body !== null && !['GET', 'HEAD'].includes(r.method);
    await send({ client: visitor.client, method: r.method, path, ...(withBody ? { body: r.body!, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}) });
  },
};

// ---- The delivery API: bearer tokens real, forged and broken; bodies that are not receipts ----

export interface DeliveryApiState {
  baseUrl: string;
  /** A valid token for the service that owns `ownReportId`, fresh enough to use now. */
  validToken(): Promise<string>;
  /** A valid token for another service (its reports are not found for it). */
  otherServiceToken(): Promise<string>;
  ownReportId: string;
  /** Tokens signed by a key the issuer never published, and other forgeries, made once at start. */
  forged: string[];
}

/** Access tokens the issuer did not sign: own key with the issuer's kid, alg none, HS256, edited claims. */
export async function forgeTokens(options: { issuer: string; scope: string; orgnr: string; validToken: string }): Promise<string[]> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = (await (await fetch(`${options.issuer.replace(/\/$/, '')}/jwk`)).json()) as { keys: { kid: string }[] };
  const kid = jwks.keys[0]?.kid ?? randomUUID();
  const claims = { scope: options.scope, consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${options.orgnr}` }, client_id: 'forged' };
  const issuer = `${options.issuer.replace(/\/$/, '')}/`;
  const ownKey = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).setIssuer(issuer).setIssuedAt().setExpirationTime('2m').sign(privateKey);
  const withJwk = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', jwk: await exportJWK(publicKey) }).setIssuer(issuer).setIssuedAt().setExpirationTime('2m').sign(privateKey);
  const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid }).setIssuer(issuer).setIssuedAt().setExpirationTime('2m').sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const none = `${b64({ alg: 'none', kid })}.${b64({ ...claims, iss: issuer, iat: now, exp: now + 120 })}.`;
  const [h, p, s] = options.validToken.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
  const otherOrg = `${h}.${b64({ ...payload, consumer: { authority: 'iso6523-actorid-upis', ID: '0192:999999999' } })}.${s}`;
  const longer = `${h}.${b64({ ...payload, exp: now + 3600 * 24 })}.${s}`;
  const badSignature = `${h}.${p}.${s.slice(0, -4)}AAAA`;
  const expired = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid }).setIssuer(issuer).setIssuedAt(now - 600).setExpirationTime(now - 300).sign(privateKey);
  return [ownKey, withJwk, hs256, none, otherOrg, longer, badSignature, expired, `${h}.${p}`, `${h}..${s}`, h];
}


/** Tokens for the report's own service and for another one, and forgeries, for the delivery API target. */
export async function prepareDeliveryApiState(portal: TestPortal, own: { id: string; orgnr: string }, scope = 'meldeportal:mottak'): Promise<DeliveryApiState> {
  const other = await portal.database.db.selectFrom('services').select('orgnr').where('orgnr', '!=', own.orgnr).where('onboarded', '=', true).executeTakeFirstOrThrow();
  const ownClient = deliveryClientFor(portal, own.orgnr, scope);
  const otherClient = deliveryClientFor(portal, other.orgnr, scope);
  const forged = await forgeTokens({ issuer: `${portal.url}/dev/maskinporten`, scope, orgnr: own.orgnr, validToken: await ownClient.accessToken() });
  return { baseUrl: portal.url, ownReportId: own.id, validToken: () => ownClient.accessToken(), otherServiceToken: () => otherClient.accessToken(), forged };
}

const uuidish = fc.oneof(fc.uuid().map((u) => u), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', '%FF', '%C3%28', '..', 'x'.repeat(500), '1', ''), randomText.map(pct));

const apiBody = fc.oneof(
  fc.constantFrom('{"type":"mottatt"}', '{"type":"feilet","melding":"kunne ikke åpne"}', '{"type":"mottatt","kanal":"manuell"}', '{"type":"undersokelse-apnet"}', '{"type":"henlagt"}', '{"type":"kanskje"}', '{}', '[]', 'null', '{"type":5}', '{"type":', '{"type":"mottatt","__proto__":{"x":1}}', '1e400', '"\\ud800"', ''),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.dictionary(fc.constantFrom('type', 'melding', 'kanal', 'x', '__proto__'), fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom('mottatt', 'feilet', 'fagsystem', 'manuell')), { maxKeys: 4 }).map((d) => JSON.stringify(d)),
  randomText,
);

export const deliveryApiRequest = fc.record({
  method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH'),
  id: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: uuidish }),
  sub: fc.constantFrom('', '', '/status', '/kvittering', '/kvittering', '/tilbakemelding', '/tilbakemelding', '/x', '/status/..'),
  query: sometimes(fc.record({ etter: fc.oneof(fc.constantFrom('0', '-1', '1e3', '999999999999999999', '9'.repeat(30), '%FF', ''), randomText.map(pct)), antall: fc.oneof(fc.constantFrom('0', '1', '100', '101', '-5', '1.5', 'NaN', '%00'), randomText.map(pct)) }), 0.4),
  token: fc.constantFrom('valid', 'valid', 'valid', 'other-service', 'forged', 'forged', 'garbage', 'none', 'malformed-header'),
  forgedIndex: fc.nat(),
  garbage: fc.oneof(fc.base64String({ minLength: 20, maxLength: 200 }).map((s) => s.replace(/[+/=]/g, '_')), fc.string({ unit: 'binary-ascii', maxLength: 100 }).map(headerSafe), fc.constantFrom('a'.repeat(5000), 'x.y.z'.repeat(10))),
  header: fc.constantFrom('Bearer ', 'bearer ', 'Bearer  ', 'Basic ', '', 'Bearer\t'),
  body: sometimes(apiBody, 0.7),
  contentType: fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'none'),
  rawBytes: sometimes(fc.constantFrom(...BAD_UTF8.keys()), 0.1),
  huge: sometimes(fc.constantFrom(100_000, 1_100_000), 0.03),
});

export const deliveryApiTarget: FuzzTarget<DeliveryApiState, typeof deliveryApiRequest extends fc.Arbitrary<infer T> ? T : never> = {
  name: 'delivery and feedback API',
  arbitrary: () => deliveryApiRequest,
  async run(state, r, send) {
    const id = r.id === null ? state.ownReportId : r.id;
    const path = `/api/v1/mottak/meldinger${r.id === null && r.sub === '' && r.method === 'GET' && r.query ? '' : `/${id}${r.sub}`}${r.query ? `?etter=${r.query.etter}&antall=${r.query.antall}` : ''}`;
    const headers: Record<string, string> = {};
    if (r.token === 'valid') headers.authorization = `Bearer ${await state.validToken()}`;
    if (r.token === 'other-service') headers.authorization = `Bearer ${await state.otherServiceToken()}`;
    if (r.token === 'forged' && state.forged.length) headers.authorization = `Bearer ${state.forged[r.forgedIndex % state.forged.length]}`;
    if (r.token === 'garbage') headers.authorization = `Bearer ${r.garbage}`;
    if (r.token === 'malformed-header') headers.authorization = `${r.header}${await state.validToken()}`;
    let body: Uint8Array<ArrayBuffer> | undefined;
    if (r.body !== null && !['GET', 'HEAD'].includes(r.method)) {
      let bytes = Buffer.from(r.body, 'utf8');
      if (r.rawBytes !== null) bytes = Buffer.concat([Buffer.from('{"type":"'), BAD_UTF8[r.rawBytes]!, Buffer.from('"}')]);
      if (r.huge) bytes = Buffer.from(JSON.stringify({ type: 'feilet', melding: 'x'.repeat(r.huge) }));
      body = new Uint8Array(bytes);
      if (r.contentType !== 'none') headers['content-type'] = r.contentType;
    }
    await send({ baseUrl: state.baseUrl, method: r.method, path, headers, ...(body ? { body } : {}) });
  },
};

// ---- The public registry API ----

export const registryApiTarget: FuzzTarget<{ baseUrl: string }, { method: string; kommune: string; tail: string; query: string | null }> = {
  name: 'registry API',
  arbitrary: () =>
    fc.record({
      method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'DELETE'),
      // Real municipalities often enough that the handler answers 200, not only the router 404.
      kommune: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('0301', '1337', '4601', '5001', '3201') },
        { weight: 3, arbitrary: fc.constantFrom('0000', '9999', '301', '03011', '+301', '0x12', ' 0301', '%20301', '%FF', '%C3%28', '..', '__proto__', '') },
        { weight: 2, arbitrary: randomText.map(pct) },
        { weight: 1, arbitrary: fc.constantFrom(...BAD_ESCAPES) },
      ),
      tail: fc.constantFrom('/bydeler', '/bydeler', '/bydeler', '', '/bydeler/x', '/BYDELER', '/bydeler/'),
      query: sometimes(fc.array(pair, { maxLength: 4 }).map((p) => p.join('&')), 0.3),
    }),
  async run(state, r, send) {
    await send({ baseUrl: state.baseUrl, method: r.method, path: `/api/v1/kommuner/${r.kommune}${r.tail}${r.query ? `?${r.query}` : ''}` });
  },
};

// ---- Mottak: the caseworker's forms and the inbox query ----

export interface MottakState {
  caseworker: Visitor;
  reportId: string;
}

const mottakValue = fc.oneof(
  fc.string({ maxLength: 40 }).filter(noForbidden),
  fc.string({ unit: 'grapheme', maxLength: 20 }).filter(noForbidden),
  fc.constantFrom('', '2', '10', '22', 'henlagt', 'tiltak', 'ja', '9'.repeat(300), 'x'.repeat(20_000), 'mottatt', 'undersokelse-apnet'),
  fc.array(fc.string({ maxLength: 5 }).filter(noForbidden), { maxLength: 3 }),
);

export const mottakFormsTarget: FuzzTarget<MottakState, { path: string; fields: Record<string, string | string[]>; id: number; csrf: string; encoding: string; bad: string }> = {
  name: 'mottak forms',
  arbitrary: () =>
    fc.record({
      path: fc.constantFrom('konklusjon', 'notater', 'tildeling', 'tilbakemelding', 'undersokelse/utvid', 'undersokelse/avslutt', 'x'),
      fields: fc.dictionary(fc.constantFrom('conclusionCode', 'reason', 'reporterCode', 'reporterCodeDetail', 'contentCodes', 'note', 'assignee', 'meg', 'type', 'outcome', 'extendReason', 'x', '__proto__'), mottakValue, { maxKeys: 6 }) as fc.Arbitrary<Record<string, string | string[]>>,
      id: fc.nat({ max: 5 }),
      csrf: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'missing', 'garbage'),
      encoding: fc.constantFrom('form', 'form', 'form', 'bad-escapes', 'raw-bytes', 'json', 'multipart'),
      bad: fc.constantFrom(...BAD_ESCAPES),
    }),
  async run(state, input, send) {
    const id = [state.reportId, state.reportId, state.reportId, '00000000-0000-4000-8000-000000000000', 'x%zz', '%C3%28'][input.id]!;
    const params = new URLSearchParams();
    if (input.csrf === 'valid') params.append('_csrf', state.caseworker.token);
    if (input.csrf === 'garbage') params.append('_csrf', 'x'.repeat(52));
    for (const [k, v] of Object.entries(input.fields)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    let body: Uint8Array<ArrayBuffer> | string = params.toString();
    let contentType = 'application/x-www-form-urlencoded';
    if (input.encoding === 'bad-escapes') body = `${body}&note=${input.bad}&reason=a${input.bad}b`;
    if (input.encoding === 'raw-bytes') body = new Uint8Array(Buffer.concat([Buffer.from(`${body}&note=`), ...BAD_UTF8]));
    if (input.encoding === 'json') {
      body = JSON.stringify({ ...(input.csrf === 'valid' ? { _csrf: state.caseworker.token } : {}), ...input.fields });
      contentType = 'application/json';
    }
    if (input.encoding === 'multipart') {
      body = `--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${state.caseworker.token}\r\n--b\r\nContent-Disposition: form-data; name="note"\r\n\r\n${params.toString()}\r\n--b--\r\n`;
      contentType = 'multipart/form-data; boundary=b';
    }
    await send({ client: state.caseworker.client, method: 'POST', path: `/meldinger/${id}/${input.path}`, body, headers: { 'content-type': contentType } });
  },
};

export const mottakQueryTarget: FuzzTarget<MottakState, { path: string; query: string }> = {
  name: 'mottak inbox and report queries',
  arbitrary: () =>
    fc.record({
      path: fc.constantFrom('/innboks', '/innboks', '/innboks', '/meldinger/:id/fil', '/logg', '/frister', '/avviste', '/meldinger/:id', '/meldinger/:id/eksport', '/meldinger/%C3%28', '/meldinger/../innboks'),
      query: fc.oneof(
        fc.dictionary(fc.constantFrom('status', 'haster', 'saksbehandler', 'kategori', 'bydel', 'sok', 'side', 'navn', 'for', 'x'), fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 10 }), fc.constantFrom('-1', '0', '1e9', '99999999999999999999', 'ny', '13116900216', "' or 1=1 --", '%', '_'))).map((q) => new URLSearchParams(q).toString()),
        fc.array(pair, { maxLength: 5 }).map((p) => p.join('&').replace(/child-0-name|whatHappened/g, 'sok')),
        fc.tuple(fc.constantFrom('sok', 'side', 'status', 'navn'), fc.constantFrom(...BAD_ESCAPES)).map(([k, v]) => `${k}=${v}`),
      ),
    }),
  async run(state, input, send) {
    await send({ client: state.caseworker.client, method: 'GET', path: `${input.path.replace(':id', state.reportId)}?${input.query}` });
  },
};

// ---- Raw bytes over a socket: what fetch refuses to send ----

export interface RawState {
  /** host:port of each app, with a logged-in session and token for each. */
  apps: { name: string; port: number; cookie: string; token: string; postPath: string; textField: string }[];
}

export const rawRequest = fc.record({
  app: fc.nat(),
  kind: fc.constantFrom(
    'bad-utf8-path', 'bad-utf8-header', 'bad-utf8-cookie', 'bad-utf8-body', 'bad-utf8-body', 'ctl-in-header', 'bare-lf',
    'bad-content-length', 'two-content-lengths', 'bad-chunked', 'te-and-cl', 'long-uri', 'many-headers', 'bad-version',
    'bad-method', 'absolute-uri', 'truncated-body', 'garbage-line', 'header-no-colon', 'space-before-colon', 'obs-fold', 'upgrade', 'expect-continue',
  ),
  bytes: fc.array(fc.constantFrom(...BAD_UTF8.keys()), { minLength: 1, maxLength: 4 }),
  text: randomText,
  n: fc.integer({ min: 1, max: 200 }),
});

export type RawInput = typeof rawRequest extends fc.Arbitrary<infer T> ? T : never;

export function buildRaw(state: RawState, r: RawInput): { app: RawState['apps'][number]; bytes: Buffer; mayGoUnanswered: boolean } {
  const app = state.apps[r.app % state.apps.length]!;
  const bad = Buffer.concat(r.bytes.map((i) => BAD_UTF8[i]!));
  const host = `Host: localhost:${app.port}\r\n`;
  const B = (s: string) => Buffer.from(s, 'latin1');
  const form = (extra: Buffer) => Buffer.concat([B(`_csrf=${encodeURIComponent(app.token)}&${app.textField}=`), extra]);
  const post = (headers: string, body: Buffer, length = body.length) =>
    Buffer.concat([B(`POST ${app.postPath} HTTP/1.1\r\n${host}Cookie: ${app.cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\nConnection: close\r\n${headers}\r\n`), body]);
  const get = (path: Buffer | string, headers: Buffer | string = '') => Buffer.concat([B('GET '), typeof path === 'string' ? B(path) : path, B(` HTTP/1.1\r\n${host}Connection: close\r\n`), typeof headers === 'string' ? B(headers) : headers, B('\r\n')]);
  switch (r.kind) {
    case 'bad-utf8-path':
      return { app, bytes: get(Buffer.concat([B('/meld/'), bad, B('?q='), bad])), mayGoUnanswered: false };
    case 'bad-utf8-header':
      return { app, bytes: get('/', Buffer.concat([B('Accept-Language: '), bad, B('\r\nUser-Agent: '), bad, B('\r\nReferer: '), bad, B('\r\n')])), mayGoUnanswered: false };
    case 'bad-utf8-cookie':
      return { app, bytes: get('/meld/barn', Buffer.concat([B('Cookie: '), B(app.cookie), bad, B('; mp_session='), bad, B('\r\n')])), mayGoUnanswered: false };
    case 'bad-utf8-body':
      return { app, bytes: post('', form(Buffer.concat([B(pct(r.text)), bad]))), mayGoUnanswered: false };
    case 'ctl-in-header':
      return { app, bytes: get('/', `X-Test: a\u0000b${r.text.replace(/[\r\n]/g, '')}\r\n`), mayGoUnanswered: false };
    case 'bare-lf':
      return { app, bytes: B(`GET / HTTP/1.1\n${host.trim()}\nX-A: b\rc\nConnection: close\n\n`), mayGoUnanswered: false };
    case 'bad-content-length':
      return { app, bytes: Buffer.concat([B(`POST ${app.postPath} HTTP/1.1\r\n${host}Cookie: ${app.cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${['-1', '1e3', 'abc', '99999999999999999999', '0x10', ' 5'][r.n % 6]}\r\nConnection: close\r\n\r\n`), form(B('x'))]), mayGoUnanswered: false };
    case 'two-content-lengths':
      return { app, bytes: post(`Content-Length: ${r.n}\r\n`, form(B('x'))), mayGoUnanswered: false };
    case 'bad-chunked':
      // A chunk announced but not sent (or 2^64-1 bytes announced) is a request still under way: the
      // server rightly waits, so these half-close and may go unanswered.
      return { app, bytes: Buffer.concat([B(`POST ${app.postPath} HTTP/1.1\r\n${host}Cookie: ${app.cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`), B(['zz\r\nabc\r\n0\r\n\r\n', '5\r\nabc\r\n0\r\n\r\n', `${r.n.toString(16)}\r\n`, 'ffffffffffffffff\r\nx\r\n', '3;ext=\u00ff\r\nabc\r\n0\r\n\r\n'][r.n % 5]!)]), mayGoUnanswered: r.n % 5 === 2 || r.n % 5 === 3 };
    case 'te-and-cl':
      return { app, bytes: post('Transfer-Encoding: chunked\r\n', B('0\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n')), mayGoUnanswered: false };
    case 'long-uri':
      return { app, bytes: get(`/meld/${'a'.repeat(r.n * 500)}`), mayGoUnanswered: false };
    case 'many-headers':
      return { app, bytes: get('/', Array.from({ length: r.n * 10 }, (_, i) => `X-H${i}: ${'v'.repeat(100)}\r\n`).join('')), mayGoUnanswered: false };
    case 'bad-version':
      return { app, bytes: B(`GET / HTTP/${['2.0', '1.2', '0.9', 'x', '1.1.1'][r.n % 5]}\r\n${host}Connection: close\r\n\r\n`), mayGoUnanswered: false };
    case 'bad-method':
      return { app, bytes: B(`${['GE T', 'G\u00ffT', 'TRACE', 'CONNECT', 'PROPFIND', 'get'][r.n % 6]} / HTTP/1.1\r\n${host}Connection: close\r\n\r\n`), mayGoUnanswered: false };
    case 'absolute-uri':
      return { app, bytes: get(`http://evil.example/meld/hvem`), mayGoUnanswered: false };
    case 'truncated-body':
      // Announces more than it sends, then stops writing: the server may wait for the rest or close.
      return { app, bytes: post('', form(B(pct(r.text))), 10_000), mayGoUnanswered: true };
    case 'garbage-line':
      return { app, bytes: Buffer.concat([bad, B(`${r.text.replace(/[\r\n]/g, '')}\r\n\r\n`)]), mayGoUnanswered: false };
    case 'header-no-colon':
      return { app, bytes: get('/', 'NoColonHere\r\n'), mayGoUnanswered: false };
    case 'space-before-colon':
      return { app, bytes: get('/', 'Cookie : mp_session=x\r\n'), mayGoUnanswered: false };
    case 'obs-fold':
      return { app, bytes: get('/', 'X-Folded: a\r\n b\r\n'), mayGoUnanswered: false };
    case 'upgrade':
      return { app, bytes: get(['/', '/meld/hvem', '/api/v1/kommuner'][r.n % 3]!, `Connection: Upgrade\r\nUpgrade: ${['websocket', 'h2c', 'x\u00ff'][r.n % 3]}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.from(r.text).toString('base64')}\r\n`), mayGoUnanswered: false };
    case 'expect-continue':
      return { app, bytes: post(`Expect: ${['100-continue', '200-ok', '\u00ff'][r.n % 3]}\r\n`, form(B(pct(r.text)))), mayGoUnanswered: false };
  }
}

export const rawTarget: FuzzTarget<RawState, RawInput> = {
  name: 'raw bytes over a socket',
  arbitrary: () => rawRequest,
  async run(state, input, send) {
    const { app, bytes, mayGoUnanswered } = buildRaw(state, input);
    await send({ raw: bytes, port: app.port, mayGoUnanswered, description: `${app.name} ${input.kind}` });
  },
};

/**
 * Writes the bytes, half-closes when the request may never end, and reads until the server closes
 * (or 10 s pass). Parses the first answer's status, content type and body.
 */
export function rawExchange(port: number, bytes: Buffer, options: { halfClose: boolean; localAddress?: string | undefined }): Promise<{ answer: Answer | undefined; refused: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    const chunks: Buffer[] = [];
    let refused = false;
    // Generous: a loaded machine is slow, and a request the server is still waiting on half-closes.
    const timer = setTimeout(() => socket.destroy(), 10_000);
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.halfClose) socket.end();
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') refused = true;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks);
      if (raw.length === 0) return resolve({ answer: undefined, refused });
      const split = raw.indexOf('\r\n\r\n');
      const head = raw.subarray(0, split < 0 ? raw.length : split).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      const contentType = /\r\ncontent-type: *([^\r\n]*)/i.exec(head)?.[1] ?? '';
      let body: Buffer = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4);
      if (/\r\ntransfer-encoding: *chunked/i.test(head)) body = dechunk(body);
      resolve({ answer: { status, contentType, text: body.toString('utf8') }, refused });
    });
  });
}

function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (!size) break;
    out.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

// ---- The mix of the 10,000 (the CI subset takes its own smaller numbers) ----

export const FULL_MIX = {
  stepForms: 2500,
  jsonSteps: 600,
  multipart: 1500,
  cookies: 800,
  paths: 1200,
  deliveryApi: 1200,
  registryApi: 400,
  mottakForms: 800,
  mottakQuery: 500,
  raw: 500,
} as const;

// ---- Sending, judging and counting ----

export type ProblemKind = '5xx' | 'unclear' | 'no answer' | 'refused' | 'rate-limited';

export interface Problem {
  kind: ProblemKind;
  where: string;
  detail: string;
}

/** Answers by status code, for checks that the handlers really ran (422s, 303s, 403s). */
export type Tally = Record<number, number>;

/** The bytes of a status line's worth of context for a report: method, path (shortened) and status. */
function describeRequest(request: FuzzRequest | RawRequest, status: number | string): string {
  if ('raw' in request) return `raw ${request.description}: ${JSON.stringify(request.raw.subarray(0, 120).toString('latin1'))} → ${status}`;
  return `${request.method} ${request.path.slice(0, 120)} → ${status}`;
}

/**
 * The one way every target's requests go out: each visitor address serves at most `perAddress`
 * requests (the portal allows 300 a minute per address), every answer is judged, and every problem
 * goes to `onProblem` — which throws in the test and counts in the bench.
 */
export function createSender(options: { tally: () => Tally; onProblem(problem: Problem): void; newAddress(): Promise<string>; perAddress?: number }): Send {
  const perAddress = options.perAddress ?? 250;
  let sent = 0;
  let address: string | undefined;
  return async (request) => {
    if (sent++ % perAddress === 0) address = await options.newAddress();
    const tally = options.tally();
    let answer: Answer | undefined;
    if ('raw' in request) {
      const outcome = await rawExchange(request.port, request.raw, { halfClose: request.mayGoUnanswered, localAddress: address });
      if (outcome.refused) {
        options.onProblem({ kind: 'refused', where: describeRequest(request, 'refused'), detail: 'connection refused' });
        return undefined;
      }
      if (!outcome.answer) {
        if (!request.mayGoUnanswered) options.onProblem({ kind: 'no answer', where: describeRequest(request, 'closed'), detail: 'the server closed the connection without an answer' });
        return undefined;
      }
      answer = outcome.answer;
    } else {
      try {
        if (request.client) {
          const response = await request.client.request(request.method, request.path, { ...(request.body !== undefined ? { body: request.body } : {}), ...(request.headers ? { headers: request.headers } : {}) });
          answer = { status: response.status, text: response.text, contentType: response.headers.get('content-type') ?? '' };
        } else {
          const response = await fetch(new URL(request.path, request.baseUrl), { method: request.method, redirect: 'manual', ...(request.body !== undefined ? { body: request.body } : {}), headers: request.headers ?? {} });
          answer = { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') ?? '' };
        }
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const refused = cause?.code === 'ECONNREFUSED';
        options.onProblem({ kind: refused ? 'refused' : 'no answer', where: describeRequest(request, 'failed'), detail: `${(error as Error).message}: ${cause?.code ?? cause?.message ?? ''}` });
        return undefined;
      }
    }
    tally[answer.status] = (tally[answer.status] ?? 0) + 1;
    const where = describeRequest(request, answer.status);
    const method = 'raw' in request ? (/^HEAD /.test(request.raw.toString('latin1')) ? 'HEAD' : 'GET') : request.method;
    const failed = serverError(answer);
    if (failed) options.onProblem({ kind: '5xx', where, detail: answer.text.slice(0, 500) });
    const unclear = unclearAnswer(method, answer);
    if (unclear) options.onProblem({ kind: 'unclear', where, detail: `${unclear}\n${answer.text.slice(0, 500)}` });
    if (answer.status === 429) options.onProblem({ kind: 'rate-limited', where, detail: 'the fuzzer tripped the rate limit, so handlers were not reached' });
    return answer;
  };
}

/** Runs `numRuns` inputs of one target through `send`; fast-check prints the seed of a failure. */
export async function runTarget<S, T>(target: FuzzTarget<S, T>, state: S, numRuns: number, send: Send, seed?: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(target.arbitrary(state), async (input) => {
      await target.run(state, input, send);
    }),
    { numRuns, ...(seed === undefined ? {} : { seed }) },
  );
}
