package org.stockledger.ledger;

import java.util.Arrays;
import java.util.Optional;

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

    public static Optional<MovementKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
    }
}
