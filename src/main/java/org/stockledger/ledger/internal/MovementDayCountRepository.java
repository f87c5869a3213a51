package org.stockledger.ledger.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.ledger.MovementKind;
import org.stockledger.support.SqlDialect;

/**
 * Movements that changed on-hand stock, counted per (UTC day of recording, location, kind, lane)
 * in the ledger's transaction, so that a movement list's total is a sum over days rather than a
 * count over the ledger. Rows are written in key order after every level lock ({@link DailyTotals}).
 */
@Repository
public class MovementDayCountRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final SqlDialect dialect;

    public MovementDayCountRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.dialect = dialect;
    }

    /** What one transaction adds to one (day, location, kind). */
    public record DayCount(LocalDate day, UUID locationId, MovementKind kind, long onHandMovements) {
    }

    /** Adds the counts in the given lane; {@code counts} must be in key order (day, location, kind). See {@link DailyTotals}. */
    public void add(String orgId, int lane, List<DayCount> counts, StatementRound round) {
        new LanedTotalsTable<DayCount>(jdbcTemplate, dialect, """
                insert into movement_day_counts (org_id, created_day, location_id, kind, lane, on_hand_movements)
                values (?, ?, ?, ?, ?, ?)
                on conflict (org_id, created_day, location_id, kind, lane)
                do update set on_hand_movements = movement_day_counts.on_hand_movements + excluded.on_hand_movements
                """, """
                update movement_day_counts set on_hand_movements = on_hand_movements + ?
                where org_id = ? and created_day = ? and location_id = ? and kind = ? and lane = ?
                """, """
                insert into movement_day_counts (org_id, created_day, location_id, kind, lane, on_hand_movements)
                values (?, ?, ?, ?, ?, ?)
                """,
                count -> new Object[] {orgId, count.day(), count.locationId(), count.kind().wireName(), lane, count.onHandMovements()},
                count -> new Object[] {count.onHandMovements(), orgId, count.day(), count.locationId(), count.kind().wireName(), lane})
                .add(counts, round);
    }

    /**
     * On-hand movements of the given kinds recorded on the UTC days from {@code fromDay}
     * (inclusive, null: from the first) to {@code beforeDay} (exclusive, null: to the last).
     */
    public long count(String orgId, Collection<MovementKind> kinds, UUID locationIdOrNull, LocalDate fromDay, LocalDate beforeDay) {
        List<String> conditions = new ArrayList<>(List.of("org_id = :orgId", "kind in (:kinds)"));
        if (locationIdOrNull != null) {
            conditions.add("location_id = :locationId");
        }
        if (fromDay != null) {
            conditions.add("created_day >= :fromDay");
        }
        if (beforeDay != null) {
            conditions.add("created_day < :beforeDay");
        }
        JdbcClient.StatementSpec statement = jdbc.sql("select coalesce(sum(on_hand_movements), 0) from movement_day_counts where "
                        + String.join(" and ", conditions))
                .param("orgId", orgId)
                .param("kinds", kinds.stream().map(MovementKind::wireName).sorted().toList());
        if (locationIdOrNull != null) {
            statement = statement.param("locationId", locationIdOrNull);
        }
        if (fromDay != null) {
            statement = statement.param("fromDay", fromDay);
        }
        if (beforeDay != null) {
            statement = statement.param("beforeDay", beforeDay);
        }
        return statement.query(Long.class).single();
    }
}
