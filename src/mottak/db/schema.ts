// Kysely table types of mottak's own database; they mirror mottak/db/migrations/*.sql.
import type { ColumnType } from 'kysely';
import type { SessionRow } from '../../web/server-sessions.ts';
import type { InnsynPartRolle } from '../../domain/innsyn/validate-innsyn.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A calendar date as 'YYYY-MM-DD' (db/database.ts keeps DATE as a string). */
type LocalDate = string;

export type CaseworkerRole = 'saksbehandler' | 'leder';
export type ReportProgress = 'ny' | 'under_behandling' | 'konkludert';
export type FeedbackType = 'mottatt' | 'undersokelse-apnet' | 'henlagt' | 'undersokelse-henlagt' | 'undersokelse-tiltak';

export interface ServicesTable {
  id: string;
  orgnr: string;
  name: string;
  created_at: Timestamp;
}

export interface CaseworkersTable {
  id: string;
  service_id: string;
  subject: string;
  name: string;
  email: ColumnType<string, string | undefined, string>;
  role: CaseworkerRole;
  last_login_at: Timestamp;
  deactivated_at: NullableTimestamp;
}

/** Server-side sessions (migration 006): the web kit's session row, which it reads and writes, plus the caseworker. */
export interface SessionsTable extends SessionRow {
  caseworker_id: string;
  service_id: string;
}

export interface UsedLogoutTokensTable {
  jti: string;
  expires_at: Timestamp;
}

export interface ReportsTable {
  id: string;
  service_id: string;
  reference: string;
  message_type: string;
  reporter_type: 'private' | 'professional';
  kommunenummer: string;
  bydelsnummer: string;
  bydelsnavn: string;
  sent_at: Timestamp;
  received_at: Timestamp;
  review_deadline: LocalDate;
  urgent: boolean;
  categories: string[];
  child_names: string;
  child_fnrs: string[];
  fiks_document: ColumnType<unknown, string, string>;
  report: ColumnType<unknown, string | null, string | null>;
  signed_at: NullableTimestamp;
  status: ColumnType<ReportProgress, ReportProgress | undefined, ReportProgress>;
  assignee_id: string | null;
  conclusion_code: string | null;
  conclusion_reason: string | null;
  conclusion_obviously_groundless: ColumnType<boolean, boolean | undefined, boolean>;
  concluded_at: NullableTimestamp;
  concluded_by: string | null;
  reporter_code: string | null;
  reporter_code_detail: string | null;
  content_codes: ColumnType<string[], string[] | undefined, string[]>;
  investigation_deadline: LocalDate | null;
  investigation_extended_reason: string | null;
  investigation_outcome: 'henlagt' | 'tiltak' | null;
  investigation_ended_at: NullableTimestamp;
  review_counted: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ReportFilesTable {
  report_id: string;
  service_id: string;
  name: string;
  content_type: string;
  content: Buffer;
}

export interface ReportNotesTable {
  id: string;
  report_id: string;
  service_id: string;
  author_id: string;
  created_at: Timestamp;
  body: string;
}

export interface ReportFeedbackTable {
  report_id: string;
  service_id: string;
  type: FeedbackType;
  due_date: LocalDate;
  sent_at: NullableTimestamp;
  sent_by: string | null;
  counted: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface RefusedPackagesTable {
  id: string;
  service_id: string;
  reference: string;
  reason: string;
  ciphertext: Buffer;
  received_at: Timestamp;
}

export interface AuditLogTable {
  service_id: string;
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  report_id: string | null;
  detail: ColumnType<Record<string, unknown>, string, never>;
  ip: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  service_id: string;
  seq: number;
  hash: string;
}

/** The last entry the log page verified, and where its next re-check of older entries starts. */
export interface AuditCheckpointsTable {
  service_id: string;
  seq: number;
  hash: string;
  recheck_seq: ColumnType<number, number | undefined, number>;
  verified_at: Timestamp;
}

/** The statistics counters (migration 003): per service, month of receipt and measure. */
export interface StatisticsCountsTable {
  service_id: string;
  month: ColumnType<string, string, string>;
  measure: string;
  count: ColumnType<number, number, number>;
}

/** What the service last sent the portal; `version` moves with every change to its counters. */
export interface StatisticsPublicationsTable {
  service_id: string;
  version: ColumnType<number, number | undefined, number>;
  published_version: number | null;
  published_at: NullableTimestamp;
}

/** Citizen services (decision 024, migration 007): a case, its parties, records and exposures. */
export interface CasesTable {
  id: string;
  service_id: string;
  report_id: string | null;
  title: string;
  opened_at: Timestamp;
  opened_by: string | null;
  closed_at: NullableTimestamp;
  changed_at: Timestamp;
  published_at: NullableTimestamp;
}

export interface CasePartiesTable {
  id: string;
  case_id: string;
  service_id: string;
  role: InnsynPartRolle;
  fnr: string;
  first_name: string;
  last_name: string;
}

export interface CaseDocumentsTable {
  id: string;
  case_id: string;
  service_id: string;
  type: 'VEDTAK' | 'MOTEREFERAT';
  title: string;
  document_date: Timestamp;
  appeal_deadline: NullableTimestamp;
  created_at: Timestamp;
  created_by: string | null;
}

export interface CaseExposuresTable {
  document_id: string;
  party_id: string;
  service_id: string;
  exposed_at: Timestamp;
  exposed_by: string | null;
}

export interface MottakDB {
  cases: CasesTable;
  case_parties: CasePartiesTable;
  case_documents: CaseDocumentsTable;
  case_exposures: CaseExposuresTable;
  sessions: SessionsTable;
  used_logout_tokens: UsedLogoutTokensTable;
  services: ServicesTable;
  caseworkers: CaseworkersTable;
  reports: ReportsTable;
  report_files: ReportFilesTable;
  report_notes: ReportNotesTable;
  report_feedback: ReportFeedbackTable;
  refused_packages: RefusedPackagesTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  audit_checkpoints: AuditCheckpointsTable;
  statistics_counts: StatisticsCountsTable;
  statistics_publications: StatisticsPublicationsTable;
}
