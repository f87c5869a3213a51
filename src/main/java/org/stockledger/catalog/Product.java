package org.stockledger.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A catalogue entry. {@code p1Id} is the external id the v2 dialect and orders use. */
public record Product(
        String orgId,
        UUID productId,
        String p1Id,
        String sku,
        String name,
        String category,
        String unit,
        BigDecimal price,
        BigDecimal unitCost,
        Instant createdAt,
        Instant updatedAt) {
}
