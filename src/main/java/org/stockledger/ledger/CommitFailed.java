package org.stockledger.ledger;

import org.stockledger.support.CommitOutcomeUnknown;

/**
 * The database failed while committing a ledger transaction, after every statement of it had
 * succeeded. Whether the commit took effect is unknown (a connection that breaks during COMMIT
 * cannot say), so every caller whose commands the transaction carried gets this error, none of
 * them a success, and nothing is retried: a retry could apply a change twice. The caller can
 * retry safely with the same {@code Idempotency-Key} (it replays a committed outcome, or applies
 * the change if nothing was committed), or read the log before sending the change again.
 */
public final class CommitFailed extends CommitOutcomeUnknown {

    CommitFailed(Throwable cause) {
        super("the database failed while committing this change, so whether it was applied is unknown: "
                + "retry with the same Idempotency-Key, or read the product's log before sending it again", cause);
    }
}
