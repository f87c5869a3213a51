package org.stockledger.ledger.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.ledger.LevelSnapshot;
import org.stockledger.support.SqlDialect;

/**
 * Balances at the end of a past day: the current level minus the rollup deltas of every later
 * day, worked out level by level in key order until a page is full. Reads levels and rollups
 * only, never the movements, so a page costs its levels' rollup rows since the day, whatever the
 * size of the ledger. Only levels that held stock or a reservation at that moment are returned;
 * how many there are comes from {@link StockedLevelRepository}, which counts them by the same rule.
 */
@Repository
public class SnapshotRepository {

    // The location filter is a flag plus a value rather than a nullable parameter, so PostgreSQL
    // never has to guess the type of a null. "offset 0 rows" keeps the inner query apart, so each
    // level's sums are worked out once and only as far as the page reaches, in primary-key order.
    private static final String PAGE = """
            select level_id, product_id, location_id, room, on_hand_then, reserved_then
            from (
                select l.level_id, l.product_id, l.location_id, l.room,
                       l.on_hand - coalesce((
                           select sum(r.on_hand_in - r.on_hand_out) from daily_rollups r
                           where r.org_id = l.org_id and r.product_id = l.product_id and r.location_id = l.location_id
                             and r.room = l.room and r.rollup_day > :day), 0) as on_hand_then,
                       l.reserved - coalesce((
                           select sum(r.delta_reserved) from daily_rollups r
                           where r.org_id = l.org_id and r.product_id = l.product_id and r.location_id = l.location_id
                             and r.room = l.room and r.rollup_day > :day), 0) as reserved_then
                from stock_levels l
                where l.org_id = :orgId and (:anyLocation or l.location_id = :locationId)
                order by l.product_id, l.location_id, l.room
                offset 0 rows
            ) levels_then
            where on_hand_then <> 0 or reserved_then <> 0
            order by product_id, location_id, room
            limit :limit offset :offset
            """;

    private final JdbcClient jdbc;
    private final SqlDialect dialect;

    public SnapshotRepository(JdbcClient jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** In a transaction: the page is planned for its own day and offset, as pages of any depth share the SQL. */
    public List<LevelSnapshot> snapshotPage(String orgId, UUID locationIdOrNull, LocalDate day, int limit, long offset) {
        dialect.planForParameterValuesInThisTransaction(jdbc);
        return jdbc.sql(PAGE)
                .param("orgId", orgId)
                .param("day", day)
                .param("anyLocation", locationIdOrNull == null)
                .param("locationId", locationIdOrNull == null ? new UUID(0, 0) : locationIdOrNull)
                .param("limit", limit)
                .param("offset", offset)
                .query(SnapshotRepository::toSnapshot)
                .list();
    }

    private static LevelSnapshot toSnapshot(ResultSet rs, int row) throws SQLException {
        BigDecimal onHand = rs.getBigDecimal("on_hand_then").setScale(3);
        BigDecimal reserved = rs.getBigDecimal("reserved_then").setScale(3);
        return new LevelSnapshot(
                rs.getObject("level_id", UUID.class),
                Rows.levelKey(rs),
                onHand,
                reserved);
    }
}
