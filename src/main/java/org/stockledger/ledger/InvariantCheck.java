package org.stockledger.ledger;

import java.util.List;

/**
 * One check that {@code verify} runs over the whole database. The ledger contributes the
 * ledger-sum rule; other capabilities (orders' reservations) contribute their own beans.
 */
public interface InvariantCheck {

    String name();

    /** Every violation found, empty when the invariant holds; {@code orgId} null means all orgs. */
    List<Mismatch> findMismatches(String orgId);
}
