package org.stockledger.ledger.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.ledger.LedgerSearches.ProductActivity;
import org.stockledger.support.SqlDialect;

/**
 * Per-product period sums over daily rollups (served by the (org, day, location) index or a scan of the
 * rollups, whichever fits the period), never over movements. Each runs in a transaction planned
 * for its actual days (see {@link SqlDialect#planForParameterValuesInThisTransaction}).
 */
@Repository
public class RollupAnalyticsRepository {

    private static final String RANGE = """
            from daily_rollups
            where org_id = :orgId and rollup_day >= :fromDay and rollup_day <= :toDay""";
    private static final String LOCATION_CONDITION = " and location_id = :locationId";

    private final JdbcClient jdbc;
    private final SqlDialect dialect;

    public RollupAnalyticsRepository(JdbcClient jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** The most active products' SQL, of all locations or of one; package-private for the plan test. */
    static String mostActiveProductsSql(boolean ofOneLocation) {
        return "select product_id, sum(movement_count) as movement_count, sum(on_hand_in + on_hand_out) as total_quantity "
                + RANGE + (ofOneLocation ? LOCATION_CONDITION : "") + """
                 group by product_id
                order by sum(movement_count) desc, sum(on_hand_in + on_hand_out) desc, product_id
                limit :limit
                """;
    }

    /** Groups every product of the period: planned for its days, with memory for the whole catalogue's groups. */
    public List<ProductActivity> mostActiveProducts(String orgId, UUID locationIdOrNull, LocalDate fromDay, LocalDate toDay, int limit) {
        dialect.planForParameterValuesInThisTransaction(jdbc);
        dialect.memoryForLargeAggregatesInThisTransaction(jdbc);
        return bind(jdbc.sql(mostActiveProductsSql(locationIdOrNull != null)), orgId, locationIdOrNull, fromDay, toDay)
                .param("limit", limit)
                .query((rs, row) -> new ProductActivity(
                        rs.getObject("product_id", UUID.class),
                        rs.getLong("movement_count"),
                        rs.getBigDecimal("total_quantity")))
                .list();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, String orgId, UUID locationIdOrNull,
            LocalDate fromDay, LocalDate toDay) {
        statement = statement.param("orgId", orgId).param("fromDay", fromDay).param("toDay", toDay);
        return locationIdOrNull == null ? statement : statement.param("locationId", locationIdOrNull);
    }
}
