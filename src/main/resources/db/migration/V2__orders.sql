-- Orders of the orders API (seed 004). An order is upserted by (external_id, shop_id); its items
-- in an open status hold reservations on the org's default bin, recorded per item in
-- reserved_qty (what the ledger holds for this item right now). Ids are org-scoped strings
-- (ORD_yyyymmdd_xxxxxx), so no global sequence is involved.

create table orders (
    org_id              varchar(64)  not null,
    order_id            varchar(64)  not null,
    external_id         varchar(200) not null,
    shop_id             varchar(100) not null,
    order_number        varchar(100),
    order_datetime      timestamp with time zone,
    status              varchar(32)  not null,
    reserves_stock      boolean      not null,
    customer_name       varchar(300),
    customer_email      varchar(320),
    address_street      varchar(300),
    address_city        varchar(200),
    address_postal_code varchar(32),
    address_phone       varchar(64),
    total_amount        decimal(19,4),
    payment_status      varchar(32),
    payment_reference   varchar(200),
    shipping_option     varchar(200),
    shipped             boolean      not null default false,
    picked_up           boolean      not null default false,
    cash_on_pickup      boolean      not null default false,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    constraint pk_orders primary key (org_id, order_id),
    constraint ux_orders_external unique (org_id, external_id, shop_id),
    constraint fk_orders_org foreign key (org_id) references orgs (org_id),
    constraint ck_orders_status check (status in ('pending', 'awaiting_payment', 'awaiting_packing', 'ready_pickup',
        'shipped', 'picked_up', 'completed', 'cancelled')),
    constraint ck_orders_total check (total_amount is null or total_amount >= 0)
);
-- Listing: newest first, order_id as the stable tiebreak.
create index ix_orders_created on orders (org_id, created_at, order_id);
create index ix_orders_status on orders (org_id, status, created_at, order_id);
create index ix_orders_shop on orders (org_id, shop_id, created_at, order_id);

create table order_items (
    org_id        varchar(64)   not null,
    order_id      varchar(64)   not null,
    line_no       integer       not null,
    p1_id         varchar(64),
    product_id    uuid,
    location_id   uuid,
    name          varchar(300)  not null,
    qty           decimal(18,3) not null,
    price         decimal(19,4),
    reserved_qty  decimal(18,3) not null default 0,
    fulfilled_qty decimal(18,3) not null default 0,
    constraint pk_order_items primary key (org_id, order_id, line_no),
    constraint fk_order_items_order foreign key (org_id, order_id) references orders (org_id, order_id),
    constraint fk_order_items_product foreign key (org_id, product_id) references products (org_id, product_id),
    constraint ck_order_items_qty check (qty > 0),
    constraint ck_order_items_price check (price is null or price >= 0),
    constraint ck_order_items_reserved check (reserved_qty >= 0 and reserved_qty <= qty),
    constraint ck_order_items_fulfilled check (fulfilled_qty >= 0 and fulfilled_qty <= qty),
    constraint ck_order_items_tracked check (product_id is not null or (reserved_qty = 0 and fulfilled_qty = 0))
);
-- The reservation check sums reserved_qty per stock level.
create index ix_order_items_product on order_items (org_id, product_id, location_id);
