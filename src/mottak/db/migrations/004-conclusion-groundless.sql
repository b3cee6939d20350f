-- Whether the caseworker ticked "obviously groundless" (§ 2-1) when concluding. Before this column
-- the page inferred it from a missing reason, and so told every investigation concluded without
-- reasons that it was groundless. A closed report without reasons could only be concluded with the
-- box ticked, so those rows are set; the others (with reasons, or not closed) cannot be known and
-- stay false. The closing codes are SSB's (domain/ssb-codes.ts), fixed here as of this migration.
alter table reports add column conclusion_obviously_groundless boolean not null default false;
update reports set conclusion_obviously_groundless = true
  where conclusion_reason is null and conclusion_code in ('1', '3', '5', '6', '7', '8', '9', '10');
