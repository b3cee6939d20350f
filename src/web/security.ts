// Security plumbing shared by the portal and mottak: one header policy, one way to read the CSRF token.
import type { FastifyRequest } from 'fastify';
import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The posted CSRF token. A urlencoded field is a string; a multipart field (the upload form, with
 * attachFieldsToBody) is an object holding it in `value`. Anything else (a repeated field) is no token.
 */
export function csrfTokenFromBody(request: FastifyRequest): string | undefined {
  const field = (request.body as Record<string, unknown> | null | undefined)?._csrf;
  const value = field !== null && typeof field === 'object' && !Array.isArray(field) && 'value' in field ? (field as { value: unknown }).value : field;
  return typeof value === 'string' ? value : undefined;
}

/** One set of security headers for every answer: strict CSP (no inline script or style), HSTS. */
export function securityHeaderOptions(baseUrl: URL): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: baseUrl.protocol === 'https:' ? [] : null,
      },
    },
    strictTransportSecurity: { maxAge: 63072000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  };
}

