// The infrastructure both apps stand on, set up once: request parsing that refuses what is not a
// form, security headers and CSP, compression, a rate limit counted before any other hook, the sealed
// cookie session and its CSRF tokens, the static assets, and one error handler that answers every
// failure with a page (or JSON under /api) and never a stack trace. Each app passes its options and
// adds its own plugins after.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import secureSession from '@fastify/secure-session';
import csrfProtection from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { TrustedProxies } from '../env.ts';
import { answerRequestsNodeRefuses, frameworkErrorHandler, refuseMalformedRequest, registerErrorHandling, type ErrorPageRenderer } from './error-handler.ts';
import { csrfTokenFromBody, securityHeaderOptions } from './security.ts';
import { registerCompression } from './compression.ts';
import { readFormBodiesOnly } from './body-parsers.ts';
import { STATIC_ASSETS_PER_MINUTE, staticAssetBucket, staticAssetsPlugin } from './static-plugin.ts';
import { OneLinePerRequest } from './request-log.ts';

export interface WebAppOptions {
  log: FastifyBaseLogger;
  baseUrl: URL;
  trustedProxies: TrustedProxies;
  /** The largest body any route reads, and the largest urlencoded form. */
  bodyLimit: number;
  formBodyLimit: number;
  renderErrorPage: ErrorPageRenderer;
  /** Requests whose one log line is left to their own code (machines polling). */
  quietRequest?: (request: FastifyRequest) => boolean;
  /** Requests per minute from one address; a bucket may set its own (a receiving system's API calls). */
  rateLimit: { perMinute: number; bucket?: (request: FastifyRequest) => { key: string; perMinute: number } | undefined };
  /** The sealed cookie that carries the login's random id, the language and the CSRF secret. */
  session: { key: Buffer; cookieName: string; maxAgeSeconds: number };
}

export async function createWebApp(options: WebAppOptions): Promise<FastifyInstance> {
  // The plugin and the bare helmet middleware ship separate copies of the same option types.
  const applyHeaders = helmet(securityHeaderOptions(options.baseUrl) as HelmetOptions);
  const app = Fastify({
    loggerInstance: options.log,
    logController: new OneLinePerRequest(options.quietRequest),
    trustProxy: options.trustedProxies,
    bodyLimit: options.bodyLimit,
    // A mounted stand-in generates RSA keys while registering; on a loaded CI machine that can take
    // longer than Fastify's default 10 s.
    pluginTimeout: 60_000,
    // A request the router rejects (a malformed URL) never reaches the helmet hook; give its answer
    // the same headers by hand.
    frameworkErrors: (error, request, reply) => applyHeaders(request.raw, reply.raw, () => frameworkErrorHandler(error, request, reply, options.renderErrorPage)),
    clientErrorHandler: refuseMalformedRequest,
  });
  answerRequestsNodeRefuses(app.server);
  readFormBodiesOnly(app);
  registerErrorHandling(app, options.renderErrorPage);

  await app.register(fastifyHelmet, securityHeaderOptions(options.baseUrl));
  await registerCompression(app);
  // Per address; the stylesheet and fonts in a bucket of their own (see staticAssetBucket), and any
  // bucket the app names.
  await app.register(rateLimit, {
    timeWindow: '1 minute',
    keyGenerator: (request) => staticAssetBucket(request) ?? options.rateLimit.bucket?.(request)?.key ?? request.ip,
    max: (request, key) => (key.startsWith('static:') ? STATIC_ASSETS_PER_MINUTE : (options.rateLimit.bucket?.(request)?.perMinute ?? options.rateLimit.perMinute)),
  });
  // Counted here, before any other hook can answer: the plugin's own per-route hook runs after an
  // API's token check, which would refuse a flood of bad tokens with 401 uncounted. (The per-route
  // hook then sees the request was counted and does nothing.)
  app.addHook('onRequest', app.rateLimit());
  await app.register(formbody, { bodyLimit: options.formBodyLimit });
  // Browsers treat http://localhost as a secure origin, so the cookie is Secure there too.
  const secureCookie = options.baseUrl.protocol === 'https:' || ['localhost', '127.0.0.1'].includes(options.baseUrl.hostname);
  await app.register(secureSession, {
    key: options.session.key,
    cookieName: options.session.cookieName,
    // Lax, not Strict: the login callback is a top-level navigation from the identity provider and
    // must carry the session; CSRF tokens guard every state-changing form.
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookie, maxAge: options.session.maxAgeSeconds },
    expiry: options.session.maxAgeSeconds,
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session', getToken: csrfTokenFromBody });
  await app.register(staticAssetsPlugin);
  return app;
}

/**
 * Where a started app answers, for the log line and for tests: the port it really got (port 0 asks
 * the system for a free one), and the loopback address when it listens on every interface.
 */
export function listeningUrl(app: FastifyInstance, host: string, configuredPort: number): string {
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : configuredPort;
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
}
