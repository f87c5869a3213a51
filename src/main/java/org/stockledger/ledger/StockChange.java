package org.stockledger.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One change of one stock level inside a command. The deltas are applied to the locked
 * balance, except in two modes computed under the lock: {@code countedOnHand} sets on-hand to a
 * counted figure (the delta is the difference), and {@code reserveUpToAvailable} reserves at
 * most what is available. {@code expectedOnHand}, when set, refuses the change unless the locked
 * on-hand equals it (compare-and-set).
 */
public record StockChange(
        LevelKey level,
        MovementKind kind,
        BigDecimal deltaOnHand,
        BigDecimal deltaIncoming,
        BigDecimal deltaReserved,
        BigDecimal countedOnHand,
        boolean reserveUpToAvailable,
        BigDecimal expectedOnHand,
        BigDecimal costPerUnit) {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(3);

    public StockChange {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(kind, "kind");
        deltaOnHand = deltaOnHand == null ? ZERO : deltaOnHand;
        deltaIncoming = deltaIncoming == null ? ZERO : deltaIncoming;
        deltaReserved = deltaReserved == null ? ZERO : deltaReserved;
        if (!kind.movesOnHand() && (deltaOnHand.signum() != 0 || countedOnHand != null)) {
            throw new IllegalArgumentException("a " + kind.wireName() + " changes reserved stock only, never on-hand");
        }
    }

    public static StockChange adjust(LevelKey level, MovementKind kind, BigDecimal deltaOnHand, BigDecimal deltaIncoming) {
        return new StockChange(level, kind, deltaOnHand, deltaIncoming, null, null, false, null, null);
    }

    public static StockChange count(LevelKey level, MovementKind kind, BigDecimal countedOnHand) {
        return new StockChange(level, kind, null, null, null, countedOnHand, false, null, null);
    }

    public static StockChange reserve(LevelKey level, BigDecimal quantity, boolean upToAvailable) {
        return new StockChange(level, MovementKind.RESERVATION, null, null, quantity, null, upToAvailable, null, null);
    }

    public static StockChange release(LevelKey level, BigDecimal quantity) {
        return new StockChange(level, MovementKind.RELEASE, null, null, quantity.negate(), null, false, null, null);
    }

    /** Consumes a reservation: on-hand and reserved fall together. */
    public static StockChange fulfil(LevelKey level, BigDecimal quantity) {
        return new StockChange(level, MovementKind.FULFILMENT, quantity.negate(), null, quantity.negate(), null, false, null, null);
    }

    public StockChange withExpectedOnHand(BigDecimal expected) {
        return new StockChange(level, kind, deltaOnHand, deltaIncoming, deltaReserved, countedOnHand, reserveUpToAvailable, expected, costPerUnit);
    }

    public StockChange withCostPerUnit(BigDecimal cost) {
        return new StockChange(level, kind, deltaOnHand, deltaIncoming, deltaReserved, countedOnHand, reserveUpToAvailable, expectedOnHand, cost);
    }
}
