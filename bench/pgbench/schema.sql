-- The ceiling of bench/run: what PostgreSQL alone does with the rows Stockledger writes per
-- adjustment, driven by pgbench with no service in between. bench/run loads this file with psql
-- into a scratch database of its own (-v products=N -v stock=S) and runs the bench/pgbench/adjust-*.sql
-- scripts against it.
--
-- The three tables are copies of Stockledger's stock_levels, movements and daily_rollups
-- (db/migration/V1__core_schema.sql, plus ix_movements_created of V4__warehouse.sql): the same
-- columns, types, primary keys, unique constraints, check constraints and indexes. Only the foreign
-- keys are left out (stock_levels -> products, locations): an adjustment changes no key column, so
-- PostgreSQL checks no foreign key on its writes in either schema, and leaving them out spares the
-- products and locations tables.

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
    on_hand_movements bigint     not null default 0,
    last_synced_at  timestamp with time zone,
    created_at      timestamp with time zone not null,
    constraint pk_stock_levels primary key (org_id, product_id, location_id, room),
    constraint ux_stock_levels_level_id unique (org_id, level_id),
    constraint ck_stock_levels_room check (room in ('sales_floor', 'vault', 'quarantine', 'secret_menu')),
    constraint ck_stock_levels_on_hand check (on_hand >= 0),
    constraint ck_stock_levels_incoming check (incoming >= 0),
    constraint ck_stock_levels_reserved check (reserved >= 0 and reserved <= on_hand),
    constraint ck_stock_levels_reorder_point check (reorder_point is null or reorder_point >= 0),
    constraint ck_stock_levels_max_stock check (max_stock_level is null or max_stock_level >= 0)
);
create index ix_stock_levels_location on stock_levels (org_id, location_id, room, product_id);

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
create index ix_movements_product on movements (org_id, product_id, movement_id);
create index ix_movements_location on movements (org_id, location_id, movement_id);
create index ix_movements_reference on movements (org_id, reference_type, reference_id);
create index ix_movements_created on movements (org_id, created_at, movement_id);

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

-- V8__movement_day_counts.sql: on-hand movements per (UTC day of recording, location, kind, lane).
create table movement_day_counts (
    org_id            varchar(64) not null,
    created_day       date        not null,
    location_id       uuid        not null,
    kind              varchar(24) not null,
    lane              smallint    not null,
    on_hand_movements bigint      not null,
    constraint pk_movement_day_counts primary key (org_id, created_day, location_id, kind, lane),
    constraint ck_movement_day_counts_count check (on_hand_movements >= 0)
);

-- V9__location_day_flows.sql: on-hand in/out per (day of occurrence, location, kind, lane).
create table location_day_flows (
    org_id      varchar(64)   not null,
    flow_day    date          not null,
    location_id uuid          not null,
    kind        varchar(24)   not null,
    lane        smallint      not null,
    on_hand_in  decimal(18,3) not null,
    on_hand_out decimal(18,3) not null,
    movements   bigint        not null,
    constraint pk_location_day_flows primary key (org_id, flow_day, location_id, kind, lane),
    constraint ck_location_day_flows_sums check (on_hand_in >= 0 and on_hand_out >= 0 and movements >= 0)
);

-- Product n (1..N) of the scripts. Stockledger's ids are UUIDv7 made by the service; any fixed
-- uuid does for a primary-key lookup.
create function bench_product_id(n integer) returns uuid
    language sql immutable parallel safe
    return ('00000000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid;

-- A time-ordered UUID (48-bit millisecond timestamp first, like the UUIDv7 movement ids of
-- Stockledger), so that movements' primary key and ix_movements_product grow at their right
-- edge as they do in the service; random v4 ids would scatter the inserts over the index.
create function bench_uuid7() returns uuid
    language sql volatile parallel safe
    return encode(overlay(uuid_send(gen_random_uuid())
                          placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
                          from 1 for 6), 'hex')::uuid;

-- One adjustment of product p's level by d, as Stockledger writes it for POST /inventory/adjust:
-- the level row is updated (and thereby locked until the transaction ends) only if on-hand stays
-- >= 0, the movement is appended with the balances after the change (kind receipt or shipment,
-- reason code ADJUSTMENT, as the service records a +1 or -1), and the (level, day) rollup gets the
-- deltas: all seven sums rewritten, as the service's update does, inserted on the day's first one.
-- Last, the day's count of on-hand movements of that kind is raised by one, and the day's on-hand
-- flow of that kind by d, in the caller's lane
-- (the scripts pass pgbench's client id, so clients never wait for each other's counter row, as
-- Stockledger's group-commit writers each have a lane of their own).
-- Returns false, writing nothing, when the stock would go negative (Stockledger's 409).
-- One round trip per adjustment: plpgsql caches the plans of the three statements as a
-- prepared statement would; nothing else runs (no token, product or org lookup).
create function bench_adjust(p integer, d integer, counter_lane integer) returns boolean
    language plpgsql as $$
declare
    level record;
begin
    update stock_levels
       set on_hand = on_hand + d, movement_count = movement_count + 1, on_hand_movements = on_hand_movements + 1,
           last_movement_at = now()
     where org_id = 'bench' and product_id = bench_product_id(p)
       and location_id = '00000000-0000-7000-8000-00000000a001' and room = 'sales_floor'
       and on_hand + d >= 0
    returning product_id, location_id, room, on_hand, incoming, reserved into level;
    if not found then
        return false;
    end if;
    insert into movements (org_id, movement_id, command_id, product_id, location_id, room, kind, reason_code,
        reason, delta_on_hand, delta_incoming, delta_reserved, on_hand_after, incoming_after, reserved_after,
        reference_type, reference_id, shop_id, cost_per_unit, metadata, actor_token_id, actor_name,
        occurred_at, created_at)
    values ('bench', bench_uuid7(), gen_random_uuid(), level.product_id, level.location_id, level.room,
        case when d > 0 then 'receipt' else 'shipment' end, 'ADJUSTMENT', 'bench', d, 0, 0, level.on_hand, level.incoming, level.reserved,
        null, null, null, null, null, '00000000-0000-7000-8000-00000000b001', 'bench', now(), now());
    insert into daily_rollups as r (org_id, product_id, location_id, room, rollup_day, on_hand_in, on_hand_out,
        adjustment_net, adjustment_count, delta_incoming, delta_reserved, movement_count)
    values ('bench', level.product_id, level.location_id, level.room, current_date, greatest(d, 0), greatest(-d, 0),
        0, 0, 0, 0, 1)
    on conflict (org_id, product_id, location_id, room, rollup_day) do update
       set on_hand_in = r.on_hand_in + excluded.on_hand_in, on_hand_out = r.on_hand_out + excluded.on_hand_out,
           adjustment_net = r.adjustment_net + excluded.adjustment_net,
           adjustment_count = r.adjustment_count + excluded.adjustment_count,
           delta_incoming = r.delta_incoming + excluded.delta_incoming,
           delta_reserved = r.delta_reserved + excluded.delta_reserved,
           movement_count = r.movement_count + excluded.movement_count;
    insert into movement_day_counts as c (org_id, created_day, location_id, kind, lane, on_hand_movements)
    values ('bench', (now() at time zone 'UTC')::date, level.location_id,
        case when d > 0 then 'receipt' else 'shipment' end, counter_lane, 1)
    on conflict (org_id, created_day, location_id, kind, lane) do update
       set on_hand_movements = c.on_hand_movements + 1;
    insert into location_day_flows as f (org_id, flow_day, location_id, kind, lane, on_hand_in, on_hand_out, movements)
    values ('bench', current_date, level.location_id, case when d > 0 then 'receipt' else 'shipment' end, counter_lane,
        greatest(d, 0), greatest(-d, 0), 1)
    on conflict (org_id, flow_day, location_id, kind, lane) do update
       set on_hand_in = f.on_hand_in + excluded.on_hand_in, on_hand_out = f.on_hand_out + excluded.on_hand_out,
           movements = f.movements + 1;
    return true;
end
$$;

-- A batch of adjustments as Stockledger's group commit writes it, set-based: one statement each to
-- lock the levels in key order, read their balances, append the movements, update the levels and
-- add to the rollups and the per-day counts and flows (the service sends the same statements over
-- JDBC, each with the batch's rows as column arrays). `batch` distinct products, the i-th a random
-- product of the i-th batch-th of 1..products (every product equally likely, as in the uniform
-- script; products must be divisible by batch), each +1 or -1 at random; an adjustment that would
-- take on-hand below zero is left out (the service's 409). Returns the adjustments applied. One
-- round trip per batch: what PostgreSQL itself does with group-committed adjustments, with no
-- HTTP, no JVM and no round trip per statement.
create function bench_adjust_set(batch integer, products integer, counter_lane integer) returns integer
    language plpgsql as $$
declare
    product_ids uuid[];
    deltas integer[];
    on_hands numeric[];
    incomings numeric[];
    reserveds numeric[];
begin
    select array_agg(bench_product_id(i * (products / batch) + 1 + floor(random() * (products / batch))::integer) order by i),
           array_agg((floor(random() * 2) * 2 - 1)::integer order by i)
      into product_ids, deltas
    from generate_series(0, batch - 1) as i;
    perform 1 from stock_levels l
    where l.org_id = 'bench' and l.product_id = any (product_ids)
      and l.location_id = '00000000-0000-7000-8000-00000000a001' and l.room = 'sales_floor'
    order by l.product_id
    for update;
    select array_agg(l.product_id order by l.product_id), array_agg(k.d order by l.product_id),
           array_agg(l.on_hand + k.d order by l.product_id), array_agg(l.incoming order by l.product_id),
           array_agg(l.reserved order by l.product_id)
      into product_ids, deltas, on_hands, incomings, reserveds
    from unnest(product_ids, deltas) as k (product_id, d)
    join stock_levels l on l.org_id = 'bench' and l.product_id = k.product_id
        and l.location_id = '00000000-0000-7000-8000-00000000a001' and l.room = 'sales_floor'
    where l.on_hand + k.d >= 0;
    if product_ids is null then
        return 0;
    end if;
    insert into movements (org_id, movement_id, command_id, product_id, location_id, room, kind, reason_code,
        reason, delta_on_hand, delta_incoming, delta_reserved, on_hand_after, incoming_after, reserved_after,
        reference_type, reference_id, shop_id, cost_per_unit, metadata, actor_token_id, actor_name,
        occurred_at, created_at)
    select 'bench', bench_uuid7(), gen_random_uuid(), b.product_id, '00000000-0000-7000-8000-00000000a001', 'sales_floor',
        case when b.d > 0 then 'receipt' else 'shipment' end, 'ADJUSTMENT', 'bench', b.d, 0, 0, b.on_hand, b.incoming, b.reserved,
        null, null, null, null, null, '00000000-0000-7000-8000-00000000b001', 'bench', now(), now()
    from unnest(product_ids, deltas, on_hands, incomings, reserveds) as b (product_id, d, on_hand, incoming, reserved);
    update stock_levels l
       set on_hand = b.on_hand, movement_count = l.movement_count + 1, on_hand_movements = l.on_hand_movements + 1,
           last_movement_at = now()
    from unnest(product_ids, on_hands) as b (product_id, on_hand)
    where l.org_id = 'bench' and l.product_id = b.product_id
      and l.location_id = '00000000-0000-7000-8000-00000000a001' and l.room = 'sales_floor';
    insert into daily_rollups as r (org_id, product_id, location_id, room, rollup_day, on_hand_in, on_hand_out,
        adjustment_net, adjustment_count, delta_incoming, delta_reserved, movement_count)
    select 'bench', b.product_id, '00000000-0000-7000-8000-00000000a001', 'sales_floor', current_date,
        greatest(b.d, 0), greatest(-b.d, 0), 0, 0, 0, 0, 1
    from unnest(product_ids, deltas) as b (product_id, d)
    on conflict (org_id, product_id, location_id, room, rollup_day) do update
       set on_hand_in = r.on_hand_in + excluded.on_hand_in, on_hand_out = r.on_hand_out + excluded.on_hand_out,
           adjustment_net = r.adjustment_net + excluded.adjustment_net,
           adjustment_count = r.adjustment_count + excluded.adjustment_count,
           delta_incoming = r.delta_incoming + excluded.delta_incoming,
           delta_reserved = r.delta_reserved + excluded.delta_reserved,
           movement_count = r.movement_count + excluded.movement_count;
    insert into movement_day_counts as c (org_id, created_day, location_id, kind, lane, on_hand_movements)
    select 'bench', (now() at time zone 'UTC')::date, '00000000-0000-7000-8000-00000000a001', b.kind, counter_lane, count(*)
    from (select case when d > 0 then 'receipt' else 'shipment' end as kind from unnest(deltas) as d) as b
    group by b.kind
    order by b.kind
    on conflict (org_id, created_day, location_id, kind, lane) do update
       set on_hand_movements = c.on_hand_movements + excluded.on_hand_movements;
    insert into location_day_flows as f (org_id, flow_day, location_id, kind, lane, on_hand_in, on_hand_out, movements)
    select 'bench', current_date, '00000000-0000-7000-8000-00000000a001', b.kind, counter_lane,
        sum(greatest(b.d, 0)), sum(greatest(-b.d, 0)), count(*)
    from (select d, case when d > 0 then 'receipt' else 'shipment' end as kind from unnest(deltas) as d) as b
    group by b.kind
    order by b.kind
    on conflict (org_id, flow_day, location_id, kind, lane) do update
       set on_hand_in = f.on_hand_in + excluded.on_hand_in, on_hand_out = f.on_hand_out + excluded.on_hand_out,
           movements = f.movements + excluded.movements;
    return array_length(product_ids, 1);
end
$$;

-- Products 1..N with S on hand each, as bench/helper.py seeds the service.
insert into stock_levels (org_id, product_id, location_id, room, level_id, on_hand, created_at)
select 'bench', bench_product_id(n), '00000000-0000-7000-8000-00000000a001', 'sales_floor', gen_random_uuid(),
       :stock, now()
from generate_series(1, :products) as n;
vacuum analyze stock_levels;
