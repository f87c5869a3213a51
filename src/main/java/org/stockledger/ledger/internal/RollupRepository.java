package org.stockledger.ledger.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.internal.StockedDays.DayNet;
import org.stockledger.support.SqlDialect;

/**
 * Daily sums of deltas per level. Written only while the level's row lock is held, so an
 * update-then-insert cannot race; PostgreSQL upserts anyway, to write a batch in one statement.
 */
@Repository
public class RollupRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final SqlDialect dialect;

    public RollupRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.dialect = dialect;
    }

    /** The deltas one batch adds to one (level, day). */
    public record RollupDelta(LevelKey level, LocalDate day, BigDecimal onHandIn, BigDecimal onHandOut,
            BigDecimal adjustmentNet, long adjustmentCount, BigDecimal deltaIncoming, BigDecimal deltaReserved,
            long movementCount) {
    }

    /**
     * Adds a batch's deltas to the rollups, one delta per (level, day). On PostgreSQL one upsert
     * of the deltas as column arrays, sent with the batch's other writes in {@code round}; on H2
     * a batch of updates, then inserts of the rows missing.
     */
    public void addToRollups(String orgId, List<RollupDelta> deltas, StatementRound round) {
        if (deltas.isEmpty()) {
            return;
        }
        if (dialect.isPostgres()) {
            upsertInOneStatement(orgId, deltas, round);
            return;
        }
        int[] updated = jdbcTemplate.batchUpdate("""
                update daily_rollups
                set on_hand_in = on_hand_in + ?, on_hand_out = on_hand_out + ?, adjustment_net = adjustment_net + ?,
                    adjustment_count = adjustment_count + ?, delta_incoming = delta_incoming + ?,
                    delta_reserved = delta_reserved + ?, movement_count = movement_count + ?
                where org_id = ? and product_id = ? and location_id = ? and room = ? and rollup_day = ?
                """, deltas, deltas.size(), (statement, delta) -> {
                    statement.setBigDecimal(1, delta.onHandIn());
                    statement.setBigDecimal(2, delta.onHandOut());
                    statement.setBigDecimal(3, delta.adjustmentNet());
                    statement.setLong(4, delta.adjustmentCount());
                    statement.setBigDecimal(5, delta.deltaIncoming());
                    statement.setBigDecimal(6, delta.deltaReserved());
                    statement.setLong(7, delta.movementCount());
                    statement.setString(8, orgId);
                    statement.setObject(9, delta.level().productId());
                    statement.setObject(10, delta.level().locationId());
                    statement.setString(11, delta.level().room().wireName());
                    statement.setDate(12, Date.valueOf(delta.day()));
                })[0];
        List<RollupDelta> missing = new ArrayList<>();
        for (int i = 0; i < deltas.size(); i++) {
            if (updated[i] == 0) {
                missing.add(deltas.get(i));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                insert into daily_rollups (org_id, product_id, location_id, room, rollup_day, on_hand_in, on_hand_out,
                    adjustment_net, adjustment_count, delta_incoming, delta_reserved, movement_count)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, missing, missing.size(), (statement, delta) -> {
                    statement.setString(1, orgId);
                    statement.setObject(2, delta.level().productId());
                    statement.setObject(3, delta.level().locationId());
                    statement.setString(4, delta.level().room().wireName());
                    statement.setDate(5, Date.valueOf(delta.day()));
                    statement.setBigDecimal(6, delta.onHandIn());
                    statement.setBigDecimal(7, delta.onHandOut());
                    statement.setBigDecimal(8, delta.adjustmentNet());
                    statement.setLong(9, delta.adjustmentCount());
                    statement.setBigDecimal(10, delta.deltaIncoming());
                    statement.setBigDecimal(11, delta.deltaReserved());
                    statement.setLong(12, delta.movementCount());
                });
    }

    private static void upsertInOneStatement(String orgId, List<RollupDelta> deltas, StatementRound round) {
        round.add("""
                insert into daily_rollups (org_id, product_id, location_id, room, rollup_day, on_hand_in, on_hand_out,
                    adjustment_net, adjustment_count, delta_incoming, delta_reserved, movement_count)
                select :orgId, d.*
                from unnest(cast(:productIds as uuid[]), cast(:locationIds as uuid[]), cast(:rooms as varchar[]),
                    cast(:days as date[]), cast(:onHandIn as numeric[]), cast(:onHandOut as numeric[]),
                    cast(:adjustmentNet as numeric[]), cast(:adjustmentCount as bigint[]), cast(:deltaIncoming as numeric[]),
                    cast(:deltaReserved as numeric[]), cast(:movementCount as bigint[])) as d
                on conflict (org_id, product_id, location_id, room, rollup_day) do update
                set on_hand_in = daily_rollups.on_hand_in + excluded.on_hand_in,
                    on_hand_out = daily_rollups.on_hand_out + excluded.on_hand_out,
                    adjustment_net = daily_rollups.adjustment_net + excluded.adjustment_net,
                    adjustment_count = daily_rollups.adjustment_count + excluded.adjustment_count,
                    delta_incoming = daily_rollups.delta_incoming + excluded.delta_incoming,
                    delta_reserved = daily_rollups.delta_reserved + excluded.delta_reserved,
                    movement_count = daily_rollups.movement_count + excluded.movement_count
                """, new MapSqlParameterSource()
                .addValue("orgId", orgId)
                .addValue("productIds", deltas.stream().map(delta -> delta.level().productId()).toArray(UUID[]::new))
                .addValue("locationIds", deltas.stream().map(delta -> delta.level().locationId()).toArray(UUID[]::new))
                .addValue("rooms", deltas.stream().map(delta -> delta.level().room().wireName()).toArray(String[]::new))
                .addValue("days", deltas.stream().map(delta -> delta.day().toString()).toArray(String[]::new))
                .addValue("onHandIn", decimals(deltas, RollupDelta::onHandIn))
                .addValue("onHandOut", decimals(deltas, RollupDelta::onHandOut))
                .addValue("adjustmentNet", decimals(deltas, RollupDelta::adjustmentNet))
                .addValue("adjustmentCount", deltas.stream().map(RollupDelta::adjustmentCount).toArray(Long[]::new))
                .addValue("deltaIncoming", decimals(deltas, RollupDelta::deltaIncoming))
                .addValue("deltaReserved", decimals(deltas, RollupDelta::deltaReserved))
                .addValue("movementCount", deltas.stream().map(RollupDelta::movementCount).toArray(Long[]::new)));
    }

    private static String[] decimals(List<RollupDelta> deltas, Function<RollupDelta, BigDecimal> value) {
        return deltas.stream().map(value).map(BigDecimal::toPlainString).toArray(String[]::new);
    }

    /**
     * Each level's on-hand and reserved nets of the days after the given day (exclusive), by
     * primary key: the keys joined as arrays (key lookups, one SQL text for any number of keys,
     * as {@link LevelRepository} locks them).
     */
    public Map<LevelKey, Map<LocalDate, DayNet>> netsAfter(String orgId, Map<LevelKey, LocalDate> afterDays) {
        Map<LevelKey, Map<LocalDate, DayNet>> nets = new HashMap<>();
        if (afterDays.isEmpty()) {
            return nets;
        }
        RowCallbackHandler collect = rs -> {
            LocalDate day = rs.getObject("rollup_day", LocalDate.class);
            nets.computeIfAbsent(Rows.levelKey(rs), level -> new HashMap<>())
                    .put(day, new DayNet(day, rs.getBigDecimal("on_hand_net"), rs.getBigDecimal("delta_reserved")));
        };
        List<LevelKey> keys = List.copyOf(afterDays.keySet());
        jdbc.sql("""
                select r.product_id, r.location_id, r.room, r.rollup_day, r.on_hand_in - r.on_hand_out as on_hand_net, r.delta_reserved
                from unnest(cast(:productIds as %s), cast(:locationIds as %s), cast(:rooms as %s),
                            cast(cast(:afterDays as %s) as %s)) as k (product_id, location_id, room, after_day)
                join daily_rollups r
                  on r.org_id = :orgId and r.product_id = k.product_id and r.location_id = k.location_id and r.room = k.room
                 and r.rollup_day > k.after_day
                """.formatted(dialect.arrayOf("uuid"), dialect.arrayOf("uuid"), dialect.arrayOf("varchar"),
                        dialect.arrayOf("varchar"), dialect.arrayOf("date")))
                .param("orgId", orgId)
                .param("productIds", keys.stream().map(LevelKey::productId).toArray(UUID[]::new))
                .param("locationIds", keys.stream().map(LevelKey::locationId).toArray(UUID[]::new))
                .param("rooms", keys.stream().map(key -> key.room().wireName()).toArray(String[]::new))
                .param("afterDays", keys.stream().map(key -> afterDays.get(key).toString()).toArray(String[]::new))
                .query(collect);
        return nets;
    }

    /** Per-day sums over all bins of a product, from a day on (inclusive), oldest first. */
    public record ProductDay(LocalDate day, BigDecimal onHandIn, BigDecimal onHandOut, BigDecimal deltaIncoming,
            BigDecimal deltaReserved, long movementCount) {

        public BigDecimal deltaOnHand() {
            return onHandIn.subtract(onHandOut);
        }
    }

    public List<ProductDay> productDaysFrom(String orgId, UUID productId, LocalDate fromDay) {
        return jdbc.sql("""
                select rollup_day, sum(on_hand_in) as on_hand_in, sum(on_hand_out) as on_hand_out,
                       sum(delta_incoming) as delta_incoming, sum(delta_reserved) as delta_reserved,
                       sum(movement_count) as movement_count
                from daily_rollups
                where org_id = :orgId and product_id = :productId and rollup_day >= :fromDay
                group by rollup_day
                order by rollup_day
                """)
                .param("orgId", orgId)
                .param("productId", productId)
                .param("fromDay", fromDay)
                .query((rs, row) -> new ProductDay(
                        rs.getObject("rollup_day", LocalDate.class),
                        rs.getBigDecimal("on_hand_in"),
                        rs.getBigDecimal("on_hand_out"),
                        rs.getBigDecimal("delta_incoming"),
                        rs.getBigDecimal("delta_reserved"),
                        rs.getLong("movement_count")))
                .list();
    }
}
