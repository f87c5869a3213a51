package org.stockledger.ledger.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.ledger.Balance;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.StockLevel;
import org.stockledger.support.Ids;
import org.stockledger.support.SqlDialect;

@Repository
public class LevelRepository {

    private static final String COLUMNS = """
            level_id, product_id, location_id, room, on_hand, incoming, reserved, reorder_point, max_stock_level,
            movement_count, last_movement_at, last_counted_at, last_synced_at
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final SqlDialect dialect;

    public LevelRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.dialect = dialect;
    }

    /**
     * A locked level and the last day it has a rollup for (null: none yet), which tells whether
     * its rollups reach past a movement's day ({@link DailyTotals}) without another query.
     */
    public record LockedLevel(StockLevel level, LocalDate lastRollupDay) {
    }

    // The levels' columns, each with its last rollup day: the rollups' primary key ends with the
    // day, so that is one short index probe per level, within the locking statement.
    private static final String LOCKED_COLUMNS = """
            select l.level_id, l.product_id, l.location_id, l.room, l.on_hand, l.incoming, l.reserved, l.reorder_point,
                   l.max_stock_level, l.movement_count, l.last_movement_at, l.last_counted_at, l.last_synced_at,
                   (select max(r.rollup_day) from daily_rollups r
                    where r.org_id = l.org_id and r.product_id = l.product_id and r.location_id = l.location_id
                      and r.room = l.room) as last_rollup_day
            """;

    /**
     * Locks the levels in key order (the ORDER BY sits below the row locking, so rows are locked
     * as sorted), which keeps two overlapping batches from deadlocking each other.
     */
    public List<LockedLevel> lockLevelsInKeyOrder(String orgId, Collection<LevelKey> keys) {
        if (keys.size() == 1) {
            LevelKey key = keys.iterator().next();
            return jdbc.sql(LOCKED_COLUMNS + """
                    from stock_levels l
                    where l.org_id = :orgId and l.product_id = :productId and l.location_id = :locationId and l.room = :room
                    for update
                    """)
                    .param("orgId", orgId)
                    .param("productId", key.productId())
                    .param("locationId", key.locationId())
                    .param("room", key.room().wireName())
                    .query(LevelRepository::toLockedLevel)
                    .list();
        }
        return lockLevelsByPrimaryKey(orgId, keys);
    }

    /**
     * The keys as three arrays joined to the levels, each looked up by primary key. PostgreSQL
     * expects a handful of keys from {@code unnest} whatever its statistics say (an IN list of
     * tuples was planned as a walk over the whole location when the statistics were stale, a
     * freshly loaded catalogue); H2 uses no index for an IN list of tuples at all and compared
     * every level of the org with every key (half the service's CPU time with 10,000 products).
     * One SQL text for any number of keys, so the prepared statement is reused. The keys go in
     * key order, which is also the order of the join and of the ORDER BY the locking sits on.
     */
    private List<LockedLevel> lockLevelsByPrimaryKey(String orgId, Collection<LevelKey> unordered) {
        List<LevelKey> keys = unordered.stream().sorted().toList();
        return jdbc.sql(LOCKED_COLUMNS + """
                from unnest(cast(:productIds as %s), cast(:locationIds as %s), cast(:rooms as %s))
                     as k (product_id, location_id, room)
                join stock_levels l
                  on l.org_id = :orgId and l.product_id = k.product_id and l.location_id = k.location_id and l.room = k.room
                order by l.product_id, l.location_id, l.room
                for update%s
                """.formatted(dialect.arrayOf("uuid"), dialect.arrayOf("uuid"), dialect.arrayOf("varchar"),
                        dialect.isPostgres() ? " of l" : ""))
                .param("orgId", orgId)
                .param("productIds", keys.stream().map(LevelKey::productId).toArray(UUID[]::new))
                .param("locationIds", keys.stream().map(LevelKey::locationId).toArray(UUID[]::new))
                .param("rooms", keys.stream().map(key -> key.room().wireName()).toArray(String[]::new))
                .query(LevelRepository::toLockedLevel)
                .list();
    }

    private static LockedLevel toLockedLevel(ResultSet rs, int row) throws SQLException {
        return new LockedLevel(toLevel(rs, row), rs.getObject("last_rollup_day", LocalDate.class));
    }

    /** Creates zero levels for keys that have none yet, in key order; existing levels are untouched. */
    public void insertMissingLevels(String orgId, List<LevelKey> keysInOrder, Instant now) {
        String sql = """
                insert into stock_levels (org_id, product_id, location_id, room, level_id, created_at)
                values (?, ?, ?, ?, ?, ?)""" + dialect.onConflictDoNothing();
        if (dialect.isPostgres()) {
            jdbcTemplate.batchUpdate(sql, keysInOrder, keysInOrder.size(), (statement, key) -> {
                statement.setString(1, orgId);
                statement.setObject(2, key.productId());
                statement.setObject(3, key.locationId());
                statement.setString(4, key.room().wireName());
                statement.setObject(5, Ids.newId());
                statement.setObject(6, Rows.utc(now));
            });
            return;
        }
        for (LevelKey key : keysInOrder) {
            try {
                jdbcTemplate.update(sql, orgId, key.productId(), key.locationId(), key.room().wireName(), Ids.newId(), Rows.utc(now));
            } catch (DuplicateKeyException createdConcurrently) {
                // Another transaction created this level first; the lock that follows reads it.
            }
        }
    }

    public record LevelUpdate(LevelKey key, Balance balance, int movementsAdded, Instant lastMovementAt, Instant countedAt) {
    }

    /**
     * Writes the levels' new balances. On PostgreSQL in one statement (the updates as column
     * arrays joined by primary key), as {@link MovementRepository#appendMovements} appends; on H2
     * as a JDBC batch.
     */
    public void updateLevels(String orgId, List<LevelUpdate> updates) {
        if (dialect.isPostgres() && updates.size() > 1) {
            updateLevelsInOneStatement(orgId, updates);
            return;
        }
        jdbcTemplate.batchUpdate("""
                update stock_levels
                set on_hand = ?, incoming = ?, reserved = ?, movement_count = movement_count + ?,
                    last_movement_at = coalesce(?, last_movement_at), last_counted_at = coalesce(?, last_counted_at)
                where org_id = ? and product_id = ? and location_id = ? and room = ?
                """, updates, updates.size(), (statement, update) -> {
                    statement.setBigDecimal(1, update.balance().onHand());
                    statement.setBigDecimal(2, update.balance().incoming());
                    statement.setBigDecimal(3, update.balance().reserved());
                    statement.setInt(4, update.movementsAdded());
                    statement.setObject(5, Rows.utc(update.lastMovementAt()));
                    statement.setObject(6, Rows.utc(update.countedAt()));
                    statement.setString(7, orgId);
                    statement.setObject(8, update.key().productId());
                    statement.setObject(9, update.key().locationId());
                    statement.setString(10, update.key().room().wireName());
                });
    }

    private void updateLevelsInOneStatement(String orgId, List<LevelUpdate> updates) {
        jdbc.sql("""
                update stock_levels l
                set on_hand = u.on_hand, incoming = u.incoming, reserved = u.reserved,
                    movement_count = l.movement_count + u.movements_added,
                    last_movement_at = coalesce(u.last_movement_at, l.last_movement_at),
                    last_counted_at = coalesce(u.counted_at, l.last_counted_at)
                from unnest(cast(:productIds as uuid[]), cast(:locationIds as uuid[]), cast(:rooms as varchar[]),
                    cast(:onHand as numeric[]), cast(:incoming as numeric[]), cast(:reserved as numeric[]),
                    cast(:movementsAdded as integer[]), cast(:lastMovementAt as timestamptz[]), cast(:countedAt as timestamptz[]))
                    as u (product_id, location_id, room, on_hand, incoming, reserved, movements_added, last_movement_at, counted_at)
                where l.org_id = :orgId and l.product_id = u.product_id and l.location_id = u.location_id and l.room = u.room
                """)
                .param("orgId", orgId)
                .param("productIds", updates.stream().map(update -> update.key().productId()).toArray(UUID[]::new))
                .param("locationIds", updates.stream().map(update -> update.key().locationId()).toArray(UUID[]::new))
                .param("rooms", updates.stream().map(update -> update.key().room().wireName()).toArray(String[]::new))
                .param("onHand", updates.stream().map(update -> update.balance().onHand().toPlainString()).toArray(String[]::new))
                .param("incoming", updates.stream().map(update -> update.balance().incoming().toPlainString()).toArray(String[]::new))
                .param("reserved", updates.stream().map(update -> update.balance().reserved().toPlainString()).toArray(String[]::new))
                .param("movementsAdded", updates.stream().map(LevelUpdate::movementsAdded).toArray(Integer[]::new))
                .param("lastMovementAt", updates.stream().map(update -> instantText(update.lastMovementAt())).toArray(String[]::new))
                .param("countedAt", updates.stream().map(update -> instantText(update.countedAt())).toArray(String[]::new))
                .update();
    }

    private static String instantText(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public Optional<StockLevel> findLevel(String orgId, LevelKey key) {
        return jdbc.sql("select " + COLUMNS + """
                from stock_levels
                where org_id = :orgId and product_id = :productId and location_id = :locationId and room = :room
                """)
                .param("orgId", orgId)
                .param("productId", key.productId())
                .param("locationId", key.locationId())
                .param("room", key.room().wireName())
                .query(LevelRepository::toLevel)
                .optional();
    }

    public Optional<StockLevel> findLevelById(String orgId, UUID levelId) {
        return jdbc.sql("select " + COLUMNS + " from stock_levels where org_id = :orgId and level_id = :levelId")
                .param("orgId", orgId)
                .param("levelId", levelId)
                .query(LevelRepository::toLevel)
                .optional();
    }

    public List<StockLevel> findLevelsOfProducts(String orgId, Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from stock_levels where org_id = :orgId and product_id in (:productIds)")
                .param("orgId", orgId)
                .param("productIds", new ArrayList<>(productIds))
                .query(LevelRepository::toLevel)
                .list();
    }

    public void updateReorderSettings(String orgId, LevelKey key, BigDecimal reorderPoint, BigDecimal maxStockLevel) {
        jdbc.sql("""
                update stock_levels set reorder_point = :reorderPoint, max_stock_level = :maxStockLevel
                where org_id = :orgId and product_id = :productId and location_id = :locationId and room = :room
                """)
                .param("orgId", orgId)
                .param("productId", key.productId())
                .param("locationId", key.locationId())
                .param("room", key.room().wireName())
                .param("reorderPoint", reorderPoint)
                .param("maxStockLevel", maxStockLevel)
                .update();
    }

    static StockLevel toLevel(ResultSet rs, int row) throws SQLException {
        return new StockLevel(
                rs.getObject("level_id", UUID.class),
                Rows.levelKey(rs),
                new Balance(rs.getBigDecimal("on_hand"), rs.getBigDecimal("incoming"), rs.getBigDecimal("reserved")),
                rs.getBigDecimal("reorder_point"),
                rs.getBigDecimal("max_stock_level"),
                rs.getLong("movement_count"),
                Rows.instant(rs, "last_movement_at"),
                Rows.instant(rs, "last_counted_at"),
                Rows.instant(rs, "last_synced_at"));
    }
}
