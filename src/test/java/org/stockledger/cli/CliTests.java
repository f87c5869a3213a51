package org.stockledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.TestOrg;

/** The operator CLI, run in-process against the test database. */
abstract class CliTests extends ApiTestBase {

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private record Run(int exitCode, String output) {
    }

    private Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            IntSupplier command = () -> StockledgerCli.execute(context, args);
            int exitCode = command.getAsInt();
            return new Run(exitCode, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
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
        assertThat(clean.output()).contains("0 mismatch");

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
}
