import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { buildPortalApp } from '../src/portal/app.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'mp-config-'));
const productionEnv = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(40),
  IDPORTEN_ISSUER: 'https://idporten.example/',
  IDPORTEN_CLIENT_ID: 'client',
  IDPORTEN_CLIENT_SECRET: 'secret',
  BASE_URL: 'https://meldeportal.example',
};

test('an operator who starts production without a session secret is refused', () => {
  assert.throws(() => loadConfig({ ...productionEnv, SESSION_SECRET: '', DATA_DIR: dataDir() }), ConfigError);
  assert.throws(() => loadConfig({ ...productionEnv, SESSION_SECRET: 'short', DATA_DIR: dataDir() }), /at least 32/);
});

test('production without an ID-porten client is refused, since the stand-in is never mounted there', () => {
  assert.throws(() => loadConfig({ ...productionEnv, IDPORTEN_ISSUER: '', DATA_DIR: dataDir() }), /IDPORTEN_ISSUER/);
  assert.throws(() => loadConfig({ ...productionEnv, IDPORTEN_CLIENT_SECRET: '', DATA_DIR: dataDir() }), /IDPORTEN_CLIENT/);
});

test('a developer gets a generated secret kept in DATA_DIR, the same on the next start', () => {
  const dir = dataDir();
  const first = loadConfig({ DATA_DIR: dir });
  const second = loadConfig({ DATA_DIR: dir });
  assert.equal(first.sessionSecret, second.sessionSecret);
  assert.ok(first.sessionSecret.length >= 32);
  assert.equal(readFileSync(join(dir, 'session-secret'), 'utf8').trim(), first.sessionSecret);
  assert.equal(first.devIdentityProvider, true);
  assert.equal(first.demoData, true);
  assert.equal(first.port, 3000);
});

test('production mounts neither the ID-porten stand-in nor demo data', async () => {
  const config = loadConfig({ ...productionEnv, DATA_DIR: dataDir() });
  assert.equal(config.devIdentityProvider, false);
  assert.equal(config.demoData, false);
  assert.equal(config.demoKeyCacheDir, undefined);
  const database = await openDatabase({});
  await migrateDatabase(database.pool);
  const app = await buildPortalApp({ config, database });
  try {
    const discovery = await app.inject({ method: 'GET', url: '/dev/idporten/.well-known/openid-configuration' });
    assert.equal(discovery.statusCode, 404);
    const home = await app.inject({ method: 'GET', url: '/' });
    assert.equal(home.statusCode, 200);
    assert.match(String(home.headers['strict-transport-security']), /max-age=/);
    assert.match(String(home.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.doesNotMatch(String(home.headers['content-security-policy']), /unsafe-inline/);
  } finally {
    await app.close();
    await database.close();
  }
});
