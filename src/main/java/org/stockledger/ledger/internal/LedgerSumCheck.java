package org.stockledger.ledger.internal;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.stockledger.ledger.InvariantCheck;
import org.stockledger.ledger.Mismatch;

/**
 * Invariant 2: every level's on-hand, incoming and reserved equal the sums of its movements'
 * deltas. Also checks that the daily rollups add up to the same on-hand, since history and
 * snapshots are computed from them, and that the count of on-hand movements each level keeps is
 * the ledger's (a product's movement list totals them).
 */
@Component
public class LedgerSumCheck implements InvariantCheck {

    private final JdbcClient jdbc;

    public LedgerSumCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "ledger-sum";
    }

    @Override
    public List<Mismatch> findMismatches(String orgId) {
        List<Mismatch> mismatches = new ArrayList<>();
        jdbc.sql("""
                select l.org_id, l.product_id, l.location_id, l.room, l.on_hand, l.incoming, l.reserved, l.on_hand_movements,
                       coalesce(m.on_hand_sum, 0) as ledger_on_hand, coalesce(m.incoming_sum, 0) as ledger_incoming,
                       coalesce(m.reserved_sum, 0) as ledger_reserved, coalesce(m.on_hand_count, 0) as ledger_on_hand_movements,
                       coalesce(r.on_hand_sum, 0) as rollup_on_hand
                from stock_levels l
                left join (
                    select org_id, product_id, location_id, room, sum(delta_on_hand) as on_hand_sum,
                           sum(delta_incoming) as incoming_sum, sum(delta_reserved) as reserved_sum,
                           sum(case when delta_on_hand <> 0 then 1 else 0 end) as on_hand_count
                    from movements where (:orgId is null or org_id = :orgId)
                    group by org_id, product_id, location_id, room
                ) m on m.org_id = l.org_id and m.product_id = l.product_id and m.location_id = l.location_id and m.room = l.room
                left join (
                    select org_id, product_id, location_id, room, sum(on_hand_in - on_hand_out) as on_hand_sum
                    from daily_rollups where (:orgId is null or org_id = :orgId)
                    group by org_id, product_id, location_id, room
                ) r on r.org_id = l.org_id and r.product_id = l.product_id and r.location_id = l.location_id and r.room = l.room
                where (:orgId is null or l.org_id = :orgId)
                  and (l.on_hand <> coalesce(m.on_hand_sum, 0) or l.incoming <> coalesce(m.incoming_sum, 0)
                       or l.reserved <> coalesce(m.reserved_sum, 0) or l.on_hand <> coalesce(r.on_hand_sum, 0)
                       or l.on_hand_movements <> coalesce(m.on_hand_count, 0))
                order by l.org_id, l.product_id, l.location_id, l.room
                """)
                .param("orgId", orgId, Types.VARCHAR)
                .query(rs -> {
                    String subject = "product " + rs.getString("product_id") + " at " + rs.getString("location_id") + "/" + rs.getString("room");
                    String org = rs.getString("org_id");
                    compare(mismatches, org, subject, "on_hand", rs.getBigDecimal("on_hand"), rs.getBigDecimal("ledger_on_hand"), "ledger-sum");
                    compare(mismatches, org, subject, "incoming", rs.getBigDecimal("incoming"), rs.getBigDecimal("ledger_incoming"), "ledger-sum");
                    compare(mismatches, org, subject, "reserved", rs.getBigDecimal("reserved"), rs.getBigDecimal("ledger_reserved"), "ledger-sum");
                    compare(mismatches, org, subject, "on_hand", rs.getBigDecimal("on_hand"), rs.getBigDecimal("rollup_on_hand"), "rollup-sum");
                    compare(mismatches, org, subject, "on_hand_movements", rs.getBigDecimal("on_hand_movements"),
                            rs.getBigDecimal("ledger_on_hand_movements"), "ledger-count");
                });
        return mismatches;
    }

    private static void compare(List<Mismatch> into, String orgId, String subject, String field, BigDecimal level,
            BigDecimal sum, String check) {
        if (level.compareTo(sum) != 0) {
            into.add(new Mismatch(check, orgId, subject, field, sum.stripTrailingZeros().toPlainString(),
                    level.stripTrailingZeros().toPlainString()));
        }
    }
}
