// What the inbox lists and how it filters. Every query takes the caseworker's service id and runs in
// inServiceScope: a report of another service is not found, whatever id or search is given.
import { sql } from 'kysely';
import type { MottakDb } from '../db/mottak-database.ts';
import type { ReportProgress } from '../db/schema.ts';
import type { ChildSources } from '../report/report-view.ts';

export const INBOX_PAGE_SIZE = 50;

export interface InboxFilter {
  status: 'apne' | 'alle' | ReportProgress;
  urgentOnly: boolean;
  /** A caseworker id, 'ingen' for unassigned, or '' for all. */
  assignee: string;
  category: string;
  district: string;
  search: string;
  page: number;
}

export interface InboxRow {
  id: string;
  reference: string;
  receivedAt: Date;
  sentAt: Date;
  reviewDeadline: string;
  urgent: boolean;
  status: ReportProgress;
  /** Names and what tells their ages, for the list to show "Mia Strand (ca. 6 år)". */
  children: ChildSources;
  assigneeName: string | null;
  bydelsnavn: string;
  reporterType: 'private' | 'professional';
  concludedAt: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Escapes LIKE's wildcards so a search for "50%" finds "50%" rather than everything. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listInbox(db: MottakDb, serviceId: string, filter: InboxFilter): Promise<{ rows: InboxRow[]; more: boolean }> {
  let query = db
    .selectFrom('reports')
    .leftJoin('caseworkers', 'caseworkers.id', 'reports.assignee_id')
    .select([
      'reports.id',
      'reports.reference',
      'reports.received_at',
      'reports.sent_at',
      'reports.review_deadline',
      'reports.urgent',
      'reports.status',
      // Only the lists of children, not the whole documents: a page is 50 rows.
      sql<ChildSources['reportChildren']>`reports.report -> 'children'`.as('reportChildren'),
      sql<ChildSources['offentligBarn']>`reports.fiks_document -> 'offentligBarn'`.as('offentligBarn'),
      sql<ChildSources['privatBarn']>`reports.fiks_document -> 'privatBarn'`.as('privatBarn'),
      'caseworkers.name as assigneeName',
      'reports.bydelsnavn',
      'reports.reporter_type',
      'reports.concluded_at',
    ])
    .where('reports.service_id', '=', serviceId);
  if (filter.status === 'apne') query = query.where('reports.status', '<>', 'konkludert');
  else if (filter.status !== 'alle') query = query.where('reports.status', '=', filter.status);
  if (filter.urgentOnly) query = query.where('reports.urgent', '=', true);
  if (filter.assignee === 'ingen') query = query.where('reports.assignee_id', 'is', null);
  else if (isUuid(filter.assignee)) query = query.where('reports.assignee_id', '=', filter.assignee);
  if (filter.category) {
    query = query.where(sql<boolean>`(reports.categories @> ${sql.val([filter.category])}::text[] or reports.content_codes @> ${sql.val([filter.category])}::text[])`);
  }
  if (filter.district) query = query.where('reports.bydelsnummer', '=', filter.district);
  const search = filter.search.trim();
  if (search) {
    const digits = search.replace(/\s/g, '');
    // fnr and name go through functions that can use their indexes under row-level security
    // (migration 002 says why); the reference is a plain `=`, which can. The ids are gathered
    // first (`= any(array(…))`) so the planner fetches those rows by key: as `in (select …)` it
    // guessed half the service would match and walked the inbox order instead, filtering.
    if (/^\d{11}$/.test(digits)) query = query.where(sql<boolean>`reports.id = any(array(select reports_with_child_fnr(${serviceId}, ${sql.val([digits])}::text[])))`);
    else if (/^BM-[0-9A-Z]{4}-[0-9A-Z]{4}$/i.test(search)) query = query.where('reports.reference', '=', search.toUpperCase());
    // One or two letters match a large share of reports (and make no trigram): the inbox order
    // finds a page of them quickly, the index would not.
    else if (search.length < 3) query = query.where('reports.child_names', 'like', likePattern(search.toLowerCase()));
    else query = query.where(sql<boolean>`reports.id = any(array(select reports_with_child_name(${serviceId}, ${likePattern(search.toLowerCase())})))`);
  }
  // Open before concluded (false sorts first), as the index reports_inbox_order has it. Only "all"
  // mixes the two; any other status filter leaves that key constant, and without it the open
  // reports come straight off the partial index reports_open_inbox.
  if (filter.status === 'alle') query = query.orderBy(sql`reports.status = 'konkludert'`);
  const rows = await query
    .orderBy('reports.urgent', 'desc')
    .orderBy('reports.received_at', 'desc')
    .orderBy('reports.id')
    .limit(INBOX_PAGE_SIZE + 1)
    .offset((filter.page - 1) * INBOX_PAGE_SIZE)
    .execute();
  return {
    more: rows.length > INBOX_PAGE_SIZE,
    rows: rows.slice(0, INBOX_PAGE_SIZE).map((r) => ({
      id: r.id,
      reference: r.reference,
      receivedAt: r.received_at,
      sentAt: r.sent_at,
      reviewDeadline: r.review_deadline,
      urgent: r.urgent,
      status: r.status,
      children: { reportChildren: r.reportChildren, offentligBarn: r.offentligBarn, privatBarn: r.privatBarn },
      assigneeName: r.assigneeName,
      bydelsnavn: r.bydelsnavn,
      reporterType: r.reporter_type,
      concludedAt: r.concluded_at,
    })),
  };
}

export async function listServiceCaseworkers(db: MottakDb, serviceId: string): Promise<{ id: string; name: string; role: string }[]> {
  return db.selectFrom('caseworkers').select(['id', 'name', 'role']).where('service_id', '=', serviceId).orderBy('name').execute();
}

/**
 * The districts the service's reports came from. A `select distinct` would read every report; this
 * walks the index reports_districts from one (district, name) pair to the next, one probe each.
 */
export async function listServiceDistricts(db: MottakDb, serviceId: string): Promise<{ bydelsnummer: string; bydelsnavn: string }[]> {
  const { rows } = await sql<{ bydelsnummer: string; bydelsnavn: string }>`
    with recursive districts as (
      (select bydelsnummer, bydelsnavn from reports where service_id = ${serviceId}
       order by bydelsnummer, bydelsnavn limit 1)
      union all
      select next.bydelsnummer, next.bydelsnavn
      from districts, lateral (
        select bydelsnummer, bydelsnavn from reports
        where service_id = ${serviceId} and (bydelsnummer, bydelsnavn) > (districts.bydelsnummer, districts.bydelsnavn)
        order by bydelsnummer, bydelsnavn limit 1
      ) as next
    )
    select bydelsnummer, bydelsnavn from districts where bydelsnummer <> '00' order by bydelsnummer, bydelsnavn`.execute(db);
  return rows;
}
