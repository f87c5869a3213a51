package org.stockledger.ledger.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.support.SqlDialect;

/**
 * Changes in the number of levels holding stock or a reservation per (location, day, lane); see
 * {@code V10__stocked_level_changes.sql}. Added to in the ledger's transaction ({@link DailyTotals});
 * a snapshot's total is their sum up to its day, a few rows per day whatever the catalogue.
 */
@Repository
public class StockedLevelRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final SqlDialect dialect;

    public StockedLevelRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.dialect = dialect;
    }

    /** What one transaction adds to one (location, day). */
    public record StockedChange(UUID locationId, LocalDate day, long levels) {
    }

    /** Adds the changes in the given lane; {@code changes} must be in key order (location, day). */
    public void add(String orgId, int lane, List<StockedChange> changes, StatementRound round) {
        new LanedTotalsTable<StockedChange>(jdbcTemplate, dialect, """
                insert into stocked_level_changes (org_id, location_id, change_day, lane, levels)
                values (?, ?, ?, ?, ?)
                on conflict (org_id, location_id, change_day, lane)
                do update set levels = stocked_level_changes.levels + excluded.levels
                """, """
                update stocked_level_changes set levels = levels + ?
                where org_id = ? and location_id = ? and change_day = ? and lane = ?
                """, """
                insert into stocked_level_changes (org_id, location_id, change_day, lane, levels)
                values (?, ?, ?, ?, ?)
                """,
                change -> new Object[] {orgId, change.locationId(), change.day(), lane, change.levels()},
                change -> new Object[] {change.levels(), orgId, change.locationId(), change.day(), lane})
                .add(changes, round);
    }

    /** How many levels (of one location, or all) held stock or a reservation at the end of {@code day}. */
    public long stockedAtEndOf(String orgId, UUID locationIdOrNull, LocalDate day) {
        JdbcClient.StatementSpec statement = jdbc.sql("select coalesce(sum(levels), 0) from stocked_level_changes "
                        + "where org_id = :orgId and change_day <= :day" + (locationIdOrNull == null ? "" : " and location_id = :locationId"))
                .param("orgId", orgId)
                .param("day", day);
        if (locationIdOrNull != null) {
            statement = statement.param("locationId", locationIdOrNull);
        }
        return statement.query(Long.class).single();
    }
}
