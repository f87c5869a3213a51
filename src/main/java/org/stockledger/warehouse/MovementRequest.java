package org.stockledger.warehouse;

import java.math.BigDecimal;

/** A movement to record, as sent; {@code toWarehouseId} is the destination of a transfer. */
public record MovementRequest(String productId, String warehouseId, String movementType, BigDecimal quantity,
        String referenceType, String referenceId, String notes, BigDecimal costPerUnit, String toWarehouseId) {
}
