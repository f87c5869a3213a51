package org.stockledger.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The PostgreSQL side of every two-database suite: creates a fresh database on the local server
 * (127.0.0.1:5432, user postgres, or STOCKLEDGER_TEST_PG_HOST/PORT/USER) for the test JVM, points
 * the application at it, and drops it when the JVM ends.
 *
 * <p>Without a reachable server the PostgreSQL tests are skipped, loudly; with {@code CI=true} a
 * missing server fails them instead, since a green run must have tested PostgreSQL.
 */
public class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext>, ExecutionCondition {

    private static final String HOST = env("STOCKLEDGER_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("STOCKLEDGER_TEST_PG_PORT", "5432");
    private static final String USER = env("STOCKLEDGER_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("STOCKLEDGER_TEST_PG_PASSWORD", "");
    private static volatile String databaseName;
    private static volatile Optional<String> unavailableReason;

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static String adminUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
    }

    public static String url() {
        return urlOf(createdDatabase());
    }

    /** The URL of another database on the test server, for a test that makes (and drops) its own. */
    public static String urlOf(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> reason = unavailable();
        if (reason.isEmpty()) {
            return ConditionEvaluationResult.enabled("PostgreSQL at " + HOST + ":" + PORT);
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but PostgreSQL is not reachable at " + HOST + ":" + PORT + ": " + reason.get());
        }
        String message = "SKIPPED ON POSTGRESQL: " + context.getDisplayName() + " (no server at " + HOST + ":" + PORT + ": " + reason.get() + ")";
        System.err.println("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!!! " + message
                + "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
        return ConditionEvaluationResult.disabled(message);
    }

    /** Whether the local PostgreSQL server answers (checked once per JVM). */
    public static boolean isAvailable() {
        return unavailable().isEmpty();
    }

    private static synchronized Optional<String> unavailable() {
        if (unavailableReason == null) {
            try (Connection ignored = DriverManager.getConnection(adminUrl(), USER, PASSWORD)) {
                unavailableReason = Optional.empty();
            } catch (SQLException failure) {
                unavailableReason = Optional.of(failure.getMessage());
            }
        }
        return unavailableReason;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "spring.datasource.url=" + url(),
                "spring.datasource.username=" + USER,
                "spring.datasource.password=" + PASSWORD)
                .applyTo(context);
    }

    private static synchronized String createdDatabase() {
        if (databaseName == null) {
            String name = "stockledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            execute("create database " + name);
            databaseName = name;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("drop database if exists " + name + " with (force)")));
        }
        return databaseName;
    }

    /** Runs {@code sql} on the server's postgres database, as the test user. */
    public static void executeAsAdmin(String sql) {
        execute(sql);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl(), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failure) {
            throw new IllegalStateException("PostgreSQL: " + sql + " failed", failure);
        }
    }
}
