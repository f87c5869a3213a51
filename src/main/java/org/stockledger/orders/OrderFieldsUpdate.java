package org.stockledger.orders;

/**
 * The externally safe fields a partial update may change; null leaves a field as it is.
 * Everything else (ids, shop, status, items, totals, payment status, flags) changes only
 * through the upsert or the status operation.
 */
public record OrderFieldsUpdate(
        String orderNumber,
        String customerName,
        String customerEmail,
        String addressStreet,
        String addressCity,
        String addressPostalCode,
        String addressPhone,
        String paymentReference,
        String shippingOption,
        Boolean cashOnPickup) {

    public boolean isEmpty() {
        return orderNumber == null && customerName == null && customerEmail == null && addressStreet == null
                && addressCity == null && addressPostalCode == null && addressPhone == null && paymentReference == null
                && shippingOption == null && cashOnPickup == null;
    }
}
