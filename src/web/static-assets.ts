// Static assets served by us: one stylesheet (Designsystemet + theme + our fonts + our layout),
// fonts from @fontsource/inter, and one small script. Names carry a content hash for caching.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const STATIC_DIR = join(import.meta.dirname, 'static');
export const FONTS_DIR = join(dirname(require.resolve('@fontsource/inter/package.json')), 'files');

const FONT_FILES = [
  { weight: 400, subset: 'latin', range: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' },
  { weight: 400, subset: 'latin-ext', range: 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF' },
  { weight: 500, subset: 'latin', range: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' },
  { weight: 600, subset: 'latin', range: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' },
];

export interface Asset {
  body: Buffer;
  contentType: string;
  hash: string;
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
    readFileSync(require.resolve('@digdir/designsystemet-css'), 'utf8'),
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
    ['app.css', { body: css, contentType: 'text/css; charset=utf-8', hash: hashOf(css) }],
    ['app.js', { body: js, contentType: 'text/javascript; charset=utf-8', hash: hashOf(js) }],
  ]);
  return assets;
}

export function assetPath(name: 'app.css' | 'app.js'): string {
  const asset = loadAssets().get(name)!;
  return `/static/${asset.hash}/${name}`;
}
