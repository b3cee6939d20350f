// What the portal counts for the statistics, and how a delivery is classed. The portal knows no
// report content: only where a report was sent, by whom (private or professional), and how and when
// it was delivered. Counted in the month the report was sent (Oslo time), so a month's reports and
// their deliveries stay together however late the delivery comes.
import type { DeliveryChannel } from '../delivery/status.ts';
import { osloDate } from '../delivery/working-days.ts';

export const DELIVERY_TIME_BUCKETS = ['under-1t', '1-24t', '1-3d', 'over-3d'] as const;
export type DeliveryTimeBucket = (typeof DELIVERY_TIME_BUCKETS)[number];

export const PORTAL_MEASURES = [
  'sendt.privat',
  'sendt.offentlig',
  'levert.fagsystem',
  'levert.manuell',
  'levert.print',
  // Sent to print because the receiving system refused it or stayed silent past its deadline.
  'til-print',
  ...DELIVERY_TIME_BUCKETS.map((b) => `leveringstid.${b}` as const),
] as const;
export type PortalMeasure = (typeof PORTAL_MEASURES)[number];

const HOUR = 60 * 60 * 1000;

/** How long a report took from the reporter's Send to confirmed delivery. */
export function deliveryTimeBucket(sentAt: Date, deliveredAt: Date): DeliveryTimeBucket {
  const ms = Math.max(0, deliveredAt.getTime() - sentAt.getTime());
  if (ms < HOUR) return 'under-1t';
  if (ms < 24 * HOUR) return '1-24t';
  if (ms < 72 * HOUR) return '1-3d';
  return 'over-3d';
}

/** The first day of the Oslo month an instant falls in, as `YYYY-MM-01`. */
export function osloMonth(instant: Date): string {
  return `${osloDate(instant).slice(0, 7)}-01`;
}

export function sentMeasure(reporterType: 'private' | 'professional'): PortalMeasure {
  return reporterType === 'private' ? 'sendt.privat' : 'sendt.offentlig';
}

export function deliveredMeasure(channel: DeliveryChannel): PortalMeasure {
  return `levert.${channel}`;
}
