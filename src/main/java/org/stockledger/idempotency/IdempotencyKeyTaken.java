package org.stockledger.idempotency;

/** Another request recorded the same {@code Idempotency-Key} first (or holds it uncommitted). */
public class IdempotencyKeyTaken extends RuntimeException {

    private final String key;

    /** {@code key} null: one of a batch's keys, unknown which (the batch's insert of them failed). */
    public IdempotencyKeyTaken(String key, Throwable cause) {
        super((key == null ? "an Idempotency-Key of the batch" : "Idempotency-Key " + key) + " is taken by another request", cause);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
