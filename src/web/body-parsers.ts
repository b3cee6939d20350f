// Which request bodies a route reads. Fastify parses JSON and plain text on every route unless
// told otherwise, so every form route parsed up to a megabyte of JSON before its CSRF check could
// refuse it: half a million nested brackets held the event loop for up to a second. Form routes
// read only the form encodings (urlencoded at the root, multipart on the journey's scope, where the
// upload is); the API scopes that take JSON read it with a depth limit
// (docs/decisions/020-proxies-and-request-parsing.md).
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/**
 * Deeper than any body of ours (the statistics are four levels) by a wide margin, and shallow
 * enough that nothing downstream (schema validation, logging) walks far.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Call on an app before registering anything: a plugin's scope copies its parent's parsers when it
 * is registered. A body no parser takes is refused with 415 before it is read.
 */
export function readFormBodiesOnly(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
}

/** The scope (an API) reads JSON and nothing else, refusing JSON nested deeper than MAX_JSON_DEPTH. */
export function readJsonBodiesOnly(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  // Fastify's own parser after the depth check: it keeps refusing __proto__ and constructor keys.
  const parseJson = scope.getDefaultJsonParser('error', 'error');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(new AppError('BAD_REQUEST', 'json nested too deep', 'api.jsonTooDeep'), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}

/**
 * Whether JSON text opens more than `max` arrays or objects inside one another: one pass over the
 * characters, stopping at the first bracket too deep, so the cost is bounded before the parser's
 * own recursive work begins. Brackets inside strings do not count; malformed text is the parser's
 * to refuse.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: the next character is escaped, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}
