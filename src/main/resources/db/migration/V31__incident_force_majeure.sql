-- R9: force majeure suspends an incident's SLA clocks while it lasts.
alter table ops_incident add column force_majeure_since timestamp with time zone;
