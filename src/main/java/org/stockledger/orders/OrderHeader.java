package org.stockledger.orders;

import java.math.BigDecimal;
import java.time.Instant;

/** The stored fields of an order without its items (what a list shows). */
public record OrderHeader(
        String orgId,
        String orderId,
        String externalId,
        String shopId,
        String orderNumber,
        Instant orderDatetime,
        OrderStatus status,
        boolean reservesStock,
        String customerName,
        String customerEmail,
        String addressStreet,
        String addressCity,
        String addressPostalCode,
        String addressPhone,
        BigDecimal totalAmount,
        String paymentStatus,
        String paymentReference,
        String shippingOption,
        boolean shipped,
        boolean pickedUp,
        boolean cashOnPickup,
        Instant createdAt,
        Instant updatedAt) {
}
