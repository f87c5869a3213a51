-- How the number of stock levels that held stock or a reservation changed per (location, day of
-- occurrence in the org's time zone): +1 for each level that held some at the end of that day but
-- not at the end of its previous day with a rollup, -1 the other way round. The number a location
-- held stock in at the end of day d is the sum over the days up to d, a few rows per day: the
-- point-in-time snapshot's total, which otherwise needs every level's rollups since d.
--
-- "Held at the end of day d" is exactly the snapshot's own rule: the level's balance minus its
-- rollup deltas of the days after d is not zero (on hand or reserved). Kept by the write path in
-- the movements' transaction, written just before the commit like movement_day_counts (lane: as
-- there); a back-dated movement changes the days from its own on, as it changes the snapshots.
create table stocked_level_changes (
    org_id      varchar(64) not null,
    location_id uuid        not null,
    change_day  date        not null,
    lane        smallint    not null,
    levels      bigint      not null,
    constraint pk_stocked_level_changes primary key (org_id, location_id, change_day, lane)
);

-- The changes implied by the rollups, as the verify check (StockedLevelCheck) computes them: per
-- level and rollup day, whether it held stock then, compared with its previous rollup day.
insert into stocked_level_changes (org_id, location_id, change_day, lane, levels)
select org_id, location_id, rollup_day, 0, sum(stocked - stocked_before)
from (
    select org_id, location_id, rollup_day, stocked,
           coalesce(lag(stocked) over (partition by org_id, product_id, location_id, room order by rollup_day), 0) as stocked_before
    from (
        select r.org_id, r.product_id, r.location_id, r.room, r.rollup_day,
               case when l.on_hand - coalesce(sum(r.on_hand_in - r.on_hand_out) over (
                             partition by r.org_id, r.product_id, r.location_id, r.room order by r.rollup_day desc
                             rows between unbounded preceding and 1 preceding), 0) <> 0
                      or l.reserved - coalesce(sum(r.delta_reserved) over (
                             partition by r.org_id, r.product_id, r.location_id, r.room order by r.rollup_day desc
                             rows between unbounded preceding and 1 preceding), 0) <> 0
                    then 1 else 0 end as stocked
        from daily_rollups r
        join stock_levels l
          on l.org_id = r.org_id and l.product_id = r.product_id and l.location_id = r.location_id and l.room = r.room
    ) level_days
) level_changes
where stocked <> stocked_before
group by org_id, location_id, rollup_day;
