package org.stockledger.ledger.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
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
     * Locks the levels in key order, which keeps two overlapping batches from deadlocking each
     * other.
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

    /** PostgreSQL's form of {@link #lockLevelsByPrimaryKey}; package-private for the plan test. */
    static final String LOCK_BY_KEYS_ON_POSTGRES = LOCKED_COLUMNS + """
            from unnest(cast(:productIds as uuid[]), cast(:locationIds as uuid[]), cast(:rooms as varchar[]))
                 with ordinality as k (product_id, location_id, room, position)
            cross join lateral (
                select s.* from stock_levels s
                where s.org_id = :orgId and s.product_id = k.product_id and s.location_id = k.location_id
                  and s.room = k.room
                offset 0
                for update
            ) l
            order by k.position
            """;

    /**
     * The keys as three arrays, each level looked up by primary key and locked in the keys'
     * order (sorted here; every batch sorts its keys the same way, so two overlapping batches
     * lock in one order and cannot deadlock). One SQL text for any number of keys, so the
     * prepared statement is reused.
     *
     * <p>On PostgreSQL each key is a LATERAL probe fenced by {@code offset 0}, which keeps the
     * planner from flattening it into a join: as a join, the plan depended on the statistics, and
     * with none yet (a freshly loaded catalogue; a database without autovacuum) PostgreSQL took
     * the org for a handful of rows and read, sorted and hashed all its levels for every batch,
     * 5 ms with 10,000 products and most of the writers' time. H2 has no LATERAL but looks each
     * key up by primary key in the join, then sorts for the locking.
     */
    private List<LockedLevel> lockLevelsByPrimaryKey(String orgId, Collection<LevelKey> unordered) {
        List<LevelKey> keys = unordered.stream().sorted().toList();
        String sql = dialect.isPostgres()
                ? LOCK_BY_KEYS_ON_POSTGRES
                : LOCKED_COLUMNS + """
                        from unnest(cast(:productIds as uuid array), cast(:locationIds as uuid array), cast(:rooms as varchar array))
                             as k (product_id, location_id, room)
                        join stock_levels l
                          on l.org_id = :orgId and l.product_id = k.product_id and l.location_id = k.location_id and l.room = k.room
                        order by l.product_id, l.location_id, l.room
                        for update
                        """;
        return jdbc.sql(sql)
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

    /**
     * PostgreSQL's form of {@link #insertMissingLevels}: the keys with their products' names, read
     * under a share lock of each product's row, then the levels that did not exist yet, then their
     * rows in {@code level_names} under the names read.
     */
    private static final String INSERT_MISSING_ON_POSTGRES = """
            with k as (
                select w.product_id, w.location_id, w.room, w.level_id, w.position, p.name
                from unnest(cast(:productIds as uuid[]), cast(:locationIds as uuid[]), cast(:rooms as varchar[]),
                            cast(:levelIds as uuid[])) with ordinality as w (product_id, location_id, room, level_id, position)
                join products p on p.org_id = :orgId and p.product_id = w.product_id
                order by w.position
                for share of p
            ), created as (
                insert into stock_levels (org_id, product_id, location_id, room, level_id, created_at)
                select :orgId, product_id, location_id, room, level_id, :createdAt from k order by position
                on conflict do nothing
                returning level_id
            )
            insert into level_names (org_id, product_name, product_id, location_id, room)
            select :orgId, k.name, k.product_id, k.location_id, k.room from k join created c on c.level_id = k.level_id
            """;

    /**
     * Creates zero levels for keys that have none yet, in key order; existing levels are untouched.
     * Each new level is listed in {@code level_names} under its product's name, read under a share
     * lock of the product's row: a rename holds that row's lock until it commits, so a level
     * created during a rename is either listed under the new name or renamed by it. On PostgreSQL
     * in one statement; H2 (no shared row locks) locks the row for update.
     */
    public void insertMissingLevels(String orgId, List<LevelKey> keysInOrder, Instant now) {
        if (dialect.isPostgres()) {
            jdbc.sql(INSERT_MISSING_ON_POSTGRES)
                    .param("orgId", orgId)
                    .param("productIds", keysInOrder.stream().map(LevelKey::productId).toArray(UUID[]::new))
                    .param("locationIds", keysInOrder.stream().map(LevelKey::locationId).toArray(UUID[]::new))
                    .param("rooms", keysInOrder.stream().map(key -> key.room().wireName()).toArray(String[]::new))
                    .param("levelIds", keysInOrder.stream().map(key -> Ids.newId()).toArray(UUID[]::new))
                    .param("createdAt", Rows.utc(now))
                    .update();
            return;
        }
        for (LevelKey key : keysInOrder) {
            Optional<String> productName = jdbc.sql("select name from products where org_id = ? and product_id = ? for update")
                    .params(orgId, key.productId())
                    .query(String.class)
                    .optional();
            if (productName.isEmpty()) {
                continue;
            }
            try {
                jdbcTemplate.update("insert into stock_levels (org_id, product_id, location_id, room, level_id, created_at) values (?, ?, ?, ?, ?, ?)",
                        orgId, key.productId(), key.locationId(), key.room().wireName(), Ids.newId(), Rows.utc(now));
            } catch (DuplicateKeyException createdConcurrently) {
                continue; // another transaction created this level first; the lock that follows reads it
            }
            jdbcTemplate.update("insert into level_names (org_id, product_name, product_id, location_id, room) values (?, ?, ?, ?, ?)",
                    orgId, productName.get(), key.productId(), key.locationId(), key.room().wireName());
        }
    }

    /** A level's new balance, and what its movements of the batch add to its counts of movements and of on-hand movements. */
    public record LevelUpdate(LevelKey key, UUID levelId, Balance balance, int movementsAdded, int onHandMovementsAdded,
            Instant lastMovementAt, Instant countedAt) {
    }

    /**
     * Writes the levels' new balances. On PostgreSQL in one statement (the updates as column
     * arrays, each level found by its id) sent with the batch's other writes in {@code round}, as
     * {@link MovementRepository#appendMovements} appends; on H2 as a JDBC batch.
     */
    public void updateLevels(String orgId, List<LevelUpdate> updates, StatementRound round) {
        if (dialect.isPostgres()) {
            updateLevelsInOneStatement(orgId, updates, round);
            return;
        }
        jdbcTemplate.batchUpdate("""
                update stock_levels
                set on_hand = ?, incoming = ?, reserved = ?, movement_count = movement_count + ?,
                    on_hand_movements = on_hand_movements + ?, last_movement_at = coalesce(?, last_movement_at), last_counted_at = coalesce(?, last_counted_at)
                where org_id = ? and product_id = ? and location_id = ? and room = ?
                """, updates, updates.size(), (statement, update) -> {
                    statement.setBigDecimal(1, update.balance().onHand());
                    statement.setBigDecimal(2, update.balance().incoming());
                    statement.setBigDecimal(3, update.balance().reserved());
                    statement.setInt(4, update.movementsAdded());
                    statement.setInt(5, update.onHandMovementsAdded());
                    statement.setObject(6, Rows.utc(update.lastMovementAt()));
                    statement.setObject(7, Rows.utc(update.countedAt()));
                    statement.setString(8, orgId);
                    statement.setObject(9, update.key().productId());
                    statement.setObject(10, update.key().locationId());
                    statement.setString(11, update.key().room().wireName());
                });
    }

    /** PostgreSQL's form of {@link #updateLevels}; package-private for the plan test. */
    static final String UPDATE_LEVELS_ON_POSTGRES = """
            update stock_levels l
            set on_hand = u.on_hand, incoming = u.incoming, reserved = u.reserved,
                movement_count = l.movement_count + u.movements_added,
                on_hand_movements = l.on_hand_movements + u.on_hand_movements_added,
                last_movement_at = coalesce(u.last_movement_at, l.last_movement_at),
                last_counted_at = coalesce(u.counted_at, l.last_counted_at)
            from unnest(cast(:levelIds as uuid[]),
                cast(:onHand as numeric[]), cast(:incoming as numeric[]), cast(:reserved as numeric[]),
                cast(:movementsAdded as integer[]), cast(:onHandMovementsAdded as integer[]),
                cast(:lastMovementAt as timestamptz[]), cast(:countedAt as timestamptz[]))
                as u (level_id, on_hand, incoming, reserved, movements_added, on_hand_movements_added, last_movement_at, counted_at)
            where l.org_id = :orgId and l.level_id = any(cast(:levelIds as uuid[])) and l.level_id = u.level_id
            """;

    /**
     * The rows are found through {@code level_id = any(...)}, an index condition whatever the
     * statistics say; joined on the key columns, PostgreSQL without statistics hashed all the
     * org's levels for every batch (see {@link #lockLevelsByPrimaryKey}).
     */
    private static void updateLevelsInOneStatement(String orgId, List<LevelUpdate> updates, StatementRound round) {
        UUID[] levelIds = updates.stream().map(LevelUpdate::levelId).toArray(UUID[]::new);
        round.add(UPDATE_LEVELS_ON_POSTGRES, new MapSqlParameterSource()
                .addValue("orgId", orgId)
                .addValue("levelIds", levelIds)
                .addValue("onHand", updates.stream().map(update -> update.balance().onHand().toPlainString()).toArray(String[]::new))
                .addValue("incoming", updates.stream().map(update -> update.balance().incoming().toPlainString()).toArray(String[]::new))
                .addValue("reserved", updates.stream().map(update -> update.balance().reserved().toPlainString()).toArray(String[]::new))
                .addValue("movementsAdded", updates.stream().map(LevelUpdate::movementsAdded).toArray(Integer[]::new))
                .addValue("onHandMovementsAdded", updates.stream().map(LevelUpdate::onHandMovementsAdded).toArray(Integer[]::new))
                .addValue("lastMovementAt", updates.stream().map(update -> instantText(update.lastMovementAt())).toArray(String[]::new))
                .addValue("countedAt", updates.stream().map(update -> instantText(update.countedAt())).toArray(String[]::new)));
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

    /**
     * How many on-hand movements a product's levels have (at one location, or all), from the
     * count each level keeps: a read of the product's few levels, whatever the size of its ledger.
     */
    public long countOnHandMovements(String orgId, UUID productId, UUID locationIdOrNull) {
        return jdbc.sql("select coalesce(sum(on_hand_movements), 0) from stock_levels where org_id = :orgId and product_id = :productId"
                        + (locationIdOrNull == null ? "" : " and location_id = :locationId"))
                .param("orgId", orgId)
                .param("productId", productId)
                .param("locationId", locationIdOrNull)
                .query(Long.class)
                .single();
    }

    /** How many stock levels there are, in one org or (null) in all. */
    public long countLevels(String orgIdOrNull) {
        return jdbc.sql("select count(*) from stock_levels where (:orgId is null or org_id = :orgId)")
                .param("orgId", orgIdOrNull, Types.VARCHAR)
                .query(Long.class)
                .single();
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
