package org.stockledger.warehouse;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.stockledger.ledger.MovementKind;

/**
 * The four movement types of the warehouse API and the ledger kinds behind them. A fulfilment
 * (an order consuming its reservation) shows as {@code out}; reservations and releases change no
 * on-hand stock and are not warehouse movements.
 */
public enum WarehouseMovementType {
    IN("in", EnumSet.of(MovementKind.RECEIPT)),
    OUT("out", EnumSet.of(MovementKind.SHIPMENT, MovementKind.FULFILMENT)),
    ADJUSTMENT("adjustment", EnumSet.of(MovementKind.ADJUSTMENT, MovementKind.COUNT, MovementKind.SYNC)),
    TRANSFER("transfer", EnumSet.of(MovementKind.TRANSFER_OUT, MovementKind.TRANSFER_IN));

    private final String wireName;
    private final Set<MovementKind> kinds;

    WarehouseMovementType(String wireName, Set<MovementKind> kinds) {
        this.wireName = wireName;
        this.kinds = kinds;
    }

    public String wireName() {
        return wireName;
    }

    public Set<MovementKind> kinds() {
        return kinds;
    }

    public static Optional<WarehouseMovementType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    public static Optional<WarehouseMovementType> ofKind(MovementKind kind) {
        return Arrays.stream(values()).filter(type -> type.kinds.contains(kind)).findFirst();
    }

    public static Set<MovementKind> allKinds() {
        Set<MovementKind> all = EnumSet.noneOf(MovementKind.class);
        Arrays.stream(values()).forEach(type -> all.addAll(type.kinds));
        return all;
    }
}
