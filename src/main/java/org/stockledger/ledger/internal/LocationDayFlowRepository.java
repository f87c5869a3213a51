package org.stockledger.ledger.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
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

    private static final List<String> ADJUSTMENT_KINDS = Arrays.stream(MovementKind.values())
            .filter(MovementKind::isAdjustment).map(MovementKind::wireName).sorted().toList();

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final SqlDialect dialect;

    public LocationDayFlowRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.dialect = dialect;
    }

    /** What one transaction adds to one (day, location, kind): on-hand in and out (both >= 0) and its movements. */
    public record DayFlow(LocalDate day, UUID locationId, MovementKind kind, BigDecimal onHandIn, BigDecimal onHandOut,
            long movements) {
    }

    /** Adds the flows in the given lane; {@code flows} must be in key order (day, location, kind). */
    public void add(String orgId, int lane, List<DayFlow> flows, StatementRound round) {
        new LanedTotalsTable<DayFlow>(jdbcTemplate, dialect, """
                insert into location_day_flows (org_id, flow_day, location_id, kind, lane, on_hand_in, on_hand_out, movements)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (org_id, flow_day, location_id, kind, lane)
                do update set on_hand_in = location_day_flows.on_hand_in + excluded.on_hand_in,
                              on_hand_out = location_day_flows.on_hand_out + excluded.on_hand_out,
                              movements = location_day_flows.movements + excluded.movements
                """, """
                update location_day_flows set on_hand_in = on_hand_in + ?, on_hand_out = on_hand_out + ?, movements = movements + ?
                where org_id = ? and flow_day = ? and location_id = ? and kind = ? and lane = ?
                """, """
                insert into location_day_flows (org_id, flow_day, location_id, kind, lane, on_hand_in, on_hand_out, movements)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                flow -> new Object[] {orgId, flow.day(), flow.locationId(), flow.kind().wireName(), lane, flow.onHandIn(),
                        flow.onHandOut(), flow.movements()},
                flow -> new Object[] {flow.onHandIn(), flow.onHandOut(), flow.movements(), orgId, flow.day(), flow.locationId(),
                        flow.kind().wireName(), lane})
                .add(flows, round);
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
