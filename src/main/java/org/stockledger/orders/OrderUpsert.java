package org.stockledger.orders;

/** The order after an upsert, and whether it was created by it. */
public record OrderUpsert(Order order, boolean created) {
}
