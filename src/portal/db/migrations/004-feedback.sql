-- Feedback to the reporter: the receiving service registers a code through the delivery API, the
-- reporter reads a standard text on Mine meldinger and gets a notice by email or SMS. No free text:
-- nothing of the report can come back through the portal.

create table report_feedback (
  report_id uuid not null references reports on delete cascade,
  type text not null check (type in ('mottatt', 'undersokelse-apnet', 'henlagt', 'undersokelse-henlagt', 'undersokelse-tiltak')),
  -- The first registration; the same code again changes nothing.
  registered_at timestamptz not null,
  -- The notice to the reporter: queued, handed to the provider, not possible (no contact), or given up.
  notice text not null check (notice in ('pending', 'sent', 'none', 'failed')),
  notice_handled_at timestamptz,
  primary key (report_id, type)
);

alter table reports
  -- How the reporter asked to be reached (a professional's email, a private reporter's phone),
  -- CMS-encrypted at submit to the notice provider's certificate: the portal cannot read it later.
  -- Null when no contact was given, and deleted once no more feedback can come.
  add column notice_contact bytea,
  add column notice_channel text check (notice_channel in ('email', 'sms')),
  add constraint reports_notice_contact check ((notice_contact is null) or (notice_channel is not null));

create index reports_notice_contact_age on reports (received_at) where notice_contact is not null;
