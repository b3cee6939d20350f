// The one place where errors become responses: JSON {error, message} under /api, a Norwegian page
// elsewhere. Never a stack trace, never request data in the log.
import type { Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_STATUS, type ErrorCode } from './errors.ts';
import { translator } from './i18n.ts';

const DB_UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

// The multipart parser (@fastify/busboy and its dicer) throws plain Errors without a code or status
// when the body itself is malformed: no or an over-long boundary, a body cut short. That is the
// sender's mistake, not ours.
const MALFORMED_MULTIPART = /^(?:Multipart: Boundary not found|Boundary required|Unexpected end of multipart data|Unsupported Content-Type\.|The needle cannot (?:be an empty|have a length bigger))|terminated early due to unexpected end of multipart data$/;

// pg's own words when the connection died: mid-query, or on the next query (or the ROLLBACK) of a
// client whose connection already broke — the last two carry no code.
const DB_UNAVAILABLE_MESSAGE = /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|is not queryable/i;

export function classify(error: FastifyError & { code?: string }): ErrorCode {
  if (error instanceof AppError) return error.code;
  const code = error.code ?? '';
  if (code.startsWith('FST_CSRF')) return 'CSRF';
  if (!code && error.statusCode === undefined && MALFORMED_MULTIPART.test(error.message ?? '')) return 'BAD_REQUEST';
  if (DB_UNAVAILABLE_CODES.has(code) || DB_UNAVAILABLE_MESSAGE.test(error.message)) return 'UNAVAILABLE';
  const status = error.statusCode ?? 500;
  if (status === 413 || code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status >= 400 && status < 500) return 'BAD_REQUEST';
  return 'INTERNAL';
}

const API_MESSAGE_KEYS: Record<ErrorCode, string> = {
  NOT_FOUND: 'api.notFound',
  BAD_REQUEST: 'api.badRequest',
  UNAUTHORIZED: 'api.unauthorized',
  CONFLICT: 'api.conflict',
  UNSUPPORTED_MEDIA_TYPE: 'api.unsupportedMediaType',
  NOT_FOR_PRIVATE_REPORTER: 'api.notForPrivateReporter',
  CSRF: 'api.badRequest',
  PAYLOAD_TOO_LARGE: 'api.badRequest',
  RATE_LIMITED: 'api.rateLimited',
  UNAVAILABLE: 'api.unavailable',
  DRAFT_EXPIRED: 'api.notFound',
  INTERNAL: 'api.internal',
};

export interface CsrfRerender {
  (request: FastifyRequest, reply: FastifyReply): Promise<unknown>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Re-render the form with what was posted when the CSRF check fails, so nothing typed is lost. */
    onCsrfFailure?: CsrfRerender;
  }
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Renders the HTML error page; the portal and mottak each have their own layout. */
export type ErrorPageRenderer = (request: FastifyRequest, reply: FastifyReply, code: ErrorCode) => string;

/** Turns any error into the response the reporter (or an API client) sees. */
export async function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, renderPage: ErrorPageRenderer): Promise<unknown> {
  const code = classify(error);
  // A parser that gave up half-way (too many files, a part too large) has stopped reading the body;
  // unread, the rest makes the connection end in a reset and the sender never sees this answer.
  // Reading it to the end and dropping it is what Node does for any body nobody read.
  if (!request.raw.readableEnded) request.raw.resume();
  const status = ERROR_STATUS[code];
  if (code === 'INTERNAL' || code === 'UNAVAILABLE') {
    // Message and code only: a pg error's detail can echo row values.
    request.log.error({ errCode: (error as { code?: string }).code, errName: error.name, errMessage: error.message.slice(0, 200) }, 'request failed');
  } else {
    request.log.info({ errCode: code }, 'request rejected');
  }
  if (code === 'RATE_LIMITED') reply.header('retry-after', '60');
  const challenge = error instanceof AppError ? error.challenge : undefined;
  // A 401 must say how to authenticate (RFC 7235 §3.1), whoever forgot to.
  if (challenge || code === 'UNAUTHORIZED') reply.header('www-authenticate', challenge ?? 'Bearer');
  if (isApiRequest(request)) {
    const t = translator();
    const message = error instanceof AppError && error.messageKey ? t(error.messageKey) : t(API_MESSAGE_KEYS[code]);
    return reply.status(status).type('application/json; charset=utf-8').send({ error: code, message });
  }
  const rerender = request.routeOptions.config?.onCsrfFailure;
  if (code === 'CSRF' && rerender) {
    try {
      reply.status(status);
      return await rerender(request, reply);
    } catch (rerenderError) {
      // Re-rendering needs the draft; if that fails too (database down), answer for that failure
      // here rather than letting Fastify's default handler send its English JSON with the message.
      if (reply.sent) return reply;
      const fallback = classify(rerenderError as FastifyError);
      request.log.error({ errCode: (rerenderError as { code?: string }).code, errName: (rerenderError as Error).name }, 'CSRF re-render failed');
      return reply.status(ERROR_STATUS[fallback]).type('text/html; charset=utf-8').send(renderErrorPageSafely(request, reply, fallback === 'CSRF' ? 'INTERNAL' : fallback, renderPage));
    }
  }
  return reply.status(status).type('text/html; charset=utf-8').send(renderErrorPageSafely(request, reply, code, renderPage));
}

/**
 * The error page, or, should rendering it fail too, a plain bokmål page: whatever went wrong, the
 * answer is a page a person can read and leave, never Fastify's JSON with our error message in it.
 */
function renderErrorPageSafely(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, renderPage: ErrorPageRenderer): string {
  try {
    return renderPage(request, reply, code);
  } catch (error) {
    request.log.error({ errName: (error as Error).name, errMessage: (error as Error).message.slice(0, 200) }, 'error page failed; sent the plain one');
    return plainErrorPage(code);
  }
}

const PLAIN_PAGE_KEYS: Partial<Record<ErrorCode, string>> = { NOT_FOUND: 'notFound', RATE_LIMITED: 'rateLimited', UNAVAILABLE: 'unavailable', PAYLOAD_TOO_LARGE: 'tooLarge' };

export function plainErrorPage(code: ErrorCode): string {
  const t = translator('nb');
  const key = `common.errors.${PLAIN_PAGE_KEYS[code] ?? (ERROR_STATUS[code] < 500 ? 'badRequest' : 'internal')}`;
  const title = t(`${key}.title`);
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – ${t('common.titleSuffix')}</title></head><body><main><h1>${title}</h1><p>${t(`${key}.body`)}</p><p><a href="/sprak/nb?tilbake=/">${t('common.errors.toFrontPage')}</a></p></main></body></html>`;
}

/**
 * For Fastify's `frameworkErrors` option: a URL with a malformed percent-escape or an over-long
 * parameter is rejected by the router before any route runs, and Fastify would otherwise answer with
 * its own English JSON that echoes the path.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply, renderPage: ErrorPageRenderer): void {
  sendError(error, request, reply, renderPage).catch(() => {
    if (!reply.sent) reply.status(400).type('text/plain; charset=utf-8').send(translator()('common.errors.badRequest.title'));
  });
}

const REFUSALS = {
  400: ['Bad Request', 'badRequest'],
  405: ['Method Not Allowed', 'badRequest'],
  408: ['Request Timeout', 'badRequest'],
  417: ['Expectation Failed', 'badRequest'],
  431: ['Request Header Fields Too Large', 'tooLarge'],
} as const;

/** A short Norwegian page with strict headers for answers given before any route (or request) exists. */
function refusal(status: keyof typeof REFUSALS): { headers: Record<string, string | number>; body: string } {
  const t = translator();
  const key = REFUSALS[status][1];
  const body = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>${t(`common.errors.${key}.title`)}</title></head><body><h1>${t(`common.errors.${key}.title`)}</h1><p>${t(`common.errors.${key}.body`)}</p></body></html>`;
  const headers = {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    Connection: 'close',
  };
  return { headers, body };
}

/**
 * For Fastify's `clientErrorHandler`: bytes Node's HTTP parser refuses (not HTTP, headers too large,
 * raw non-ASCII in the path) never reach Fastify, which would answer with English JSON. No request
 * exists yet: nothing is logged and nothing echoed.
 */
export function refuseMalformedRequest(error: { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  writeRefusal(socket, status);
}

function writeRefusal(socket: Duplex, status: keyof typeof REFUSALS): void {
  const { headers, body } = refusal(status);
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${REFUSALS[status][0]}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`);
  socket.end();
}

/**
 * What Node answers itself, before Fastify sees a request: CONNECT (Node closes without a word) and
 * an `Expect` other than 100-continue (Node sends 417 with an empty body). Both get the same page.
 */
export function answerRequestsNodeRefuses(server: Server): void {
  server.on('connect', (_request, socket: Duplex) => writeRefusal(socket, 405));
  server.on('checkExpectation', (_request, response: ServerResponse) => {
    const { headers, body } = refusal(417);
    response.writeHead(417, headers).end(body);
  });
}

export function registerErrorHandling(app: FastifyInstance, renderPage: ErrorPageRenderer): void {
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply, renderPage));

  app.setNotFoundHandler(async (request, reply) => {
    if (isApiRequest(request)) {
      return reply.status(404).send({ error: 'NOT_FOUND', message: translator()('api.notFound') });
    }
    return reply.status(404).type('text/html; charset=utf-8').send(renderErrorPageSafely(request, reply, 'NOT_FOUND', renderPage));
  });
}
