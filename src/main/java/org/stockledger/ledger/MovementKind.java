package org.stockledger.ledger;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What kind of change a movement records. Adjustments and counts are the "adjustments" of
 * analytics; receipts and shipments are stock in and out; reservation movements change only
 * {@code reserved}; a fulfilment consumes a reservation (on-hand and reserved fall together).
 */
public enum MovementKind {
    ADJUSTMENT("adjustment"),
    RECEIPT("receipt"),
    SHIPMENT("shipment"),
    COUNT("count"),
    TRANSFER_OUT("transfer_out"),
    TRANSFER_IN("transfer_in"),
    RESERVATION("reservation"),
    RELEASE("release"),
    FULFILMENT("fulfilment"),
    SYNC("sync");

    private final String wireName;

    MovementKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isAdjustment() {
        return this == ADJUSTMENT || this == COUNT || this == SYNC;
    }

    /** Whether a movement of this kind may change on-hand; reservations and releases never do ({@link StockChange} refuses one that would). */
    public boolean movesOnHand() {
        return MOVING_ON_HAND.contains(this);
    }

    /** The kinds that may change on-hand. */
    public static Set<MovementKind> movingOnHand() {
        return MOVING_ON_HAND;
    }

    private static final Set<MovementKind> MOVING_ON_HAND =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(RESERVATION, RELEASE)));

    public static Optional<MovementKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
    }
}
