-- notify: a mail is no longer handed to SMTP inside the transaction that records it (that held a
-- second pooled connection for the whole SMTP conversation, see Mailer). A row is first a claim
-- (SENDING: who claimed it and when, committed at once), then SENT once the SMTP server accepted
-- the mail; an SMTP failure deletes the claim, and a claim older than ops.mail.claim-timeout is
-- taken over (its sender died). Rows written before this migration are SENT.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.
alter table ops_sent_mail add column status varchar(8) default 'SENT' not null;
alter table ops_sent_mail alter column status drop default;
alter table ops_sent_mail add column claim_id varchar(36);
alter table ops_sent_mail add column claimed_at timestamp with time zone;
alter table ops_sent_mail alter column sent_at drop not null;
alter table ops_sent_mail add constraint ck_ops_sent_mail_status check (
    (status = 'SENT' and sent_at is not null)
    or (status = 'SENDING' and sent_at is null and claim_id is not null and claimed_at is not null));
