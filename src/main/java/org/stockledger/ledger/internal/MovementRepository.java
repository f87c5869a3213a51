package org.stockledger.ledger.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.ledger.Movement;
import org.stockledger.ledger.MovementKind;
import org.stockledger.support.SqlDialect;

/** Appends movements and reads them back. There is no update and no delete here, by design. */
@Repository
public class MovementRepository {

    static final String COLUMNS = """
            movement_id, command_id, product_id, location_id, room, kind, reason_code, reason,
            delta_on_hand, delta_incoming, delta_reserved, on_hand_after, incoming_after, reserved_after,
            reference_type, reference_id, shop_id, cost_per_unit, metadata, actor_token_id, actor_name,
            occurred_at, created_at
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final SqlDialect dialect;

    public MovementRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.dialect = dialect;
    }

    /**
     * Appends a transaction's movements. On PostgreSQL in one statement, each column an array
     * parameter, sent with the batch's other writes in {@code round}: a batch of 30 single-row
     * inserts costs PostgreSQL 30 executions (with their per-statement overhead), and the
     * group-committed batch waits for all of them while its levels stay locked. On H2, in the
     * process, a JDBC batch of single-row inserts costs no round trip.
     */
    public void appendMovements(String orgId, List<Movement> movements, StatementRound round) {
        if (dialect.isPostgres()) {
            appendInOneStatement(orgId, movements, round);
            return;
        }
        jdbcTemplate.batchUpdate("""
                insert into movements (org_id, movement_id, command_id, product_id, location_id, room, kind, reason_code,
                    reason, delta_on_hand, delta_incoming, delta_reserved, on_hand_after, incoming_after, reserved_after,
                    reference_type, reference_id, shop_id, cost_per_unit, metadata, actor_token_id, actor_name,
                    occurred_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, movements, movements.size(), (statement, movement) -> {
                    statement.setString(1, orgId);
                    statement.setObject(2, movement.movementId());
                    statement.setObject(3, movement.commandId());
                    statement.setObject(4, movement.level().productId());
                    statement.setObject(5, movement.level().locationId());
                    statement.setString(6, movement.level().room().wireName());
                    statement.setString(7, movement.kind().wireName());
                    statement.setString(8, movement.reasonCode());
                    statement.setString(9, movement.reason());
                    statement.setBigDecimal(10, movement.deltaOnHand());
                    statement.setBigDecimal(11, movement.deltaIncoming());
                    statement.setBigDecimal(12, movement.deltaReserved());
                    statement.setBigDecimal(13, movement.onHandAfter());
                    statement.setBigDecimal(14, movement.incomingAfter());
                    statement.setBigDecimal(15, movement.reservedAfter());
                    statement.setString(16, movement.referenceType());
                    statement.setString(17, movement.referenceId());
                    statement.setString(18, movement.shopId());
                    statement.setBigDecimal(19, movement.costPerUnit());
                    statement.setString(20, movement.metadataJson());
                    if (movement.actorTokenId() == null) {
                        statement.setNull(21, Types.OTHER);
                    } else {
                        statement.setObject(21, movement.actorTokenId());
                    }
                    statement.setString(22, movement.actorName());
                    statement.setObject(23, Rows.utc(movement.occurredAt()));
                    statement.setObject(24, Rows.utc(movement.createdAt()));
                });
    }

    /**
     * One SQL text for any number of rows (the prepared statement is reused). Quantities and
     * instants travel as text and are cast by PostgreSQL: a decimal's plain string and an
     * instant's ISO form convert exactly, as the driver's own binding of them does.
     */
    private static void appendInOneStatement(String orgId, List<Movement> movements, StatementRound round) {
        round.add("""
                insert into movements (org_id, movement_id, command_id, product_id, location_id, room, kind, reason_code,
                    reason, delta_on_hand, delta_incoming, delta_reserved, on_hand_after, incoming_after, reserved_after,
                    reference_type, reference_id, shop_id, cost_per_unit, metadata, actor_token_id, actor_name,
                    occurred_at, created_at)
                select :orgId, m.*
                from unnest(cast(:movementIds as uuid[]), cast(:commandIds as uuid[]), cast(:productIds as uuid[]),
                    cast(:locationIds as uuid[]), cast(:rooms as varchar[]), cast(:kinds as varchar[]),
                    cast(:reasonCodes as varchar[]), cast(:reasons as varchar[]),
                    cast(:deltaOnHand as numeric[]), cast(:deltaIncoming as numeric[]), cast(:deltaReserved as numeric[]),
                    cast(:onHandAfter as numeric[]), cast(:incomingAfter as numeric[]), cast(:reservedAfter as numeric[]),
                    cast(:referenceTypes as varchar[]), cast(:referenceIds as varchar[]), cast(:shopIds as varchar[]),
                    cast(:costsPerUnit as numeric[]), cast(:metadata as varchar[]), cast(:actorTokenIds as uuid[]),
                    cast(:actorNames as varchar[]), cast(:occurredAt as timestamptz[]), cast(:createdAt as timestamptz[])) as m
                """, new MapSqlParameterSource()
                .addValue("orgId", orgId)
                .addValue("movementIds", column(movements, UUID[]::new, Movement::movementId))
                .addValue("commandIds", column(movements, UUID[]::new, Movement::commandId))
                .addValue("productIds", column(movements, UUID[]::new, movement -> movement.level().productId()))
                .addValue("locationIds", column(movements, UUID[]::new, movement -> movement.level().locationId()))
                .addValue("rooms", texts(movements, movement -> movement.level().room().wireName()))
                .addValue("kinds", texts(movements, movement -> movement.kind().wireName()))
                .addValue("reasonCodes", texts(movements, Movement::reasonCode))
                .addValue("reasons", texts(movements, Movement::reason))
                .addValue("deltaOnHand", decimals(movements, Movement::deltaOnHand))
                .addValue("deltaIncoming", decimals(movements, Movement::deltaIncoming))
                .addValue("deltaReserved", decimals(movements, Movement::deltaReserved))
                .addValue("onHandAfter", decimals(movements, Movement::onHandAfter))
                .addValue("incomingAfter", decimals(movements, Movement::incomingAfter))
                .addValue("reservedAfter", decimals(movements, Movement::reservedAfter))
                .addValue("referenceTypes", texts(movements, Movement::referenceType))
                .addValue("referenceIds", texts(movements, Movement::referenceId))
                .addValue("shopIds", texts(movements, Movement::shopId))
                .addValue("costsPerUnit", decimals(movements, Movement::costPerUnit))
                .addValue("metadata", texts(movements, Movement::metadataJson))
                .addValue("actorTokenIds", column(movements, UUID[]::new, Movement::actorTokenId))
                .addValue("actorNames", texts(movements, Movement::actorName))
                .addValue("occurredAt", texts(movements, movement -> movement.occurredAt().toString()))
                .addValue("createdAt", texts(movements, movement -> movement.createdAt().toString())));
    }

    private static <T> T[] column(List<Movement> movements, IntFunction<T[]> array, Function<Movement, T> value) {
        return movements.stream().map(value).toArray(array);
    }

    private static String[] texts(List<Movement> movements, Function<Movement, String> value) {
        return column(movements, String[]::new, value);
    }

    private static String[] decimals(List<Movement> movements, Function<Movement, BigDecimal> value) {
        return column(movements, String[]::new, movement -> {
            BigDecimal decimal = value.apply(movement);
            return decimal == null ? null : decimal.toPlainString();
        });
    }

    /** The newest movements of a product over all its bins, newest first (ids are time-ordered). */
    public List<Movement> recentMovementsOfProduct(String orgId, UUID productId, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                from movements
                where org_id = :orgId and product_id = :productId
                order by movement_id desc
                limit :limit
                """)
                .param("orgId", orgId)
                .param("productId", productId)
                .param("limit", limit)
                .query(MovementRepository::toMovement)
                .list();
    }

    public List<Movement> movementsOfReference(String orgId, String referenceType, String referenceId) {
        return jdbc.sql("select " + COLUMNS + """
                from movements
                where org_id = :orgId and reference_type = :referenceType and reference_id = :referenceId
                order by movement_id
                """)
                .param("orgId", orgId)
                .param("referenceType", referenceType)
                .param("referenceId", referenceId)
                .query(MovementRepository::toMovement)
                .list();
    }

    static Movement toMovement(ResultSet rs, int row) throws SQLException {
        return new Movement(
                rs.getObject("movement_id", UUID.class),
                rs.getObject("command_id", UUID.class),
                Rows.levelKey(rs),
                MovementKind.fromWireName(rs.getString("kind")).orElseThrow(),
                rs.getString("reason_code"),
                rs.getString("reason"),
                rs.getBigDecimal("delta_on_hand"),
                rs.getBigDecimal("delta_incoming"),
                rs.getBigDecimal("delta_reserved"),
                rs.getBigDecimal("on_hand_after"),
                rs.getBigDecimal("incoming_after"),
                rs.getBigDecimal("reserved_after"),
                rs.getString("reference_type"),
                rs.getString("reference_id"),
                rs.getString("shop_id"),
                rs.getBigDecimal("cost_per_unit"),
                rs.getString("metadata"),
                rs.getObject("actor_token_id", UUID.class),
                rs.getString("actor_name"),
                Rows.instant(rs, "occurred_at"),
                Rows.instant(rs, "created_at"));
    }
}
