package org.stockledger.stock;

import java.util.UUID;

/** Both items of a transfer after it, and the id of the ledger command that holds its two movements. */
public record TransferResult(UUID commandId, InventoryItem from, InventoryItem to) {
}
