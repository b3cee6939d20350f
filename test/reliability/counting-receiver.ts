// The receiving service's side of a reliability run: the real receiver (src/mottak/receiver: token,
// list, download, decrypt, verify signature and schema, answer) pulling from the portal over HTTP,
// plus a tally of what arrived. It counts every time a reference is received and answered, and which
// reporter's marker each carried: a reference received twice, or one reporter's report arriving
// under two references, is a duplicate.
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryClient } from '../../src/mottak/receiver/delivery-client.ts';
import { loadReceiverKeyPairs } from '../../src/mottak/receiver/receive-message.ts';
import { pollOnce } from '../../src/mottak/receiver/run-receiver.ts';
import { MARKER_PATTERN } from '../kit/loopback-browser.ts';

import { demoServices } from '../../src/dev/demo-services.ts';

/** The demo service that receives reports about a child in Bærum (postcode 1337). */
export function baerumOrgnr(): string {
  const service = demoServices().find((s) => s.areas.some((a) => a.kommunenummer === '3201'));
  if (!service) throw new Error('the demo registry has no service for Bærum');
  return service.orgnr;
}

export class CountingReceiver {
  /** Reference → how many times it was received and answered `mottatt`. */
  readonly timesReceived = new Map<string, number>();
  /** Reference → the reporters' markers in its text. */
  readonly markers = new Map<string, string[]>();
  readonly refused: string[] = [];
  readonly outDir: string;

  constructor(
    private readonly dataDir: string,
    private readonly portalUrl: () => string,
    private readonly orgnr: string,
  ) {
    this.outDir = mkdtempSync(join(dataDir, 'receiver-out-'));
  }

  /** One pass over everything waiting. Throws when the portal cannot be reached (callers retry). */
  async pass(): Promise<number> {
    const dir = join(this.dataDir, 'receivers', this.orgnr);
    const { clientId } = JSON.parse(readFileSync(join(dir, 'integration.json'), 'utf8')) as { clientId: string };
    // A new client each pass: a restarted portal's token issuer may have new keys.
    const client = new DeliveryClient({
      portalUrl: this.portalUrl(),
      tokenIssuer: `${this.portalUrl()}/dev/maskinporten`,
      clientId,
      integrationKeyPem: readFileSync(join(dir, 'integration.key.pem'), 'utf8'),
      scope: 'meldeportal:mottak',
    });
    const trusted = readFileSync(join(this.dataDir, 'portal-signing', 'certificate.pem'), 'utf8');
    let received = 0;
    // Counted from the log, which the receiver writes after each answer: a pass that fails half-way
    // still counts what it finished.
    await pollOnce({
      client,
      keys: () => ({ pairs: loadReceiverKeyPairs(dir), trustedSignersPem: [trusted] }),
      outDir: this.outDir,
      log: (line) => {
        const received_ = /^mottatt (\S+) /.exec(line);
        if (received_) {
          const reference = received_[1]!;
          received++;
          this.timesReceived.set(reference, (this.timesReceived.get(reference) ?? 0) + 1);
          const json = readFileSync(join(this.outDir, reference, 'bekymringsmelding.json'), 'utf8');
          this.markers.set(reference, [...new Set(json.match(MARKER_PATTERN) ?? [])]);
        }
        const refused = /^feilet (\S+):/.exec(line);
        if (refused) this.refused.push(refused[1]!);
      },
    });
    return received;
  }
}

export interface DeliveryTally {
  /** Reports whose reporter got a receipt (a 303 to the receipt page). */
  withReceipt: number;
  /** Of those, how many the receiver got. */
  delivered: number;
  /** Receipted but never received. */
  lost: number;
  /** Extra arrivals: a reference received more than once, or one reporter's report under several references. */
  duplicated: number;
  /** Received, but no reporter holds a receipt for it. */
  deliveredWithoutReceipt: number;
  /** A receipt whose reference carries another reporter's report. */
  mixedUp: number;
  refused: number;
}

/** `receipts`: marker → the reference on that reporter's receipt (one reporter, one report). */
export function tally(receipts: Map<string, string>, receiver: CountingReceiver): DeliveryTally {
  const receiptedReferences = new Set(receipts.values());
  let delivered = 0;
  for (const reference of receiptedReferences) if (receiver.timesReceived.has(reference)) delivered++;
  let duplicated = 0;
  for (const times of receiver.timesReceived.values()) duplicated += times - 1;
  const referencesByMarker = new Map<string, Set<string>>();
  for (const [reference, markers] of receiver.markers) {
    for (const marker of markers) referencesByMarker.set(marker, (referencesByMarker.get(marker) ?? new Set()).add(reference));
  }
  for (const references of referencesByMarker.values()) duplicated += references.size - 1;
  let mixedUp = 0;
  for (const [marker, reference] of receipts) {
    const markers = receiver.markers.get(reference);
    if (markers && !markers.includes(marker)) mixedUp++;
  }
  let deliveredWithoutReceipt = 0;
  for (const reference of receiver.timesReceived.keys()) if (!receiptedReferences.has(reference)) deliveredWithoutReceipt++;
  return {
    withReceipt: receiptedReferences.size,
    delivered,
    lost: receiptedReferences.size - delivered,
    duplicated,
    deliveredWithoutReceipt,
    mixedUp,
    refused: receiver.refused.length,
  };
}
