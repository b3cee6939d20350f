// `npm install` on a fresh clone prints no warning: npm asks that every dependency with an install
// script be named in package.json's `allowScripts`, allowed or not (issue 17). The lock file marks
// those dependencies (`hasInstallScript`), so a new one that needs a decision fails here, not on the
// first machine that installs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));

test('every dependency with an install script is named in allowScripts', () => {
  const lock = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
  const allowScripts = (read('package.json') as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
  const withScripts = Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  assert.ok(withScripts.length > 0, 'the lock file is read (esbuild has an install script)');
  assert.deepEqual(withScripts.filter((name) => !(name in allowScripts)), []);
});
