package org.stockledger.warehouse;

/** The filters of the movement history as sent (validated by the service). */
public record MovementQuery(String productId, String warehouseId, String movementType, String startDate, String endDate,
        int page, int limit) {
}
