// Configuration from the environment, read once at start. Production refuses unsafe defaults.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { logFormatFrom, type LogFormat } from '../logger.ts';
import { ConfigError, sessionLifetimesFrom, trustedProxiesFrom, type TrustedProxies } from '../env.ts';

export interface Config {
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  baseUrl: URL;
  sessionSecret: string;
  /** Reporter sessions on the server: idle 30 min, absolute 8 h unless configured (decision 021). */
  sessionLifetimes: { idleMs: number; absoluteMs: number };
  /** Load the demo registry (pilot municipalities with generated keys). Never in production. */
  demoData: boolean;
  /** Tests only: reuse demo key pairs from this folder instead of generating new ones each start. */
  demoKeyCacheDir: string | undefined;
  /** Mount the ID-porten stand-in. Never in production. */
  devIdentityProvider: boolean;
  idporten: { issuer: string; clientId: string; clientSecret: string };
  /** Issuer of the access tokens receiving systems present (Maskinporten; the stand-in in dev). */
  maskinporten: { issuer: string; scope: string };
  /** The portal's key and certificate for signing packages; generated in DATA_DIR in dev. */
  signing: { keyFile: string | undefined; certificateFile: string | undefined };
  print: { certificateFile: string | undefined; adapter: 'folder' | 'http'; outboxDir: string; apiUrl: string | undefined };
  /** The provider that emails or texts reporters when there is feedback; mirrors print. */
  notice: { certificateFile: string | undefined; adapter: 'folder' | 'http'; outboxDir: string; apiUrl: string | undefined };
  /**
   * Citizen services (decision 024): on when the innsyn key file is named (in dev one is made in
   * DATA_DIR). `scope` is the Maskinporten scope of the index API; `childMinAge` the age from which
   * the child sees their own case.
   */
  innsyn: { keyFile: string | undefined; scope: string; childMinAge: number; retentionYears: number };
  /** Days a delivered report's ciphertext is kept before it is deleted. */
  packageRetentionDays: number;
  /** Run the delivery workers in this process (several processes may run them at once). */
  deliveryWorkers: boolean;
  /** Threads that render report PDFs off the event loop; 0 renders on it. */
  pdfWorkers: number;
  /** Whose X-Forwarded-For to believe (Fastify's trustProxy); none unless TRUSTED_PROXIES names them. */
  trustedProxies: TrustedProxies;
  /** What one report may carry, and the threads that make uploaded PDFs safe (decision 019). */
  uploads: UploadLimits;
  logLevel: string;
  logFormat: LogFormat;
  /**
   * Who runs this installation, named on the pages about the service, privacy and accessibility;
   * required in production, where a reporter must know whom to ask. In development the pages say
   * that this is a test installation instead.
   */
  operator: Operator;
}

export interface UploadLimits {
  maxFiles: number;
  maxTotalBytes: number;
  /** Threads that rewrite uploaded PDFs off the event loop, started at the first PDF; 0 rewrites on it. */
  workers: number;
}

export interface Operator {
  name: string | undefined;
  email: string | undefined;
  /** The operator's published accessibility statement (uustatus.no), linked from ours. */
  accessibilityStatementUrl: string | undefined;
}

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

  const maskinportenIssuer = env.MASKINPORTEN_ISSUER ?? (production ? undefined : new URL('/dev/maskinporten', baseUrl).href);
  if (!maskinportenIssuer) throw new ConfigError('MASKINPORTEN_ISSUER must be set in production');
  const signing = { keyFile: env.SIGNING_KEY_FILE || undefined, certificateFile: env.SIGNING_CERTIFICATE_FILE || undefined };
  if (production && (!signing.keyFile || !signing.certificateFile)) {
    throw new ConfigError('SIGNING_KEY_FILE and SIGNING_CERTIFICATE_FILE must be set in production');
  }
  const printAdapter = env.PRINT_ADAPTER ?? 'folder';
  if (printAdapter !== 'folder' && printAdapter !== 'http') throw new ConfigError(`PRINT_ADAPTER must be folder or http, got ${printAdapter}`);
  const printApiUrl = env.PRINT_API_URL || undefined;
  if (printAdapter === 'http' && !printApiUrl) throw new ConfigError('PRINT_API_URL must be set when PRINT_ADAPTER=http');
  const printCertificateFile = env.PRINT_CERTIFICATE_FILE || undefined;
  if (production && !printCertificateFile) throw new ConfigError('PRINT_CERTIFICATE_FILE must be set in production');
  const noticeAdapter = env.NOTICE_ADAPTER ?? 'folder';
  if (noticeAdapter !== 'folder' && noticeAdapter !== 'http') throw new ConfigError(`NOTICE_ADAPTER must be folder or http, got ${noticeAdapter}`);
  const noticeApiUrl = env.NOTICE_API_URL || undefined;
  if (noticeAdapter === 'http' && !noticeApiUrl) throw new ConfigError('NOTICE_API_URL must be set when NOTICE_ADAPTER=http');
  const noticeCertificateFile = env.NOTICE_CERTIFICATE_FILE || undefined;
  if (production && !noticeCertificateFile) throw new ConfigError('NOTICE_CERTIFICATE_FILE must be set in production');
  const retention = Number(env.PACKAGE_RETENTION_DAYS ?? 7);
  if (!Number.isFinite(retention) || retention < 0) throw new ConfigError(`PACKAGE_RETENTION_DAYS must be a number of days, got ${env.PACKAGE_RETENTION_DAYS}`);
  // One core stays with the event loop; more than four threads buy nothing at a national peak.
  const pdfWorkers = Number(env.PDF_WORKERS ?? Math.max(1, Math.min(4, availableParallelism() - 1)));
  if (!Number.isInteger(pdfWorkers) || pdfWorkers < 0 || pdfWorkers > 64) throw new ConfigError(`PDF_WORKERS must be a whole number from 0 to 64, got ${env.PDF_WORKERS}`);

  const maxTotalMb = Number(env.UPLOAD_MAX_TOTAL_MB ?? 50);
  const uploads: UploadLimits = {
    maxFiles: Number(env.UPLOAD_MAX_FILES ?? 10),
    maxTotalBytes: maxTotalMb * 1024 * 1024,
    // PDFs are uploaded far less often than reports are sent: two threads keep one hostile file
    // from holding up everyone else's, without a thread per core.
    workers: Number(env.UPLOAD_WORKERS ?? Math.max(1, Math.min(2, availableParallelism() - 1))),
  };
  if (!Number.isInteger(uploads.maxFiles) || uploads.maxFiles < 1 || uploads.maxFiles > 100) throw new ConfigError(`UPLOAD_MAX_FILES must be a whole number from 1 to 100, got ${env.UPLOAD_MAX_FILES}`);
  // The receiving side opens packages of up to 128 MiB (package/asice.ts); attachments must leave room for the rest.
  if (!Number.isInteger(maxTotalMb) || maxTotalMb < 1 || maxTotalMb > 100) throw new ConfigError(`UPLOAD_MAX_TOTAL_MB must be a whole number of megabytes from 1 to 100, got ${env.UPLOAD_MAX_TOTAL_MB}`);
  if (!Number.isInteger(uploads.workers) || uploads.workers < 0 || uploads.workers > 16) throw new ConfigError(`UPLOAD_WORKERS must be a whole number from 0 to 16, got ${env.UPLOAD_WORKERS}`);

  const operator: Operator = {
    name: env.OPERATOR_NAME?.trim() || undefined,
    email: env.OPERATOR_EMAIL?.trim() || undefined,
    accessibilityStatementUrl: env.ACCESSIBILITY_STATEMENT_URL?.trim() || undefined,
  };
  if (production && (!operator.name || !operator.email)) throw new ConfigError('OPERATOR_NAME and OPERATOR_EMAIL must be set in production: the privacy and accessibility pages name whom to contact');
  if (operator.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(operator.email)) throw new ConfigError(`OPERATOR_EMAIL must be an email address, got ${operator.email}`);
  if (operator.accessibilityStatementUrl && !/^https:\/\/[^\s]+$/.test(operator.accessibilityStatementUrl)) {
    throw new ConfigError(`ACCESSIBILITY_STATEMENT_URL must be an https address, got ${operator.accessibilityStatementUrl}`);
  }

  return {
    production,
    port,
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    baseUrl,
    sessionSecret,
    sessionLifetimes: sessionLifetimesFrom(env, { idleMinutes: 'REPORTER_SESSION_IDLE_MINUTES', maxHours: 'REPORTER_SESSION_MAX_HOURS' }, { idleMinutes: 30, maxHours: 8 }),
    demoData: !production && env.DEMO_DATA !== 'false',
    demoKeyCacheDir: production ? undefined : env.DEMO_KEY_CACHE_DIR || undefined,
    devIdentityProvider,
    idporten: { issuer: idportenIssuer, clientId, clientSecret },
    maskinporten: { issuer: maskinportenIssuer, scope: env.MOTTAK_SCOPE ?? 'meldeportal:mottak' },
    signing,
    print: { certificateFile: printCertificateFile, adapter: printAdapter, outboxDir: resolve(env.PRINT_OUTBOX_DIR ?? join(dataDir, 'print-outbox')), apiUrl: printApiUrl },
    notice: { certificateFile: noticeCertificateFile, adapter: noticeAdapter, outboxDir: resolve(env.NOTICE_OUTBOX_DIR ?? join(dataDir, 'notice-outbox')), apiUrl: noticeApiUrl },
    innsyn: { keyFile: env.INNSYN_KEY_FILE ? resolve(env.INNSYN_KEY_FILE) : undefined, scope: env.INNSYN_SCOPE ?? 'meldeportal:innsyn', childMinAge: childMinAgeFrom(env.INNSYN_CHILD_MIN_AGE), retentionYears: retentionYearsFrom(env.INNSYN_RETENTION_YEARS) },
    packageRetentionDays: retention,
    deliveryWorkers: env.DELIVERY_WORKERS !== 'false',
    pdfWorkers,
    trustedProxies: trustedProxiesFrom(env.TRUSTED_PROXIES),
    uploads,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    logFormat: logFormatFrom(env, production),
    operator,
  };
}

/** The child sees their own case from this age: 15 by default (the Storting has voted to lower it to 12). */
function childMinAgeFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 15;
  const age = Number(value);
  if (!/^\d{1,2}$/.test(value) || age > 18) throw new ConfigError('INNSYN_CHILD_MIN_AGE must be a whole number of years from 0 to 18');
  return age;
}

/** Years a closed case's items stay in the citizen-services index: 5 unless the operator says otherwise. */
function retentionYearsFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 5;
  if (!/^\d{1,2}$/.test(value) || Number(value) < 1) throw new ConfigError('INNSYN_RETENTION_YEARS must be a whole number of years from 1 to 99');
  return Number(value);
}
