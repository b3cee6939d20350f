import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/portal/config.ts';
import { ConfigError } from '../src/env.ts';
import { migratePortalDatabase, openPortalDatabase } from '../src/portal/db/portal-database.ts';
import { buildPortalApp } from '../src/portal/app.ts';
import { buildMottakApp } from '../src/mottak/app.ts';
import { loadMottakConfig } from '../src/mottak/config.ts';
import { openMottakDatabase } from '../src/mottak/db/mottak-database.ts';
import { systemClock } from '../src/clock.ts';
import { prepareDeliveryServices } from '../src/portal/delivery/delivery-services.ts';
import { productionEnv, productionKeyFiles, productionMottakEnv } from './kit/production-config.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'mp-config-'));

test('an operator who starts production without a session secret is refused', () => {
  assert.throws(() => loadConfig({ ...productionEnv, SESSION_SECRET: '', DATA_DIR: dataDir() }), ConfigError);
  assert.throws(() => loadConfig({ ...productionEnv, SESSION_SECRET: 'short', DATA_DIR: dataDir() }), /at least 32/);
});

test('production without an ID-porten client is refused, since the stand-in is never mounted there', () => {
  assert.throws(() => loadConfig({ ...productionEnv, IDPORTEN_ISSUER: '', DATA_DIR: dataDir() }), /IDPORTEN_ISSUER/);
  assert.throws(() => loadConfig({ ...productionEnv, IDPORTEN_CLIENT_SECRET: '', DATA_DIR: dataDir() }), /IDPORTEN_CLIENT/);
});

test('production without Maskinporten, a signing key or the print certificate is refused', () => {
  assert.throws(() => loadConfig({ ...productionEnv, MASKINPORTEN_ISSUER: '', DATA_DIR: dataDir() } as NodeJS.ProcessEnv), /MASKINPORTEN_ISSUER/);
  assert.throws(() => loadConfig({ ...productionEnv, SIGNING_KEY_FILE: '', DATA_DIR: dataDir() } as NodeJS.ProcessEnv), /SIGNING_KEY_FILE/);
  assert.throws(() => loadConfig({ ...productionEnv, PRINT_CERTIFICATE_FILE: '', DATA_DIR: dataDir() } as NodeJS.ProcessEnv), /PRINT_CERTIFICATE_FILE/);
  assert.throws(() => loadConfig({ ...productionEnv, PRINT_ADAPTER: 'fax', DATA_DIR: dataDir() } as NodeJS.ProcessEnv), /PRINT_ADAPTER/);
});

test('production without an operator to name and write to is refused; a malformed address or statement link is refused anywhere', () => {
  assert.throws(() => loadConfig({ ...productionEnv, OPERATOR_NAME: '', DATA_DIR: dataDir() } as NodeJS.ProcessEnv), /OPERATOR_NAME/);
  assert.throws(() => loadConfig({ ...productionEnv, OPERATOR_EMAIL: ' ', DATA_DIR: dataDir() } as NodeJS.ProcessEnv), /OPERATOR_EMAIL/);
  assert.throws(() => loadConfig({ OPERATOR_EMAIL: 'not an address', DATA_DIR: dataDir() }), /OPERATOR_EMAIL must be an email address/);
  assert.throws(() => loadConfig({ ACCESSIBILITY_STATEMENT_URL: 'http://uustatus.no/x', DATA_DIR: dataDir() }), /ACCESSIBILITY_STATEMENT_URL/);
  const dev = loadConfig({ DATA_DIR: dataDir() });
  assert.deepEqual(dev.operator, { name: undefined, email: undefined, accessibilityStatementUrl: undefined }, 'development names no operator');
  const named = loadConfig({ ...productionEnv, DATA_DIR: dataDir(), ACCESSIBILITY_STATEMENT_URL: 'https://uustatus.no/nb/erklaringer/publisert/0000' });
  assert.equal(named.operator.name, 'Barne-, ungdoms- og familiedirektoratet');
  assert.equal(named.operator.accessibilityStatementUrl, 'https://uustatus.no/nb/erklaringer/publisert/0000');
});

test('production without the notice provider\'s certificate is refused; an HTTP notice channel needs its URL', () => {
  assert.throws(() => loadConfig({ ...productionEnv, NOTICE_CERTIFICATE_FILE: '', DATA_DIR: dataDir() } as NodeJS.ProcessEnv), /NOTICE_CERTIFICATE_FILE/);
  assert.throws(() => loadConfig({ ...productionEnv, NOTICE_ADAPTER: 'pigeon', DATA_DIR: dataDir() } as NodeJS.ProcessEnv), /NOTICE_ADAPTER/);
  assert.throws(() => loadConfig({ ...productionEnv, NOTICE_ADAPTER: 'http', DATA_DIR: dataDir() } as NodeJS.ProcessEnv), /NOTICE_API_URL/);
  const dir = dataDir();
  const dev = loadConfig({ DATA_DIR: dir });
  assert.deepEqual(dev.notice, { certificateFile: undefined, adapter: 'folder', outboxDir: join(dir, 'notice-outbox'), apiUrl: undefined });
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

test('login lifetimes: 30 minutes idle and 8 hours in all unless the operator says otherwise; nonsense is refused', () => {
  const dir = dataDir();
  assert.deepEqual(loadConfig({ DATA_DIR: dir }).sessionLifetimes, { idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000 });
  assert.deepEqual(loadConfig({ DATA_DIR: dir, REPORTER_SESSION_IDLE_MINUTES: '15', REPORTER_SESSION_MAX_HOURS: '4' }).sessionLifetimes, { idleMs: 15 * 60_000, absoluteMs: 4 * 3_600_000 });
  assert.throws(() => loadConfig({ DATA_DIR: dir, REPORTER_SESSION_IDLE_MINUTES: 'en halvtime' }), /REPORTER_SESSION_IDLE_MINUTES must be a positive number/);
  assert.throws(() => loadConfig({ DATA_DIR: dir, REPORTER_SESSION_MAX_HOURS: '0' }), ConfigError);
  assert.throws(() => loadConfig({ DATA_DIR: dir, REPORTER_SESSION_IDLE_MINUTES: '600', REPORTER_SESSION_MAX_HOURS: '8' }), /must not be longer than/);
});

test('production mounts neither the ID-porten nor the Maskinporten stand-in, nor demo data', async () => {
  const dir = dataDir();
  const config = loadConfig({ ...productionEnv, ...(await productionKeyFiles(dir)), DATA_DIR: dir });
  assert.equal(config.devIdentityProvider, false);
  assert.equal(config.demoData, false);
  assert.equal(config.demoKeyCacheDir, undefined);
  const database = await openPortalDatabase({});
  await migratePortalDatabase(database.pool);
  const delivery = await prepareDeliveryServices(config, database, { onOutboxError: () => {} });
  const app = await buildPortalApp({ config, database, delivery });
  try {
    const discovery = await app.inject({ method: 'GET', url: '/dev/idporten/.well-known/openid-configuration' });
    assert.equal(discovery.statusCode, 404);
    const machineDiscovery = await app.inject({ method: 'GET', url: '/dev/maskinporten/.well-known/oauth-authorization-server' });
    assert.equal(machineDiscovery.statusCode, 404);
    assert.equal(existsSync(join(dir, 'portal-signing')), false, 'no signing key is generated in production');
    assert.equal(existsSync(join(dir, 'notice-provider')), false, 'nor a notice provider');
    assert.equal(delivery.noticeCertificatePem, readFileSync(join(dir, 'notice-cert.pem'), 'utf8'), 'the mounted notice certificate is used');
    const home = await app.inject({ method: 'GET', url: '/' });
    assert.equal(home.statusCode, 200);
    assert.match(String(home.headers['strict-transport-security']), /max-age=/);
    assert.match(String(home.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.doesNotMatch(String(home.headers['content-security-policy']), /unsafe-inline/);
    // The session cookie under the __Host- prefix: only this host, over https, for the whole site.
    const cookie = [home.headers['set-cookie'] ?? []].flat().find((c) => /session=/.test(String(c)));
    assert.match(String(cookie), /^__Host-mp_session=/);
    assert.match(String(cookie), /; Secure/);
    assert.match(String(cookie), /; Path=\//);
    assert.doesNotMatch(String(cookie), /Domain=/i);
  } finally {
    await app.close();
    await delivery.outbox.stop();
    await database.close();
  }
});

test('mottak in production names its session cookie __Host-, and the caseworker lifetimes default to 30 minutes and 10 hours', async () => {
  const dir = dataDir();
  const config = loadMottakConfig({ ...productionMottakEnv, MOTTAK_DATA_DIR: dir, MOTTAK_KEYS_DIR: dir, PORTAL_SIGNING_CERTIFICATE_FILE: join(dir, 'portal.pem') });
  assert.deepEqual(config.sessionLifetimes, { idleMs: 30 * 60_000, absoluteMs: 10 * 3_600_000 });
  const database = await openMottakDatabase({});
  const app = await buildMottakApp(config, { database, clock: systemClock, pullNow: async () => {}, pullerFor: () => undefined });
  try {
    const page = await app.inject({ method: 'GET', url: '/utlogget' });
    assert.equal(page.statusCode, 200);
    const cookie = [page.headers['set-cookie'] ?? []].flat().find((c) => /session=/.test(String(c)));
    assert.match(String(cookie), /^__Host-mottak_session=/);
    assert.match(String(cookie), /; Secure/);
    assert.doesNotMatch(String(cookie), /Domain=/i);
  } finally {
    await app.close();
    await database.close();
  }
});
