package org.stockledger.ledger.internal;

import java.sql.Types;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.stockledger.ledger.InvariantCheck;
import org.stockledger.ledger.Mismatch;
import org.stockledger.support.SqlDialect;

/**
 * The per-day movement counts (summed over their lanes) equal the on-hand movements the ledger
 * holds per (UTC day of recording, location, kind): the movement lists' totals come from them.
 */
@Component
public class MovementDayCountCheck implements InvariantCheck {

    private final JdbcClient jdbc;
    private final SqlDialect dialect;

    public MovementDayCountCheck(JdbcClient jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    @Override
    public String name() {
        return "movement-day-counts";
    }

    @Override
    public List<Mismatch> findMismatches(String orgId) {
        String createdDay = dialect.dateInZone("created_at", "'UTC'");
        return jdbc.sql("""
                select org_id, created_day, location_id, kind, sum(counted) as counted, sum(recorded) as recorded
                from (
                    select org_id, %1$s as created_day, location_id, kind,
                           cast(0 as bigint) as counted, count(*) as recorded
                    from movements
                    where delta_on_hand <> 0 and (:orgId is null or org_id = :orgId)
                    group by org_id, %1$s, location_id, kind
                    union all
                    select org_id, created_day, location_id, kind, on_hand_movements, cast(0 as bigint)
                    from movement_day_counts
                    where (:orgId is null or org_id = :orgId)
                ) both_sides
                group by org_id, created_day, location_id, kind
                having sum(counted) <> sum(recorded)
                order by org_id, created_day, location_id, kind
                """.formatted(createdDay))
                .param("orgId", orgId, Types.VARCHAR)
                .query((rs, row) -> new Mismatch(name(), rs.getString("org_id"),
                        "movements of kind " + rs.getString("kind") + " at " + rs.getString("location_id") + " recorded on "
                                + rs.getString("created_day") + " (UTC)",
                        "on_hand_movements", Long.toString(rs.getLong("recorded")), Long.toString(rs.getLong("counted"))))
                .list();
    }
}
