// Steady load on a running portal while its database goes away and comes back, with every answer
// judged: reporters walking the form and sending (a browser user who meets an error page waits a
// moment and tries again), the public registry API, and a receiving system listing its messages.
// An answer while the database is away must be a clear 503 in the app's own format — the Norwegian
// error page or JSON {error: "UNAVAILABLE", message} — never a 500, a stack trace or a hang.
import { setTimeout as sleep } from 'node:timers/promises';
import { translator } from '../../src/web/i18n.ts';
import { Browser, newMarker } from '../kit/loopback-browser.ts';
import type { HttpResponse } from '../kit/http-client.ts';
import { childAnswers, concernAnswers } from '../kit/journey.ts';

export type Phase = 'before' | 'outage' | 'after';

export interface Observation {
  /** When the answer arrived (ms since epoch). */
  at: number;
  /** When the request was sent. */
  sentAt: number;
  phase: Phase;
  what: string;
  status: number | 'no answer';
  /** For a 503: whether it is in the app's format with nothing leaked. */
  clear?: boolean;
}

const t = translator();
const UNAVAILABLE_TITLE = t('common.errors.unavailable.title');
const UNAVAILABLE_MESSAGE = t('api.unavailable');

function leaks(text: string): boolean {
  return (
    /\n\s+at \S/.test(text) ||
    /\bat (?:async )?[\w.<>]+ \(|\(?(?:file|node):[^\s)]+:\d+:\d+/.test(text) ||
    /\b(?:Type|Reference|Range|Syntax)?Error:/.test(text) ||
    /node_modules|FST_ERR|ECONNREFUSED|ECONNRESET|terminating connection/.test(text)
  );
}

/** A 503 the way the app promises it: its own error page, or its JSON error, and nothing internal. */
export function isClear503(response: { status: number; headers: Headers; text: string }, path: string): boolean {
  if (response.status !== 503 || leaks(response.text)) return false;
  const type = response.headers.get('content-type') ?? '';
  if (path === '/healthz') return type.startsWith('application/json') && JSON.parse(response.text).status === 'unavailable';
  if (type.startsWith('application/json')) {
    const body = JSON.parse(response.text) as { error?: string; message?: string };
    return body.error === 'UNAVAILABLE' && body.message === UNAVAILABLE_MESSAGE;
  }
  return type.startsWith('text/html') && response.text.includes(UNAVAILABLE_TITLE);
}

class Stopped extends Error {}

const RECEIPT = /^\/meld\/kvittering\/(BM-[0-9A-Z]{4}-[0-9A-Z]{4})$/;

export class OutageLoad {
  readonly observations: Observation[] = [];
  /** Marker → reference on the reporter's receipt. */
  readonly receipts = new Map<string, string>();
  /** Receipts with the time their submit was sent and answered. */
  readonly receiptTimes: { sentAt: number; at: number }[] = [];
  /** Journeys abandoned on an answer a browser user could not go on from. */
  readonly unexpected: string[] = [];
  phase: Phase = 'before';
  private running = false;
  private loops: Promise<void>[] = [];
  private count = 0;

  constructor(
    private readonly portalUrl: string,
    private readonly run: string,
    private readonly deliveryToken: () => Promise<string | undefined>,
  ) {}

  private observe(what: string, sentAt: number, response: { status: number; headers: Headers; text: string } | undefined, path: string): void {
    const status = response ? response.status : 'no answer';
    this.observations.push({ at: Date.now(), sentAt, phase: this.phase, what, status, clear: response && response.status === 503 ? isClear503(response, path) : undefined });
  }

  /** One step a browser user takes, repeated after an error page until it goes through. */
  private async step(what: string, action: () => Promise<HttpResponse>, done: (response: HttpResponse) => boolean): Promise<HttpResponse> {
    for (;;) {
      if (!this.running) throw new Stopped();
      const sentAt = Date.now();
      let response: HttpResponse | undefined;
      try {
        response = await action();
      } catch (error) {
        // The stand-in's login page missing: the login helper throws, naming the status it got.
        const status = /\((\d{3})\)$/.exec((error as Error).message)?.[1];
        if (status) this.observations.push({ at: Date.now(), sentAt, phase: this.phase, what, status: Number(status) });
        else this.observe(what, sentAt, undefined, '');
        await sleep(250);
        continue;
      }
      this.observe(what, sentAt, response, new URL(response.url).pathname);
      if (done(response)) return response;
      if (response.status === 503 || response.status >= 500) {
        await sleep(250);
        continue;
      }
      throw new Error(`${what}: ${response.status} at ${response.url}`);
    }
  }

  private async reporter(slot: number): Promise<void> {
    while (this.running) {
      const index = this.count++;
      const marker = newMarker(this.run, 0, index);
      const browser = await Browser.open(this.portalUrl);
      const at = (path: string) => (r: HttpResponse) => r.status === 200 && new URL(r.url).pathname === path;
      try {
        let page = await this.step('page /meld/hvem', () => browser.getFollow('/meld/hvem'), at('/meld/hvem'));
        page = await this.step('form hvem', () => browser.submit(page, '/meld/hvem', { reporterType: 'private' }), at('/meld/kommune'));
        page = await this.step('form kommune', () => browser.submit(page, '/meld/kommune', { kommune: '1337' }), at('/meld/innlogging'));
        // After an error page a browser user reloads the page they were sent to; only when that asks
        // them to log in again do they go through ID-porten again.
        let loggedIn = false;
        page = await this.step(
          'login',
          async () => {
            if (loggedIn) {
              const reload = await browser.getFollow('/meld/barn');
              if (new URL(reload.url).pathname !== '/meld/innlogging') return reload;
            }
            loggedIn = true;
            return browser.login('/meld/barn', slot % 5);
          },
          at('/meld/barn'),
        );
        page = await this.step('form barn', () => browser.submit(page, '/meld/barn', { ...childAnswers(), action: 'continue' }), at('/meld/foresatte'));
        page = await this.step('form foresatte', () => browser.submit(page, '/meld/foresatte', { 'guardian-0-name': 'Per Åsheim', 'guardian-0-phone': '91234567', 'guardian-0-informed': 'yes' }), at('/meld/bekymring'));
        page = await this.step('form bekymring', () => browser.submit(page, '/meld/bekymring', concernAnswers({ whatHappened: `Roping og gråt hver kveld. ${marker}` })), at('/meld/melder'));
        page = await this.step(
          'form melder',
          () => browser.submit(page, '/meld/melder', { phone: '98765432', relationToChild: 'Nabo', keepIdentityFromFamily: 'true', 'reporter-addressLine1': '', 'reporter-postcode': '', 'reporter-city': '' }),
          at('/meld/vedlegg'),
        );
        page = await this.step('form vedlegg', () => browser.submit(page, '/meld/vedlegg', { action: 'continue' }), at('/meld/oppsummering'));
        const summary = page;
        let sentAt = 0;
        const sent = await this.step(
          'send',
          () => {
            sentAt = Date.now();
            return browser.submit(summary, '/meld/send', {});
          },
          (r) => r.status === 200 && RECEIPT.test(new URL(r.url).pathname),
        );
        const reference = RECEIPT.exec(new URL(sent.url).pathname)![1]!;
        this.receipts.set(marker, reference);
        this.receiptTimes.push({ sentAt, at: Date.now() });
      } catch (error) {
        if (!(error instanceof Stopped)) this.unexpected.push((error as Error).message.slice(0, 200));
      } finally {
        await browser.close();
      }
    }
  }

  /** The registry API and a receiving system's list call, a few times a second. */
  private async apiProbe(): Promise<void> {
    // From an address of its own: the portal calls its dev ID-porten stand-in from 127.0.0.1, and
    // probe traffic from there would use up that address's rate-limit budget and fail logins.
    const probe = await Browser.open(this.portalUrl);
    while (this.running) {
      for (const path of ['/api/v1/kommuner/3201/bydeler', '/api/v1/mottak/meldinger', '/healthz']) {
        const token = path.startsWith('/api/v1/mottak/') ? await this.deliveryToken().catch(() => undefined) : undefined;
        if (path.startsWith('/api/v1/mottak/') && !token) continue;
        const sentAt = Date.now();
        try {
          const response = await probe.request('GET', path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
          this.observe(`api ${path}`, sentAt, response, path);
        } catch {
          this.observe(`api ${path}`, sentAt, undefined, path);
        }
      }
      await sleep(300);
    }
    await probe.close();
  }

  start(reporters: number): void {
    this.running = true;
    this.loops = [...Array.from({ length: reporters }, (_, slot) => this.reporter(slot)), this.apiProbe()];
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}
