package org.stockledger.ledger;

import java.time.Instant;
import java.util.UUID;

/** A product's stock summed over all its bins, with the count and time of its movements. */
public record StockTotals(UUID productId, Balance balance, long movementCount, Instant lastMovementAt) {
}
