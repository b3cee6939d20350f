-- What each receiving service's own system sends of its statistics (PUT /api/v1/mottak/statistikk):
-- aggregates per month and measure (domain/statistics/mottak-measures.ts), never a row of a report.
-- A month sent again replaces that month's figures; only the latest of each is kept.
create table service_statistics (
  service_id uuid not null references services,
  month date not null check (extract(day from month) = 1),
  measure text not null,
  count bigint not null check (count >= 0),
  primary key (service_id, month, measure)
);

-- When each service last sent its figures: the page says how many services they come from.
create table service_statistics_senders (
  service_id uuid primary key references services,
  sent_at timestamptz not null
);
