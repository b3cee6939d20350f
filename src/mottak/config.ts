// Mottak's configuration, read once at start. Mottak is its own deployment: its own port, database,
// data folder and keys. In development it finds the demo services' keys where the portal's demo
// registry put them and talks to the portal on localhost.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, sessionLifetimesFrom, trustedProxiesFrom, type TrustedProxies } from '../env.ts';
import { logFormatFrom, type LogFormat } from '../logger.ts';

export { ConfigError };

export interface MottakConfig {
  production: boolean;
  port: number;
  host: string;
  baseUrl: URL;
  /** Mottak's own folder (embedded database, session secret); never the portal's. */
  dataDir: string;
  databaseUrl: string | undefined;
  sessionSecret: string;
  /** Caseworker sessions on the server: idle 30 min, absolute 10 h unless configured (decision 021). */
  sessionLifetimes: { idleMs: number; absoluteMs: number };
  /** One folder per hosted service: <orgnr>/integration.json, integration.key.pem, <stem>.key.pem + .cert.pem */
  keysDir: string;
  portalUrl: string;
  /** The portal's signing certificate, pinned: packages signed by anyone else are refused. */
  portalSigningCertificateFile: string;
  tokenIssuer: string;
  scope: string;
  pollIntervalMs: number;
  /** Run the pull loop in this process. */
  pull: boolean;
  /** The caseworkers' identity provider (the municipality's; a stand-in outside production). */
  idp: { issuer: string; clientId: string; clientSecret: string };
  devIdentityProvider: boolean;
  /** Whose X-Forwarded-For to believe; none unless TRUSTED_PROXIES names them (see the portal's config). */
  trustedProxies: TrustedProxies;
  logLevel: string;
  logFormat: LogFormat;
}

function devSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

function required(env: NodeJS.ProcessEnv, name: string, production: boolean, devDefault: string): string {
  const value = env[name] || (production ? undefined : devDefault);
  if (!value) throw new ConfigError(`${name} must be set in production`);
  return value;
}

export function loadMottakConfig(env: NodeJS.ProcessEnv = process.env): MottakConfig {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.MOTTAK_PORT ?? 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`MOTTAK_PORT must be a port number, got ${env.MOTTAK_PORT}`);
  const dataDir = resolve(env.MOTTAK_DATA_DIR ?? './.mottak');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const baseUrl = new URL(env.MOTTAK_BASE_URL ?? `http://localhost:${port}`);
  const portalDataDir = resolve(env.DATA_DIR ?? './.data');
  const sessionSecret = env.MOTTAK_SESSION_SECRET || (production ? undefined : devSecret(dataDir));
  if (!sessionSecret) throw new ConfigError('MOTTAK_SESSION_SECRET must be set in production');
  if (sessionSecret.length < 32) throw new ConfigError('MOTTAK_SESSION_SECRET must be at least 32 characters');
  const portalUrl = required(env, 'PORTAL_URL', production, `http://localhost:${env.PORT ?? 3000}`);
  const poll = Number(env.MOTTAK_POLL_SECONDS ?? 5);
  if (!Number.isFinite(poll) || poll <= 0) throw new ConfigError(`MOTTAK_POLL_SECONDS must be a positive number, got ${env.MOTTAK_POLL_SECONDS}`);
  const devIdentityProvider = !production;
  return {
    production,
    port,
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    baseUrl,
    dataDir,
    databaseUrl: env.MOTTAK_DATABASE_URL || undefined,
    sessionSecret,
    sessionLifetimes: sessionLifetimesFrom(env, { idleMinutes: 'CASEWORKER_SESSION_IDLE_MINUTES', maxHours: 'CASEWORKER_SESSION_MAX_HOURS' }, { idleMinutes: 30, maxHours: 10 }),
    keysDir: resolve(required(env, 'MOTTAK_KEYS_DIR', production, join(portalDataDir, 'receivers'))),
    portalUrl,
    portalSigningCertificateFile: resolve(required(env, 'PORTAL_SIGNING_CERTIFICATE_FILE', production, join(portalDataDir, 'portal-signing', 'certificate.pem'))),
    tokenIssuer: required(env, 'MASKINPORTEN_ISSUER', production, new URL('/dev/maskinporten', portalUrl).href),
    scope: env.MOTTAK_SCOPE ?? 'meldeportal:mottak',
    pollIntervalMs: poll * 1000,
    pull: env.MOTTAK_PULL !== 'false',
    idp: {
      issuer: required(env, 'MOTTAK_IDP_ISSUER', production, new URL('/dev/caseworker-idp', baseUrl).href),
      clientId: required(env, 'MOTTAK_IDP_CLIENT_ID', production, 'mottak-dev'),
      clientSecret: required(env, 'MOTTAK_IDP_CLIENT_SECRET', production, 'dev-secret-not-for-production'),
    },
    devIdentityProvider,
    trustedProxies: trustedProxiesFrom(env.TRUSTED_PROXIES),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    logFormat: logFormatFrom(env, production),
  };
}
