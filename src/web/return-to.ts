const PLACEHOLDER_ORIGIN = 'http://site.invalid';
const MAX_LENGTH = 2048;

/**
 * Where to send the person after login: only a path on this site. Rejects absolute URLs,
 * protocol-relative `//host`, the `/\host` form browsers read as `//host`, control characters,
 * and the auth routes themselves (a loop). Anything doubtful becomes `/`.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return '/';
  if (url.pathname === '/auth' || url.pathname.startsWith('/auth/')) return '/';
  // Re-serialised from the parsed URL so what we redirect to is exactly what we checked.
  return url.pathname + url.search;
}
