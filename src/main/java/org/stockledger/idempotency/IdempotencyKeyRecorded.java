package org.stockledger.idempotency;

/**
 * The {@code Idempotency-Key} of a ledger command was recorded, with the same request, by an
 * earlier attempt whose change committed: the ledger answers with that attempt's outcome instead
 * of applying the command again.
 */
public class IdempotencyKeyRecorded extends IdempotencyKeyTaken {

    private final transient IdempotencyRecord record;

    public IdempotencyKeyRecorded(IdempotencyRecord record) {
        super(record.key(), null);
        this.record = record;
    }

    public IdempotencyRecord record() {
        return record;
    }
}
