-- The manager's log page filters by person and by action and pages by seq (newest first); without
-- these a filter for a rare action walks the service's whole log backwards.
create index audit_log_actor on audit_log (service_id, actor_id, seq);
create index audit_log_action on audit_log (service_id, action, seq);
