-- Sessions the server can end (issue 18, decision 021). The cookie carries a random id; this table
-- holds only its SHA-256, with the lifetimes and whether it was ended. `principal` is the keyed hash
-- the drafts already use for their owner, never the fnr; the identity provider's subject and
-- session id are keyed hashes too, kept only so its logout can find the session.
create table sessions (
  id_hash text primary key,
  principal text not null,
  idp_subject_hash text not null,
  idp_sid_hash text,
  user_agent text,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  idle_expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text
);
create index sessions_principal on sessions (principal) where revoked_at is null;
create index sessions_idp_sid on sessions (idp_sid_hash) where revoked_at is null;
create index sessions_idp_subject on sessions (idp_subject_hash) where revoked_at is null;

-- A back-channel logout token is acted on once: a replay of the same jti is refused.
create table used_logout_tokens (
  jti text primary key,
  expires_at timestamptz not null
);
