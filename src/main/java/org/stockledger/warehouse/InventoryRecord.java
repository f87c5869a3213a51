package org.stockledger.warehouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.stockledger.catalog.Location;
import org.stockledger.catalog.Product;

/**
 * A product's stock in one warehouse (a location of the org), summed over the warehouse's rooms.
 * {@code recordId} is stable: derived from product and warehouse ids (see {@link WarehouseService#recordId}).
 */
public record InventoryRecord(UUID recordId, Product product, Location warehouse, BigDecimal quantityOnHand,
        BigDecimal quantityAllocated, BigDecimal quantityAvailable, BigDecimal reorderPoint, BigDecimal maxStockLevel,
        Instant lastCounted) {
}
