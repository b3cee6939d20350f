// The reporter's own reports as the portal knows them after submit: routing metadata, the
// delivery history and the service's feedback (codes). There is no report content to show; the
// portal keeps only ciphertext.
import type { DeliveryChannel, ReportStatus, TransitionCause } from '../../domain/delivery/status.ts';
import type { Db } from '../delivery/delivery-store.ts';
import { FEEDBACK_TYPES, type FeedbackType } from '../../domain/delivery/feedback.ts';
import type { ReporterType } from '../../domain/report.ts';

export interface ReporterStatusEvent {
  status: ReportStatus;
  /** A TransitionCause as recorded; typed loosely because the column holds whatever was written. */
  cause: TransitionCause | string;
  at: Date;
}

export interface ReporterFeedback {
  type: FeedbackType;
  at: Date;
}

export interface ReporterReport {
  id: string;
  reference: string;
  reporterType: ReporterType;
  serviceName: string;
  serviceDaytimePhone: string;
  /** The service's own barnevernvakt, for when a report did not arrive and it is urgent; null where none is known. */
  serviceEmergencyPhone: string | null;
  serviceEmergencyHours: string | null;
  receivedAt: Date;
  status: ReportStatus;
  statusChangedAt: Date;
  deliveryChannel: DeliveryChannel | null;
  /** Oldest first. */
  events: ReporterStatusEvent[];
  /** What the service has told the reporter, newest first. */
  feedback: ReporterFeedback[];
}

/**
 * Which of the person's reports still have their PDF copy kept (24 hours after sending), with when
 * it goes. The copy opens only with a key in the browser that sent it; the caller asks about those.
 */
export async function listKeptCopies(db: Db, reporterHash: string, references: string[], now: Date): Promise<Map<string, Date>> {
  if (references.length === 0) return new Map();
  const rows = await db
    .selectFrom('report_receipts')
    .innerJoin('reports', 'reports.id', 'report_receipts.report_id')
    .select(['reports.reference', 'report_receipts.expires_at'])
    .where('reports.reporter_hash', '=', reporterHash)
    .where('reports.reference', 'in', references)
    .where('report_receipts.expires_at', '>', now)
    .execute();
  return new Map(rows.map((r) => [r.reference, r.expires_at]));
}

/**
 * The reports sent by the person behind `reporterHash`, newest first. Authorization is the
 * `where` on the hash: there is no other way into this list. The events' `detail` (what the other
 * side said when it refused) is left out; it is for operators, not for the reporter.
 */
export async function listReporterReports(db: Db, reporterHash: string): Promise<ReporterReport[]> {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('services', 'services.id', 'reports.service_id')
    .select([
      'reports.id',
      'reports.reference',
      'reports.reporter_type',
      'reports.received_at',
      'reports.status',
      'reports.status_changed_at',
      'reports.delivery_channel',
      'services.name as serviceName',
      'services.daytime_phone as serviceDaytimePhone',
      'services.emergency_phone as serviceEmergencyPhone',
      'services.emergency_hours as serviceEmergencyHours',
    ])
    .where('reports.reporter_hash', '=', reporterHash)
    .orderBy('reports.received_at', 'desc')
    .orderBy('reports.seq', 'desc')
    .execute();
  if (rows.length === 0) return [];
  const events = await db
    .selectFrom('report_status_events')
    .select(['report_id', 'status', 'cause', 'at'])
    .where(
      'report_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('report_id')
    .orderBy('id')
    .execute();
  const byReport = new Map<string, ReporterStatusEvent[]>();
  for (const e of events) {
    const list = byReport.get(e.report_id) ?? [];
    list.push({ status: e.status, cause: e.cause, at: e.at });
    byReport.set(e.report_id, list);
  }
  const feedback = await db
    .selectFrom('report_feedback')
    .select(['report_id', 'type', 'registered_at'])
    .where(
      'report_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const feedbackByReport = new Map<string, ReporterFeedback[]>();
  for (const f of feedback) {
    const list = feedbackByReport.get(f.report_id) ?? [];
    list.push({ type: f.type, at: f.registered_at });
    feedbackByReport.set(f.report_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    reporterType: r.reporter_type,
    serviceName: r.serviceName,
    serviceDaytimePhone: r.serviceDaytimePhone,
    serviceEmergencyPhone: r.serviceEmergencyPhone,
    serviceEmergencyHours: r.serviceEmergencyHours,
    receivedAt: r.received_at,
    status: r.status,
    statusChangedAt: r.status_changed_at,
    deliveryChannel: r.delivery_channel,
    events: byReport.get(r.id) ?? [],
    feedback: (feedbackByReport.get(r.id) ?? []).sort(newestFirst),
  }));
}

/** Newest first; registered in the same instant, the later step in the law's order first. */
function newestFirst(a: ReporterFeedback, b: ReporterFeedback): number {
  return b.at.getTime() - a.at.getTime() || FEEDBACK_TYPES.indexOf(b.type) - FEEDBACK_TYPES.indexOf(a.type);
}
