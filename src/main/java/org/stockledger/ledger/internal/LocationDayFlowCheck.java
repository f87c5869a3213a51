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
 * The per-day on-hand flows, summed over days and lanes, equal the ledger's per (location, kind):
 * on-hand in, on-hand out and movements. Compared over all days, so a later change of the org's
 * time zone (which dates new flows differently) does not show as a mismatch.
 */
@Component
public class LocationDayFlowCheck implements InvariantCheck {

    private final JdbcClient jdbc;

    public LocationDayFlowCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "location-day-flows";
    }

    @Override
    public List<Mismatch> findMismatches(String orgId) {
        List<Mismatch> mismatches = new ArrayList<>();
        jdbc.sql("""
                select org_id, location_id, kind, sum(flow_in) as flow_in, sum(flow_out) as flow_out, sum(flow_movements) as flow_movements,
                       sum(ledger_in) as ledger_in, sum(ledger_out) as ledger_out, sum(ledger_movements) as ledger_movements
                from (
                    select org_id, location_id, kind, cast(0 as decimal(18,3)) as flow_in, cast(0 as decimal(18,3)) as flow_out,
                           cast(0 as bigint) as flow_movements,
                           sum(case when delta_on_hand > 0 then delta_on_hand else 0 end) as ledger_in,
                           sum(case when delta_on_hand < 0 then 0 - delta_on_hand else 0 end) as ledger_out,
                           count(*) as ledger_movements
                    from movements
                    where (:orgId is null or org_id = :orgId)
                    group by org_id, location_id, kind
                    union all
                    select org_id, location_id, kind, on_hand_in, on_hand_out, movements,
                           cast(0 as decimal(18,3)), cast(0 as decimal(18,3)), cast(0 as bigint)
                    from location_day_flows
                    where (:orgId is null or org_id = :orgId)
                ) both_sides
                group by org_id, location_id, kind
                having sum(flow_in) <> sum(ledger_in) or sum(flow_out) <> sum(ledger_out)
                    or sum(flow_movements) <> sum(ledger_movements)
                order by org_id, location_id, kind
                """)
                .param("orgId", orgId, Types.VARCHAR)
                .query(rs -> {
                    String org = rs.getString("org_id");
                    String subject = "movements of kind " + rs.getString("kind") + " at " + rs.getString("location_id");
                    compare(mismatches, org, subject, "on_hand_in", rs.getBigDecimal("ledger_in"), rs.getBigDecimal("flow_in"));
                    compare(mismatches, org, subject, "on_hand_out", rs.getBigDecimal("ledger_out"), rs.getBigDecimal("flow_out"));
                    compare(mismatches, org, subject, "movements", BigDecimal.valueOf(rs.getLong("ledger_movements")),
                            BigDecimal.valueOf(rs.getLong("flow_movements")));
                });
        return mismatches;
    }

    private void compare(List<Mismatch> into, String orgId, String subject, String field, BigDecimal ledger, BigDecimal flows) {
        if (ledger.compareTo(flows) != 0) {
            into.add(new Mismatch(name(), orgId, subject, field, ledger.stripTrailingZeros().toPlainString(),
                    flows.stripTrailingZeros().toPlainString()));
        }
    }
}
