// Many reporters at once, each like a browser of its own: its own cookie jar and its own loopback
// address (all of 127/8 is loopback on Linux), because the portal rate-limits per address and two
// hundred people do not share one. The journey is the shared HttpClient's; only the transport
// differs, so a reporter can also re-post a form after the portal died under it.
import { randomBytes } from 'node:crypto';
import { HttpClient, csrfToken, type HttpResponse } from '../helpers/http-client.ts';
import { childAnswers, concernAnswers } from '../helpers/journey.ts';

interface Dispatcher {
  close(): Promise<void>;
}
type DispatcherClass = new (options: object) => Dispatcher;

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
let agentClass: DispatcherClass | undefined;

/** Node's fetch bundles undici without exporting it; its global dispatcher is an undici Agent. */
async function undiciAgent(): Promise<DispatcherClass> {
  if (agentClass) return agentClass;
  const g = globalThis as unknown as Record<symbol, Dispatcher | undefined>;
  if (!g[GLOBAL_DISPATCHER]) await fetch('http://127.0.0.1:1/').catch(() => undefined);
  const dispatcher = g[GLOBAL_DISPATCHER];
  if (!dispatcher) throw new Error('fetch has no global dispatcher');
  agentClass = dispatcher.constructor as DispatcherClass;
  return agentClass;
}

let addressCount = 0;

export class Browser extends HttpClient {
  private readonly jar = new Map<string, string>();

  private constructor(
    baseUrl: string,
    private readonly agent: Dispatcher,
    readonly address: string,
  ) {
    super(baseUrl);
  }

  static async open(baseUrl: string): Promise<Browser> {
    const Agent = await undiciAgent();
    addressCount++;
    const address = `127.${(process.pid % 200) + 20}.${Math.floor(addressCount / 250) % 250}.${(addressCount % 250) + 1}`;
    return new Browser(baseUrl, new Agent({ localAddress: address, connections: 2 }), address);
  }

  override cookieHeader(): string {
    return [...this.jar.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  override setCookieValue(name: string, value: string): void {
    this.jar.set(name, value);
  }

  override getCookieValue(name: string): string | undefined {
    return this.jar.get(name);
  }

  override async request(method: string, path: string, options: { form?: Record<string, string | string[]>; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<HttpResponse> {
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
    const response = await fetch(url, { method, headers, body, redirect: 'manual', dispatcher: this.agent, signal: AbortSignal.timeout(120_000) } as RequestInit);
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const buffer = Buffer.from(await response.arrayBuffer());
    return { status: response.status, url: url.href, location: response.headers.get('location'), headers: response.headers, text: buffer.toString('utf8'), body: buffer };
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => {});
  }
}

function expectStep(response: HttpResponse, path: string): void {
  if (new URL(response.url).pathname !== path || response.status !== 200) {
    throw new Error(`expected ${path}, got ${response.url} (${response.status})`);
  }
}

/**
 * A private person in Bærum walks to the summary, as test/helpers/journey.ts does, with a marker of
 * its own in the text: the receiver finds it in the decrypted report, so a report that arrives twice
 * under two references is seen as one reporter's twice, not as two reports.
 */
export async function walkToSummaryWithMarker(browser: Browser, marker: string, personIndex: number): Promise<HttpResponse> {
  let page = await browser.getFollow('/meld/hvem');
  expectStep(page, '/meld/hvem');
  page = await browser.submit(page, '/meld/hvem', { reporterType: 'private' });
  expectStep(page, '/meld/innlogging');
  page = await browser.login('/meld/kommune', personIndex);
  expectStep(page, '/meld/kommune');
  page = await browser.submit(page, '/meld/kommune', { kommune: '1337' });
  expectStep(page, '/meld/barn');
  page = await browser.submit(page, '/meld/barn', { ...childAnswers(), action: 'continue' });
  expectStep(page, '/meld/foresatte');
  page = await browser.submit(page, '/meld/foresatte', { 'guardian-0-name': 'Per Åsheim', 'guardian-0-phone': '91234567', 'guardian-0-informed': 'yes' });
  expectStep(page, '/meld/bekymring');
  page = await browser.submit(page, '/meld/bekymring', concernAnswers({ whatHappened: `Jeg hører roping og gråt fra leiligheten nesten hver kveld. ${marker}` }));
  expectStep(page, '/meld/melder');
  page = await browser.submit(page, '/meld/melder', { phone: '98765432', relationToChild: 'Nabo', keepIdentityFromFamily: 'true', 'reporter-addressLine1': '', 'reporter-postcode': '', 'reporter-city': '' });
  expectStep(page, '/meld/vedlegg');
  page = await browser.submit(page, '/meld/vedlegg', { action: 'continue' });
  expectStep(page, '/meld/oppsummering');
  return page;
}

export const MARKER_PATTERN = /PAALITELIG-[0-9a-z]+-[0-9]+-[0-9]+/g;

export function newMarker(run: string, cycle: number, index: number): string {
  return `PAALITELIG-${run}-${cycle}-${index}`;
}

export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

export function summaryCsrf(summary: HttpResponse): string {
  return csrfToken(summary.text);
}
