package org.stockledger.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.stockledger.access.IssuedToken;
import org.stockledger.access.Scope;
import org.stockledger.access.TokenSummary;
import org.stockledger.support.DomainException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "token", description = "Manage API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
class TokenCommand {

    @Command(name = "create", description = "Create a token; its secret is printed once.")
    static class Create implements Callable<Integer> {

        private final Capabilities capabilities;

        @Option(names = "--org", required = true, description = "the token's org")
        String orgId;

        @Option(names = "--scopes", required = true, split = ",",
                description = "comma-separated: inventory.read, inventory.write, orders.read, orders.write, webhooks.manage, or all")
        List<String> scopes;

        @Option(names = "--name", description = "a name shown as the actor of its changes")
        String name;

        Create(Capabilities capabilities) {
            this.capabilities = capabilities;
        }

        @Override
        public Integer call() {
            Set<Scope> parsed = EnumSet.noneOf(Scope.class);
            for (String scope : scopes) {
                if (scope.equals("all")) {
                    parsed.addAll(Scope.all());
                    continue;
                }
                parsed.add(Scope.fromWireName(scope.trim()).orElseThrow(() ->
                        DomainException.invalidField("scopes", "unknown scope " + scope + " (scopes: "
                                + Scope.all().stream().map(Scope::wireName).collect(Collectors.joining(", ")) + ", or all)")));
            }
            IssuedToken token = capabilities.access().createToken(orgId, name, parsed);
            System.out.println("token " + token.tokenId() + " (" + token.name() + ") for org " + token.orgId() + ":");
            System.out.println(token.secret());
            System.out.println("It is shown only this once.");
            return 0;
        }
    }

    @Command(name = "list", description = "List tokens (never their secrets).")
    static class ListTokens implements Callable<Integer> {

        private final Capabilities capabilities;

        @Option(names = "--org", description = "only this org's tokens")
        String orgId;

        ListTokens(Capabilities capabilities) {
            this.capabilities = capabilities;
        }

        @Override
        public Integer call() {
            for (TokenSummary token : capabilities.access().listTokens(orgId)) {
                System.out.printf("%s  %-12s %-20s %-8s %s%n", token.tokenId(), token.orgId(), token.name(),
                        token.revokedAt() == null ? "active" : "revoked",
                        token.scopes().stream().map(Scope::wireName).sorted().collect(Collectors.joining(",")));
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a token by its id.")
    static class Revoke implements Callable<Integer> {

        private final Capabilities capabilities;

        @Parameters(index = "0", description = "the token id (from token list)")
        UUID tokenId;

        Revoke(Capabilities capabilities) {
            this.capabilities = capabilities;
        }

        @Override
        public Integer call() {
            capabilities.access().revokeToken(tokenId);
            System.out.println("revoked " + tokenId);
            return 0;
        }
    }
}
