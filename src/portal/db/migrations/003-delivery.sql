-- Delivery: the status of each report and its history, the print copy, the API clients of the
-- receiving systems, and replay protection for their token grants. The outbox jobs live in
-- pg-boss's own schema on the same database.

alter table reports
  add constraint reports_status check (status in ('AKSEPTERT', 'SENDT_FAGSYSTEM', 'LEVERT', 'AVVIST_FAGSYSTEM', 'SENDT_PRINT', 'AVVIST_PRINT')),
  -- Orders the receiving system's list of pending messages; its cursor is the last seq it saw.
  add column seq bigint generated always as identity,
  add column status_changed_at timestamptz not null default now(),
  -- When a report not confirmed by the receiving system goes to print: 2 working days after sending.
  add column fagsystem_deadline_at timestamptz,
  add column delivered_at timestamptz,
  add column delivery_channel text check (delivery_channel in ('fagsystem', 'manuell', 'print')),
  -- The PDF alone, CMS-encrypted to the print provider at submit time: the portal has no plaintext later.
  add column print_package bytea,
  -- Set when the ciphertexts were deleted after delivery; metadata and counts stay.
  add column packages_deleted_at timestamptz;

create unique index reports_seq on reports (seq);
create index reports_pending on reports (service_id, seq) where status = 'SENDT_FAGSYSTEM';
create index reports_deadline on reports (fagsystem_deadline_at) where status = 'SENDT_FAGSYSTEM';
create index reports_purge on reports (delivered_at) where packages_deleted_at is null and status = 'LEVERT';

create table report_status_events (
  id bigint generated always as identity primary key,
  report_id uuid not null references reports on delete cascade,
  status text not null,
  at timestamptz not null,
  -- A code from the status machine (e.g. 'mottatt', 'feilet', 'frist-utlopt'), never report content.
  cause text not null,
  -- What the receiving system or print provider said when it refused, trimmed; never report content.
  detail text
);
create index report_status_events_report on report_status_events (report_id, id);

-- Maskinporten-style clients: a receiving system proves itself with a JWT signed by this key.
create table service_api_clients (
  client_id text primary key,
  service_id uuid not null references services,
  public_key_pem text not null,
  fingerprint_sha256 text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index service_api_clients_service on service_api_clients (service_id);

-- A JWT grant is accepted once: its jti is kept until it would have expired anyway.
create table used_grant_assertions (
  jti text primary key,
  expires_at timestamptz not null
);
create index used_grant_assertions_expires on used_grant_assertions (expires_at);
