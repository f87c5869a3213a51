package org.stockledger.ledger;

import java.time.Instant;
import java.util.List;

/**
 * An atomic group of changes: all of them are applied, or none (a transfer is two changes).
 * The reason, reference, shop and metadata are recorded on every movement of the command.
 * {@code occurredAt} is when the change happened in the world (null: now); it may lie in the
 * past, at most {@link LedgerService#OCCURRED_AT_PAST_MAX} ago, for movements recorded late.
 */
public record StockCommand(
        List<StockChange> changes,
        String reasonCode,
        String reason,
        String referenceType,
        String referenceId,
        String shopId,
        String metadataJson,
        Instant occurredAt) {

    public StockCommand {
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least one change");
        }
        if (reasonCode == null) {
            throw new IllegalArgumentException("a command needs a reason code");
        }
    }

    public static StockCommand of(StockChange change, String reasonCode, String reason) {
        return new StockCommand(List.of(change), reasonCode, reason, null, null, null, null, null);
    }

    public StockCommand withReference(String type, String id) {
        return new StockCommand(changes, reasonCode, reason, type, id, shopId, metadataJson, occurredAt);
    }

    public StockCommand withShop(String shop) {
        return new StockCommand(changes, reasonCode, reason, referenceType, referenceId, shop, metadataJson, occurredAt);
    }

    public StockCommand withMetadata(String json) {
        return new StockCommand(changes, reasonCode, reason, referenceType, referenceId, shopId, json, occurredAt);
    }

    public StockCommand withOccurredAt(Instant when) {
        return new StockCommand(changes, reasonCode, reason, referenceType, referenceId, shopId, metadataJson, when);
    }
}
