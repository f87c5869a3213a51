package org.stockledger.inventory;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A change of a product's stock in the org's default bin. {@code expectedOnHand}, when given,
 * makes it a compare-and-set against that bin's on-hand.
 */
public record ProductAdjustment(
        String p1Id,
        BigDecimal deltaOnHand,
        BigDecimal deltaIncoming,
        String reason,
        String shopId,
        String metadataJson,
        BigDecimal expectedOnHand,
        Instant occurredAt) {
}
