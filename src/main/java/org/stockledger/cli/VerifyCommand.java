package org.stockledger.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.stockledger.ledger.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Says what it checked as well as what it found: "0 mismatches" over no org at all is a database
 * that is empty or not the service's (a mistyped STOCKLEDGER_DB_URL or data directory), which
 * fails like a mismatch.
 */
@Command(name = "verify", description = "Check that every stock level equals the sum of its movements; exit 1 listing each mismatch"
        + " (or when there is no org to check).")
class VerifyCommand implements Callable<Integer> {

    private final Capabilities capabilities;

    @Option(names = "--org", description = "check only this org")
    String orgId;

    VerifyCommand(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public Integer call() {
        List<String> orgIds = orgId == null ? capabilities.access().orgIds() : List.of(capabilities.access().requireOrg(orgId).orgId());
        if (orgIds.isEmpty()) {
            throw new CommandRefused("no org exists in this database, so verify checked nothing"
                    + " (is it the service's database? see STOCKLEDGER_DB_URL and STOCKLEDGER_DATA_DIR)");
        }
        Verification verification = capabilities.verifier().check(orgId);
        verification.mismatches().forEach(mismatch -> System.out.println("MISMATCH " + mismatch));
        System.out.println("verify: " + count(orgIds.size(), "org") + ", " + count(verification.levelsChecked(), "stock level")
                + " checked, " + count(verification.mismatches().size(), "mismatch") + "; checks: "
                + String.join(", ", verification.checkNames()));
        return verification.mismatches().isEmpty() ? 0 : 1;
    }

    private static String count(long number, String noun) {
        return number + " " + (number == 1 ? noun : noun.endsWith("ch") ? noun + "es" : noun + "s");
    }
}
