package org.stockledger.ledger;

import java.util.List;

/**
 * What one run of {@link LedgerVerifier#check} looked at and found: an operator must be able to
 * tell "nothing wrong" from "nothing checked" (an empty or mistyped database).
 */
public record Verification(long levelsChecked, List<String> checkNames, List<Mismatch> mismatches) {

    public Verification {
        checkNames = List.copyOf(checkNames);
        mismatches = List.copyOf(mismatches);
    }
}
