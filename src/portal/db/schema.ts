// Kysely table types; they mirror migrations/*.sql and change with them.
import type { ColumnType, Generated } from 'kysely';
import type { DeliveryChannel, ReportStatus } from '../../domain/delivery/status.ts';
import type { FeedbackType } from '../../domain/delivery/feedback.ts';
import type { SessionRow } from '../../web/server-sessions.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface MunicipalitiesTable {
  kommunenummer: string;
  name: string;
  county_number: string;
  county_name: string;
}

export interface ServicesTable {
  id: string;
  orgnr: string;
  name: string;
  daytime_phone: string;
  /** The service's own barnevernvakt; null where none is known (never 116 111, migration 008). */
  emergency_phone: string | null;
  emergency_hours: string | null;
  postal_address: string[];
  onboarded: boolean;
  created_at: Timestamp;
}

export interface DistrictsTable {
  kommunenummer: string;
  bydelsnummer: string;
  name: string;
  service_id: string;
  default_recipient: boolean;
}

export interface ServiceCertificatesTable {
  id: string;
  service_id: string;
  certificate_pem: string;
  fingerprint_sha256: string;
  not_before: Timestamp;
  not_after: Timestamp;
  created_at: Timestamp;
}

export interface DraftsTable {
  id: string;
  owner_hash: string | null;
  ciphertext: Buffer;
  created_at: Timestamp;
  updated_at: Timestamp;
  expires_at: Timestamp;
}

export interface DraftAttachmentsTable {
  id: string;
  draft_id: string;
  ciphertext: Buffer;
  size: number;
  created_at: Timestamp;
}

export interface ReportsTable {
  id: string;
  reference: string;
  submission_key: string;
  service_id: string;
  certificate_id: string;
  kommunenummer: string;
  bydelsnummer: string;
  reporter_type: 'private' | 'professional';
  reporter_hash: string;
  message_type: string;
  received_at: Timestamp;
  package: Buffer | null;
  package_size: number;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  seq: ColumnType<number, never, never>;
  status_changed_at: Generated<Date>;
  fagsystem_deadline_at: Date | null;
  delivered_at: Date | null;
  delivery_channel: DeliveryChannel | null;
  print_package: Buffer | null;
  packages_deleted_at: Date | null;
  /** CMS EnvelopedData of the reporter's email or phone, to the notice provider's certificate. */
  notice_contact: Buffer | null;
  notice_channel: NoticeChannel | null;
  /** The language the reporter used; notices are written in it. */
  reporter_language: Generated<ReporterLanguage>;
}

export type ReporterLanguage = 'nb' | 'nn' | 'en';

export type NoticeChannel = 'email' | 'sms';
export type NoticeState = 'pending' | 'sent' | 'none' | 'failed';

export interface ReportFeedbackTable {
  report_id: string;
  type: FeedbackType;
  registered_at: Timestamp;
  notice: NoticeState;
  notice_handled_at: Date | null;
}


export interface ReportStatusEventsTable {
  id: ColumnType<number, never, never>;
  report_id: string;
  status: ReportStatus;
  at: Timestamp;
  cause: string;
  detail: string | null;
}

export interface ServiceApiClientsTable {
  client_id: string;
  service_id: string;
  public_key_pem: string;
  fingerprint_sha256: string;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}

export interface UsedGrantAssertionsTable {
  jti: string;
  expires_at: Timestamp;
}

export interface ReportReceiptsTable {
  report_id: string;
  ciphertext: Buffer;
  expires_at: Timestamp;
}

export interface StatisticsCountsTable {
  /** `YYYY-MM-01`: the month the counted reports were sent, Oslo time. */
  month: ColumnType<string, string, never>;
  kommunenummer: string;
  bydelsnummer: string;
  measure: string;
  count: ColumnType<number, number, number>;
}

/** A receiving service's own figures (migration 007), per month and measure, as it last sent them. */
export interface ServiceStatisticsTable {
  service_id: string;
  month: ColumnType<string, string, never>;
  measure: string;
  count: ColumnType<number, number, number>;
}

export interface ServiceStatisticsSendersTable {
  service_id: string;
  sent_at: Timestamp;
}

/** Server-side sessions (migration 009): the web kit's session row, which it reads and writes. */
export type SessionsTable = SessionRow;

export interface UsedLogoutTokensTable {
  jti: string;
  expires_at: Timestamp;
}

/** Citizen services (decision 024): one sealed projection item per (service, message, person). */
export interface InnsynItemsTable {
  service_id: string;
  message_id: string;
  person_hash: string;
  kind: 'mappe' | 'journalpost';
  parent_message_id: string | null;
  sealed: Buffer;
  wrapped_key: Buffer;
  replay_id: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  closed_at: Date | null;
  indexed_at: Timestamp;
}

export interface InnsynReplaysTable {
  id: Generated<string>;
  service_id: string;
  started_at: Timestamp;
  completed_at: Date | null;
}

export interface DB {
  innsyn_items: InnsynItemsTable;
  innsyn_replays: InnsynReplaysTable;
  sessions: SessionsTable;
  used_logout_tokens: UsedLogoutTokensTable;
  statistics_counts: StatisticsCountsTable;
  service_statistics: ServiceStatisticsTable;
  service_statistics_senders: ServiceStatisticsSendersTable;
  municipalities: MunicipalitiesTable;
  services: ServicesTable;
  districts: DistrictsTable;
  service_certificates: ServiceCertificatesTable;
  drafts: DraftsTable;
  draft_attachments: DraftAttachmentsTable;
  reports: ReportsTable;
  report_receipts: ReportReceiptsTable;
  report_status_events: ReportStatusEventsTable;
  report_feedback: ReportFeedbackTable;
  service_api_clients: ServiceApiClientsTable;
  used_grant_assertions: UsedGrantAssertionsTable;
}
