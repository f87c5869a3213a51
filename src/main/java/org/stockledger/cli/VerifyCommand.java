package org.stockledger.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.stockledger.ledger.Mismatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", description = "Check that every stock level equals the sum of its movements; exit 1 listing each mismatch.")
class VerifyCommand implements Callable<Integer> {

    private final Capabilities capabilities;

    @Option(names = "--org", description = "check only this org")
    String orgId;

    VerifyCommand(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public Integer call() {
        List<Mismatch> mismatches = capabilities.verifier().verify(orgId);
        mismatches.forEach(mismatch -> System.out.println("MISMATCH " + mismatch));
        System.out.println("verify: " + mismatches.size() + " mismatch(es); checks: " + String.join(", ", capabilities.verifier().checkNames()));
        return mismatches.isEmpty() ? 0 : 1;
    }
}
