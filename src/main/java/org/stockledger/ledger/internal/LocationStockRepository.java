package org.stockledger.ledger.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.ledger.LedgerSearches.LocationStock;
import org.stockledger.ledger.LedgerSearches.LocationStockFilter;
import org.stockledger.ledger.LedgerSearches.StockOverview;

/** Stock levels summed per (product, location) over the location's rooms, filtered and paged. */
@Repository
public class LocationStockRepository {

    private static final String GROUPED_SELECT = """
            select product_id, location_id, sum(on_hand) as on_hand, sum(reserved) as reserved,
                   sum(reorder_point) as reorder_point, sum(max_stock_level) as max_stock_level,
                   max(last_counted_at) as last_counted_at
            from stock_levels
            where org_id = :orgId""";
    private static final String PRODUCT_CONDITION = " and product_id = :productId";
    private static final String LOCATION_CONDITION = " and location_id = :locationId";
    private static final String GROUPING = " group by product_id, location_id";
    private static final String LOW_STOCK_CONDITION =
            "sum(on_hand) > 0 and sum(on_hand) <= coalesce(sum(reorder_point), :defaultReorderPoint)";
    private static final String OUT_OF_STOCK_CONDITION = "sum(on_hand) = 0";

    // The overview: per (product, location) record the summed rooms and their value, then the
    // counts over the records (the same low and out-of-stock conditions as above, on the sums).
    private static final String OVERVIEW_SELECT = """
            select count(distinct product_id) as products,
                   coalesce(sum(stock_value), 0) as stock_value,
                   coalesce(sum(case when on_hand > 0 and on_hand <= coalesce(reorder_point, :defaultReorderPoint)
                                     then 1 else 0 end), 0) as low_stock,
                   coalesce(sum(case when on_hand = 0 then 1 else 0 end), 0) as out_of_stock
            from (
                select l.product_id, l.location_id, sum(l.on_hand) as on_hand, sum(l.reorder_point) as reorder_point,
                       sum(l.on_hand * p.unit_cost) as stock_value
                from stock_levels l
                join products p on p.org_id = l.org_id and p.product_id = l.product_id
                where l.org_id = :orgId""";
    private static final String OVERVIEW_LOCATION_CONDITION = " and l.location_id = :locationId";
    private static final String OVERVIEW_GROUPING = """

                group by l.product_id, l.location_id
            ) records
            """;

    private final JdbcClient jdbc;

    public LocationStockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<LocationStock> findPage(String orgId, LocationStockFilter filter, int limit, long offset) {
        return bind(jdbc.sql(grouped(filter) + " order by product_id, location_id limit :limit offset :offset"), orgId, filter)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> toLocationStock(rs, filter.defaultReorderPoint()))
                .list();
    }

    public long count(String orgId, LocationStockFilter filter) {
        return bind(jdbc.sql("select count(*) from (" + grouped(filter) + ") records"), orgId, filter)
                .query(Long.class)
                .single();
    }

    /**
     * The analytics overview in one pass over the levels (of one location, or all): products with
     * a level, their stock value and the low and out-of-stock (product, location) records. A level
     * is valued at on-hand times its product's unit cost (no cost: nothing); on-hand is never
     * negative, so this is the value of the products in stock. The record conditions are the
     * list's {@code low_stock} and {@code out_of_stock} filters, on the summed rooms.
     */
    public StockOverview overview(String orgId, UUID locationIdOrNull, BigDecimal defaultReorderPoint) {
        String sql = OVERVIEW_SELECT + (locationIdOrNull == null ? "" : OVERVIEW_LOCATION_CONDITION) + OVERVIEW_GROUPING;
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("orgId", orgId).param("defaultReorderPoint", defaultReorderPoint);
        if (locationIdOrNull != null) {
            statement = statement.param("locationId", locationIdOrNull);
        }
        return statement.query((rs, row) -> new StockOverview(
                        rs.getLong("products"),
                        rs.getBigDecimal("stock_value"),
                        rs.getLong("low_stock"),
                        rs.getLong("out_of_stock")))
                .single();
    }

    /** The grouped query from constant fragments only; every value is a named parameter. */
    private static String grouped(LocationStockFilter filter) {
        StringBuilder sql = new StringBuilder(GROUPED_SELECT);
        if (filter.productId() != null) {
            sql.append(PRODUCT_CONDITION);
        }
        if (filter.locationId() != null) {
            sql.append(LOCATION_CONDITION);
        }
        sql.append(GROUPING);
        if (filter.lowStockOnly() && filter.outOfStockOnly()) {
            sql.append(" having ").append(LOW_STOCK_CONDITION).append(" and ").append(OUT_OF_STOCK_CONDITION);
        } else if (filter.lowStockOnly()) {
            sql.append(" having ").append(LOW_STOCK_CONDITION);
        } else if (filter.outOfStockOnly()) {
            sql.append(" having ").append(OUT_OF_STOCK_CONDITION);
        }
        return sql.toString();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, String orgId, LocationStockFilter filter) {
        statement = statement.param("orgId", orgId);
        if (filter.productId() != null) {
            statement = statement.param("productId", filter.productId());
        }
        if (filter.locationId() != null) {
            statement = statement.param("locationId", filter.locationId());
        }
        if (filter.lowStockOnly()) {
            statement = statement.param("defaultReorderPoint", filter.defaultReorderPoint());
        }
        return statement;
    }

    private static LocationStock toLocationStock(ResultSet rs, BigDecimal defaultReorderPoint) throws SQLException {
        BigDecimal reorderPoint = rs.getBigDecimal("reorder_point");
        return new LocationStock(
                rs.getObject("product_id", UUID.class),
                rs.getObject("location_id", UUID.class),
                rs.getBigDecimal("on_hand"),
                rs.getBigDecimal("reserved"),
                reorderPoint != null ? reorderPoint : defaultReorderPoint,
                rs.getBigDecimal("max_stock_level"),
                Rows.instant(rs, "last_counted_at"));
    }
}
