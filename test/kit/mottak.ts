// Starts a real mottak beside a real test portal: its own database (PGlite or a fresh PostgreSQL
// database), the portal's demo keys, the caseworker IdP stand-in, and a fast pull loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.ts';
import { loadMottakConfig } from '../../src/mottak/config.ts';
import type { RunningMottak } from '../../src/mottak/start-mottak.ts';
import { startDevMottak } from '../../src/dev/stand-ins.ts';
import { DEV_CASEWORKERS } from '../../src/dev/caseworker-idp/index.ts';
import type { TestDatabase } from './databases.ts';
import type { TestPortal } from './portal.ts';
import { decodeEntities, type HttpClient, type HttpResponse } from './http-client.ts';
import type { Clock } from '../../src/clock.ts';

export interface TestMottak extends RunningMottak {
  dataDir: string;
  /** Set on PostgreSQL: lets a test run the CLI beside the running app. */
  databaseUrl: string | undefined;
  close(): Promise<void>;
}

export { freePort };

export async function startTestMottak(database: TestDatabase, portal: TestPortal, env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestMottak> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mottak-test-'));
  const db = await database.create();
  const port = await freePort();
  const config = loadMottakConfig({
    NODE_ENV: 'test',
    MOTTAK_DATA_DIR: dataDir,
    MOTTAK_PORT: String(port),
    HOST: '127.0.0.1',
    MOTTAK_BASE_URL: `http://localhost:${port}`,
    DATA_DIR: portal.dataDir,
    PORTAL_URL: portal.url,
    MOTTAK_POLL_SECONDS: '0.5',
    ...(db.databaseUrl ? { MOTTAK_DATABASE_URL: db.databaseUrl } : {}),
    ...env,
  });
  const mottak = await startDevMottak(config, options);
  return {
    ...mottak,
    url: `http://localhost:${port}`,
    dataDir,
    databaseUrl: db.databaseUrl,
    close: async () => {
      await mottak.stop();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function devCaseworker(name: string) {
  const caseworker = DEV_CASEWORKERS.find((c) => c.name === name);
  if (!caseworker) throw new Error(`no dev caseworker named ${name}`);
  return caseworker;
}

/** Logs in through the caseworker IdP stand-in and returns the page after login. */
export async function loginCaseworker(client: HttpClient, name: string, returnTo = '/innboks'): Promise<HttpResponse> {
  const interaction = await client.getFollow(`/innlogging?returnTo=${encodeURIComponent(returnTo)}`);
  const action = /<form method="post" action="([^"]+)"/.exec(interaction.text)?.[1];
  if (!action) throw new Error(`no login form at ${interaction.url} (${interaction.status})`);
  const response = await client.request('POST', new URL(decodeEntities(action), interaction.url).href, { form: { caseworker: devCaseworker(name).sub } });
  return client.follow(response);
}
