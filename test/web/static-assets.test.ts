// What a reporter's phone downloads before it can show the first page: the stylesheet must hold
// every Designsystemet component our pages use (a missing one shows as an unstyled form), pages and
// assets arrive compressed for browsers that take it, and plain for those that do not.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { loadAssets, selectDesignsystemetCss } from '../../src/web/static-assets.ts';
import { preferredEncoding } from '../../src/web/static-plugin.ts';
import { repoRoot } from '../../src/reference-data.ts';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(tsx?|css)$/.test(entry) ? [path] : [];
  });
}

describe('the stylesheet', () => {
  test('every ds- class our pages use has its component in the stylesheet', () => {
    const css = loadAssets().get('app.css')!.body.toString('utf8');
    const used = new Set<string>();
    for (const file of sourceFiles(join(repoRoot(), 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/class(?:Name)?="([^"]*)"/g)) {
        for (const name of match[1]!.split(/\s+/)) if (name.startsWith('ds-')) used.add(name);
      }
    }
    assert.ok(used.size >= 10, `found only ${used.size} ds- classes; is the scan still reading the pages?`);
    // A rule of its own that starts with the class, not a mention inside another component's rule.
    const styled = (name: string) => new RegExp(`(?:^|[{}])\\.${name}(?=[{\\[:,\\s.>])`).test(css);
    const missing = [...used].filter((name) => !styled(name));
    assert.deepEqual(missing, [], 'add their component to DS_COMPONENTS in src/web/static-assets.ts');
  });

  test('components are kept in their layer and order; unused ones are left out', () => {
    const bundle = '@layer ds.theme, ds.base, ds.components;@layer ds.base{.ds-sr-only{a:1}}@layer ds.components{.ds-button{b:2}}@layer ds.components{.ds-dialog{c:{d:3}}}@layer ds.components{.ds-link{e:4}}';
    assert.equal(
      selectDesignsystemetCss(bundle, ['link', 'button']),
      '@layer ds.theme, ds.base, ds.components;@layer ds.base{.ds-sr-only{a:1}}@layer ds.components{.ds-button{b:2}}@layer ds.components{.ds-link{e:4}}',
    );
  });

  test('the compressed stylesheet and script hold the same bytes as the plain ones', () => {
    const compressed = [...loadAssets()].filter(([, asset]) => asset.compressed);
    assert.deepEqual(compressed.map(([name]) => name), ['app.css', 'app.js']);
    for (const [, asset] of compressed) {
      const { br, gzip } = asset.compressed!;
      assert.ok(brotliDecompressSync(br).equals(asset.body));
      assert.ok(gunzipSync(gzip).equals(asset.body));
      // Small files carry less repetition to squeeze; a third for the stylesheet, a half for a small script.
      const ratio = asset.body.length < 10_000 ? 1 / 2 : 1 / 3;
      assert.ok(br.length < asset.body.length * ratio, `brotli should shrink ${asset.body.length} bytes of text well, gave ${br.length}`);
    }
  });

  test('encodings are chosen as the browser asks', () => {
    assert.equal(preferredEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(preferredEncoding('gzip'), 'gzip');
    assert.equal(preferredEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(preferredEncoding('*'), 'br');
    assert.equal(preferredEncoding('identity'), 'identity');
    assert.equal(preferredEncoding(undefined), 'identity');
    assert.equal(preferredEncoding('br;q=0, gzip;q=0'), 'identity');
  });
});

describe('compressed answers', () => {
  let portal: TestPortal;
  before(async () => {
    portal = await startTestPortal(testDatabases()[0]!);
  });
  after(() => portal.close());

  /** Raw bytes as sent: fetch would decode them, and the test is about what crosses the wire. */
  async function raw(path: string, acceptEncoding: string | undefined): Promise<{ status: number; headers: Headers; body: Buffer }> {
    const http = await import('node:http');
    return new Promise((resolve, reject) => {
      const request = http.get(new URL(path, portal.url), { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(response.headers)) if (typeof v === 'string') headers.set(k, v);
          resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      });
      request.on('error', reject);
    });
  }

  test('a page arrives in brotli for a browser that takes it, gzip for one that takes only gzip, and plain otherwise', async () => {
    const plain = await raw('/', undefined);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.match(plain.body.toString('utf8'), /<h1/);
    const br = await raw('/', 'gzip, deflate, br');
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.match(br.headers.get('vary') ?? '', /accept-encoding/i);
    const page = brotliDecompressSync(br.body).toString('utf8');
    assert.match(page, /<h1/);
    assert.ok(br.body.length < plain.body.length / 2, `brotli page ${br.body.length} B vs plain ${plain.body.length} B`);
    const gz = await raw('/', 'gzip');
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.match(gunzipSync(gz.body).toString('utf8'), /<h1/);
  });

  test('the stylesheet is sent precompressed, and fonts as they are (woff2 is compressed already)', async () => {
    const html = (await raw('/', undefined)).body.toString('utf8');
    const cssPath = /href="(\/static\/[0-9a-f]+\/app\.css)"/.exec(html)?.[1];
    assert.ok(cssPath, 'the page links the stylesheet');
    const css = await raw(cssPath, 'br');
    assert.equal(css.headers.get('content-encoding'), 'br');
    assert.ok(brotliDecompressSync(css.body).equals(loadAssets().get('app.css')!.body));
    const plainCss = await raw(cssPath, undefined);
    assert.ok(plainCss.body.equals(loadAssets().get('app.css')!.body));
    const font = await raw('/static/fonts/inter-latin-400-normal.woff2', 'br');
    assert.equal(font.status, 200);
    assert.equal(font.headers.get('content-encoding'), null);
    assert.equal(font.body.subarray(0, 4).toString('latin1'), 'wOF2');
  });

  test('every page names our icon, and /favicon.ico answers with the same SVG instead of a 404', async () => {
    const html = (await raw('/', undefined)).body.toString('utf8');
    const iconPath = /<link rel="icon" href="(\/static\/[0-9a-f]+\/favicon\.svg)" type="image\/svg\+xml"/.exec(html)?.[1];
    assert.ok(iconPath, 'the page links the icon by its hashed name');
    const icon = await raw(iconPath, 'gzip, br');
    assert.equal(icon.status, 200);
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
    assert.equal(icon.headers.get('content-encoding'), null, 'a few hundred bytes go as they are');
    assert.match(icon.body.toString('utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const legacy = await raw('/favicon.ico', undefined);
    assert.equal(legacy.status, 200);
    assert.equal(legacy.headers.get('content-type'), 'image/svg+xml');
    assert.ok(legacy.body.equals(icon.body));
    assert.match(legacy.headers.get('cache-control') ?? '', /max-age=86400/);
    assert.doesNotMatch(legacy.headers.get('cache-control') ?? '', /immutable/, 'the unhashed address may get a new icon');
  });

  test('a compressed request body is not unpacked (no compression bombs): a clear 4xx', async () => {
    const { gzipSync } = await import('node:zlib');
    const response = await fetch(new URL('/api/v1/mottak/meldinger', portal.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20)),
    });
    assert.ok(response.status >= 400 && response.status < 500, `status ${response.status}`);
  });
});
