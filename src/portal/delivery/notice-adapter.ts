// The notice channel: tells a reporter by email or SMS that the service has given feedback. The
// portal cannot read the reporter's address: it was encrypted at submit time to the notice
// provider, who decrypts it to send. The text beside it is the same generic sentence for everyone
// and names only the report's reference.
import type { FeedbackType } from '../../domain/delivery/feedback.ts';
import type { NoticeChannel } from '../db/schema.ts';
import { providerUrl, writeForPickup } from './provider-handoff.ts';

export interface NoticeJob {
  reference: string;
  /** Which feedback the notice is about; with the reference it names the notice uniquely. */
  type: FeedbackType;
  channel: NoticeChannel;
  /** CMS EnvelopedData of the email address or phone number, to the notice provider's certificate. */
  encryptedContact: Uint8Array;
  text: string;
}

export class NoticeRejectedError extends Error {
  constructor(readonly reason: string) {
    super(`notice provider refused the notice: ${reason}`);
  }
}

export interface NoticeAdapter {
  /** Resolves when the provider has taken the notice; the same reference and type twice is one notice. */
  send(job: NoticeJob): Promise<void>;
}

/** The stable name of one notice: a retry, or a second worker, lands on the same file or URL. */
export function noticeKey(job: Pick<NoticeJob, 'reference' | 'type'>): string {
  return `${job.reference}-${job.type}`;
}

/**
 * Writes `<reference>-<type>.p7m` (the encrypted contact) and `<reference>-<type>.json` (channel and
 * text) to a folder the provider collects from (in dev: DATA_DIR/notice-outbox). The .json is
 * written last, so a provider that waits for it finds the contact already in place; each file goes
 * to a temporary name first and is renamed, so nobody picks up half a file.
 */
export function folderNoticeAdapter(dir: string): NoticeAdapter {
  return {
    async send(job) {
      const key = noticeKey(job);
      writeForPickup(dir, `${key}.p7m`, job.encryptedContact);
      writeForPickup(dir, `${key}.json`, JSON.stringify({ reference: job.reference, type: job.type, channel: job.channel, text: job.text, contact: `${key}.p7m` }, null, 2));
    },
  };
}

/**
 * `PUT {base}/notices/{reference}-{type}` with a JSON body holding the encrypted contact (base64).
 * PUT by a stable key makes a retry idempotent at the provider. 4xx is a refusal (no retry helps);
 * anything else is retried by the job queue.
 */
export function httpNoticeAdapter(baseUrl: string, fetchImpl: typeof fetch = fetch): NoticeAdapter {
  return {
    async send(job) {
      const url = providerUrl(baseUrl, `notices/${encodeURIComponent(noticeKey(job))}`);
      const response = await fetchImpl(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          reference: job.reference,
          type: job.type,
          channel: job.channel,
          text: job.text,
          encryptedContact: Buffer.from(job.encryptedContact).toString('base64'),
        }),
        signal: AbortSignal.timeout(30_000),
      });
      await response.body?.cancel().catch(() => {});
      // Unlike print, the provider's words are not kept: it has decrypted the address, and an error
      // like "no such mailbox: <address>" would put the reporter's contact into our logs.
      if (response.status >= 400 && response.status < 500) throw new NoticeRejectedError(`HTTP ${response.status}`);
      if (!response.ok) throw new Error(`notice provider answered HTTP ${response.status}`);
    },
  };
}
