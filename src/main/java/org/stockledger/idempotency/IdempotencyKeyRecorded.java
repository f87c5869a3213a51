package org.stockledger.idempotency;

/**
 * The {@code Idempotency-Key} of a ledger command was recorded, with the same request, by an
 * earlier attempt whose change committed: the ledger answers with that attempt's outcome instead
 * of applying the command again. A kind of {@link IdempotencyKeyTaken}, so a group-committed batch
 * hands it to that caller alone and goes on without its submission, as for any taken key.
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
