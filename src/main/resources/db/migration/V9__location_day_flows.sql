-- On-hand flows per (day of occurrence in the org's time zone, location, kind): what went in, what
-- went out and how many movements, kept by the write path in the movements' own transaction.
-- Analytics trends add up these rows, a few per day, instead of the daily rollups (one per product,
-- bin and day: for a long-tail catalogue nearly as many as the movements). Dated like the rollups,
-- so a back-dated movement counts on the day it happened. lane: as in movement_day_counts.
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

-- The local date is read from the text form: H2 casts a timestamp with time zone to a date
-- through the session's (the JVM's) time zone, ignoring the zone asked for (SqlDialect.dateInZone).
insert into location_day_flows (org_id, flow_day, location_id, kind, lane, on_hand_in, on_hand_out, movements)
select m.org_id, cast(substring(cast(m.occurred_at at time zone o.time_zone as varchar(40)), 1, 10) as date), m.location_id, m.kind, 0,
       sum(case when m.delta_on_hand > 0 then m.delta_on_hand else 0 end),
       sum(case when m.delta_on_hand < 0 then 0 - m.delta_on_hand else 0 end),
       count(*)
from movements m
join orgs o on o.org_id = m.org_id
group by m.org_id, cast(substring(cast(m.occurred_at at time zone o.time_zone as varchar(40)), 1, 10) as date), m.location_id, m.kind;
