package org.stockledger.warehouse.internal;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Locks a product's catalogue row and reads its unit cost, so two concurrent receipts of one
 * product compute their weighted averages one after the other instead of overwriting each
 * other. Taken before the ledger locks stock levels; no path locks a level and then a product
 * row, so the order cannot deadlock.
 */
@Repository
public class UnitCostLock {

    /** The locked product's unit cost; the outer Optional is empty when the product does not exist. */
    public record LockedCost(BigDecimal unitCost) {
    }

    private final JdbcClient jdbc;

    public UnitCostLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LockedCost> lockUnitCost(String orgId, UUID productId) {
        return jdbc.sql("select unit_cost from products where org_id = :orgId and product_id = :productId for update")
                .param("orgId", orgId)
                .param("productId", productId)
                .query((rs, row) -> new LockedCost(rs.getBigDecimal("unit_cost")))
                .optional();
    }
}
