package org.stockledger.stock.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.stockledger.ledger.Room;
import org.stockledger.stock.InventoryItem;
import org.stockledger.support.SqlDialect;

/** Reads items: stock levels joined with their product and their org's default reorder point. */
@Repository
public class ItemRepository {

    private static final String COLUMNS = """
            select l.level_id, l.product_id, l.location_id, l.room, l.on_hand, l.reserved, l.reorder_point,
                   l.max_stock_level, l.last_synced_at, o.default_reorder_point, p.name, p.sku, p.category, p.unit_cost, p.price
            """;

    // A level's product and org; the count joins each only for the filter that needs it (see countItems).
    private static final String PRODUCT_JOIN = "join products p on p.org_id = l.org_id and p.product_id = l.product_id\n";
    private static final String ORG_JOIN = "join orgs o on o.org_id = l.org_id\n";
    private static final String JOINS = "from stock_levels l\n" + PRODUCT_JOIN + ORG_JOIN;

    private static final String COUNT_FROM = "select count(*) from stock_levels l\n";
    private static final String LEVEL_FILTERS = """
            where l.org_id = :orgId
              and (:anyLocation or l.location_id = :locationId)
              and (:anyRoom or l.room = :room)
            """;
    private static final String CATEGORY_FILTER = "  and p.category = :category\n";
    private static final String LOW_STOCK_FILTER = "  and l.on_hand - l.reserved <= coalesce(l.reorder_point, o.default_reorder_point)\n";

    private final JdbcClient jdbc;
    private final SqlDialect dialect;

    public ItemRepository(JdbcClient jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** Filters already validated; null means "no filter". */
    public record ItemQuery(UUID locationId, Room room, String category, boolean lowStockOnly) {
    }

    // The page's levels, found in the list order's own table (V11 level_names: the levels under
    // their products' names) and only then joined to their levels and products: walking the offset
    // costs one index entry per item skipped, not a join. Each optional filter is a flag plus a
    // non-null value, so PostgreSQL never types a null; the category and low-stock filters ask the
    // product and the level.
    private static final String PAGE_KEYS = """
            select n.org_id, n.product_id, n.location_id, n.room, n.product_name
            from level_names n
            where n.org_id = :orgId
              and (:anyLocation or n.location_id = :locationId)
              and (:anyRoom or n.room = :room)
              and (:anyCategory or exists (select 1 from products c
                                           where c.org_id = n.org_id and c.product_id = n.product_id and c.category = :category))
              and (:anyStock or exists (select 1 from stock_levels s
                                        where s.org_id = n.org_id and s.product_id = n.product_id and s.location_id = n.location_id
                                          and s.room = n.room
                                          and s.on_hand - s.reserved <= coalesce(s.reorder_point,
                                                  (select o.default_reorder_point from orgs o where o.org_id = :orgId))))
            order by n.product_name, n.product_id, n.location_id, n.room
            limit :limit offset :offset
            """;

    /** The page: its keys, then their levels, products and org; package-private for the plan test. */
    static final String PAGE = COLUMNS + "from (" + PAGE_KEYS + """
            ) k
            join stock_levels l on l.org_id = k.org_id and l.product_id = k.product_id and l.location_id = k.location_id
                               and l.room = k.room
            """ + PRODUCT_JOIN + ORG_JOIN + """
            order by k.product_name, k.product_id, k.location_id, k.room
            """;

    /**
     * One page in name order (product name, product, location, room). Planned for its own offset
     * and filters: pages of every depth share this SQL text, and once deep pages had made
     * PostgreSQL's plans for their values look expensive, its generic plan (made for no
     * particular offset) served the first page too, at 50 ms p50 where the plan for offset 0
     * walks the index for 1 ms.
     */
    @Transactional(readOnly = true)
    public List<InventoryItem> findItemsPage(String orgId, ItemQuery query, int limit, long offset) {
        dialect.planForParameterValuesInThisTransaction(jdbc);
        return bind(jdbc.sql(PAGE), orgId, query)
                .param("limit", limit)
                .param("offset", offset)
                .query(ItemRepository::toItem)
                .list();
    }

    /**
     * The number of items the filters select. Every level has its product and org, so the joins
     * are made only for the filters that need them: without a category or low-stock filter this
     * counts the org's levels alone.
     */
    public long countItems(String orgId, ItemQuery query) {
        StringBuilder sql = new StringBuilder(COUNT_FROM);
        if (query.category() != null) {
            sql.append(PRODUCT_JOIN);
        }
        if (query.lowStockOnly()) {
            sql.append(ORG_JOIN);
        }
        sql.append(LEVEL_FILTERS);
        if (query.category() != null) {
            sql.append(CATEGORY_FILTER);
        }
        if (query.lowStockOnly()) {
            sql.append(LOW_STOCK_FILTER);
        }
        return bind(jdbc.sql(sql.toString()), orgId, query).query(Long.class).single();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, String orgId, ItemQuery query) {
        return spec.param("orgId", orgId)
                .param("anyLocation", query.locationId() == null)
                .param("locationId", query.locationId() == null ? new UUID(0, 0) : query.locationId())
                .param("anyRoom", query.room() == null)
                .param("room", query.room() == null ? "" : query.room().wireName())
                .param("anyCategory", query.category() == null)
                .param("category", query.category() == null ? "" : query.category())
                .param("anyStock", !query.lowStockOnly());
    }

    public Optional<InventoryItem> findItem(String orgId, UUID levelId) {
        return jdbc.sql(COLUMNS + JOINS + "where l.org_id = :orgId and l.level_id = :levelId")
                .param("orgId", orgId)
                .param("levelId", levelId)
                .query(ItemRepository::toItem)
                .optional();
    }

    public List<InventoryItem> findItems(String orgId, Collection<UUID> levelIds) {
        if (levelIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(COLUMNS + JOINS + "where l.org_id = :orgId and l.level_id in (:levelIds)")
                .param("orgId", orgId)
                .param("levelIds", List.copyOf(levelIds))
                .query(ItemRepository::toItem)
                .list();
    }

    private static InventoryItem toItem(ResultSet rs, int row) throws SQLException {
        BigDecimal onHand = rs.getBigDecimal("on_hand");
        BigDecimal reserved = rs.getBigDecimal("reserved");
        BigDecimal ownReorderPoint = rs.getBigDecimal("reorder_point");
        BigDecimal reorderPoint = ownReorderPoint != null ? ownReorderPoint : rs.getBigDecimal("default_reorder_point");
        OffsetDateTime lastSynced = rs.getObject("last_synced_at", OffsetDateTime.class);
        return new InventoryItem(
                rs.getObject("level_id", UUID.class),
                rs.getObject("product_id", UUID.class),
                rs.getString("name"),
                rs.getString("sku"),
                rs.getString("category"),
                rs.getObject("location_id", UUID.class),
                Room.fromWireName(rs.getString("room")).orElseThrow(),
                onHand,
                reserved,
                rs.getBigDecimal("unit_cost"),
                rs.getBigDecimal("price"),
                ownReorderPoint,
                reorderPoint,
                rs.getBigDecimal("max_stock_level"),
                onHand.subtract(reserved).compareTo(reorderPoint) <= 0,
                lastSynced == null ? null : lastSynced.toInstant());
    }
}
