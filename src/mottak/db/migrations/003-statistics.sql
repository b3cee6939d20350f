-- Counters for the statistics (issue 7), kept apart from the reports: deleting a report never changes
-- the history. One row per service, month the report was made available (Oslo time) and measure
-- (domain/statistics/mottak-measures.ts); no row names a report or a person. Incremented in the
-- same transaction as the receipt, conclusion or feedback it counts.
create table statistics_counts (
  service_id uuid not null references services,
  month date not null check (extract(day from month) = 1),
  measure text not null,
  count bigint not null check (count >= 0),
  primary key (service_id, month, measure)
);

-- Whether the report's review (§ 2-1) has been counted as within or past its deadline; a deadline
-- that passes without a conclusion is counted then, not when the conclusion finally comes.
alter table reports add column review_counted boolean not null default false;
create index reports_review_uncounted on reports (service_id, review_deadline) where not review_counted;
-- Likewise for each feedback that falls due.
alter table report_feedback add column counted boolean not null default false;
create index report_feedback_uncounted on report_feedback (service_id, due_date) where not counted;

-- What each service last sent the portal. Every change to a service's counters adds one to
-- `version` in the same transaction; the publisher reads the version before the counts it sends and
-- records it as published, so a change committed meanwhile leaves the two apart and is sent next time.
create table statistics_publications (
  service_id uuid primary key references services,
  version bigint not null default 0,
  published_version bigint,
  published_at timestamptz
);

alter table statistics_counts enable row level security;
alter table statistics_publications enable row level security;
create policy own_service on statistics_counts using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
create policy own_service on statistics_publications using (service_id = nullif(current_setting('mottak.service_id', true), '')::uuid);
grant select, insert, update on statistics_counts to mottak_caseworker;
grant select, insert, update on statistics_publications to mottak_caseworker;

-- The reports already here, counted once. Deadlines that passed unconcluded are left to the
-- publisher's sweep, which knows today's date.
insert into statistics_counts (service_id, month, measure, count)
select service_id, date_trunc('month', sent_at at time zone 'Europe/Oslo')::date,
       case when urgent then 'mottatt.haster' else 'mottatt.ikke-haster' end, count(*)
from reports group by 1, 2, 3;

insert into statistics_counts (service_id, month, measure, count)
select service_id, month, measure, count(*) from (
  select service_id, date_trunc('month', sent_at at time zone 'Europe/Oslo')::date as month, 'konklusjon.' || conclusion_code as measure
  from reports where conclusion_code is not null
  union all
  select service_id, date_trunc('month', sent_at at time zone 'Europe/Oslo')::date, 'melder.' || reporter_code
  from reports where conclusion_code is not null and reporter_code is not null
  union all
  select service_id, date_trunc('month', sent_at at time zone 'Europe/Oslo')::date,
         case when (concluded_at at time zone 'Europe/Oslo')::date <= review_deadline then 'gjennomgang.innen-frist' else 'gjennomgang.over-frist' end
  from reports where conclusion_code is not null
  union all
  select service_id, date_trunc('month', sent_at at time zone 'Europe/Oslo')::date, 'undersokelse.apnet'
  from reports where conclusion_code = '2'
  union all
  select service_id, date_trunc('month', sent_at at time zone 'Europe/Oslo')::date, 'undersokelse.' || investigation_outcome
  from reports where investigation_outcome is not null
) as counted(service_id, month, measure)
group by 1, 2, 3;

-- Each main area once per report, however many of its codes were chosen.
insert into statistics_counts (service_id, month, measure, count)
select service_id, month, measure, count(*) from (
  select distinct r.id, r.service_id, date_trunc('month', r.sent_at at time zone 'Europe/Oslo')::date as month, 'saksinnhold.' || split_part(c.code, '.', 1) as measure
  from reports r cross join lateral unnest(r.content_codes) as c(code) where r.conclusion_code is not null
) as areas
group by 1, 2, 3;

update reports set review_counted = true where conclusion_code is not null;

insert into statistics_counts (service_id, month, measure, count)
select f.service_id, date_trunc('month', r.sent_at at time zone 'Europe/Oslo')::date,
       case when (f.sent_at at time zone 'Europe/Oslo')::date <= f.due_date then 'tilbakemelding.i-tide' else 'tilbakemelding.for-sent' end, count(*)
from report_feedback f join reports r on r.id = f.report_id
where f.sent_at is not null group by 1, 2, 3;

update report_feedback set counted = true where sent_at is not null;

insert into statistics_publications (service_id, version)
select distinct service_id, 1 from statistics_counts;
