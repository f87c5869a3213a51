package org.stockledger.ledger;

import java.math.BigDecimal;
import java.util.UUID;

/** A stock level as it stood at the end of a past day: on-hand and reserved then. */
public record LevelSnapshot(UUID levelId, LevelKey key, BigDecimal onHand, BigDecimal reserved) {

    public BigDecimal available() {
        return onHand.subtract(reserved);
    }
}
