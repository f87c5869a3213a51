package org.stockledger.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The current state of one stock level. */
public record StockLevel(
        UUID levelId,
        LevelKey key,
        Balance balance,
        BigDecimal reorderPoint,
        BigDecimal maxStockLevel,
        long movementCount,
        Instant lastMovementAt,
        Instant lastCountedAt,
        Instant lastSyncedAt) {
}
