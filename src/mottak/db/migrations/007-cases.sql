-- Citizen services (decision 024): a case the service opens (usually from a report that became an
-- investigation), its parties with role and fødselsnummer, its records, and which party each record
-- is exposed to. Mottak is the source; the portal's index is built from these and can be rebuilt.
create table cases (
  id uuid primary key,
  service_id uuid not null references services,
  report_id uuid references reports,
  title text not null check (length(title) between 1 and 300),
  opened_at timestamptz not null,
  opened_by uuid references caseworkers,
  closed_at timestamptz,
  -- Every change to the case, its parties, records or exposures moves changed_at; publishing sets
  -- published_at to the changed_at it published, so a change made meanwhile is published again.
  changed_at timestamptz not null,
  published_at timestamptz,
  unique (service_id, report_id)
);
create index cases_unpublished on cases (service_id) where published_at is null or published_at < changed_at;

create table case_parties (
  id uuid primary key,
  case_id uuid not null references cases on delete cascade,
  service_id uuid not null references services,
  role text not null check (role in ('HOVEDPERSON', 'MOR', 'FAR', 'MEDMOR', 'MEDFAR', 'VERGE', 'FOSTERFORELDER')),
  fnr text not null check (fnr ~ '^[0-9]{11}$'),
  first_name text not null check (length(first_name) between 1 and 100),
  last_name text not null check (length(last_name) between 1 and 100),
  unique (case_id, fnr)
);

create table case_documents (
  id uuid primary key,
  case_id uuid not null references cases on delete cascade,
  service_id uuid not null references services,
  type text not null check (type in ('VEDTAK', 'MOTEREFERAT')),
  title text not null check (length(title) between 1 and 300),
  document_date timestamptz not null,
  appeal_deadline timestamptz check (appeal_deadline is null or type = 'VEDTAK'),
  created_at timestamptz not null,
  created_by uuid references caseworkers
);
create index case_documents_case on case_documents (case_id, document_date);

create table case_exposures (
  document_id uuid not null references case_documents on delete cascade,
  party_id uuid not null references case_parties on delete cascade,
  service_id uuid not null references services,
  exposed_at timestamptz not null,
  exposed_by uuid references caseworkers,
  primary key (document_id, party_id)
);

alter table cases enable row level security;
alter table case_parties enable row level security;
alter table case_documents enable row level security;
alter table case_exposures enable row level security;
create policy own_service on cases using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
create policy own_service on case_parties using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
create policy own_service on case_documents using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
create policy own_service on case_exposures using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
grant select, insert, update on cases to mottak_caseworker;
grant select, insert, update, delete on case_parties, case_documents, case_exposures to mottak_caseworker;
