-- DESIGN rule 11: what the contract turns on is kept on the incident record, written by the channel
-- that received it (R4.3-t2 agreement, R4.3-t5 (3) restriction and the client's approvals, the
-- confirmation of restoration).
alter table ops_incident add column deferred_until timestamp with time zone;
alter table ops_incident add column act_now_agreed boolean;
alter table ops_incident add column agreement_recorded_at timestamp with time zone;
alter table ops_incident add column agreement_recorded_by varchar(64);
alter table ops_incident add column restricted_to_non_impacting boolean default false not null;
alter table ops_incident add column restriction_reason varchar(2000);
alter table ops_incident add column client_approved_actions varchar(200);
alter table ops_incident add column restored_by varchar(64);
