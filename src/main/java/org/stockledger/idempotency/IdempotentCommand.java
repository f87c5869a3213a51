package org.stockledger.idempotency;

import java.util.Optional;

/**
 * The {@code Idempotency-Key} of the request the current thread is serving, when that request
 * makes exactly one ledger submission. The ledger records the key, with the submission's
 * outcome, in the transaction that applies it (so a group-committed batch commits each caller's
 * key with its change). When an earlier attempt of the same request committed its change, the
 * ledger answers with that attempt's outcome instead ({@link #recovered}).
 */
public final class IdempotentCommand {

    private static final ThreadLocal<IdempotentCommand> CURRENT = new ThreadLocal<>();

    private final String orgId;
    private final String key;
    private final RequestFingerprint fingerprint;
    private volatile boolean submitted;
    private volatile boolean recorded;
    private volatile boolean keyTaken;
    private volatile IdempotencyRecord recovered;

    /** The ledger records the key with the outcome, or answers from the record of an earlier attempt. */
    public IdempotentCommand(String orgId, String key, RequestFingerprint fingerprint) {
        this.orgId = orgId;
        this.key = key;
        this.fingerprint = fingerprint;
    }

    /** Makes this command the current thread's until the returned scope is closed. */
    public Scope makeCurrent() {
        IdempotentCommand outer = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        };
    }

    /** Ends {@link #makeCurrent()}; closing throws nothing. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    public static Optional<IdempotentCommand> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public String orgId() {
        return orgId;
    }

    public String key() {
        return key;
    }

    /** The hash to record with the key. */
    public String requestHash() {
        return fingerprint.hash();
    }

    /** Whether a key recorded with {@code recordedHash} was recorded by an attempt of this same request. */
    public boolean isSameRequestAs(String recordedHash) {
        return fingerprint.matches(recordedHash);
    }

    /**
     * The record of an earlier attempt of this request whose change committed, when the ledger
     * answered from it (with or without a stored response); null when this attempt applied or
     * was refused.
     */
    public IdempotencyRecord recovered() {
        return recovered;
    }

    public void markRecovered(IdempotencyRecord record) {
        recovered = record;
    }

    /** Marks the one submission this request may make; false when it already made one. */
    public synchronized boolean claimSubmission() {
        if (submitted) {
            return false;
        }
        submitted = true;
        return true;
    }

    /** The ledger committed the key with an applied outcome. */
    public boolean isRecorded() {
        return recorded;
    }

    public void markRecorded() {
        recorded = true;
    }

    /** Another request with the same key recorded it first; this one applied nothing. */
    public boolean isKeyTaken() {
        return keyTaken;
    }

    public void markKeyTaken() {
        keyTaken = true;
    }
}
