// Mottak's side of the portal's index API (decision 024): publishing each party's projection of a
// case, withdrawing what is no longer exposed, and replaying everything when the portal's copy must be
// rebuilt. The token is the service's own Maskinporten token with the innsyn scope (the same
// integration key as the delivery API, another scope), so no other service's items can be touched.
import { ApiError, DeliveryClient, type DeliveryClientOptions } from '../receiver/delivery-client.ts';
import type { IndexItem } from './project-case.ts';

/** The index API takes batches of at most 5,000 items. */
const BATCH = 5000;

export class InnsynClient {
  private readonly tokens: DeliveryClient;

  constructor(private readonly options: Omit<DeliveryClientOptions, 'scope'> & { scope?: string }) {
    this.tokens = new DeliveryClient({ ...options, scope: options.scope ?? 'meldeportal:innsyn' });
  }

  private async post(path: string, body?: unknown): Promise<Record<string, unknown>> {
    const token = await this.tokens.accessToken();
    const response = await fetch(new URL(`/api/v1/innsyn${path}`, this.options.portalUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      // The item errors name JSON pointers and messages from KS's schemas: no document content.
      const detail = Array.isArray(json.feil) ? ` ${JSON.stringify(json.feil).slice(0, 2000)}` : '';
      throw new ApiError(response.status, String(json.error ?? 'HTTP'), `${String(json.message ?? `HTTP ${response.status}`)}${detail}`);
    }
    return json;
  }

  /** Indexes the items in batches; returns how many were indexed. */
  async index(items: readonly IndexItem[], replay?: string): Promise<number> {
    let indexed = 0;
    for (let i = 0; i < items.length; i += BATCH) {
      const answer = await this.post('/indeks', { ...(replay ? { replay } : {}), elementer: items.slice(i, i + BATCH) });
      indexed += Number(answer.indeksert);
    }
    return indexed;
  }

  /** Withdraws every copy of these messages, or only one person's. */
  async withdraw(messageIds: readonly string[], fnr?: string): Promise<number> {
    let deleted = 0;
    for (let i = 0; i < messageIds.length; i += BATCH) {
      const answer = await this.post('/indeks/slett', { meldingIder: messageIds.slice(i, i + BATCH), ...(fnr ? { personidentifikator: fnr } : {}) });
      deleted += Number(answer.slettet);
    }
    return deleted;
  }

  /** Rebuilds the portal's copy: everything indexed again under one replay, the rest deleted. */
  async replay(items: readonly IndexItem[]): Promise<{ indexed: number; deleted: number }> {
    const started = await this.post('/replay');
    const id = String(started.replay);
    const indexed = await this.index(items, id);
    const done = await this.post(`/replay/${encodeURIComponent(id)}/fullfor`);
    return { indexed, deleted: Number(done.slettet) };
  }
}
