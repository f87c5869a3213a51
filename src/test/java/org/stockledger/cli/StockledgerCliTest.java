package org.stockledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stockledger.cli.ConsoleCapture.Run;

/**
 * The CLI's own answers, through its real entry point: which arguments are the service's, help,
 * version and usage errors without the database, and an embedded database a running service holds.
 * The database here is an H2 file whose lock another holder keeps, so any command that reached
 * the database would fail.
 */
class StockledgerCliTest {

    @TempDir
    Path dataDir;

    private FileChannel lockedFile;
    private FileLock lock;

    @BeforeEach
    void holdTheEmbeddedDatabaseAsARunningServiceDoes() throws Exception {
        lockedFile = FileChannel.open(dataDir.resolve("stockledger.mv.db"),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        lock = lockedFile.lock();
    }

    @AfterEach
    void release() throws Exception {
        lock.release();
        lockedFile.close();
    }

    private Run run(String... args) {
        return runOn("jdbc:h2:file:" + dataDir.resolve("stockledger") + ";DB_CLOSE_ON_EXIT=FALSE", args);
    }

    private static Run runOn(String databaseUrl, String... args) {
        return ConsoleCapture.run(() -> StockledgerCli.run(List.of("--spring.datasource.url=" + databaseUrl), args));
    }

    @Test
    void theServiceRunsWithNoArgumentsOrOnlySpringPropertyArgumentsAndAnythingElseIsACommandLine() {
        assertThat(StockledgerCli.isCommandLine()).isFalse();
        assertThat(StockledgerCli.isCommandLine("--server.port=8081")).isFalse();
        assertThat(StockledgerCli.isCommandLine("--spring.profiles.active=x", "--server.port=8081")).isFalse();

        assertThat(StockledgerCli.isCommandLine("--version")).isTrue();
        assertThat(StockledgerCli.isCommandLine("-V")).isTrue();
        assertThat(StockledgerCli.isCommandLine("--help")).isTrue();
        assertThat(StockledgerCli.isCommandLine("frobnicate")).isTrue();
        assertThat(StockledgerCli.isCommandLine("tokens", "list")).isTrue();
        assertThat(StockledgerCli.isCommandLine("--server.port=8081", "frobnicate")).isTrue();
        assertThat(StockledgerCli.isCommandLine("--=x")).isTrue();
    }

    @Test
    void versionAndHelpAreAnsweredWithoutTheDatabase() {
        for (String version : List.of("--version", "-V")) {
            Run run = run(version);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.output()).startsWith("Stockledger ");
        }
        for (List<String> help : List.of(List.of("--help"), List.of("-h"), List.of("help"))) {
            Run run = run(help.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.output()).startsWith("Usage: stockledger").contains("token").contains("verify");
            assertThat(run.error()).isEmpty();
        }
        Run tokenHelp = run("token", "--help");
        assertThat(tokenHelp.exitCode()).as(tokenHelp.toString()).isZero();
        assertThat(tokenHelp.output()).startsWith("Usage: stockledger token").contains("create").contains("revoke");
    }

    @Test
    void anUnknownCommandIsAUsageErrorListingTheCommands() {
        Run unknown = run("frobnicate");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.error()).startsWith("error: unknown command 'frobnicate'")
                .contains("Commands:").contains("org").contains("token").contains("verify");
        assertThat(unknown.output()).isEmpty();

        Run typo = run("tokens", "list");
        assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(2);
        assertThat(typo.error()).startsWith("error: unknown command 'tokens'").contains("Did you mean").contains("token");
    }

    @Test
    void aMissingCommandOrOptionIsAUsageErrorWithoutTheDatabase() {
        Run noSubcommand = run("token");
        assertThat(noSubcommand.exitCode()).as(noSubcommand.toString()).isEqualTo(2);
        assertThat(noSubcommand.error()).startsWith("error: ").contains("Usage: stockledger token").contains("create");

        Run missingOption = run("token", "create", "--org", "acme");
        assertThat(missingOption.exitCode()).as(missingOption.toString()).isEqualTo(2);
        assertThat(missingOption.error()).startsWith("error: Missing required option: '--scopes")
                .contains("Usage: stockledger token create");
    }

    @Test
    void everyCommandOnAnEmbeddedDatabaseInUseSaysSoInOneLine() {
        for (List<String> command : List.of(List.of("verify"), List.of("token", "list"), List.of("org", "create", "acme"))) {
            Run run = run(command.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.error()).isEqualTo("error: the embedded database in " + dataDir.toAbsolutePath().normalize()
                    + " is in use by a running Stockledger; stop it first, or run Stockledger on PostgreSQL"
                    + " (STOCKLEDGER_DB_URL) to use the CLI alongside the service" + System.lineSeparator());
            assertThat(run.output()).isEmpty();
        }
    }

    @Test
    void onlyOrgCreateStartsAnEmbeddedDatabaseWhereThereIsNone() throws Exception {
        Path elsewhere = dataDir.resolve("elsewhere").resolve("data");
        String url = "jdbc:h2:file:" + elsewhere.resolve("stockledger") + ";DB_CLOSE_ON_EXIT=FALSE";
        for (List<String> command : List.of(List.of("verify"), List.of("token", "list", "--org", "acme"),
                List.of("org", "settings", "acme"))) {
            Run run = runOn(url, command.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.error()).startsWith("error: there is no Stockledger database in " + elsewhere.toAbsolutePath().normalize()
                    + " (the embedded database's directory: STOCKLEDGER_DATA_DIR");
            assertThat(elsewhere).as("nothing created by %s", command).doesNotExist();
        }

        Run created = runOn(url, "org", "create", "acme");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(elsewhere.resolve("stockledger.mv.db")).exists();
        Run verified = runOn(url, "verify");
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.output()).contains("verify: 1 org");
    }

    @Test
    void verifyOfADatabaseWithoutOrgsSaysItCheckedNothingAndFails() {
        Run run = runOn("jdbc:h2:mem:cli-empty-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "verify");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.error()).startsWith("error: no org exists in this database, so verify checked nothing");
        assertThat(run.output()).doesNotContain("0 mismatches");
    }
}
