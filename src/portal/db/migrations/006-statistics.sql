-- Counters for the public statistics, kept apart from the reports: deleting reports (ciphertext after
-- delivery, rows by retention) never changes the history. One row per month the reports were sent
-- (Oslo time), municipality, district and measure (domain/statistics/measures.ts); no row names a
-- report or a person. Incremented in the same transaction as the submit or the delivery it counts.
create table statistics_counts (
  month date not null check (extract(day from month) = 1),
  kommunenummer text not null,
  bydelsnummer text not null,
  measure text not null,
  count bigint not null check (count >= 0),
  primary key (month, kommunenummer, bydelsnummer, measure)
);

-- The reports already sent, counted once.
insert into statistics_counts (month, kommunenummer, bydelsnummer, measure, count)
select date_trunc('month', received_at at time zone 'Europe/Oslo')::date, kommunenummer, bydelsnummer,
       case reporter_type when 'private' then 'sendt.privat' else 'sendt.offentlig' end, count(*)
from reports group by 1, 2, 3, 4;

insert into statistics_counts (month, kommunenummer, bydelsnummer, measure, count)
select date_trunc('month', received_at at time zone 'Europe/Oslo')::date, kommunenummer, bydelsnummer, 'levert.' || delivery_channel, count(*)
from reports where delivered_at is not null and delivery_channel is not null group by 1, 2, 3, 4;

insert into statistics_counts (month, kommunenummer, bydelsnummer, measure, count)
select date_trunc('month', received_at at time zone 'Europe/Oslo')::date, kommunenummer, bydelsnummer,
       'leveringstid.' || case
         when delivered_at - received_at < interval '1 hour' then 'under-1t'
         when delivered_at - received_at < interval '24 hours' then '1-24t'
         when delivered_at - received_at < interval '72 hours' then '1-3d'
         else 'over-3d' end, count(*)
from reports where delivered_at is not null group by 1, 2, 3, 4;

insert into statistics_counts (month, kommunenummer, bydelsnummer, measure, count)
select date_trunc('month', r.received_at at time zone 'Europe/Oslo')::date, r.kommunenummer, r.bydelsnummer, 'til-print', count(distinct r.id)
from reports r join report_status_events e on e.report_id = r.id and e.status = 'SENDT_PRINT'
group by 1, 2, 3, 4;
