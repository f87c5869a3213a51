package org.stockledger.warehouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.stockledger.ledger.Movement;

/**
 * A recorded movement: the source-side ledger movement, the quantity as sent, the bin's on-hand
 * after it (read under the ledger's lock), for a transfer the destination and its on-hand after,
 * and the creation time as stored (microseconds), so it reads back equal in the history.
 */
public record RecordedMovement(Movement movement, WarehouseMovementType type, BigDecimal quantity, BigDecimal balanceAfter,
        UUID toWarehouseId, BigDecimal toBalanceAfter, Instant createdAt) {
}
