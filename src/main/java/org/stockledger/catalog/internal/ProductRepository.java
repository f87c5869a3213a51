package org.stockledger.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.catalog.Product;

@Repository
public class ProductRepository {

    private static final String COLUMNS = """
            org_id, product_id, p1_id, sku, name, category, unit, price, unit_cost, created_at, updated_at
            """;

    private final JdbcClient jdbc;

    public ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertProduct(Product product) {
        jdbc.sql("""
                insert into products (org_id, product_id, p1_id, sku, name, category, unit, price, unit_cost, created_at, updated_at)
                values (:orgId, :productId, :p1Id, :sku, :name, :category, :unit, :price, :unitCost, :createdAt, :updatedAt)
                """)
                .param("orgId", product.orgId())
                .param("productId", product.productId())
                .param("p1Id", product.p1Id())
                .param("sku", product.sku())
                .param("name", product.name())
                .param("category", product.category())
                .param("unit", product.unit())
                .param("price", product.price())
                .param("unitCost", product.unitCost())
                .param("createdAt", utc(product.createdAt()))
                .param("updatedAt", utc(product.updatedAt()))
                .update();
    }

    public void updateCatalogFields(Product product) {
        jdbc.sql("""
                update products
                set sku = :sku, name = :name, category = :category, unit = :unit, price = :price, updated_at = :updatedAt
                where org_id = :orgId and product_id = :productId
                """)
                .param("orgId", product.orgId())
                .param("productId", product.productId())
                .param("sku", product.sku())
                .param("name", product.name())
                .param("category", product.category())
                .param("unit", product.unit())
                .param("price", product.price())
                .param("updatedAt", utc(product.updatedAt()))
                .update();
    }

    public void updateUnitCost(String orgId, UUID productId, java.math.BigDecimal unitCost, Instant updatedAt) {
        jdbc.sql("update products set unit_cost = :unitCost, updated_at = :updatedAt where org_id = :orgId and product_id = :productId")
                .param("orgId", orgId)
                .param("productId", productId)
                .param("unitCost", unitCost)
                .param("updatedAt", utc(updatedAt))
                .update();
    }

    /** Locks the product's row for the rest of the transaction and reads it. */
    public Optional<Product> lockById(String orgId, UUID productId) {
        return jdbc.sql("select " + COLUMNS + " from products where org_id = :orgId and product_id = :productId for update")
                .param("orgId", orgId)
                .param("productId", productId)
                .query(ProductRepository::toProduct)
                .optional();
    }

    /** The ids of the org's products with these p1_ids (unknown ones are left out), in no particular order. */
    public List<UUID> findIdsByP1Ids(String orgId, Collection<String> p1Ids) {
        if (p1Ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select product_id from products where org_id = :orgId and p1_id in (:p1Ids)")
                .param("orgId", orgId)
                .param("p1Ids", List.copyOf(p1Ids))
                .query(UUID.class)
                .list();
    }

    public Optional<Product> findByP1Id(String orgId, String p1Id) {
        return jdbc.sql("select " + COLUMNS + " from products where org_id = :orgId and p1_id = :p1Id")
                .param("orgId", orgId)
                .param("p1Id", p1Id)
                .query(ProductRepository::toProduct)
                .optional();
    }

    public Optional<Product> findBySku(String orgId, String sku) {
        return jdbc.sql("select " + COLUMNS + " from products where org_id = :orgId and sku = :sku")
                .param("orgId", orgId)
                .param("sku", sku)
                .query(ProductRepository::toProduct)
                .optional();
    }

    public Optional<Product> findById(String orgId, UUID productId) {
        return jdbc.sql("select " + COLUMNS + " from products where org_id = :orgId and product_id = :productId")
                .param("orgId", orgId)
                .param("productId", productId)
                .query(ProductRepository::toProduct)
                .optional();
    }

    public List<Product> findByIds(String orgId, Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from products where org_id = :orgId and product_id in (:productIds)")
                .param("orgId", orgId)
                .param("productIds", List.copyOf(productIds))
                .query(ProductRepository::toProduct)
                .list();
    }

    /** A page of products in p1_id order, so pages are stable while products are added. */
    public List<Product> listPage(String orgId, int limit, long offset) {
        return jdbc.sql("select " + COLUMNS + " from products where org_id = :orgId order by p1_id limit :limit offset :offset")
                .param("orgId", orgId)
                .param("limit", limit)
                .param("offset", offset)
                .query(ProductRepository::toProduct)
                .list();
    }

    /** Up to {@code limit} products after {@code afterP1Id} (null: from the first) in p1_id order: an index walk however far in. */
    public List<Product> listAfter(String orgId, String afterP1Id, int limit) {
        return jdbc.sql("select " + COLUMNS + " from products where org_id = :orgId"
                        + (afterP1Id == null ? "" : " and p1_id > :afterP1Id") + " order by p1_id limit :limit")
                .param("orgId", orgId)
                .param("afterP1Id", afterP1Id)
                .param("limit", limit)
                .query(ProductRepository::toProduct)
                .list();
    }

    public long count(String orgId) {
        return jdbc.sql("select count(*) from products where org_id = :orgId")
                .param("orgId", orgId)
                .query(Long.class)
                .single();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Product toProduct(ResultSet rs, int row) throws SQLException {
        return new Product(
                rs.getString("org_id"),
                rs.getObject("product_id", UUID.class),
                rs.getString("p1_id"),
                rs.getString("sku"),
                rs.getString("name"),
                rs.getString("category"),
                rs.getString("unit"),
                rs.getBigDecimal("price"),
                rs.getBigDecimal("unit_cost"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
