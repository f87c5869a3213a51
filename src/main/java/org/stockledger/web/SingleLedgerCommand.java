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
 * stored after the commit, and a retry that finds the change but no response gets a response
 * rendered from the committed outcome (see {@link IdempotencyFilter}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SingleLedgerCommand {
}
