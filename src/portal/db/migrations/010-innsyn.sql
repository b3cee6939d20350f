-- Citizen services (decision 024): the projections a receiving service indexes, one per party.
-- Each item is sealed under a data key of its own, stored wrapped by the innsyn key, which is not in
-- the database. The person is a keyed hash of the fnr, never the fnr.
create table innsyn_items (
  service_id uuid not null references services on delete cascade,
  message_id uuid not null,
  person_hash text not null,
  kind text not null check (kind in ('mappe', 'journalpost')),
  -- A journalpost's mappe (forelderMeldingId); shown only when that mappe is indexed for the person.
  parent_message_id uuid,
  sealed bytea not null,
  wrapped_key bytea not null,
  -- The replay that last wrote the item; completing a replay deletes what it did not write.
  replay_id bigint,
  -- A mappe's `avsluttet`: its items go when the retention after closing ends.
  closed_at timestamptz,
  indexed_at timestamptz not null,
  primary key (service_id, message_id, person_hash),
  check (kind = 'journalpost' or parent_message_id is null)
);

create index innsyn_items_person on innsyn_items (person_hash, service_id);
-- The retention sweep finds closed folders without reading every item.
create index innsyn_items_closed on innsyn_items (closed_at) where kind = 'mappe' and closed_at is not null;

create table innsyn_replays (
  id bigserial primary key,
  service_id uuid not null references services on delete cascade,
  started_at timestamptz not null,
  completed_at timestamptz
);
