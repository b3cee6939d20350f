// Configuration from the environment, read once at start. Production refuses unsafe defaults.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  baseUrl: URL;
  sessionSecret: string;
  /** Load the demo registry (pilot municipalities with generated keys). Never in production. */
  demoData: boolean;
  /** Tests only: reuse demo key pairs from this folder instead of generating new ones each start. */
  demoKeyCacheDir: string | undefined;
  /** Mount the ID-porten stand-in. Never in production. */
  devIdentityProvider: boolean;
  idporten: { issuer: string; clientId: string; clientSecret: string };
  logLevel: string;
}

export class ConfigError extends Error {}

function readOrCreateDevSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got ${env.PORT}`);
  const dataDir = resolve(env.DATA_DIR ?? './.data');
  mkdirSync(dataDir, { recursive: true });
  const baseUrl = new URL(env.BASE_URL ?? `http://localhost:${port}`);

  let sessionSecret = env.SESSION_SECRET;
  if (!sessionSecret) {
    if (production) throw new ConfigError('SESSION_SECRET must be set in production');
    sessionSecret = readOrCreateDevSecret(dataDir);
  }
  if (sessionSecret.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters');

  const devIdentityProvider = !production;
  const idportenIssuer = env.IDPORTEN_ISSUER ?? (devIdentityProvider ? new URL('/dev/idporten', baseUrl).href : undefined);
  if (!idportenIssuer) throw new ConfigError('IDPORTEN_ISSUER must be set in production');
  const clientId = env.IDPORTEN_CLIENT_ID ?? (production ? undefined : 'meldeportal-dev');
  const clientSecret = env.IDPORTEN_CLIENT_SECRET ?? (production ? undefined : 'dev-secret-not-for-production');
  if (!clientId || !clientSecret) throw new ConfigError('IDPORTEN_CLIENT_ID and IDPORTEN_CLIENT_SECRET must be set in production');

  return {
    production,
    port,
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    baseUrl,
    sessionSecret,
    demoData: !production && env.DEMO_DATA !== 'false',
    demoKeyCacheDir: production ? undefined : env.DEMO_KEY_CACHE_DIR || undefined,
    devIdentityProvider,
    idporten: { issuer: idportenIssuer, clientId, clientSecret },
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
  };
}
