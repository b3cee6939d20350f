// The public registry API in the Fiks shape: which municipalities can receive here, and their
// districts with exactly one default recipient. Errors are JSON {error, message} in Norwegian.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';

/** The demo registry's onboarded municipalities (src/dev/demo-registry.ts). */
const DEMO_MUNICIPALITIES = ['0301', '1103', '1811', '1812', '1813', '1815', '1816', '3201', '3203', '4204', '4601', '5001'];

async function getJson(portal: TestPortal, path: string): Promise<{ status: number; type: string; body: unknown; text: string }> {
  const response = await fetch(new URL(path, portal.url));
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', body, text };
}

function assertApiError(result: { status: number; type: string; body: unknown; text: string }, status: number, error: string): void {
  assert.equal(result.status, status, result.text.slice(0, 300));
  assert.match(result.type, /^application\/json/);
  const body = result.body as { error?: unknown; message?: unknown };
  assert.deepEqual(Object.keys(body).sort(), ['error', 'message']);
  assert.equal(body.error, error);
  assert.equal(typeof body.message, 'string');
  assert.ok((body.message as string).length > 5);
  assert.doesNotMatch(result.text, /\bat \S+:\d+|Error:|node_modules/);
}

for (const database of testDatabases()) {
  describe(`registry API (${database.name})`, () => {
    let portal: TestPortal;
    before(async () => {
      portal = await startTestPortal(database);
    });
    after(async () => {
      await portal?.close();
    });

    test('GET /api/v1/kommuner lists all 357 municipalities; only the demo ones are available', async () => {
      const result = await getJson(portal, '/api/v1/kommuner');
      assert.equal(result.status, 200);
      assert.match(result.type, /^application\/json/);
      const list = result.body as { kommunenummer: string; navn: string; fylke: string; tilgjengelig: boolean }[];
      assert.equal(list.length, 357);
      for (const entry of list) {
        assert.deepEqual(Object.keys(entry).sort(), ['fylke', 'kommunenummer', 'navn', 'tilgjengelig']);
        assert.match(entry.kommunenummer, /^\d{4}$/);
        assert.ok(entry.navn.length > 0);
        assert.ok(entry.fylke.length > 0);
        assert.equal(typeof entry.tilgjengelig, 'boolean');
      }
      assert.equal(new Set(list.map((e) => e.kommunenummer)).size, 357, 'no duplicates');
      const available = list.filter((e) => e.tilgjengelig).map((e) => e.kommunenummer).sort();
      assert.deepEqual(available, DEMO_MUNICIPALITIES);
      const oslo = list.find((e) => e.kommunenummer === '0301');
      assert.deepEqual(oslo, { kommunenummer: '0301', navn: 'Oslo', fylke: 'Oslo', tilgjengelig: true });
      assert.equal(list.find((e) => e.kommunenummer === '3222')?.tilgjengelig, false);
    });

    test('Oslo has 15 districts with exactly one default recipient', async () => {
      const result = await getJson(portal, '/api/v1/kommuner/0301/bydeler');
      assert.equal(result.status, 200);
      const list = result.body as { bydelsnummer: string; bydelsnavn: string; standardMottaker: boolean }[];
      assert.equal(list.length, 15);
      for (const entry of list) {
        assert.deepEqual(Object.keys(entry).sort(), ['bydelsnavn', 'bydelsnummer', 'standardMottaker']);
        assert.match(entry.bydelsnummer, /^\d{2}$/);
      }
      assert.equal(list.filter((e) => e.standardMottaker).length, 1);
      assert.ok(list.some((e) => e.bydelsnummer === '05' && e.bydelsnavn === 'Bydel Frogner'));
      assert.equal(new Set(list.map((e) => e.bydelsnummer)).size, 15);
    });

    test('Bærum has one entry, 00, which is the default recipient', async () => {
      const result = await getJson(portal, '/api/v1/kommuner/3201/bydeler');
      assert.equal(result.status, 200);
      assert.deepEqual(result.body, [{ bydelsnummer: '00', bydelsnavn: 'Bærum', standardMottaker: true }]);
    });

    test('a municipality that is not onboarded has an empty list', async () => {
      for (const nr of ['3222', '1515', '5612']) {
        const result = await getJson(portal, `/api/v1/kommuner/${nr}/bydeler`);
        assert.equal(result.status, 200, nr);
        assert.deepEqual(result.body, [], nr);
      }
    });

    test('a malformed kommunenummer is 400, an unknown one 404, both as JSON', async () => {
      const bad = await getJson(portal, '/api/v1/kommuner/abcd/bydeler');
      assertApiError(bad, 400, 'BAD_REQUEST');
      assert.equal((bad.body as { message: string }).message, 'Kommunenummer må være fire sifre.');
      for (const path of ['/api/v1/kommuner/030/bydeler', '/api/v1/kommuner/03011/bydeler', '/api/v1/kommuner/%3Cscript%3E/bydeler', '/api/v1/kommuner/%C3%28/bydeler']) {
        assertApiError(await getJson(portal, path), 400, 'BAD_REQUEST');
      }
      const unknown = await getJson(portal, '/api/v1/kommuner/9999/bydeler');
      assertApiError(unknown, 404, 'NOT_FOUND');
      assert.equal((unknown.body as { message: string }).message, 'Ingen kommune har dette kommunenummeret.');
    });

    test('an unknown path under /api is a JSON 404, never an HTML page', async () => {
      for (const path of ['/api/v1/finnes-ikke', '/api/v2/kommuner', '/api/', '/api/v1/kommuner/0301', '/api/v1/kommuner/0301/bydeler/05']) {
        assertApiError(await getJson(portal, path), 404, 'NOT_FOUND');
      }
    });

    test('a wrong method on an API path is a JSON error, not a crash', async () => {
      const response = await fetch(new URL('/api/v1/kommuner', portal.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":' });
      const text = await response.text();
      assert.ok(response.status >= 400 && response.status < 500, `${response.status}`);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const body = JSON.parse(text) as { error: string; message: string };
      assert.equal(typeof body.error, 'string');
      assert.equal(typeof body.message, 'string');
    });
  });
}
