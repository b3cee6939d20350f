// A report's delivery status in the reporter's words: what happened, to whom, and when, in
// Norwegian time. The status machine speaks in causes and channels; the reporter should not have to.
import { TRANSITIONS, type DeliveryChannel, type ReportStatus, type TransitionCause } from '../../domain/delivery/status.ts';
import type { Language, Translate } from '../../web/i18n.ts';
import { formatRecentInstant } from '../../web/intl-format.ts';
import type { FeedbackType } from '../../domain/delivery/feedback.ts';
import type { ReporterReport, ReporterStatusEvent } from './my-reports-store.ts';

/** How far a report has come, as the reporter tells it apart: LEVERT by post reads differently. */
export type StatusPhase = 'received' | 'offered' | 'delivered' | 'posted' | 'refused' | 'printing' | 'failed';

export function statusPhase(status: ReportStatus, channel: DeliveryChannel | null | undefined): StatusPhase {
  switch (status) {
    case 'AKSEPTERT':
      return 'received';
    case 'SENDT_FAGSYSTEM':
      return 'offered';
    case 'LEVERT':
      return channel === 'print' ? 'posted' : 'delivered';
    case 'AVVIST_FAGSYSTEM':
      return 'refused';
    case 'SENDT_PRINT':
      return 'printing';
    case 'AVVIST_PRINT':
      return 'failed';
  }
}

export interface OsloTime {
  /** "23. november kl. 12:03", or "23. november 2024 kl. 12:03" outside the current year (in bokmål). */
  text: string;
  /** For <time datetime>. */
  iso: string;
}

/**
 * Date and time in running text in the page's language, in Oslo time. The year is left out when it
 * is this year in Norway, so "now" must be the same clock the page is rendered by.
 */
export function formatOsloTime(lang: Language, at: Date, now: Date): OsloTime {
  return { text: formatRecentInstant(lang, at, now), iso: at.toISOString() };
}

/** The current status as one sentence with its time: "Levert til Barneverntjenesten i Bærum 23.11. kl. 12.03". */
export function describeCurrentStatus(t: Translate, report: Pick<ReporterReport, 'status' | 'deliveryChannel' | 'statusChangedAt' | 'serviceName'>, now: Date): string {
  const phase = statusPhase(report.status, report.deliveryChannel);
  return t(`myReports.current.${phase}`, { service: report.serviceName, time: formatOsloTime(t.lang, report.statusChangedAt, now).text });
}

function isCause(cause: string): cause is TransitionCause {
  return Object.hasOwn(TRANSITIONS, cause);
}

/** One line of the history, without its time (the list shows that beside it). */
export function describeStatusEvent(t: Translate, event: ReporterStatusEvent, serviceName: string): string {
  // A missed deadline is the one move whose reason the reporter cannot guess from the status alone.
  if (event.cause === 'frist-utlopt') return t('myReports.history.deadlinePassed', { service: serviceName });
  const channel = isCause(event.cause) ? TRANSITIONS[event.cause].channel : undefined;
  return t(`myReports.history.${statusPhase(event.status, channel)}`, { service: serviceName });
}

export type PostFallback = 'deadline' | 'refused';

/**
 * Why the report went by post, if it did. Not said when printing failed too: then the page's
 * warning to call the service says what matters.
 */
export function findPostFallback(report: Pick<ReporterReport, 'status' | 'events'>): PostFallback | undefined {
  if (report.status === 'AVVIST_PRINT') return undefined;
  if (report.events.some((e) => e.cause === 'frist-utlopt')) return 'deadline';
  if (report.events.some((e) => e.cause === 'print-sendt')) return 'refused';
  return undefined;
}

/** The standard text for a feedback code: the service registers a code, the reporter reads words. */
export function describeFeedback(t: Translate, type: FeedbackType, serviceName: string): string {
  return t(`myReports.feedback.types.${type}`, { service: serviceName });
}
