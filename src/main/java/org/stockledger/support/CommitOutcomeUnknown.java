package org.stockledger.support;

import java.util.Map;

/**
 * The database failed while committing a transaction, after every statement of it had succeeded.
 * Whether the commit took effect is unknown (a connection that breaks during COMMIT cannot say),
 * so the caller hears neither of a success nor that nothing changed, and a blind retry is not
 * safe. Thrown by the service's transaction manager for every transaction
 * ({@link TransactionConfiguration}); the ledger answers its own batches with its own words.
 */
public class CommitOutcomeUnknown extends DomainException {

    public static final String CODE = "commit_outcome_unknown";

    public CommitOutcomeUnknown(String message, Throwable cause) {
        super(503, CODE, message, null, Map.of());
        initCause(cause);
    }

    CommitOutcomeUnknown(Throwable cause) {
        this("the database failed while committing this change, so whether it was applied is unknown: "
                + "read it back before sending it again, or retry with the same Idempotency-Key", cause);
    }

    @Override
    public boolean retryIsSafe() {
        return false;
    }
}
