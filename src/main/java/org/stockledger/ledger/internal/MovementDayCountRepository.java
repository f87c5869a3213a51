package org.stockledger.ledger.internal;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.ledger.MovementKind;
import org.stockledger.support.SqlDialect;

/**
 * Movements that changed on-hand stock, counted per (UTC day of recording, location, kind, lane)
 * in the ledger's transaction, so that a movement list's total is a sum over days rather than a
 * count over the ledger. Rows are written in key order just before the commit ({@link MovementDayCounter}).
 */
@Repository
public class MovementDayCountRepository {

    /** Rows a day's count is spread over; see {@code V8__movement_day_counts.sql}. */
    public static final int LANES = 16;

    private static final String UPDATE = """
            update movement_day_counts set on_hand_movements = on_hand_movements + ?
            where org_id = ? and created_day = ? and location_id = ? and kind = ? and lane = ?
            """;
    private static final String INSERT = """
            insert into movement_day_counts (org_id, created_day, location_id, kind, lane, on_hand_movements)
            values (?, ?, ?, ?, ?, ?)
            """;

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

    /** Adds the counts in the given lane; {@code counts} must be in key order (day, location, kind). See {@link MovementDayCounter}. */
    public void add(String orgId, int lane, List<DayCount> counts) {
        if (counts.isEmpty()) {
            return;
        }
        if (dialect.isPostgres()) {
            jdbcTemplate.batchUpdate(INSERT.strip() + """

                    on conflict (org_id, created_day, location_id, kind, lane)
                    do update set on_hand_movements = movement_day_counts.on_hand_movements + excluded.on_hand_movements
                    """, counts, counts.size(), (statement, count) -> {
                        statement.setString(1, orgId);
                        statement.setDate(2, Date.valueOf(count.day()));
                        statement.setObject(3, count.locationId());
                        statement.setString(4, count.kind().wireName());
                        statement.setInt(5, lane);
                        statement.setLong(6, count.onHandMovements());
                    });
            return;
        }
        int[] updated = update(orgId, lane, counts);
        for (int i = 0; i < counts.size(); i++) {
            if (updated[i] == 0) {
                insertOrAdd(orgId, lane, counts.get(i));
            }
        }
    }

    private int[] update(String orgId, int lane, List<DayCount> counts) {
        return jdbcTemplate.batchUpdate(UPDATE, counts, counts.size(), (statement, count) -> {
            statement.setLong(1, count.onHandMovements());
            statement.setString(2, orgId);
            statement.setDate(3, Date.valueOf(count.day()));
            statement.setObject(4, count.locationId());
            statement.setString(5, count.kind().wireName());
            statement.setInt(6, lane);
        })[0];
    }

    /** H2: another transaction may insert the row first; H2 then refuses ours without aborting, and we add to theirs. */
    private void insertOrAdd(String orgId, int lane, DayCount count) {
        try {
            jdbcTemplate.update(INSERT, orgId, Date.valueOf(count.day()), count.locationId(), count.kind().wireName(), lane,
                    count.onHandMovements());
        } catch (DuplicateKeyException insertedMeanwhile) {
            update(orgId, lane, List.of(count));
        }
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
