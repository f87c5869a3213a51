package org.stockledger.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One immutable ledger row: a change of one stock level with its balances after the change. A
 * count that found the level as it was is a movement too, with no delta ({@link #changesStock()}).
 */
public record Movement(
        UUID movementId,
        UUID commandId,
        LevelKey level,
        MovementKind kind,
        String reasonCode,
        String reason,
        BigDecimal deltaOnHand,
        BigDecimal deltaIncoming,
        BigDecimal deltaReserved,
        BigDecimal onHandAfter,
        BigDecimal incomingAfter,
        BigDecimal reservedAfter,
        String referenceType,
        String referenceId,
        String shopId,
        BigDecimal costPerUnit,
        String metadataJson,
        UUID actorTokenId,
        String actorName,
        Instant occurredAt,
        Instant createdAt) {

    /** Whether the movement changed the level; a count that found on-hand as it was did not. */
    public boolean changesStock() {
        return deltaOnHand.signum() != 0 || deltaIncoming.signum() != 0 || deltaReserved.signum() != 0;
    }

    public BigDecimal onHandBefore() {
        return onHandAfter.subtract(deltaOnHand);
    }

    public Balance balanceAfter() {
        return new Balance(onHandAfter, incomingAfter, reservedAfter);
    }

    public Balance balanceBefore() {
        return new Balance(onHandAfter.subtract(deltaOnHand), incomingAfter.subtract(deltaIncoming), reservedAfter.subtract(deltaReserved));
    }
}
