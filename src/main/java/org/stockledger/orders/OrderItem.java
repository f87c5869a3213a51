package org.stockledger.orders;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of an order. {@code productId} is set when {@code p1Id} named a product of the org
 * when the line was stored and the order holds stock ("tracked"); only tracked lines reserve.
 * {@code reservedQuantity} is what the ledger holds for this line right now (zero once the order
 * is fulfilled or cancelled); {@code fulfilledQuantity} is what a fulfilment consumed.
 */
public record OrderItem(
        int lineNo,
        String p1Id,
        UUID productId,
        UUID locationId,
        String name,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal reservedQuantity,
        BigDecimal fulfilledQuantity) {

    public boolean isTracked() {
        return productId != null;
    }

    /** What an open order still lacks for this line; zero for untracked lines. */
    public BigDecimal shortQuantity(OrderStatus status) {
        if (!isTracked() || !status.isOpen()) {
            return BigDecimal.ZERO;
        }
        return quantity.subtract(reservedQuantity);
    }

    public OrderItem withStock(BigDecimal reserved, BigDecimal fulfilled) {
        return new OrderItem(lineNo, p1Id, productId, locationId, name, quantity, price, reserved, fulfilled);
    }

    /** Whether every stored field is the same, quantities and price by value whatever their scale. */
    public boolean hasSameFieldsAs(OrderItem other) {
        return lineNo == other.lineNo && Objects.equals(p1Id, other.p1Id) && Objects.equals(productId, other.productId)
                && Objects.equals(locationId, other.locationId) && name.equals(other.name)
                && sameAmount(quantity, other.quantity) && sameAmount(price, other.price)
                && sameAmount(reservedQuantity, other.reservedQuantity)
                && sameAmount(fulfilledQuantity, other.fulfilledQuantity);
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
