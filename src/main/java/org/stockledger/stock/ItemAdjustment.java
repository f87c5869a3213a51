package org.stockledger.stock;

import java.math.BigDecimal;
import java.time.Instant;

/** A change of one item's on-hand quantity as the client sent it; the service validates it. */
public record ItemAdjustment(String id, BigDecimal quantityChange, String reasonCode, String notes, Instant occurredAt) {
}
