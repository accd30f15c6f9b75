-- notify: mails already sent (idempotency) and client decisions behind signed links.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15. Hibernate validates ClientDecision
-- against ops_client_decision (ddl-auto=validate): change both together.

-- One row per mail handed to the SMTP server. The primary key is the guard against sending the
-- same mail twice (jobs run at least once). Never the body: it may carry links with tokens.
create table ops_sent_mail (
    idempotency_key varchar(200) not null,
    recipients      varchar(2000) not null,
    template        varchar(100) not null,
    sent_at         timestamp with time zone not null,
    constraint pk_ops_sent_mail primary key (idempotency_key)
);
create index ix_ops_sent_mail_sent_at on ops_sent_mail (sent_at);

-- A question put to a client (R4.3-t3, R4.3-t4, R3.6-d, R4.0-c, RD-extra), answered through a
-- signed link (LINK) or by phone (PHONE), whose answer is correlated to a waiting process.
-- answered_by_ip holds a keyed pseudonym (HMAC) of the client's IP, not the address.
create table ops_client_decision (
    id                   varchar(36)  not null,
    request_key          varchar(200) not null,
    purpose              varchar(40)  not null,
    question             varchar(2000) not null,
    details              varchar(4000),
    process_instance_id  varchar(64)  not null,
    message_name         varchar(255) not null,
    variable_prefix      varchar(40),
    recipient_contact_id bigint,
    recipient_email      varchar(254),
    status               varchar(16)  not null,
    created_at           timestamp with time zone not null,
    expires_at           timestamp with time zone not null,
    answered_at          timestamp with time zone,
    answered_by_ip       varchar(64),
    answered_by_user     varchar(100),
    answer_channel       varchar(8),
    closed_at            timestamp with time zone,
    version              bigint not null,
    constraint pk_ops_client_decision primary key (id),
    constraint uq_ops_client_decision_request_key unique (request_key),
    constraint ck_ops_client_decision_status
        check (status in ('PENDING', 'APPROVED', 'DECLINED', 'EXPIRED', 'CANCELLED')),
    constraint ck_ops_client_decision_channel check (answer_channel is null or answer_channel in ('LINK', 'PHONE')),
    -- An answer has its time and channel; nothing else has them.
    constraint ck_ops_client_decision_answer check (
        (status in ('APPROVED', 'DECLINED') and answered_at is not null and answer_channel is not null)
        or (status not in ('APPROVED', 'DECLINED') and answered_at is null and answer_channel is null)),
    -- Only CANCELLED and EXPIRED are closed without an answer.
    constraint ck_ops_client_decision_closed check (
        (status in ('CANCELLED', 'EXPIRED') and closed_at is not null)
        or (status not in ('CANCELLED', 'EXPIRED') and closed_at is null))
);
create index ix_ops_client_decision_process on ops_client_decision (process_instance_id, status);
