package org.stockledger.orders;

/** A status patch: at least one field must be given; {@code status} is a wire name. */
public record OrderStatusUpdate(String status, String paymentStatus, Boolean shipped, Boolean pickedUp) {

    public boolean isEmpty() {
        return status == null && paymentStatus == null && shipped == null && pickedUp == null;
    }
}
