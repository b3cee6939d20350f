// Static assets served by us: one stylesheet (Designsystemet + theme + our fonts + our layout),
// Inter cut down to what our text uses (scripts/subset-fonts.sh), one small script, and the icon a
// browser shows in its tab. Names carry a content hash for caching; the stylesheet and script are
// compressed once, here.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const STATIC_DIR = join(import.meta.dirname, 'static');
export const FONTS_DIR = join(STATIC_DIR, 'fonts');

/**
 * The Designsystemet components our pages use. The whole library is 150 KB of CSS; a reporter's
 * first page should not carry comboboxes and dialogs it never shows. A test fails when a page uses
 * a `ds-` class whose component is missing here.
 */
export const DS_COMPONENTS = [
  'alert',
  'button',
  'error-summary',
  'field',
  'fieldset',
  'heading',
  'input',
  'label',
  'link',
  'list',
  'paragraph',
  'skip-link',
  'validation-message',
] as const;

/**
 * Designsystemet's bundle is a run of `@layer ds.base{…}` and `@layer ds.components{…}` blocks, one
 * per component. We keep its order and layers, every base block, and the component blocks whose
 * first class is one of ours.
 */
export function selectDesignsystemetCss(bundle: string, components: readonly string[]): string {
  const wanted = new Set(components);
  const out: string[] = [];
  const opener = /@layer (ds\.[a-z]+)\{/g;
  let position = 0;
  for (let match = opener.exec(bundle); match; match = opener.exec(bundle)) {
    out.push(bundle.slice(position, match.index));
    let depth = 1;
    let end = opener.lastIndex;
    while (depth > 0 && end < bundle.length) {
      const c = bundle[end++];
      if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    const body = bundle.slice(opener.lastIndex, end - 1);
    const component = /\.ds-([a-z-]+)/.exec(body)?.[1];
    if (match[1] !== 'ds.components' || (component && wanted.has(component))) out.push(bundle.slice(match.index, end));
    position = end;
    opener.lastIndex = end;
  }
  out.push(bundle.slice(position));
  return out.join('');
}

const FONT_FILES = [
  { weight: 400, subset: 'latin', range: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' },
  { weight: 400, subset: 'latin-ext', range: 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF' },
  { weight: 500, subset: 'latin', range: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' },
  { weight: 600, subset: 'latin', range: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' },
];

export interface Asset {
  body: Buffer;
  /** The same bytes compressed, for browsers that accept it; none for a file too small to gain. */
  compressed?: { br: Buffer; gzip: Buffer };
  contentType: string;
  hash: string;
}

function asset(body: Buffer, contentType: string, options: { compress: boolean } = { compress: true }): Asset {
  const compressed = options.compress
    ? {
        br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        gzip: gzipSync(body, { level: 9 }),
      }
    : undefined;
  return { body, ...(compressed ? { compressed } : {}), contentType, hash: hashOf(body) };
}

function hashOf(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}

function buildStylesheet(): Buffer {
  const fontFaces = FONT_FILES.map(
    (f) =>
      `@font-face{font-family:'Inter';font-style:normal;font-display:swap;font-weight:${f.weight};` +
      `src:url(/static/fonts/inter-${f.subset}-${f.weight}-normal.woff2) format('woff2');unicode-range:${f.range}}`,
  ).join('\n');
  const parts = [
    readFileSync(require.resolve('@digdir/designsystemet-theme/digdir.css'), 'utf8'),
    selectDesignsystemetCss(readFileSync(require.resolve('@digdir/designsystemet-css'), 'utf8'), DS_COMPONENTS),
    fontFaces,
    readFileSync(join(STATIC_DIR, 'css', 'meldeportal.css'), 'utf8'),
  ];
  // The theme and the component CSS each start with @charset; only the first may stay.
  return Buffer.from('@charset "UTF-8";\n' + parts.map((p) => p.replace(/@charset "UTF-8";\s*/g, '')).join('\n'), 'utf8');
}

let assets: Map<string, Asset> | undefined;

export function loadAssets(): Map<string, Asset> {
  if (assets) return assets;
  const css = buildStylesheet();
  const js = readFileSync(join(STATIC_DIR, 'js', 'app.js'));
  assets = new Map([
    ['app.css', asset(css, 'text/css; charset=utf-8')],
    ['app.js', asset(js, 'text/javascript; charset=utf-8')],
    // A few hundred bytes: compressed it would save a few dozen, so it goes as it is.
    [FAVICON, asset(readFileSync(join(STATIC_DIR, 'img', FAVICON)), 'image/svg+xml', { compress: false })],
  ]);
  return assets;
}

/** The browser tab's icon: a speech bubble with a heart, white on the theme's blue. */
export const FAVICON = 'favicon.svg';

export function assetPath(name: 'app.css' | 'app.js' | typeof FAVICON): string {
  const asset = loadAssets().get(name)!;
  return `/static/${asset.hash}/${name}`;
}
