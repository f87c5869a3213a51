-- Webhooks: subscriptions, the transactional outbox (events and their deliveries), and the
-- delivery log (one row per attempt). Every primary key and index starts with org_id.

create table webhook_subscriptions (
    org_id          varchar(64)   not null,
    subscription_id uuid          not null,
    url             varchar(2048) not null,
    description     varchar(500),
    -- comma-separated event type names exactly as the subscriber gave them (canonical or alias, or *)
    event_types     varchar(1000) not null,
    -- whsec_ followed by the base64 of the random key bytes; needed in clear text to sign
    signing_secret  varchar(100)  not null,
    enabled         boolean       not null default true,
    disabled_reason varchar(500),
    disabled_at     timestamp with time zone,
    -- the first failed attempt after the last successful one; null while the endpoint is healthy
    failing_since   timestamp with time zone,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint pk_webhook_subscriptions primary key (org_id, subscription_id),
    constraint fk_webhook_subscriptions_org foreign key (org_id) references orgs (org_id)
);

-- One row per recorded event, written in the transaction that made the change (invariant 6).
create table webhook_events (
    org_id       varchar(64)  not null,
    event_id     uuid         not null,
    event_type   varchar(100) not null,
    ordering_key varchar(200) not null,
    occurred_at  timestamp with time zone not null,
    payload      varchar(1000000) not null,
    created_at   timestamp with time zone not null,
    constraint pk_webhook_events primary key (org_id, event_id)
);

-- One row per (subscription, event): the unit the dispatcher claims, sends and retries.
create table webhook_deliveries (
    org_id           varchar(64)  not null,
    delivery_id      uuid         not null,
    subscription_id  uuid         not null,
    event_id         uuid         not null,
    -- the type name sent to this subscriber (the name it subscribed with)
    delivered_type   varchar(100) not null,
    ordering_key     varchar(200) not null,
    state            varchar(16)  not null,
    attempt_count    integer      not null default 0,
    next_attempt_at  timestamp with time zone not null,
    last_attempt_at  timestamp with time zone,
    last_status_code integer,
    last_error       varchar(500),
    created_at       timestamp with time zone not null,
    completed_at     timestamp with time zone,
    constraint pk_webhook_deliveries primary key (org_id, delivery_id),
    constraint ux_webhook_deliveries_event unique (org_id, subscription_id, event_id),
    constraint fk_webhook_deliveries_subscription foreign key (org_id, subscription_id)
        references webhook_subscriptions (org_id, subscription_id) on delete cascade,
    constraint fk_webhook_deliveries_event foreign key (org_id, event_id) references webhook_events (org_id, event_id),
    constraint ck_webhook_deliveries_state check (state in ('pending', 'delivered', 'failed')),
    constraint ck_webhook_deliveries_attempts check (attempt_count >= 0)
);
create index ix_webhook_deliveries_due on webhook_deliveries (org_id, state, next_attempt_at);
-- the head-of-line check: is an earlier delivery of the same (subscription, ordering key) unfinished?
create index ix_webhook_deliveries_order on webhook_deliveries (org_id, subscription_id, ordering_key, state, event_id);
create index ix_webhook_deliveries_failed on webhook_deliveries (org_id, subscription_id, state, created_at);

-- The delivery log: one immutable row per attempt.
create table webhook_attempts (
    org_id           varchar(64)  not null,
    attempt_id       uuid         not null,
    subscription_id  uuid         not null,
    delivery_id      uuid         not null,
    event_id         uuid         not null,
    delivered_type   varchar(100) not null,
    attempt_number   integer      not null,
    attempted_at     timestamp with time zone not null,
    status_code      integer,
    latency_millis   bigint       not null,
    succeeded        boolean      not null,
    error            varchar(500),
    response_excerpt varchar(2000),
    constraint pk_webhook_attempts primary key (org_id, attempt_id),
    constraint fk_webhook_attempts_subscription foreign key (org_id, subscription_id)
        references webhook_subscriptions (org_id, subscription_id) on delete cascade
);
create index ix_webhook_attempts_subscription on webhook_attempts (org_id, subscription_id, attempt_id);
create index ix_webhook_attempts_delivery on webhook_attempts (org_id, delivery_id, attempt_id);
create index ix_webhook_deliveries_event on webhook_deliveries (org_id, event_id);
