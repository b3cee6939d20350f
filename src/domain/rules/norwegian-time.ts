// Norwegian law and the Fiks protocol count in Norwegian wall-clock time (Europe/Oslo), while the
// portal stores instants in UTC. Everything that turns an instant into a Norwegian date or time goes
// through here so summer time is handled in one place, by the platform's time-zone database.

const OSLO_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  // h23, not hour12:false: some ICU versions render midnight as "24" with hour12:false.
  hourCycle: 'h23',
});

interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function norwegianParts(date: Date): LocalParts {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
  const parts: Record<string, string> = {};
  for (const part of OSLO_PARTS.formatToParts(date)) parts[part.type] = part.value;
  return {
    year: (parts.year ?? '').padStart(4, '0'),
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    second: parts.second ?? '',
  };
}

/**
 * `YYYY-MM-DDTHH:mm:ss` in Norwegian local time, without zone, as the Fiks `sendingstidspunkt` wants.
 * During the autumn change night the hour 02:00–02:59 occurs twice, so two instants an hour apart
 * give the same text: the protocol's format cannot say which, and we do not try to.
 */
export function toNorwegianLocalDateTime(date: Date): string {
  const p = norwegianParts(date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** The calendar date (ISO `YYYY-MM-DD`) it is in Norway at that instant. */
export function toNorwegianLocalDate(date: Date): string {
  const p = norwegianParts(date);
  return `${p.year}-${p.month}-${p.day}`;
}
