-- A service's barnevernvakt number is its own. Where none is known, both columns are empty and the
-- pages say so and point to 112; Alarmtelefonen for barn og unge (116 111) never stands in for it
-- (issue 17). Rows that used 116 111 that way lose it here; the demo seed fills in sourced numbers.
alter table services alter column emergency_phone drop not null;
alter table services alter column emergency_hours drop not null;

update services set emergency_phone = null, emergency_hours = null
  where regexp_replace(emergency_phone, '[^0-9]', '', 'g') = '116111';

alter table services add constraint services_emergency_phone_is_not_alarm_line
  check (regexp_replace(emergency_phone, '[^0-9]', '', 'g') <> '116111');
alter table services add constraint services_emergency_hours_with_phone
  check ((emergency_phone is null) = (emergency_hours is null));
