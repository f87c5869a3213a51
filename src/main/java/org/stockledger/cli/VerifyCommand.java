package org.stockledger.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.stockledger.ledger.LedgerVerifier;
import org.stockledger.ledger.Mismatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", description = "Check that every stock level equals the sum of its movements; exit 1 listing each mismatch.")
class VerifyCommand implements Callable<Integer> {

    private final LedgerVerifier verifier;

    @Option(names = "--org", description = "check only this org")
    String orgId;

    VerifyCommand(LedgerVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Integer call() {
        List<Mismatch> mismatches = verifier.verify(orgId);
        mismatches.forEach(mismatch -> System.out.println("MISMATCH " + mismatch));
        System.out.println("verify: " + mismatches.size() + " mismatch(es); checks: " + String.join(", ", verifier.checkNames()));
        return mismatches.isEmpty() ? 0 : 1;
    }
}
