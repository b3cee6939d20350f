// Which tier a test file belongs to, read from what it (and the test helpers it imports) does:
// e2e: under e2e/ (a real browser); db: starts an app, opens a database or runs a server process;
// unit: neither (pure domain, crypto, package, the web kit's pure parts, the walls): no DB, no browser.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** What makes a file need a database, a server or a browser. */
const NEEDS_WORLD = /\b(?:testDatabases|startTestPortal|startTestMottak|startDevPortal|startDevMottak|startPortal|startMottak|openDatabase|openPortalDatabase|openMottakDatabase|launchBrowser|portalProcess|mottakProcess|buildPortalApp|buildMottakApp)\s*\(|from 'playwright-core'|\bspawn\('npm'/;

const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function testHelpersOf(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(join(root, file), 'utf8');
  for (const [, spec] of text.matchAll(IMPORT)) {
    const target = relative(root, resolve(dirname(join(root, file)), spec));
    // Only the tests' own helpers: what src/ does is the code under test, not the test's world.
    if ((target.startsWith('test/') || target.startsWith('e2e/')) && existsSync(join(root, target))) testHelpersOf(target, seen);
  }
  return seen;
}

/** 'unit' | 'db' | 'e2e' */
export function tierOf(file) {
  if (file.startsWith('e2e/')) return 'e2e';
  for (const used of testHelpersOf(file)) if (NEEDS_WORLD.test(readFileSync(join(root, used), 'utf8'))) return 'db';
  return 'unit';
}
