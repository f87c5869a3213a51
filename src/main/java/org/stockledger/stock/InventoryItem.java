package org.stockledger.stock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.stockledger.ledger.Room;

/**
 * One stock level seen as a location inventory item. {@code ownReorderPoint} is the level's
 * setting (null: none); {@code reorderPoint} is the effective one (the level's own, else the org
 * default); {@code lowStock} is {@code available <= reorderPoint}.
 */
public record InventoryItem(
        UUID id,
        UUID productId,
        String productName,
        String sku,
        String category,
        UUID locationId,
        Room room,
        BigDecimal onHand,
        BigDecimal reserved,
        BigDecimal unitCost,
        BigDecimal unitPrice,
        BigDecimal ownReorderPoint,
        BigDecimal reorderPoint,
        BigDecimal maxStockLevel,
        boolean lowStock,
        Instant lastSyncedAt) {

    public BigDecimal available() {
        return onHand.subtract(reserved);
    }
}
