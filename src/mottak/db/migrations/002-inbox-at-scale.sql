-- The inbox at 1,000,000 reports (issue 5, bench/inbox-scale.bench.ts). What EXPLAIN ANALYZE showed
-- on a generated installation, and what each change below answers.

-- 1. "All reports" sorted open-first, urgent on top, newest first had to sort the whole service
-- (a third of a million rows for a big one) to show 50. This index is that order, so a page is read
-- off it; inbox-queries.ts sorts by the same expression `status = 'konkludert'` (false first).
create index reports_inbox_order on reports (service_id, (status = 'konkludert'), urgent desc, received_at desc, id);

-- The default view, open reports only: the same order within the open ones, so the first page is
-- read off the index rather than sorting every open report of the service.
create index reports_open_inbox on reports (service_id, urgent desc, received_at desc, id) where status <> 'konkludert';

-- "My reports" (the assignee filter) is the view a caseworker opens most after the default; in the
-- same order, so it reads 50 rows rather than skipping past everyone else's.
create index reports_inbox_assignee on reports (service_id, assignee_id, (status = 'konkludert'), urgent desc, received_at desc, id);

-- 2. The district filter's list was `select distinct` over every report of the service. With this
-- index listServiceDistricts skips from one (district, name) to the next: a probe per district.
create index reports_districts on reports (service_id, bydelsnummer, bydelsnavn);

-- 3. Search by fnr and by name under row-level security. A caseworker's query runs as
-- mottak_caseworker, and PostgreSQL then uses an index for a condition only when its operator is
-- leakproof: `=` on uuid or text is, but array `@>`/`&&` and `like` are not. So the GIN index on
-- child_fnrs was never used for a caseworker, and a search for one fnr read every report of the
-- service (also the report page's "earlier reports about the same child").
--
-- These functions find the ids with the indexes, as the tables' owner. In a caseworker's
-- transaction (inServiceScope) they answer only when the service named is the one the transaction
-- is scoped to, the very setting the row-level policies read; the caller's query then reads the
-- rows themselves as before, under its own `where service_id` and the policies, so an id of another
-- service would find nothing. Without a scope (the owner: the pull worker, the CLI, tests) the
-- named service is taken as given, as the owner's own queries are.
create function reports_with_child_fnr(service uuid, fnrs text[]) returns setof uuid
  language sql stable security definer set search_path = pg_catalog, public rows 10
as $$
  -- Materialized, so the plan reads the fnr index alone: a function's query is planned without its
  -- arguments' values, and that plan also scanned the service's whole range of an index on
  -- service_id to intersect with, most of the time spent. Few reports carry one child's fnr.
  with matches as materialized (select id, service_id from public.reports where child_fnrs && fnrs)
  select id from matches
  where service_id = service
    and service = coalesce(nullif(current_setting('mottak.service_id', true), '')::uuid, service)
$$;

-- `pattern` is a LIKE pattern with its wildcards escaped by the caller (inbox-queries.ts).
create function reports_with_child_name(service uuid, pattern text) returns setof uuid
  language sql stable security definer set search_path = pg_catalog, public rows 200
as $$
  -- As above: the trigram index alone. The caller searches this way only for three characters or
  -- more, where trigrams narrow the reports down.
  with matches as materialized (select id, service_id from public.reports where child_names like pattern)
  select id from matches
  where service_id = service
    and service = coalesce(nullif(current_setting('mottak.service_id', true), '')::uuid, service)
$$;

revoke all on function reports_with_child_fnr(uuid, text[]) from public;
revoke all on function reports_with_child_name(uuid, text) from public;
grant execute on function reports_with_child_fnr(uuid, text[]) to mottak_caseworker;
grant execute on function reports_with_child_name(uuid, text) to mottak_caseworker;

-- A substring search needs trigrams. pg_trgm is a trusted extension (PostgreSQL 13+: a database
-- owner may create it) but the embedded database does not load it; there the name search reads the
-- service's names as before. Results are the same either way.
do $$
begin
  create extension if not exists pg_trgm;
  create index reports_child_names_trgm on reports using gin (child_names gin_trgm_ops);
exception when others then
  raise notice 'pg_trgm is not available (%): name search without a trigram index', sqlerrm;
end $$;

-- 4. The manager's log page re-verified the whole audit chain on every view: O(entries), seconds
-- for a big service. It now verifies from the last checkpoint it verified (audit-log.ts), and
-- re-checks one slice of the older entries per view, cycling through the chain (`recheck_seq`:
-- where the next slice starts). `npm run mottak -- verify-audit` still checks every entry.
create table audit_checkpoints (
  service_id uuid primary key references services,
  seq bigint not null,
  hash text not null,
  recheck_seq bigint not null default 1,
  verified_at timestamptz not null
);
alter table audit_checkpoints enable row level security;
create policy own_service on audit_checkpoints using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
grant select, insert, update on audit_checkpoints to mottak_caseworker;
