package org.stockledger.ledger;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Runs every {@link InvariantCheck} (invariant 2 of the design and what other capabilities add). */
@Service
public class LedgerVerifier {

    private final List<InvariantCheck> checks;

    public LedgerVerifier(List<InvariantCheck> checks) {
        this.checks = checks;
    }

    public List<Mismatch> verify(String orgIdOrNull) {
        List<Mismatch> mismatches = new ArrayList<>();
        for (InvariantCheck check : checks) {
            mismatches.addAll(check.findMismatches(orgIdOrNull));
        }
        return mismatches;
    }

    public List<String> checkNames() {
        return checks.stream().map(InvariantCheck::name).toList();
    }
}
