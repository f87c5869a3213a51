package org.stockledger.idempotency;

/** Another request recorded the same {@code Idempotency-Key} first (or holds it uncommitted). */
public class IdempotencyKeyTaken extends RuntimeException {

    private final String key;

    public IdempotencyKeyTaken(String key, Throwable cause) {
        super("Idempotency-Key " + key + " is taken by another request", cause);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
