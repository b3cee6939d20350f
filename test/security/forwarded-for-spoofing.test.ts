// X-Forwarded-For spoofing: anyone can write the header, so believing it from anyone gave each
// request with a new made-up address a rate-limit budget of its own (700 of 700 past the limit)
// and let a caseworker's browser choose the address mottak's audit log keeps. Both apps here are
// built with NODE_ENV=production configuration; only proxies named in TRUSTED_PROXIES are believed.
//
// Requests go through Fastify's whole lifecycle with inject and a chosen socket address: the
// address the connection comes from is exactly what a test over loopback cannot vary.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/portal/config.ts';
import { ConfigError, trustedProxiesFrom } from '../../src/env.ts';
import { migratePortalDatabase, openPortalDatabase } from '../../src/portal/db/portal-database.ts';
import { buildPortalApp } from '../../src/portal/app.ts';
import { prepareDeliveryServices } from '../../src/portal/delivery/delivery-services.ts';
import { loadMottakConfig } from '../../src/mottak/config.ts';
import { buildMottakApp } from '../../src/mottak/app.ts';
import { systemClock } from '../../src/clock.ts';
import { testDatabases } from '../kit/databases.ts';
import { HttpClient } from '../kit/http-client.ts';
import { loginCaseworker, startTestMottak, type TestMottak } from '../kit/mottak.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { productionEnv, productionKeyFiles, productionMottakEnv } from '../kit/production-config.ts';
import { closeVisitorAddresses, useNewVisitorAddress } from '../kit/portal-visitors.ts';
import { TRONDHEIM_MANAGER } from './world.ts';

/** The reverse proxy in front of the apps, and addresses of people (TEST-NET ranges, RFC 5737). */
const PROXY = '203.0.113.7';
const CLIENT = '198.51.100.23';
const OTHER_CLIENT = '198.51.100.24';
/** A page request's budget per address and minute (src/portal/app.ts). */
const PAGE_BUDGET = 300;

const madeUp = (i: number) => `192.0.2.${i % 250}`;
const quiet = { LOG_LEVEL: 'silent', DELIVERY_WORKERS: 'false', PDF_WORKERS: '0' };

test('TRUSTED_PROXIES names addresses or ranges; unset, nobody is believed; a hop count or "everyone" is refused', () => {
  assert.equal(trustedProxiesFrom(undefined), false);
  assert.equal(trustedProxiesFrom(' '), false);
  assert.deepEqual(trustedProxiesFrom('10.0.0.5, 10.1.0.0/16,fd00::/8 ,::1'), ['10.0.0.5', '10.1.0.0/16', 'fd00::/8', '::1']);
  for (const wrong of ['true', '*', '2', 'loopback', '10.0.0.0/33', '10.0.0.1/8/8', 'proxy.internal', '10.0.0.5,,10.0.0.6']) {
    assert.throws(() => trustedProxiesFrom(wrong), ConfigError, wrong);
  }
  const dir = mkdtempSync(join(tmpdir(), 'mp-proxies-'));
  try {
    assert.equal(loadConfig({ ...productionEnv, DATA_DIR: dir }).trustedProxies, false, 'production without TRUSTED_PROXIES believes nobody');
    assert.equal(loadMottakConfig({ ...productionMottakEnv, MOTTAK_DATA_DIR: dir, MOTTAK_KEYS_DIR: dir, PORTAL_SIGNING_CERTIFICATE_FILE: join(dir, 'c.pem') }).trustedProxies, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the portal in production, its rate limit and X-Forwarded-For', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-proxies-'));
  const opened: { close(): Promise<void> }[] = [];

  after(async () => {
    for (const one of opened.reverse()) await one.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function productionPortal(env: Record<string, string>): Promise<FastifyInstance> {
    const config = loadConfig({ ...productionEnv, ...(await productionKeyFiles(dir)), DATA_DIR: dir, ...quiet, ...env });
    const database = await openPortalDatabase({});
    await migratePortalDatabase(database.pool);
    const delivery = await prepareDeliveryServices(config, database, { onOutboxError: () => {} });
    const app = await buildPortalApp({ config, database, delivery });
    opened.push({ close: async () => (await app.close(), await delivery.outbox.stop(), await database.close()) });
    return app;
  }

  /** `count` page requests from `remoteAddress`, each with the X-Forwarded-For `forwarded(i)`; their statuses. */
  async function pages(app: FastifyInstance, remoteAddress: string, count: number, forwarded: (i: number) => string | undefined): Promise<number[]> {
    const statuses: number[] = [];
    for (let sent = 0; sent < count; sent += 50) {
      const batch = Array.from({ length: Math.min(50, count - sent) }, (_, j) => {
        const header = forwarded(sent + j);
        return app.inject({ method: 'GET', url: '/healthz', remoteAddress, headers: header ? { 'x-forwarded-for': header } : {} });
      });
      statuses.push(...(await Promise.all(batch)).map((r) => r.statusCode));
    }
    return statuses;
  }

  test('without TRUSTED_PROXIES, a made-up address in every request does not lift the limit', async () => {
    const app = await productionPortal({});
    const statuses = await pages(app, CLIENT, PAGE_BUDGET + 50, madeUp);
    assert.deepEqual(statuses.slice(0, PAGE_BUDGET).filter((s) => s !== 200), [], 'within the budget every page answers');
    assert.deepEqual([...new Set(statuses.slice(PAGE_BUDGET))], [429], 'past the budget every request is refused, whatever address it claims');
  });

  test('with TRUSTED_PROXIES, the address the proxy saw is the client’s; what the client wrote before it is not', async () => {
    const app = await productionPortal({ TRUSTED_PROXIES: `${PROXY}, 10.20.0.0/16` });
    // The proxy appends the address it saw to whatever the client sent: rotating the client's part changes nothing.
    const statuses = await pages(app, PROXY, PAGE_BUDGET + 20, (i) => `${madeUp(i)}, ${CLIENT}`);
    assert.deepEqual(statuses.slice(0, PAGE_BUDGET).filter((s) => s !== 200), []);
    assert.deepEqual([...new Set(statuses.slice(PAGE_BUDGET))], [429], 'one client behind the proxy has one budget');
    assert.deepEqual([...new Set(await pages(app, PROXY, 5, () => OTHER_CLIENT))], [200], 'another person behind the same proxy has a budget of their own');
    // Someone reaching the app around the proxy is not believed either: their own address counts.
    const around = await pages(app, '192.0.2.200', PAGE_BUDGET + 5, (i) => `${madeUp(i)}, ${madeUp(i + 1)}`);
    assert.deepEqual([...new Set(around.slice(PAGE_BUDGET))], [429]);
  });
});

for (const database of testDatabases()) {
  describe(`mottak in production, its audit log and X-Forwarded-For (${database.name})`, () => {
    let portal: TestPortal;
    let mottak: TestMottak;
    let manager: HttpClient;
    const dir = mkdtempSync(join(tmpdir(), 'mottak-proxies-'));
    const apps: FastifyInstance[] = [];

    before(async () => {
      await useNewVisitorAddress();
      portal = await startTestPortal(database);
      mottak = await startTestMottak(database, portal, { MOTTAK_PULL: 'false' });
      // The manager logs in through the caseworkers' IdP stand-in of a development mottak; the
      // production mottak below shares its database and session secret, so the session holds there
      // (under the cookie name production gives it).
      manager = new HttpClient(mottak.url);
      assert.equal((await loginCaseworker(manager, TRONDHEIM_MANAGER)).status, 200);
    });
    after(async () => {
      for (const app of apps) await app.close();
      await mottak?.close();
      await portal?.close();
      await closeVisitorAddresses();
      rmSync(dir, { recursive: true, force: true });
    });

    async function productionMottak(env: Record<string, string>): Promise<FastifyInstance> {
      const config = loadMottakConfig({
        ...productionMottakEnv,
        ...quiet,
        MOTTAK_DATA_DIR: dir,
        MOTTAK_SESSION_SECRET: readFileSync(join(mottak.dataDir, 'session-secret'), 'utf8').trim(),
        MOTTAK_KEYS_DIR: join(portal.dataDir, 'receivers'),
        PORTAL_SIGNING_CERTIFICATE_FILE: join(portal.dataDir, 'portal-signing', 'certificate.pem'),
        ...env,
      });
      assert.equal(config.production, true);
      const app = await buildMottakApp(config, { database: mottak.database, clock: systemClock, pullNow: async () => {}, pullerFor: () => undefined });
      apps.push(app);
      return app;
    }

    /** The manager reads the audit log through `app`; the address that reading was logged with. */
    async function addressLoggedFor(app: FastifyInstance, remoteAddress: string, forwardedFor: string): Promise<string> {
      const cookie = `__Host-mottak_session=${manager.getCookieValue('mottak_session')}`;
      const response = await app.inject({ method: 'GET', url: '/logg', remoteAddress, headers: { cookie, 'x-forwarded-for': forwardedFor } });
      assert.equal(response.statusCode, 200, 'the manager reads the log');
      const entry = await mottak.database.db.selectFrom('audit_log').select('ip').where('action', '=', 'audit.read').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      return entry.ip;
    }

    test('without TRUSTED_PROXIES, the log keeps the address the connection came from, whatever the header says', async () => {
      const app = await productionMottak({});
      for (const forged of ['10.0.0.1', '192.0.2.99', `${CLIENT}, 192.0.2.98`]) {
        assert.equal(await addressLoggedFor(app, CLIENT, forged), CLIENT, `X-Forwarded-For: ${forged}`);
      }
    });

    test('with TRUSTED_PROXIES, the log keeps the address the proxy saw, not what the client wrote before it', async () => {
      const app = await productionMottak({ TRUSTED_PROXIES: PROXY });
      assert.equal(await addressLoggedFor(app, PROXY, CLIENT), CLIENT);
      assert.equal(await addressLoggedFor(app, PROXY, `192.0.2.99, ${CLIENT}`), CLIENT);
      assert.equal(await addressLoggedFor(app, CLIENT, '192.0.2.99'), CLIENT, 'a client around the proxy is not believed');
    });
  });
}
