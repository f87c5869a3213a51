package org.stockledger.warehouse;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Inventory analytics of a period, computed from stock levels and daily rollups (see the README for definitions). */
public record InventoryAnalytics(String period, Overview overview, Trends trends, List<TopMover> topMovers,
        List<LowStockAlert> lowStockAlerts) {

    public record Overview(long totalProducts, BigDecimal totalStockValue, long lowStockItems, long outOfStockItems) {
    }

    public record Trends(BigDecimal stockIn, BigDecimal stockOut, long adjustments, BigDecimal adjustmentsNet) {
    }

    public record TopMover(UUID productId, String productName, long movementCount, BigDecimal totalQuantity) {
    }

    public record LowStockAlert(UUID productId, String productName, BigDecimal currentStock, BigDecimal reorderPoint,
            UUID warehouseId, String warehouse) {
    }
}
