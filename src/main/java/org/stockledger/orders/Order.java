package org.stockledger.orders;

import java.util.List;

/** An order with its items in line order. */
public record Order(OrderHeader header, List<OrderItem> items) {

    public Order {
        items = List.copyOf(items);
    }

    /** True when no tracked item of an open order lacks reserved stock (a closed order is never short). */
    public boolean fullyReserved() {
        return items.stream().allMatch(item -> item.shortQuantity(header.status()).signum() == 0);
    }
}
