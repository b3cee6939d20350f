-- The language the reporter used (bokmål, nynorsk or English): later notices about the report are
-- written in it. Not personal data: it names a language, not a person.
alter table reports
  add column reporter_language text not null default 'nb' check (reporter_language in ('nb', 'nn', 'en'));
