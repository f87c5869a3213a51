package org.stockledger.ledger;

import java.util.List;

/**
 * Published synchronously inside the transaction that applied a command, so listeners (the
 * webhook outbox) write in the same transaction: no committed change goes unreported and no
 * rolled-back change is reported.
 */
public record StockChanged(String orgId, StockCommand command, CommandOutcome.Applied outcome, List<StockLevel> levelsAfter) {
}
