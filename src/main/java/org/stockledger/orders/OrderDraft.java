package org.stockledger.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The body of an order upsert. {@code items} null keeps the stored items of an existing order
 * (a new order then has none); other null fields leave stored values unchanged on an update.
 */
public record OrderDraft(
        String shopId,
        String externalId,
        String orderNumber,
        Instant orderDatetime,
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
        Boolean shipped,
        Boolean pickedUp,
        Boolean cashOnPickup,
        List<ItemDraft> items) {

    /** One item as sent: {@code p1Id} may be null (an item with no catalogue product). */
    public record ItemDraft(String p1Id, String name, BigDecimal quantity, BigDecimal price) {
    }
}
