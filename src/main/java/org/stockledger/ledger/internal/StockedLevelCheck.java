package org.stockledger.ledger.internal;

import java.sql.Types;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.stockledger.ledger.InvariantCheck;
import org.stockledger.ledger.Mismatch;

/**
 * The per-day changes in stocked levels (summed over their lanes) equal what the levels and their
 * rollups imply: per level and rollup day, whether the level held stock or a reservation at the
 * end of it (the snapshot's rule), against its previous rollup day. Snapshot totals come from them.
 */
@Component
public class StockedLevelCheck implements InvariantCheck {

    private final JdbcClient jdbc;

    public StockedLevelCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "stocked-level-changes";
    }

    @Override
    public List<Mismatch> findMismatches(String orgId) {
        return jdbc.sql("""
                select org_id, location_id, change_day, sum(implied) as implied, sum(kept) as kept
                from (
                    select org_id, location_id, rollup_day as change_day, stocked - stocked_before as implied, 0 as kept
                    from (
                        select org_id, location_id, rollup_day, stocked,
                               coalesce(lag(stocked) over (partition by org_id, product_id, location_id, room order by rollup_day), 0)
                                   as stocked_before
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
                              on l.org_id = r.org_id and l.product_id = r.product_id and l.location_id = r.location_id
                             and l.room = r.room
                            where (:orgId is null or r.org_id = :orgId)
                        ) level_days
                    ) level_changes
                    where stocked <> stocked_before
                    union all
                    select org_id, location_id, change_day, 0, levels
                    from stocked_level_changes
                    where (:orgId is null or org_id = :orgId)
                ) both_sides
                group by org_id, location_id, change_day
                having sum(implied) <> sum(kept)
                order by org_id, location_id, change_day
                """)
                .param("orgId", orgId, Types.VARCHAR)
                .query((rs, row) -> new Mismatch(name(), rs.getString("org_id"),
                        "levels at " + rs.getString("location_id") + " that started (+) or stopped (-) holding stock on "
                                + rs.getString("change_day"),
                        "levels", Long.toString(rs.getLong("implied")), Long.toString(rs.getLong("kept"))))
                .list();
    }
}
