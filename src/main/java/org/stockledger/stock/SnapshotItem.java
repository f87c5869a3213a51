package org.stockledger.stock;

import java.math.BigDecimal;
import java.util.UUID;
import org.stockledger.ledger.Room;

/** One item as it stood at the end of a past day. Catalogue fields are today's. */
public record SnapshotItem(UUID id, UUID productId, String productName, String sku, UUID locationId, Room room,
        BigDecimal onHand, BigDecimal reserved, BigDecimal unitCost, BigDecimal unitPrice) {

    public BigDecimal available() {
        return onHand.subtract(reserved);
    }
}
