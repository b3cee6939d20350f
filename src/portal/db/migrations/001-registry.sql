-- Registry: municipalities (SSB), the receiving services, what each serves, and their certificates.

create table municipalities (
  kommunenummer text primary key check (kommunenummer ~ '^[0-9]{4}$'),
  name text not null,
  county_number text not null check (county_number ~ '^[0-9]{2}$'),
  county_name text not null
);

create table services (
  id uuid primary key,
  orgnr text not null unique check (orgnr ~ '^[0-9]{9}$'),
  name text not null,
  daytime_phone text not null,
  emergency_phone text not null,
  emergency_hours text not null,
  -- Lines of the postal address, in order, for reports sent by post.
  postal_address text[] not null,
  onboarded boolean not null default false,
  created_at timestamptz not null default now()
);

-- What a service serves: a whole municipality (bydelsnummer '00') or one district of it.
-- An inter-municipal service has one row per municipality it serves.
create table districts (
  kommunenummer text not null references municipalities,
  bydelsnummer text not null check (bydelsnummer ~ '^[0-9]{2}$'),
  name text not null,
  service_id uuid not null references services,
  -- Where a report goes when the reporter does not know the district (Fiks standardMottaker).
  default_recipient boolean not null default false,
  primary key (kommunenummer, bydelsnummer)
);
create unique index districts_one_default_per_municipality on districts (kommunenummer) where default_recipient;
create index districts_service on districts (service_id);

create table service_certificates (
  id uuid primary key,
  service_id uuid not null references services,
  certificate_pem text not null,
  fingerprint_sha256 text not null unique,
  not_before timestamptz not null,
  not_after timestamptz not null,
  created_at timestamptz not null default now(),
  check (not_before < not_after)
);
create index service_certificates_service on service_certificates (service_id, not_before desc);
