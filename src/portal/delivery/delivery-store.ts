// Status changes of a report, each with its event and its statistics count, in one transaction. The row lock makes two
// workers (or a worker and a receipt from the receiving system) agree on one outcome.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { TRANSITIONS, canTransition, type ReportStatus, type TransitionCause } from '../../domain/delivery/status.ts';
import { countTransition } from '../statistics/count-reports.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export async function inTransaction<T>(db: Db, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}

export interface TransitionResult {
  changed: boolean;
  /** The status after the call: the new one, or the unchanged current one. */
  status: ReportStatus;
}

export interface TransitionOptions {
  at: Date;
  /** What the other side said, for the record; trimmed. Never report content. */
  detail?: string;
  /** Only a report of this service moves: authorization inside the query. */
  serviceId?: string;
  fagsystemDeadlineAt?: Date;
}

const MAX_DETAIL = 500;

/** Moves a report by `cause` if the status machine allows it; undefined if there is no such report. */
export async function transitionReport(db: Db, reportId: string, cause: TransitionCause, options: TransitionOptions): Promise<TransitionResult | undefined> {
  return inTransaction(db, async (trx) => {
    let query = trx.selectFrom('reports').select(['status', 'received_at', 'kommunenummer', 'bydelsnummer']).where('id', '=', reportId);
    if (options.serviceId) query = query.where('service_id', '=', options.serviceId);
    const row = await query.forUpdate().executeTakeFirst();
    if (!row) return undefined;
    if (!canTransition(row.status, cause)) return { changed: false, status: row.status };
    const { to, channel } = TRANSITIONS[cause];
    await trx
      .updateTable('reports')
      .set({
        status: to,
        status_changed_at: options.at,
        ...(channel ? { delivery_channel: channel, delivered_at: options.at } : {}),
        ...(options.fagsystemDeadlineAt ? { fagsystem_deadline_at: options.fagsystemDeadlineAt } : {}),
      })
      .where('id', '=', reportId)
      .execute();
    await trx
      .insertInto('report_status_events')
      .values({ report_id: reportId, status: to, at: options.at, cause, detail: cleanDetail(options.detail) })
      .execute();
    await countTransition(trx, { receivedAt: row.received_at, kommunenummer: row.kommunenummer, bydelsnummer: row.bydelsnummer }, cause, options.at);
    return { changed: true, status: to };
  });
}

/** The first event, written with the report itself at submit. */
export async function recordAccepted(trx: Transaction<DB>, reportId: string, at: Date): Promise<void> {
  await trx.insertInto('report_status_events').values({ report_id: reportId, status: 'AKSEPTERT', at, cause: 'innsendt', detail: null }).execute();
}

function cleanDetail(detail: string | undefined): string | null {
  if (!detail) return null;
  // Control characters would garble logs and pages; the length is bounded for the same reason.
  const clean = detail.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MAX_DETAIL);
  return clean || null;
}

export interface StatusEvent {
  status: ReportStatus;
  at: Date;
  cause: string;
  detail: string | null;
}

export async function listStatusEvents(db: Db, reportId: string): Promise<StatusEvent[]> {
  return db.selectFrom('report_status_events').select(['status', 'at', 'cause', 'detail']).where('report_id', '=', reportId).orderBy('id').execute();
}
