package org.stockledger.inventory;

import org.stockledger.ledger.Balance;
import org.stockledger.ledger.Movement;

/** The movement an adjustment wrote and the default bin's balance after it. */
public record AdjustmentResult(Movement movement, Balance balanceAfter) {
}
