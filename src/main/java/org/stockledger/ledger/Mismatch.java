package org.stockledger.ledger;

/** One violated invariant, described for an operator. */
public record Mismatch(String check, String orgId, String subject, String field, String expected, String actual) {

    @Override
    public String toString() {
        return check + ": org " + orgId + ", " + subject + ": " + field + " is " + actual + " but should be " + expected;
    }
}
