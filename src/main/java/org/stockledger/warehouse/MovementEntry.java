package org.stockledger.warehouse;

import java.math.BigDecimal;
import org.stockledger.catalog.Location;
import org.stockledger.catalog.Product;
import org.stockledger.ledger.Movement;

/**
 * One movement of the history with its product and warehouse. {@code quantity} is positive for
 * in and out, and the signed on-hand change for adjustments and transfers (negative at the source).
 */
public record MovementEntry(Movement movement, Product product, Location warehouse, WarehouseMovementType type,
        BigDecimal quantity) {
}
