// A minimal browser for protocol tests: plain fetch, redirects followed by hand, and a cookie jar
// that honours Path and deletion, so the cookies oidc-provider scopes to one interaction behave
// as they would in a real browser.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

function defaultPath(pathname: string): string {
  const i = pathname.lastIndexOf('/');
  return i <= 0 ? '/' : pathname.slice(0, i);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

export class TestBrowser {
  private readonly jar = new Map<string, StoredCookie>();

  constructor(readonly origin: string) {}

  /** Drops a cookie, as if it had expired. */
  forget(name: string): void {
    for (const [key, cookie] of this.jar) if (cookie.name === name) this.jar.delete(key);
  }

  cookieNames(): string[] {
    return [...this.jar.values()].map((c) => c.name);
  }

  private store(setCookie: string, url: URL): void {
    const [pair = '', ...attributes] = setCookie.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const cookie: StoredCookie = { name: pair.slice(0, eq), value: pair.slice(eq + 1), path: defaultPath(url.pathname) };
    let expired = false;
    for (const attribute of attributes) {
      const [rawKey = '', ...rest] = attribute.split('=');
      const key = rawKey.toLowerCase();
      const value = rest.join('=');
      if (key === 'path' && value.startsWith('/')) cookie.path = value;
      if (key === 'max-age' && Number(value) <= 0) expired = true;
      if (key === 'expires' && Date.parse(value) <= Date.now()) expired = true;
    }
    const key = `${cookie.name};${cookie.path}`;
    if (expired || cookie.value === '') this.jar.delete(key);
    else this.jar.set(key, cookie);
  }

  async request(target: string | URL, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const url = new URL(target, this.origin);
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    const cookies = [...this.jar.values()].filter((c) => pathMatches(url.pathname, c.path));
    if (cookies.length > 0) headers.cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const setCookie of response.headers.getSetCookie()) this.store(setCookie, url);
    return response;
  }

  /** Follows redirects (as GET) until a non-redirect; returns it and every URL visited. */
  async follow(target: string | URL, init: Parameters<TestBrowser['request']>[1] = {}, maxHops = 10): Promise<{ response: Response; visited: URL[] }> {
    let url = new URL(target, this.origin);
    const visited = [url];
    let response = await this.request(url, init);
    for (let hop = 0; response.status >= 300 && response.status < 400; hop++) {
      if (hop >= maxHops) throw new Error(`too many redirects from ${target}`);
      const location = response.headers.get('location');
      if (!location) throw new Error(`redirect without location from ${url.href}`);
      await response.arrayBuffer();
      url = new URL(location, url);
      visited.push(url);
      response = await this.request(url);
    }
    return { response, visited };
  }
}

/**
 * A Fastify app whose HTTP server is already listening on 127.0.0.1 before plugins register, so
 * issuer and redirect URIs can be built from the real port.
 */
export async function listeningFastify(
  options: { port?: number; logStream?: { write(line: string): void } } = {},
): Promise<{ app: FastifyInstance; server: Server; origin: string }> {
  const port = options.port ?? 0;
  let server!: Server;
  const app = Fastify({
    logger: options.logStream ? { level: 'debug', stream: options.logStream } : false,
    serverFactory: (handler) => {
      server = createServer(handler);
      return server;
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actualPort } = server.address() as AddressInfo;
  return { app, server, origin: `http://127.0.0.1:${actualPort}` };
}

export async function closeListening(app: FastifyInstance, server: Server): Promise<void> {
  await app.close();
  if (server.listening) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
