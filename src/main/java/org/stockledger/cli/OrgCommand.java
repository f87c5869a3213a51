package org.stockledger.cli;

import java.util.concurrent.Callable;
import org.stockledger.access.AccessService;
import org.stockledger.access.Org;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "org", description = "Manage organisations.", subcommands = OrgCommand.Create.class)
class OrgCommand {

    @Command(name = "create", description = "Create an org with its default location.")
    static class Create implements Callable<Integer> {

        private final AccessService access;

        @Parameters(index = "0", description = "org id: lower-case letters, digits, - and _")
        String orgId;

        @Option(names = "--name", description = "display name (default: the id)")
        String name;

        Create(AccessService access) {
            this.access = access;
        }

        @Override
        public Integer call() {
            Org org = access.createOrg(orgId, name);
            System.out.println("created org " + org.orgId() + " (default location " + org.defaultLocationId() + ")");
            return 0;
        }
    }
}
