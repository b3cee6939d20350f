// A small browser without a browser: real HTTP to a real portal, a cookie jar, manual redirects,
// and the real ID-porten login through the stand-in. Used by integration tests.
import { DEV_TEST_PERSONS } from '../../src/dev/idporten/index.ts';

export interface HttpResponse {
  status: number;
  url: string;
  location: string | null;
  headers: Headers;
  text: string;
  body: Buffer;
}

interface Dispatcher {
  close(): Promise<void>;
}
type DispatcherClass = new (options: object) => Dispatcher;

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
let addressCount = 0;

/** Node's fetch bundles undici without exporting it; its global dispatcher is an undici Agent. */
async function undiciAgentClass(): Promise<DispatcherClass> {
  const g = globalThis as unknown as Record<symbol, Dispatcher | undefined>;
  // Node creates fetch's dispatcher on first use; a refused connection to a closed port creates it.
  if (!g[GLOBAL_DISPATCHER]) await fetch('http://127.0.0.1:1/').catch(() => undefined);
  const dispatcher = g[GLOBAL_DISPATCHER];
  if (!dispatcher) throw new Error('fetch has no global dispatcher');
  return dispatcher.constructor as DispatcherClass;
}

export interface Transport {
  /** An undici Agent, e.g. bound to its own loopback address. */
  dispatcher?: Dispatcher;
  /** Give up on an answer after this long (a load test must not hang on a dead server). */
  timeoutMs?: number;
}

export class HttpClient {
  private cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly transport: Transport = {},
  ) {}

  /**
   * A visitor with its own 127.x.y.z address (all of 127/8 is loopback on Linux) and connection
   * pool: many run side by side, each with the rate-limit budget of a person of its own.
   */
  static async fromOwnAddress(baseUrl: string, options: { connections?: number; timeoutMs?: number } = {}): Promise<HttpClient> {
    const { dispatcher, address } = await ownAddressDispatcher(options.connections);
    const client = new HttpClient(baseUrl, { dispatcher, timeoutMs: options.timeoutMs });
    client.address = address;
    return client;
  }

  /** Set for a client made by fromOwnAddress. */
  address: string | undefined;

  /** Closes this client's own connections (a client on the global dispatcher has none). */
  async close(): Promise<void> {
    await this.transport.dispatcher?.close().catch(() => {});
  }

  /** Another client with the same cookies: the copy someone kept of this browser's cookie. */
  copy(): HttpClient {
    const other = new HttpClient(this.baseUrl);
    for (const [name, value] of this.cookies) other.setCookieValue(name, value);
    return other;
  }

  cookieHeader(): string {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  setCookieValue(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  getCookieValue(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: string, path: string, options: { form?: Record<string, string | string[]>; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<HttpResponse> {
    const url = new URL(path, this.baseUrl);
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    let body = options.body;
    if (options.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(options.form)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
      body = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const init: RequestInit & { dispatcher?: object } = { method, headers, body, redirect: 'manual' };
    if (this.transport.dispatcher) init.dispatcher = this.transport.dispatcher;
    if (this.transport.timeoutMs) init.signal = AbortSignal.timeout(this.transport.timeoutMs);
    const response = await fetch(url, init);
    this.store(response.headers);
    const buffer = Buffer.from(await response.arrayBuffer());
    return { status: response.status, url: url.href, location: response.headers.get('location'), headers: response.headers, text: buffer.toString('utf8'), body: buffer };
  }

  async get(path: string): Promise<HttpResponse> {
    return this.request('GET', path);
  }

  /** Follows redirects like a browser (303/302 become GET). */
  async follow(response: HttpResponse, max = 10): Promise<HttpResponse> {
    let current = response;
    for (let i = 0; i < max && current.status >= 300 && current.status < 400 && current.location; i++) {
      current = await this.get(new URL(current.location, current.url).href);
    }
    return current;
  }

  async getFollow(path: string): Promise<HttpResponse> {
    return this.follow(await this.get(path));
  }

  /** Posts a form with the page's CSRF token and follows the redirect. */
  async submit(page: HttpResponse, action: string, fields: Record<string, string | string[]>): Promise<HttpResponse> {
    const csrf = csrfToken(page.text);
    const response = await this.request('POST', action, { form: { _csrf: csrf, ...fields } });
    return this.follow(response);
  }

  /** Logs in through the ID-porten stand-in as test person `index` and returns the page after login. */
  async login(returnTo: string, index = 0): Promise<HttpResponse> {
    const interaction = await this.getFollow(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    const action = /<form method="post" action="([^"]+)"/.exec(interaction.text)?.[1];
    if (!action) throw new Error(`no login form at ${interaction.url} (${interaction.status})`);
    const person = DEV_TEST_PERSONS[index]!;
    const response = await this.request('POST', new URL(decodeEntities(action), interaction.url).href, { form: { person: person.sub } });
    return this.follow(response);
  }
}

async function ownAddressDispatcher(connections?: number): Promise<{ dispatcher: Dispatcher; address: string }> {
  const Agent = await undiciAgentClass();
  addressCount++;
  const address = `127.${(process.pid % 200) + 20}.${Math.floor(addressCount / 250) % 250}.${(addressCount % 250) + 1}`;
  return { dispatcher: new Agent({ localAddress: address, ...(connections ? { connections } : {}) }), address };
}

/** What a reader sees in <main>: tags dropped, entities decoded, whitespace collapsed. */
export function mainText(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  return decodeEntities(main.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').replace(/ ([:.,])/g, '$1').trim();
}

export function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

export function csrfToken(html: string): string {
  const token = /name="_csrf" value="([^"]*)"/.exec(html)?.[1];
  if (!token) throw new Error('page has no CSRF token');
  return decodeEntities(token);
}
