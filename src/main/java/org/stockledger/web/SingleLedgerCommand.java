package org.stockledger.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler whose only write is one ledger submission. Its {@code Idempotency-Key} is
 * recorded by the ledger in the transaction that applies the submission, so keyed requests share
 * group commit with the others instead of each holding a transaction of its own; the response is
 * stored after the commit (unless {@link #storeResponse()} says it need not be), and a retry that
 * finds the change but no response gets a response rendered from the committed outcome (see
 * {@link IdempotencyFilter}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SingleLedgerCommand {

    /**
     * Whether the response is stored after the commit. False for a handler whose response is made
     * of the committed outcome and the request alone (no name, price or other state read when it
     * renders): every retry is then answered by rendering the outcome again, which gives the same
     * body, and storing it would only cost a write per keyed request (about 9 % of keyed
     * adjustments per second on PostgreSQL, bench/README.md).
     */
    boolean storeResponse() default true;
}
