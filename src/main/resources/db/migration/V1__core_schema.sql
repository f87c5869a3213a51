-- Stockledger core schema. One SQL text serves H2 and PostgreSQL.
-- Every primary key and index starts with org_id, so the schema can be distributed on org_id
-- (Citus). orgs and api_tokens are small lookup tables meant to be Citus reference tables:
-- a bearer token is resolved before its org is known, hence the index on token_hash alone.

create table orgs (
    org_id              varchar(64)  not null,
    name                varchar(200) not null,
    time_zone           varchar(64)  not null default 'UTC',
    default_location_id uuid,
    reservations_enabled boolean     not null default true,
    strict_order_workflow boolean    not null default true,
    default_reorder_point decimal(18,3) not null default 0,
    created_at          timestamp with time zone not null,
    constraint pk_orgs primary key (org_id),
    constraint ck_orgs_default_reorder_point check (default_reorder_point >= 0)
);

create table api_tokens (
    org_id     varchar(64)  not null,
    token_id   uuid         not null,
    name       varchar(200) not null,
    token_hash varchar(64)  not null,
    scopes     varchar(500) not null,
    created_at timestamp with time zone not null,
    revoked_at timestamp with time zone,
    constraint pk_api_tokens primary key (org_id, token_id),
    constraint fk_api_tokens_org foreign key (org_id) references orgs (org_id)
);
create unique index ux_api_tokens_hash on api_tokens (token_hash);

create table locations (
    org_id      varchar(64)  not null,
    location_id uuid         not null,
    code        varchar(64)  not null,
    name        varchar(200) not null,
    created_at  timestamp with time zone not null,
    constraint pk_locations primary key (org_id, location_id),
    constraint ux_locations_code unique (org_id, code),
    constraint fk_locations_org foreign key (org_id) references orgs (org_id)
);

create table products (
    org_id     varchar(64)  not null,
    product_id uuid         not null,
    p1_id      varchar(64)  not null,
    sku        varchar(100),
    name       varchar(300) not null,
    category   varchar(200),
    unit       varchar(32)  not null default 'unit',
    price      decimal(19,4),
    unit_cost  decimal(19,4),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint pk_products primary key (org_id, product_id),
    constraint ux_products_p1_id unique (org_id, p1_id),
    constraint ux_products_sku unique (org_id, sku),
    constraint fk_products_org foreign key (org_id) references orgs (org_id),
    constraint ck_products_price check (price is null or price >= 0),
    constraint ck_products_unit_cost check (unit_cost is null or unit_cost >= 0)
);

-- One stock level per (product, bin); a bin is (location, room). Invariant 1 lives here.
create table stock_levels (
    org_id          varchar(64)  not null,
    product_id      uuid         not null,
    location_id     uuid         not null,
    room            varchar(16)  not null,
    level_id        uuid         not null,
    on_hand         decimal(18,3) not null default 0,
    incoming        decimal(18,3) not null default 0,
    reserved        decimal(18,3) not null default 0,
    reorder_point   decimal(18,3),
    max_stock_level decimal(18,3),
    movement_count  bigint       not null default 0,
    last_movement_at timestamp with time zone,
    last_counted_at timestamp with time zone,
    last_synced_at  timestamp with time zone,
    created_at      timestamp with time zone not null,
    constraint pk_stock_levels primary key (org_id, product_id, location_id, room),
    constraint ux_stock_levels_level_id unique (org_id, level_id),
    constraint fk_stock_levels_product foreign key (org_id, product_id) references products (org_id, product_id),
    constraint fk_stock_levels_location foreign key (org_id, location_id) references locations (org_id, location_id),
    constraint ck_stock_levels_room check (room in ('sales_floor', 'vault', 'quarantine', 'secret_menu')),
    constraint ck_stock_levels_on_hand check (on_hand >= 0),
    constraint ck_stock_levels_incoming check (incoming >= 0),
    constraint ck_stock_levels_reserved check (reserved >= 0 and reserved <= on_hand),
    constraint ck_stock_levels_reorder_point check (reorder_point is null or reorder_point >= 0),
    constraint ck_stock_levels_max_stock check (max_stock_level is null or max_stock_level >= 0)
);
create index ix_stock_levels_location on stock_levels (org_id, location_id, room, product_id);

-- The ledger: one immutable row per change of a stock level. Never updated, never deleted.
-- Balances after the change are stored; the balance before is after minus delta.
create table movements (
    org_id           varchar(64)  not null,
    movement_id      uuid         not null,
    command_id       uuid         not null,
    product_id       uuid         not null,
    location_id      uuid         not null,
    room             varchar(16)  not null,
    kind             varchar(24)  not null,
    reason_code      varchar(32)  not null,
    reason           varchar(500),
    delta_on_hand    decimal(18,3) not null,
    delta_incoming   decimal(18,3) not null,
    delta_reserved   decimal(18,3) not null,
    on_hand_after    decimal(18,3) not null,
    incoming_after   decimal(18,3) not null,
    reserved_after   decimal(18,3) not null,
    reference_type   varchar(64),
    reference_id     varchar(128),
    shop_id          varchar(100),
    cost_per_unit    decimal(19,4),
    metadata         varchar(16384),
    actor_token_id   uuid,
    actor_name       varchar(200),
    occurred_at      timestamp with time zone not null,
    created_at       timestamp with time zone not null,
    constraint pk_movements primary key (org_id, movement_id),
    constraint ck_movements_room check (room in ('sales_floor', 'vault', 'quarantine', 'secret_menu'))
);
-- movement ids are UUIDv7, so ordering by id is ordering by creation: keyset pagination per product.
create index ix_movements_product on movements (org_id, product_id, movement_id);
create index ix_movements_location on movements (org_id, location_id, movement_id);
create index ix_movements_reference on movements (org_id, reference_type, reference_id);

-- Per (product, bin, day of occurrence in the org's time zone): sums of the deltas of that day.
-- Deltas, not closing balances: a back-dated movement touches one row, and a closing balance is
-- the current level minus the deltas of the days after it.
create table daily_rollups (
    org_id            varchar(64)  not null,
    product_id        uuid         not null,
    location_id       uuid         not null,
    room              varchar(16)  not null,
    rollup_day        date         not null,
    on_hand_in        decimal(18,3) not null default 0,
    on_hand_out       decimal(18,3) not null default 0,
    adjustment_net    decimal(18,3) not null default 0,
    adjustment_count  bigint        not null default 0,
    delta_incoming    decimal(18,3) not null default 0,
    delta_reserved    decimal(18,3) not null default 0,
    movement_count    bigint        not null default 0,
    constraint pk_daily_rollups primary key (org_id, product_id, location_id, room, rollup_day)
);
create index ix_daily_rollups_day on daily_rollups (org_id, rollup_day, location_id);

-- The first response to a mutating request sent with an Idempotency-Key, kept for replay.
create table idempotency_records (
    org_id          varchar(64)  not null,
    idempotency_key varchar(255) not null,
    request_hash    varchar(64)  not null,
    response_status integer,
    response_body   varchar(1000000),
    response_type   varchar(100),
    created_at      timestamp with time zone not null,
    constraint pk_idempotency_records primary key (org_id, idempotency_key)
);
create index ix_idempotency_records_created on idempotency_records (org_id, created_at);
