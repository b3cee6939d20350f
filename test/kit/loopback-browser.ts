// Many reporters at once, each like a browser of its own: its own cookie jar and its own loopback
// address (all of 127/8 is loopback on Linux), because the portal rate-limits per address and two
// hundred people do not share one. The journey is the shared HttpClient's; only the transport
// differs, so a reporter can also re-post a form after the portal died under it.
import { randomBytes } from 'node:crypto';
import { HttpClient, csrfToken, type HttpResponse } from './http-client.ts';
import { walkPrivateJourneyToSummary } from './journey.ts';

/** A reporter of the load runs: its own address, two connections, and no answer waited for past 120 s. */
export type Browser = HttpClient;
export const Browser = {
  open: (baseUrl: string): Promise<HttpClient> => HttpClient.fromOwnAddress(baseUrl, { connections: 2, timeoutMs: 120_000 }),
};

/**
 * A private person in Bærum walks to the summary (test/helpers/journey.ts), with a marker of its own
 * in the text: the receiver finds it in the decrypted report, so a report that arrives twice under
 * two references is seen as one reporter's twice, not as two reports.
 */
export function walkToSummaryWithMarker(browser: HttpClient, marker: string, personIndex: number): Promise<HttpResponse> {
  return walkPrivateJourneyToSummary(browser, { personIndex, whatHappened: `Jeg hører roping og gråt fra leiligheten nesten hver kveld. ${marker}` });
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
