package org.stockledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.stockledger.cli.ConsoleCapture.Run;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.TestOrg;

/** The operator CLI, run in-process against the test database. */
abstract class CliTests extends ApiTestBase {

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private Run run(String... args) {
        return ConsoleCapture.run(() -> StockledgerCli.execute(context, args));
    }

    private void assertRefused(Run run, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.error()).as(run.toString()).isEqualTo("error: " + message + System.lineSeparator());
        assertThat(run.output()).isEmpty();
    }

    @Test
    void orgAndTokenCommandsCreateAWorkingTokenAndRevokeIt() {
        String orgId = "cli-" + System.nanoTime();
        Run created = run("org", "create", orgId, "--name", "CLI org");
        assertThat(created.exitCode()).as(created.output()).isZero();
        Run token = run("token", "create", "--org", orgId, "--scopes", "inventory.read,inventory.write", "--name", "pos");
        assertThat(token.exitCode()).as(token.output()).isZero();
        String secret = token.output().lines().filter(line -> line.startsWith("sl_")).findFirst().orElseThrow();
        assertThat(anonymous().withToken(secret).get("/api/v2/public/orgs/" + orgId + "/inventory").status()).isEqualTo(200);

        Run listed = run("token", "list", "--org", orgId);
        assertThat(listed.output()).contains("pos").contains("active").doesNotContain(secret);
        String tokenId = listed.output().lines().filter(line -> line.contains(" pos ")).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(run("token", "revoke", tokenId).exitCode()).isZero();
        assertThat(anonymous().withToken(secret).get("/api/v2/public/orgs/" + orgId + "/inventory").status()).isEqualTo(401);
        assertThat(run("token", "create", "--org", orgId, "--scopes", "no.such.scope").exitCode()).isNotZero();
    }

    @Test
    void verifyIsCleanOnAConsistentLedgerAndListsATamperedLevel() {
        TestOrg org = newOrg();
        addProduct(org, "v1", 7);
        Run clean = run("verify", "--org", org.orgId());
        assertThat(clean.exitCode()).as(clean.output()).isZero();
        long levels = jdbc.sql("select count(*) from stock_levels where org_id = :orgId").param("orgId", org.orgId()).query(Long.class).single();
        assertThat(levels).isPositive();
        assertThat(clean.output()).startsWith("verify: 1 org, " + levels + " stock level" + (levels == 1 ? "" : "s") + " checked, 0 mismatches; checks: ledger-sum");

        jdbc.sql("update stock_levels set on_hand = on_hand + 1 where org_id = :orgId").param("orgId", org.orgId()).update();
        Run dirty = run("verify", "--org", org.orgId());
        assertThat(dirty.exitCode()).isEqualTo(1);
        assertThat(dirty.output()).contains("MISMATCH").contains("on_hand is 8 but should be 7");
        jdbc.sql("update stock_levels set on_hand = on_hand - 1 where org_id = :orgId").param("orgId", org.orgId()).update();
        assertThat(run("verify", "--org", org.orgId()).exitCode()).isZero();

        jdbc.sql("update level_names set product_name = 'Stale' where org_id = :orgId").param("orgId", org.orgId()).update();
        Run staleName = run("verify", "--org", org.orgId());
        assertThat(staleName.exitCode()).isEqualTo(1);
        assertThat(staleName.output()).contains("level-names").contains("listed name is Stale");
        jdbc.sql("delete from level_names where org_id = :orgId").param("orgId", org.orgId()).update();
        Run unlisted = run("verify", "--org", org.orgId());
        assertThat(unlisted.exitCode()).isEqualTo(1);
        assertThat(unlisted.output()).contains("listed name is (not listed)");
    }

    @Test
    void refusalsAreOneErrorLineAndExitOneAndWriteNothing() {
        String orgId = "cli-" + System.nanoTime();
        assertThat(run("org", "create", orgId).exitCode()).isZero();
        assertRefused(run("org", "create", orgId), "org " + orgId + " already exists");
        assertRefused(run("org", "create", "BAD!"), "org id must match [a-z0-9][a-z0-9_-]{0,63}");
        assertThat(access.findOrg("BAD!")).isEmpty();
        assertRefused(run("token", "create", "--org", "nosuch-" + orgId, "--scopes", "all"), "org nosuch-" + orgId + " does not exist");
        assertRefused(run("token", "create", "--org", orgId, "--scopes", "inventory.read,bogus"), "unknown scope bogus (scopes:"
                + " inventory.read, inventory.write, orders.read, orders.write, webhooks.manage, or all)");
        assertRefused(run("org", "settings", orgId, "--reservations", "maybe"), "--reservations takes on or off, not maybe");
        assertThat(access.requireOrg(orgId).reservationsEnabled()).isTrue();
        assertThat(access.listTokens(orgId)).isEmpty();

        String unknownTokenId = UUID.randomUUID().toString();
        assertRefused(run("token", "revoke", unknownTokenId), "no active token " + unknownTokenId);
        run("token", "create", "--org", orgId, "--scopes", "all", "--name", "once");
        String tokenId = access.listTokens(orgId).getFirst().tokenId().toString();
        assertThat(run("token", "revoke", tokenId).exitCode()).isZero();
        assertRefused(run("token", "revoke", tokenId), "no active token " + tokenId);
    }

    @Test
    void verifyOfAnOrgThatDoesNotExistSaysSoAndFails() {
        assertRefused(run("verify", "--org", "nosuch"), "org nosuch does not exist");
    }
}
