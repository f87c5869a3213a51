package org.stockledger.idempotency;

import java.util.Optional;

/**
 * The {@code Idempotency-Key} of the request the current thread is serving, when that request
 * makes exactly one ledger submission. The ledger records the key, with the submission's
 * outcome, in the transaction that applies it (so a group-committed batch commits each caller's
 * key with its change); when {@link #recoveredOutcome} is set, the submission was committed by an
 * earlier attempt and the ledger answers with that outcome instead of applying it again.
 */
public final class IdempotentCommand {

    private static final ThreadLocal<IdempotentCommand> CURRENT = new ThreadLocal<>();

    private final String orgId;
    private final String key;
    private final String requestHash;
    private final String recoveredOutcome;
    private volatile boolean submitted;
    private volatile boolean recorded;
    private volatile boolean keyTaken;

    private IdempotentCommand(String orgId, String key, String requestHash, String recoveredOutcome) {
        this.orgId = orgId;
        this.key = key;
        this.requestHash = requestHash;
        this.recoveredOutcome = recoveredOutcome;
    }

    /** A first attempt: the ledger records the key with the outcome. */
    public static IdempotentCommand first(String orgId, String key, String requestHash) {
        return new IdempotentCommand(orgId, key, requestHash, null);
    }

    /** A retry after the first attempt's change committed but its response was not stored. */
    public static IdempotentCommand recovering(IdempotencyRecord record) {
        return new IdempotentCommand(record.orgId(), record.key(), record.requestHash(), record.appliedOutcome());
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

    public String requestHash() {
        return requestHash;
    }

    /** The outcome an earlier attempt committed (the ledger's own encoding), or null on a first attempt. */
    public String recoveredOutcome() {
        return recoveredOutcome;
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
