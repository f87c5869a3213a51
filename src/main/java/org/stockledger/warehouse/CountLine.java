package org.stockledger.warehouse;

import java.math.BigDecimal;

/** One line of a physical count as sent: what was counted of a product in a warehouse, and why. */
public record CountLine(String productId, String warehouseId, BigDecimal actualQuantity, String reason) {
}
