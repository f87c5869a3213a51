-- How many movements that changed on-hand stock were recorded per (UTC day of created_at,
-- location, kind): the movement lists' totals add up these rows (a few per day) instead of
-- counting the ledger. Kept by the write path in the same transaction as the movements.
--
-- lane spreads one day's counts over several rows so that concurrent ledger transactions do not
-- queue on one row lock until their commits: each group-commit writer has a lane of its own, other
-- transactions take one at random. A total is the sum over the lanes.
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

-- The local date is read from the text form: H2 casts a timestamp with time zone to a date
-- through the session's (the JVM's) time zone, ignoring the zone asked for (SqlDialect.dateInZone).
insert into movement_day_counts (org_id, created_day, location_id, kind, lane, on_hand_movements)
select org_id, cast(substring(cast(created_at at time zone 'UTC' as varchar(40)), 1, 10) as date), location_id, kind, 0, count(*)
from movements
where delta_on_hand <> 0
group by org_id, cast(substring(cast(created_at at time zone 'UTC' as varchar(40)), 1, 10) as date), location_id, kind;
