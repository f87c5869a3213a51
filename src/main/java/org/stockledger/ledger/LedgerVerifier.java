package org.stockledger.ledger;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.stockledger.ledger.internal.LevelRepository;

/** Runs every {@link InvariantCheck} (invariant 2 of the design and what other capabilities add). */
@Service
public class LedgerVerifier {

    private final List<InvariantCheck> checks;
    private final LevelRepository levels;

    public LedgerVerifier(List<InvariantCheck> checks, LevelRepository levels) {
        this.checks = checks;
        this.levels = levels;
    }

    public List<Mismatch> verify(String orgIdOrNull) {
        List<Mismatch> mismatches = new ArrayList<>();
        for (InvariantCheck check : checks) {
            mismatches.addAll(check.findMismatches(orgIdOrNull));
        }
        return mismatches;
    }

    /** {@link #verify}, with how many stock levels there were to check (in one org, or null: all). */
    public Verification check(String orgIdOrNull) {
        long levelsChecked = levels.countLevels(orgIdOrNull);
        return new Verification(levelsChecked, checkNames(), verify(orgIdOrNull));
    }

    public List<String> checkNames() {
        return checks.stream().map(InvariantCheck::name).toList();
    }
}
