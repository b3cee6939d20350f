// The print channel: the last rung of the ladder, when the receiving system refused a report or
// stayed silent. The package is the report's PDF, encrypted at submit time to the print provider;
// the recipient's postal address travels beside it in the clear (it is the service's own address).
import { providerUrl, writeForPickup } from './provider-handoff.ts';

export interface PrintJob {
  reference: string;
  recipient: { orgnr: string; name: string; postalAddress: string[] };
  /** CMS EnvelopedData of the PDF, to the print provider's certificate. */
  package: Uint8Array;
}

export class PrintRejectedError extends Error {
  constructor(readonly reason: string) {
    super(`print provider refused the job: ${reason}`);
  }
}

export interface PrintAdapter {
  /** Resolves when the provider has taken the job; sending the same reference twice is harmless. */
  send(job: PrintJob): Promise<void>;
}

/**
 * Writes `<reference>.p7m` and `<reference>.json` to a folder the print provider collects from (in
 * dev: DATA_DIR/print-outbox). Each file is written to a temporary name and renamed, so the
 * provider never picks up half a file, and a retry overwrites with the same bytes.
 */
export function folderPrintAdapter(dir: string): PrintAdapter {
  return {
    async send(job) {
      writeForPickup(dir, `${job.reference}.p7m`, job.package);
      writeForPickup(dir, `${job.reference}.json`, JSON.stringify({ reference: job.reference, recipient: job.recipient }, null, 2));
    },
  };
}

/**
 * Posts the package to a print provider's HTTP API: `PUT {base}/jobs/{reference}` with the package
 * as application/pkcs7-mime and the recipient in headers. PUT by reference makes a retry idempotent.
 * 4xx is a refusal (no retry helps); anything else is retried by the job queue.
 */
export function httpPrintAdapter(baseUrl: string, fetchImpl: typeof fetch = fetch): PrintAdapter {
  return {
    async send(job) {
      const url = providerUrl(baseUrl, `jobs/${encodeURIComponent(job.reference)}`);
      const response = await fetchImpl(url, {
        method: 'PUT',
        headers: {
          'content-type': 'application/pkcs7-mime',
          'x-recipient': encodeURIComponent(JSON.stringify(job.recipient)),
        },
        body: new Uint8Array(job.package),
        signal: AbortSignal.timeout(30_000),
      });
      const answer = await response.text().catch(() => '');
      // The provider's own words help the operator; it never sees report content, so neither do they.
      if (response.status >= 400 && response.status < 500) throw new PrintRejectedError(`HTTP ${response.status}${answer ? `: ${answer.slice(0, 200)}` : ''}`);
      if (!response.ok) throw new Error(`print provider answered HTTP ${response.status}`);
    },
  };
}
