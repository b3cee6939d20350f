// Starts a real portal (real DB, real OIDC stand-in, real keys) on a free port for a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/portal/config.ts';
import type { RunningPortal } from '../../src/portal/start-portal.ts';
import { startDevPortal } from '../../src/dev/stand-ins.ts';
import type { TestDatabase } from './databases.ts';
import type { Clock } from '../../src/clock.ts';
import { DEMO_KEY_CACHE_DIR } from './server-process.ts';

/** Demo key pairs are cached across test files; they are test keys for demo services only. */
export { DEMO_KEY_CACHE_DIR };

export interface TestPortal extends RunningPortal {
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestPortal(database: TestDatabase, env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestPortal> {
  const dataDir = mkdtempSync(join(tmpdir(), 'meldeportal-test-'));
  const db = await database.create();
  // Port 0 first to learn a free port, since the issuer URL must name the real port.
  const probe = await import('node:net').then(
    (net) =>
      new Promise<number>((resolve) => {
        const server = net.createServer().listen(0, '127.0.0.1', () => {
          const port = (server.address() as { port: number }).port;
          server.close(() => resolve(port));
        });
      }),
  );
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: String(probe),
    HOST: '127.0.0.1',
    BASE_URL: `http://localhost:${probe}`,
    DEMO_KEY_CACHE_DIR: DEMO_KEY_CACHE_DIR,
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    ...env,
  });
  const portal = await startDevPortal(config, options);
  return {
    ...portal,
    url: `http://localhost:${probe}`,
    dataDir,
    close: async () => {
      await portal.stop();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every certificate of the service that receives for the municipality has expired: nothing can be encrypted to it. */
export async function expireCertificatesOf(portal: TestPortal, kommunenummer: string): Promise<void> {
  const { sql } = await import('kysely');
  const district = await portal.database.db.selectFrom('districts').select('service_id').where('kommunenummer', '=', kommunenummer).executeTakeFirstOrThrow();
  await sql`update service_certificates set not_before = now() - interval '30 days', not_after = now() - interval '1 day' where service_id = ${district.service_id}`.execute(portal.database.db);
}
