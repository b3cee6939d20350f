// Every redirect whose address comes from a request (login's returnTo, the language switch's
// tilbake, the way back after a session ends) goes through safeReturnTo, in both apps, so that no
// request can send the browser to another site (docs/decisions/020-proxies-and-request-parsing.md).

/**
 * Any origin serves: the result is a path that resolves onto whatever origin it is read against.
 * `.invalid` can never be a real host, so nothing that resolved elsewhere can match it by accident.
 */
const PLACEHOLDER_ORIGIN = 'http://site.invalid';
const MAX_LENGTH = 2048;

/**
 * Paths a person is never sent back to: the login and logout machinery of either app (a return
 * there starts the login again, a loop), the identity-provider stand-ins (another party's pages on
 * our host in development), and the APIs (JSON, not a page).
 */
const NOT_A_RETURN = ['/auth', '/innlogging', '/utlogging', '/dev', '/api'];

/**
 * Where to send the person: a path on this site and its query, re-serialised from what the WHATWG
 * URL parser (the one browsers use on a Location header) made of it; anything else becomes `/`.
 *
 * The candidate must be written as a path (start with one `/`, no backslash, no control character
 * a browser would drop), must resolve onto our own origin, and once dot segments are resolved must
 * still be a path: `/a/..//evil.example` and `/.//evil.example` normalise to `//evil.example`,
 * which a browser reads as another host.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== PLACEHOLDER_ORIGIN || !isOurPath(url.pathname)) return '/';
  return url.pathname + url.search;
}

function isOurPath(pathname: string): boolean {
  if (!pathname.startsWith('/') || pathname.startsWith('//')) return false;
  return !NOT_A_RETURN.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * The path of `url` when it lies on `origin` (without a trailing slash), else undefined: where an
 * app serves, or quietly logs, something configured by URL that may or may not be its own.
 */
export function pathOnOrigin(url: string, origin: URL): string | undefined {
  const parsed = new URL(url);
  return parsed.origin === origin.origin ? parsed.pathname.replace(/\/$/, '') : undefined;
}
