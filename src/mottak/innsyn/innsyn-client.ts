// Mottak's side of the portal's index API (decision 024): publishing each party's projection of a
// case, withdrawing what is no longer exposed, and replaying everything when the portal's copy must be
// rebuilt. The token is the service's own Maskinporten token with the innsyn scope (the same
// integration key as the delivery API, another scope), so no other service's items can be touched.
import { DeliveryClient, type DeliveryClientOptions } from '../receiver/delivery-client.ts';
import type { IndexItem } from './project-case.ts';

/** The index API takes batches of at most 5,000 items. */
const BATCH = 5000;

export class InnsynClient {
  /** The same client as the delivery API's, with the innsyn scope: its token and its error handling. */
  private readonly portal: DeliveryClient;

  constructor(options: Omit<DeliveryClientOptions, 'scope'> & { scope?: string }) {
    this.portal = new DeliveryClient({ ...options, scope: options.scope ?? 'meldeportal:innsyn' });
  }

  private async post(path: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await this.portal.call(`/api/v1/innsyn${path}`, {
      method: 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      // A batch of 5,000 items is checked, sealed and written in one go.
      signal: AbortSignal.timeout(120_000),
    });
    return (await response.json()) as Record<string, unknown>;
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
