package org.stockledger.cli;

import java.math.BigDecimal;
import java.util.concurrent.Callable;
import org.stockledger.access.Org;
import org.stockledger.support.DomainException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "org", description = "Manage organisations.", subcommands = {OrgCommand.Create.class, OrgCommand.Settings.class})
class OrgCommand {

    @Command(name = "create", description = "Create an org with its default location.")
    static class Create implements Callable<Integer> {

        private final Capabilities capabilities;

        @Parameters(index = "0", description = "org id: lower-case letters, digits, - and _")
        String orgId;

        @Option(names = "--name", description = "display name (default: the id)")
        String name;

        Create(Capabilities capabilities) {
            this.capabilities = capabilities;
        }

        @Override
        public Integer call() {
            capabilities.mayCreateTheDatabase();
            Org org = capabilities.access().createOrg(orgId, name);
            System.out.println("created org " + org.orgId() + " (default location " + org.defaultLocationId() + ")");
            return 0;
        }
    }

    /**
     * Shows and changes an org's settings; only the options given change. Turn reservations off
     * for an org whose POS already takes sold stock off through inventory/adjust (the POS-sync
     * workflow): its orders then hold no stock, or a sale would be counted twice.
     */
    @Command(name = "settings", description = "Show or change an org's settings (only the options given change).")
    static class Settings implements Callable<Integer> {

        private final Capabilities capabilities;

        @Parameters(index = "0", description = "org id")
        String orgId;

        @Option(names = "--reservations", description = "on|off: open orders reserve stock (off when the POS adjusts stock itself)")
        String reservations;

        @Option(names = "--strict-workflow", description = "on|off: only the documented order status transitions are allowed")
        String strictWorkflow;

        @Option(names = "--time-zone", description = "IANA time zone for daily history, e.g. Europe/Berlin")
        String timeZone;

        @Option(names = "--default-reorder-point", description = "reorder point for levels that have none")
        BigDecimal defaultReorderPoint;

        Settings(Capabilities capabilities) {
            this.capabilities = capabilities;
        }

        @Override
        public Integer call() {
            Org current = capabilities.access().requireOrg(orgId);
            if (reservations != null || strictWorkflow != null || timeZone != null || defaultReorderPoint != null) {
                if (defaultReorderPoint != null && defaultReorderPoint.signum() < 0) {
                    throw DomainException.invalidField("default_reorder_point", "--default-reorder-point must not be negative");
                }
                current = capabilities.access().updateOrgSettings(orgId,
                        reservations == null ? current.reservationsEnabled() : onOff("--reservations", reservations),
                        strictWorkflow == null ? current.strictOrderWorkflow() : onOff("--strict-workflow", strictWorkflow),
                        defaultReorderPoint == null ? current.defaultReorderPoint() : defaultReorderPoint,
                        timeZone == null ? current.timeZone().getId() : timeZone);
            }
            System.out.println("org " + current.orgId());
            System.out.println("reservations: " + (current.reservationsEnabled() ? "on" : "off"));
            System.out.println("strict-workflow: " + (current.strictOrderWorkflow() ? "on" : "off"));
            System.out.println("time-zone: " + current.timeZone().getId());
            System.out.println("default-reorder-point: " + current.defaultReorderPoint().stripTrailingZeros().toPlainString());
            return 0;
        }

        private static boolean onOff(String option, String value) {
            return switch (value) {
                case "on" -> true;
                case "off" -> false;
                default -> throw DomainException.invalidField(option.substring(2), option + " takes on or off, not " + value);
            };
        }
    }
}
