package org.stockledger.warehouse;

/** The filters of the inventory list as sent (ids as text, validated by the service). */
public record InventoryQuery(String warehouseId, String productId, boolean lowStock, boolean outOfStock, int page, int limit) {
}
