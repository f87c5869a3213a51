package org.stockledger.ledger;

import java.math.BigDecimal;

/** The three balances of a stock level; {@code available} is always on-hand minus reserved. */
public record Balance(BigDecimal onHand, BigDecimal incoming, BigDecimal reserved) {

    public BigDecimal available() {
        return onHand.subtract(reserved);
    }

    public Balance plus(BigDecimal deltaOnHand, BigDecimal deltaIncoming, BigDecimal deltaReserved) {
        return new Balance(onHand.add(deltaOnHand), incoming.add(deltaIncoming), reserved.add(deltaReserved));
    }

    /** Invariant 1 of the design: what the schema's CHECK constraints also enforce. */
    public boolean isValid() {
        return onHand.signum() >= 0 && incoming.signum() >= 0 && reserved.signum() >= 0 && reserved.compareTo(onHand) <= 0;
    }
}
