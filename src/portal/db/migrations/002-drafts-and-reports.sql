-- Drafts and submitted reports. The portal never stores a report's plaintext: drafts are encrypted
-- with a key that lives only in the reporter's session cookie; submitted reports only as CMS
-- ciphertext to the receiving service's certificate.

create table drafts (
  id uuid primary key,
  -- HMAC of the logged-in reporter's fnr, so a resumed session must be the same person. Null before login.
  owner_hash text,
  -- AES-256-GCM: 12-byte IV, 16-byte tag, then the ciphertext of the draft JSON.
  ciphertext bytea not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index drafts_expires_at on drafts (expires_at);

create table draft_attachments (
  id uuid primary key,
  draft_id uuid not null references drafts on delete cascade,
  ciphertext bytea not null,
  size integer not null check (size > 0),
  created_at timestamptz not null default now()
);
create index draft_attachments_draft on draft_attachments (draft_id);

create table reports (
  id uuid primary key,
  -- Shown to the reporter; random, so it reveals nothing about volume.
  reference text not null unique check (reference ~ '^BM-[0-9A-Z]{4}-[0-9A-Z]{4}$'),
  -- Derived from the draft id: a double click, a back button or a retry finds the same report.
  submission_key text not null unique,
  service_id uuid not null references services,
  certificate_id uuid not null references service_certificates,
  kommunenummer text not null,
  bydelsnummer text not null,
  reporter_type text not null check (reporter_type in ('private', 'professional')),
  -- HMAC of the reporter's fnr: lets the reporter list their own reports without storing the fnr.
  reporter_hash text not null,
  message_type text not null,
  received_at timestamptz not null default now(),
  -- CMS EnvelopedData of the package; deleted after confirmed delivery.
  package bytea,
  package_size integer not null,
  status text not null default 'AKSEPTERT'
);
create index reports_service on reports (service_id, received_at);
create index reports_reporter on reports (reporter_hash, received_at desc);

-- The reporter's own PDF copy, encrypted with the key from their session cookie; short-lived.
create table report_receipts (
  report_id uuid primary key references reports on delete cascade,
  ciphertext bytea not null,
  expires_at timestamptz not null
);
create index report_receipts_expires_at on report_receipts (expires_at);
