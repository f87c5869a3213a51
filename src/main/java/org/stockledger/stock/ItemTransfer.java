package org.stockledger.stock;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Moves {@code quantity} of an item's product from its bin to another bin (location and/or
 * room) of the same org; a missing target location or room means the source's.
 */
public record ItemTransfer(String fromId, String toLocationId, String toRoomType, BigDecimal quantity, String notes,
        Instant occurredAt) {
}
