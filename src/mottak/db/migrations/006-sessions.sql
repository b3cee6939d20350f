-- Caseworker sessions the server can end (issue 18, decision 021): logout, idle and absolute
-- timeouts, the caseworker ending their other sessions, a leader ending them, deactivation and the
-- identity provider's logout. The cookie carries a random id; this table holds only its SHA-256.
create table sessions (
  id_hash text primary key,
  -- The caseworker's id, as text: the shared session code names whose session it is this way.
  principal text not null,
  caseworker_id uuid not null references caseworkers,
  service_id uuid not null references services,
  idp_subject_hash text not null,
  idp_sid_hash text,
  user_agent text,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  idle_expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text,
  check (principal = caseworker_id::text)
);
create index sessions_principal on sessions (principal) where revoked_at is null;
create index sessions_idp_sid on sessions (idp_sid_hash) where revoked_at is null;
create index sessions_idp_subject on sessions (idp_subject_hash) where revoked_at is null;

alter table sessions enable row level security;
create policy own_service on sessions using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
-- A leader ends sessions of their own service's caseworkers; nobody inserts or deletes through the role.
grant select, update (revoked_at, revoked_reason) on sessions to mottak_caseworker;

-- A deactivated caseworker cannot log in, and their sessions end at once.
alter table caseworkers add column deactivated_at timestamptz;
grant update (deactivated_at) on caseworkers to mottak_caseworker;

create table used_logout_tokens (
  jti text primary key,
  expires_at timestamptz not null
);
