package org.stockledger.ledger.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.LevelSnapshot;
import org.stockledger.ledger.Room;

/**
 * Balances at the end of a past day: the current level minus the rollup deltas of every later
 * day. Reads levels and rollups only, never the movements, so the cost follows the number of
 * levels and the days since, not the size of the ledger. Only levels that held stock or a
 * reservation at that moment are returned.
 */
@Repository
public class SnapshotRepository {

    // The location filter is a flag plus a value rather than a nullable parameter, so PostgreSQL
    // never has to guess the type of a null.
    private static final String SNAPSHOT_FROM = """
            from stock_levels l
            left join (
                select product_id, location_id, room,
                       sum(on_hand_in) - sum(on_hand_out) as later_on_hand, sum(delta_reserved) as later_reserved
                from daily_rollups
                where org_id = :orgId and rollup_day > :day and (:anyLocation or location_id = :locationId)
                group by product_id, location_id, room
            ) r on r.product_id = l.product_id and r.location_id = l.location_id and r.room = l.room
            where l.org_id = :orgId and (:anyLocation or l.location_id = :locationId)
              and (l.on_hand - coalesce(r.later_on_hand, 0) <> 0 or l.reserved - coalesce(r.later_reserved, 0) <> 0)
            """;

    private final JdbcClient jdbc;

    public SnapshotRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<LevelSnapshot> snapshotPage(String orgId, UUID locationIdOrNull, LocalDate day, int limit, long offset) {
        return jdbc.sql("""
                select l.level_id, l.product_id, l.location_id, l.room,
                       l.on_hand - coalesce(r.later_on_hand, 0) as on_hand_then,
                       l.reserved - coalesce(r.later_reserved, 0) as reserved_then
                """ + SNAPSHOT_FROM + """
                order by l.product_id, l.location_id, l.room
                limit :limit offset :offset
                """)
                .param("orgId", orgId)
                .param("day", day)
                .param("anyLocation", locationIdOrNull == null)
                .param("locationId", locationIdOrNull == null ? new UUID(0, 0) : locationIdOrNull)
                .param("limit", limit)
                .param("offset", offset)
                .query(SnapshotRepository::toSnapshot)
                .list();
    }

    public long snapshotCount(String orgId, UUID locationIdOrNull, LocalDate day) {
        return jdbc.sql("select count(*) " + SNAPSHOT_FROM)
                .param("orgId", orgId)
                .param("day", day)
                .param("anyLocation", locationIdOrNull == null)
                .param("locationId", locationIdOrNull == null ? new UUID(0, 0) : locationIdOrNull)
                .query(Long.class)
                .single();
    }

    private static LevelSnapshot toSnapshot(ResultSet rs, int row) throws SQLException {
        BigDecimal onHand = rs.getBigDecimal("on_hand_then").setScale(3);
        BigDecimal reserved = rs.getBigDecimal("reserved_then").setScale(3);
        return new LevelSnapshot(
                rs.getObject("level_id", UUID.class),
                new LevelKey(rs.getObject("product_id", UUID.class), rs.getObject("location_id", UUID.class),
                        Room.fromWireName(rs.getString("room")).orElseThrow()),
                onHand,
                reserved);
    }
}
