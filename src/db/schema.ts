// Kysely table types; they mirror migrations/*.sql and change with them.
import type { ColumnType, Generated } from 'kysely';

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
  emergency_phone: string;
  emergency_hours: string;
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
  status: Generated<string>;
}

export interface ReportReceiptsTable {
  report_id: string;
  ciphertext: Buffer;
  expires_at: Timestamp;
}

export interface DB {
  municipalities: MunicipalitiesTable;
  services: ServicesTable;
  districts: DistrictsTable;
  service_certificates: ServiceCertificatesTable;
  drafts: DraftsTable;
  draft_attachments: DraftAttachmentsTable;
  reports: ReportsTable;
  report_receipts: ReportReceiptsTable;
}
