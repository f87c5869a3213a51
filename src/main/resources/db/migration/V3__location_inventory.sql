-- Location inventory v1: point-of-sale connectors per location, sync jobs, and the counts the
-- last successful sync saw (the cursor of incremental syncs). Stock itself stays in the ledger.

-- How a location's POS counts are fetched: an HTTP JSON feed (url, optional bearer token) or
-- the latest CSV upload. The bearer token is needed in clear to call the feed; it is never
-- returned by the API.
create table pos_connectors (
    org_id          varchar(64)   not null,
    location_id     uuid          not null,
    connector_type  varchar(32)   not null,
    feed_url        varchar(2000),
    bearer_token    varchar(2000),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint pk_pos_connectors primary key (org_id, location_id),
    constraint fk_pos_connectors_location foreign key (org_id, location_id) references locations (org_id, location_id),
    constraint ck_pos_connectors_type check (connector_type in ('http_json', 'csv_upload')),
    constraint ck_pos_connectors_url check (connector_type <> 'http_json' or feed_url is not null)
);

-- The latest CSV of counts uploaded for a location (validated at upload).
create table pos_csv_uploads (
    org_id       varchar(64)   not null,
    location_id  uuid          not null,
    csv_text     varchar(1000000) not null,
    row_count    integer       not null,
    uploaded_at  timestamp with time zone not null,
    constraint pk_pos_csv_uploads primary key (org_id, location_id),
    constraint fk_pos_csv_uploads_location foreign key (org_id, location_id) references locations (org_id, location_id)
);

create table sync_jobs (
    org_id          varchar(64)   not null,
    job_id          uuid          not null,
    location_id     uuid          not null,
    sync_type       varchar(16)   not null,
    connector_type  varchar(32)   not null,
    status          varchar(16)   not null,
    items_seen      integer       not null default 0,
    items_changed   integer       not null default 0,
    unknown_skus    integer       not null default 0,
    errors          integer       not null default 0,
    failure_reason  varchar(1000),
    feed_cursor     timestamp with time zone,
    created_at      timestamp with time zone not null,
    started_at      timestamp with time zone,
    finished_at     timestamp with time zone,
    constraint pk_sync_jobs primary key (org_id, job_id),
    constraint fk_sync_jobs_location foreign key (org_id, location_id) references locations (org_id, location_id),
    constraint ck_sync_jobs_type check (sync_type in ('full', 'incremental')),
    constraint ck_sync_jobs_status check (status in ('queued', 'running', 'succeeded', 'failed')),
    constraint ck_sync_jobs_counts check (items_seen >= 0 and items_changed >= 0 and unknown_skus >= 0 and errors >= 0)
);
create index ix_sync_jobs_location on sync_jobs (org_id, location_id, status, created_at);

-- Per location and product, the POS count the last successful sync saw: an incremental sync
-- applies only the counts that differ from it (what the POS changed since).
create table pos_last_counts (
    org_id       varchar(64)   not null,
    location_id  uuid          not null,
    product_id   uuid          not null,
    quantity     decimal(18,3) not null,
    job_id       uuid          not null,
    counted_at   timestamp with time zone not null,
    constraint pk_pos_last_counts primary key (org_id, location_id, product_id),
    constraint fk_pos_last_counts_product foreign key (org_id, product_id) references products (org_id, product_id),
    constraint ck_pos_last_counts_quantity check (quantity >= 0)
);
