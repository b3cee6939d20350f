// JSON bodies on form routes: every POST of both apps parsed up to a megabyte of JSON before its
// CSRF check could refuse it, and half a million nested brackets held the event loop for about a
// second. Now a form route reads only form encodings and answers anything else with 415 before
// reading it — shown without a stopwatch: the answer comes while the body is still being sent. The
// delivery API reads JSON, but none nested deeper than MAX_JSON_DEPTH.
//
// PGlite only: what is parsed is decided before any query; the database plays no part.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/web/body-parsers.ts';
import { translator } from '../../src/web/i18n.ts';
import { osloMonth } from '../../src/domain/statistics/measures.ts';
import type { TestMottak } from '../kit/mottak.ts';
import type { TestPortal } from '../kit/portal.ts';
import { deliveryClientFor } from '../kit/portal-visitors.ts';
import { enumerateRoutes, STATE_CHANGING_METHODS } from './routes.ts';
import { startBareApps } from './world.ts';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** Half a million brackets: a third of a second to a second of the event loop per request, parsed. */
const BRACKETS = nested(250_000);
const t = translator('nb');

test('the depth scan counts brackets, not what is inside strings, and stops at the first too deep', () => {
  assert.equal(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH), false);
  assert.equal(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH), true);
  assert.equal(nestsDeeperThan(`{"a":{"b":[1,2,{"c":"${'['.repeat(100)}"}]}}`, 4), false, 'brackets inside a string');
  assert.equal(nestsDeeperThan(`["\\"${'['.repeat(100)}"]`, 1), false, 'an escaped quote does not end the string');
  assert.equal(nestsDeeperThan('["\\\\", [[[]]]]', 3), true, 'an escaped backslash does');
  assert.equal(nestsDeeperThan('[]'.repeat(100_000), 1), false, 'many side by side are not deep');
  assert.equal(nestsDeeperThan(BRACKETS, MAX_JSON_DEPTH), true);
});

describe('bodies the apps read (pglite)', () => {
  let apps: Awaited<ReturnType<typeof startBareApps>>;
  let portal: TestPortal;
  let mottak: TestMottak;

  before(async () => {
    apps = await startBareApps({ MOTTAK_PULL: 'false' });
    ({ portal, mottak } = apps);
  });
  after(() => apps?.close());

  async function send(base: string, method: string, path: string, body: string, contentType: string, headers: Record<string, string> = {}) {
    const response = await fetch(new URL(path, base), { method, body, headers: { 'content-type': contentType, ...headers } });
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  }

  /**
   * Sends the start of a body and waits, the body unfinished, for the answer. A server that parses
   * the body has to wait for its end, so an answer at all means nothing of it was parsed.
   */
  function answerBeforeBodyEnds(base: string, method: string, path: string, contentType: string): Promise<{ status: number; type: string; text: string }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(new URL(path, base), { method, headers: { 'content-type': contentType, 'transfer-encoding': 'chunked' } });
      const timer = setTimeout(() => {
        request.destroy();
        reject(new Error(`${method} ${path}: no answer while the body was still being sent; the server waits to read it`));
      }, 10_000);
      request.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          clearTimeout(timer);
          request.destroy();
          resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), text });
        });
      });
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.write(BRACKETS.slice(0, 100_000));
    });
  }

  test('every form route of both apps answers JSON with 415 and a Norwegian page, before the body has even arrived', async () => {
    const params: Record<string, string> = { id: randomUUID(), step: 'barn', reference: 'BM-AAAA-AAAA', lang: 'nn' };
    let checked = 0;
    for (const app of [portal, mottak]) {
      const formRoutes = enumerateRoutes(app.app).filter((r) => STATE_CHANGING_METHODS.has(r.method) && !r.path.startsWith('/api/') && !r.path.startsWith('/dev/'));
      assert.ok(formRoutes.length >= 5, `${app.url}: form routes found (${formRoutes.length})`);
      for (const route of formRoutes) {
        const path = route.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? 'x');
        const answers = [
          await answerBeforeBodyEnds(app.url, route.method, path, 'application/json'),
          await send(app.url, route.method, path, '{"_csrf":"x"}', 'application/json; charset=utf-8'),
          await send(app.url, route.method, path, '_csrf=x', 'text/plain'),
        ];
        for (const answer of answers) {
          assert.equal(answer.status, 415, route.key);
          assert.match(answer.type, /^text\/html/, route.key);
          assert.match(answer.text, /<html lang="nb"/, `${route.key}: the app's own error page`);
        }
        checked++;
      }
    }
    assert.ok(checked >= 15, `form routes checked: ${checked}`);
  });

  test('the delivery API reads JSON to a depth of 64, refuses deeper with 400 {error, message}, and still works', async () => {
    const orgnr = readdirSync(join(portal.dataDir, 'receivers'))[0]!;
    const client = deliveryClientFor(portal, orgnr);
    const auth = { authorization: `Bearer ${await client.accessToken()}` };
    const statistics = '/api/v1/mottak/statistikk';

    for (const body of [BRACKETS, nested(MAX_JSON_DEPTH + 1), `{"maneder":[${nested(MAX_JSON_DEPTH)}]}`]) {
      const answer = await send(portal.url, 'PUT', statistics, body, 'application/json', auth);
      assert.equal(answer.status, 400, body.slice(0, 80));
      assert.match(answer.type, /^application\/json/);
      assert.deepEqual(JSON.parse(answer.text), { error: 'BAD_REQUEST', message: t('api.jsonTooDeep') });
      assert.match(t('api.jsonTooDeep'), new RegExp(`\\b${MAX_JSON_DEPTH}\\b`), 'the message names the limit');
    }
    const deepButAllowed = await send(portal.url, 'PUT', statistics, nested(MAX_JSON_DEPTH), 'application/json', auth);
    assert.deepEqual(JSON.parse(deepButAllowed.text), { error: 'BAD_REQUEST', message: t('mottakApi.badStatistics') }, 'as deep as allowed: read, then judged as statistics');
    for (const [body, type] of [['type=mottatt', 'application/x-www-form-urlencoded'], ['{"maneder":[]}', 'text/plain']] as const) {
      const answer = await send(portal.url, 'PUT', statistics, body, type, auth);
      assert.equal(answer.status, 415, type);
      assert.deepEqual(JSON.parse(answer.text), { error: 'UNSUPPORTED_MEDIA_TYPE', message: t('api.unsupportedMediaType') });
    }
    const proto = await send(portal.url, 'PUT', statistics, '{"maneder":[],"__proto__":{"x":1}}', 'application/json', auth);
    assert.equal(proto.status, 400, 'a __proto__ key is still refused');

    // The ordinary calls of a receiving system.
    const sent = await client.sendStatistics([{ maned: osloMonth(new Date()).slice(0, 7), tall: { 'mottatt.haster': 1 } }]);
    assert.equal(sent.maneder, 1);
    assert.ok(Array.isArray((await client.listPending()).meldinger));
    const receipt = await send(portal.url, 'POST', `/api/v1/mottak/meldinger/${randomUUID()}/kvittering`, '{"type":"mottatt"}', 'application/json', auth);
    assert.equal(receipt.status, 404, 'a receipt is read and judged: no such message');
  });
});
