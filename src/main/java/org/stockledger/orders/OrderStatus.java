package org.stockledger.orders;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The statuses of the seed's table and the workflow between them. An open status holds stock
 * reservations; a fulfilled status has consumed them; cancelled has released them.
 *
 * <p>The strict workflow allows exactly {@link #allowedNext()}. The relaxed workflow (org setting
 * {@code strict_order_workflow} off) allows any move except out of {@code completed} or
 * {@code cancelled} and except from a fulfilled status back to an open one or to cancelled,
 * because the stock has left the building and cannot be reserved or released again.
 */
public enum OrderStatus {
    PENDING("pending"),
    AWAITING_PAYMENT("awaiting_payment"),
    AWAITING_PACKING("awaiting_packing"),
    READY_PICKUP("ready_pickup"),
    SHIPPED("shipped"),
    PICKED_UP("picked_up"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    private final String wireName;

    OrderStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<OrderStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(status -> status.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(OrderStatus::wireName).toList();
    }

    public boolean isOpen() {
        return this == PENDING || this == AWAITING_PAYMENT || this == AWAITING_PACKING || this == READY_PICKUP;
    }

    public boolean isFulfilled() {
        return this == SHIPPED || this == PICKED_UP || this == COMPLETED;
    }

    /** The strict workflow: where an order in this status may go next. */
    public Set<OrderStatus> allowedNext() {
        return switch (this) {
            case PENDING -> EnumSet.of(AWAITING_PAYMENT, AWAITING_PACKING, READY_PICKUP, SHIPPED, COMPLETED, CANCELLED);
            case AWAITING_PAYMENT -> EnumSet.of(PENDING, AWAITING_PACKING, READY_PICKUP, SHIPPED, COMPLETED, CANCELLED);
            case AWAITING_PACKING -> EnumSet.of(READY_PICKUP, SHIPPED, COMPLETED, CANCELLED);
            case READY_PICKUP -> EnumSet.of(AWAITING_PACKING, PICKED_UP, SHIPPED, COMPLETED, CANCELLED);
            case SHIPPED, PICKED_UP -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    /** Whether the move is allowed; staying in the same status is always allowed (a no-op). */
    public boolean mayMoveTo(OrderStatus next, boolean strictWorkflow) {
        if (next == this) {
            return true;
        }
        if (strictWorkflow) {
            return allowedNext().contains(next);
        }
        if (this == COMPLETED || this == CANCELLED) {
            return false;
        }
        return !(isFulfilled() && (next.isOpen() || next == CANCELLED));
    }
}
