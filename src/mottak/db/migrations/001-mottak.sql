-- Mottak: the receiving service's own database. One installation may host several services; every
-- table a caseworker reaches carries service_id, and row-level security keeps each service's rows to
-- itself as a second wall behind the queries' own `where service_id = …`.

-- The role a caseworker's request runs as (`set local role`), with the service in the setting
-- `mottak.service_id`. Roles are cluster-wide: another database may have made it already.
do $$
begin
  create role mottak_caseworker nologin;
exception when duplicate_object or unique_violation then null;
end $$;

create table services (
  id uuid primary key,
  orgnr text not null unique check (orgnr ~ '^[0-9]{9}$'),
  name text not null,
  created_at timestamptz not null default now()
);

create table caseworkers (
  id uuid primary key,
  service_id uuid not null references services,
  -- The identity provider's subject; a person moving to another service gets a new row.
  subject text not null,
  name text not null,
  email text not null default '',
  role text not null check (role in ('saksbehandler', 'leder')),
  last_login_at timestamptz not null default now(),
  unique (service_id, subject)
);

create table reports (
  -- The portal's message id: a report pulled twice is stored once.
  id uuid primary key,
  service_id uuid not null references services,
  reference text not null,
  message_type text not null,
  reporter_type text not null check (reporter_type in ('private', 'professional')),
  kommunenummer text not null,
  bydelsnummer text not null,
  bydelsnavn text not null default '',
  sent_at timestamptz not null,
  received_at timestamptz not null,
  -- § 2-1: received + 7 days (Oslo calendar).
  review_deadline date not null,
  urgent boolean not null,
  -- SSB saksinnhold codes the reporter chose (the caseworker sets the official ones on conclusion).
  categories text[] not null default '{}',
  -- For search: the children's names lowercased, and their fnr where the reporter knew it.
  child_names text not null,
  child_fnrs text[] not null default '{}',
  -- The Fiks JSON and our structured report, as received and verified.
  fiks_document jsonb not null,
  report jsonb,
  signed_at timestamptz,
  status text not null default 'ny' check (status in ('ny', 'under_behandling', 'konkludert')),
  assignee_id uuid references caseworkers,
  -- Conclusion (SSB "Konklusjon på melding").
  conclusion_code text,
  conclusion_reason text,
  concluded_at timestamptz,
  concluded_by uuid references caseworkers,
  reporter_code text,
  reporter_code_detail text,
  content_codes text[] not null default '{}',
  -- § 2-2, when an investigation is opened (conclusion code 2).
  investigation_deadline date,
  investigation_extended_reason text,
  investigation_outcome text check (investigation_outcome in ('henlagt', 'tiltak')),
  investigation_ended_at timestamptz
);
create index reports_inbox on reports (service_id, status, urgent desc, received_at desc);
create index reports_review_deadline on reports (service_id, review_deadline) where status <> 'konkludert';
create index reports_investigation_deadline on reports (service_id, investigation_deadline) where investigation_deadline is not null and investigation_outcome is null;
create index reports_child_fnrs on reports using gin (child_fnrs);
create index reports_reference on reports (service_id, reference);

create table report_files (
  report_id uuid not null references reports on delete cascade,
  service_id uuid not null references services,
  name text not null,
  content_type text not null,
  content bytea not null,
  primary key (report_id, name)
);

create table report_notes (
  id uuid primary key,
  report_id uuid not null references reports on delete cascade,
  service_id uuid not null references services,
  author_id uuid not null references caseworkers,
  created_at timestamptz not null default now(),
  body text not null check (length(body) between 1 and 10000)
);
create index report_notes_report on report_notes (report_id, created_at);

-- Feedback to the reporter: what is due and what was sent through the portal.
create table report_feedback (
  report_id uuid not null references reports on delete cascade,
  service_id uuid not null references services,
  type text not null check (type in ('mottatt', 'undersokelse-apnet', 'henlagt', 'undersokelse-henlagt', 'undersokelse-tiltak')),
  due_date date not null,
  sent_at timestamptz,
  sent_by uuid references caseworkers,
  primary key (report_id, type)
);
create index report_feedback_due on report_feedback (service_id, due_date) where sent_at is null;

-- Packages that failed decryption, signature, recipient or schema checks: kept for inspection and
-- answered `feilet`. Only ciphertext: what failed to open is not trusted to be shown.
create table refused_packages (
  id uuid primary key,
  service_id uuid not null references services,
  reference text not null,
  reason text not null,
  ciphertext bytea not null,
  received_at timestamptz not null default now()
);

-- Append-only audit log, one hash chain per service: each entry's hash covers the previous one's,
-- so an edited or removed entry breaks the chain (`npm run mottak -- verify-audit`).
create table audit_log (
  service_id uuid not null references services,
  seq bigint not null,
  at timestamptz not null,
  actor_id uuid references caseworkers,
  actor_name text not null,
  action text not null,
  report_id uuid,
  detail jsonb not null default '{}',
  ip text not null default '',
  prev_hash text not null,
  hash text not null,
  primary key (service_id, seq)
);
create index audit_log_report on audit_log (service_id, report_id);

-- The head of each chain: its row lock orders concurrent writers, and a removed tail is detected
-- because the head still names the last hash.
create table audit_heads (
  service_id uuid primary key references services,
  seq bigint not null,
  hash text not null
);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();

-- Row-level security: a caseworker's transaction sees only its own service's rows.
alter table services enable row level security;
alter table caseworkers enable row level security;
alter table reports enable row level security;
alter table report_files enable row level security;
alter table report_notes enable row level security;
alter table report_feedback enable row level security;
alter table refused_packages enable row level security;
alter table audit_log enable row level security;
alter table audit_heads enable row level security;

create policy own_service on services using (id = nullif(current_setting('mottak.service_id', true), '')::uuid);
create policy own_service on caseworkers using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
create policy own_service on reports using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
create policy own_service on report_files using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
create policy own_service on report_notes using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
create policy own_service on report_feedback using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
create policy own_service on refused_packages using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
create policy own_service on audit_log using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
create policy own_service on audit_heads using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);

grant usage on schema public to mottak_caseworker;
grant select on services, caseworkers, report_files, refused_packages to mottak_caseworker;
grant select, update on reports to mottak_caseworker;
grant select, insert on report_notes to mottak_caseworker;
grant select, insert, update on report_feedback to mottak_caseworker;
-- Insert and read only: the role cannot change or remove an entry, only add one.
grant select, insert on audit_log to mottak_caseworker;
grant select, insert, update on audit_heads to mottak_caseworker;
