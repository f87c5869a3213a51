package org.stockledger.ledger.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.ledger.LedgerSearches.FlowSums;
import org.stockledger.ledger.MovementKind;
import org.stockledger.support.SqlDialect;

/**
 * On-hand flows per (day of occurrence in the org's time zone, location, kind, lane), added to in
 * the ledger's transaction ({@link DailyTotals}); period sums for analytics read a few rows per
 * day, whatever the size of the catalogue or the ledger.
 */
@Repository
public class LocationDayFlowRepository {

    private static final List<String> ADJUSTMENT_KINDS = java.util.Arrays.stream(MovementKind.values())
            .filter(MovementKind::isAdjustment).map(MovementKind::wireName).sorted().toList();

    private final JdbcClient jdbc;
    private final LanedTotalsTable table;

    public LocationDayFlowRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.table = new LanedTotalsTable(jdbcTemplate, dialect, "location_day_flows",
                List.of("flow_day", "location_id", "kind"), List.of("on_hand_in", "on_hand_out", "movements"));
    }

    /** What one transaction adds to one (day, location, kind): on-hand in and out (both >= 0) and its movements. */
    public record DayFlow(LocalDate day, UUID locationId, MovementKind kind, BigDecimal onHandIn, BigDecimal onHandOut,
            long movements) {
    }

    /** Adds the flows in the given lane; {@code flows} must be in key order (day, location, kind). */
    public void add(String orgId, int lane, List<DayFlow> flows) {
        table.add(orgId, lane, flows.stream()
                .map(flow -> new LanedTotalsTable.Addition(new Object[] {flow.day(), flow.locationId(), flow.kind().wireName()},
                        new Object[] {flow.onHandIn(), flow.onHandOut(), flow.movements()}))
                .toList());
    }

    /** Sums over the days from {@code fromDay} to {@code toDay}, both inclusive; adjustments apart from the rest. */
    public FlowSums sums(String orgId, UUID locationIdOrNull, LocalDate fromDay, LocalDate toDay) {
        JdbcClient.StatementSpec statement = jdbc.sql("""
                select coalesce(sum(case when kind in (:adjustmentKinds) then 0 else on_hand_in end), 0) as stock_in,
                       coalesce(sum(case when kind in (:adjustmentKinds) then 0 else on_hand_out end), 0) as stock_out,
                       coalesce(sum(case when kind in (:adjustmentKinds) then movements else 0 end), 0) as adjustments,
                       coalesce(sum(case when kind in (:adjustmentKinds) then on_hand_in - on_hand_out else 0 end), 0)
                           as adjustments_net
                from location_day_flows
                where org_id = :orgId and flow_day >= :fromDay and flow_day <= :toDay
                """ + (locationIdOrNull == null ? "" : " and location_id = :locationId"))
                .param("orgId", orgId)
                .param("adjustmentKinds", ADJUSTMENT_KINDS)
                .param("fromDay", fromDay)
                .param("toDay", toDay);
        if (locationIdOrNull != null) {
            statement = statement.param("locationId", locationIdOrNull);
        }
        return statement.query((rs, row) -> new FlowSums(rs.getBigDecimal("stock_in"), rs.getBigDecimal("stock_out"),
                        rs.getLong("adjustments"), rs.getBigDecimal("adjustments_net")))
                .single();
    }
}
