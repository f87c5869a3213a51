package org.stockledger.startup;

import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;
import org.stockledger.support.EmbeddedDatabase;

/**
 * Reports a start that failed because the configured database could not be opened: PostgreSQL
 * unreachable, its database or role refused, or the embedded H2 database held by another
 * process. Other database errors (a failed migration, a bug) keep Spring Boot's stack trace.
 */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    private static final String POSTGRESQL_INVALID_CATALOG_NAME = "3D000";
    private static final String POSTGRESQL_INVALID_AUTHORIZATION_CLASS = "28";
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private final Environment environment;

    DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        String url = DatabaseSettings.URL_VARIABLE;
        if (cause.getErrorCode() == EmbeddedDatabase.ALREADY_OPEN_ERROR_CODE) {
            return databaseInUse(cause);
        }
        if (state.equals(POSTGRESQL_INVALID_CATALOG_NAME)) {
            return new FailureAnalysis(url + " names a database that does not exist on its PostgreSQL server: " + cause.getMessage(),
                    "Create the database (createdb, or CREATE DATABASE; Stockledger creates its tables itself), "
                            + "or name an existing one in " + url + ".", cause);
        }
        if (state.startsWith(POSTGRESQL_INVALID_AUTHORIZATION_CLASS)) {
            return new FailureAnalysis("PostgreSQL refused STOCKLEDGER_DB_USER and STOCKLEDGER_DB_PASSWORD: " + cause.getMessage(),
                    "Set STOCKLEDGER_DB_USER and STOCKLEDGER_DB_PASSWORD to a role that may connect to the database in " + url + ".",
                    cause);
        }
        if (state.startsWith(CONNECTION_EXCEPTION_CLASS)) {
            return new FailureAnalysis(url + " names a database server Stockledger cannot reach: " + cause.getMessage() + reasonOf(cause),
                    "Check the host and port in " + url + " (jdbc:postgresql://host:5432/database) and that PostgreSQL runs "
                            + "there and accepts TCP connections; or unset " + url + " to use the embedded H2 database.",
                    cause);
        }
        return null;
    }

    private FailureAnalysis databaseInUse(SQLException cause) {
        Optional<Path> directory = environment == null ? Optional.empty() : DatabaseSettings.embeddedDirectory(environment);
        String variable = directory.map(path -> DatabaseSettings.embeddedDirectoryVariable(environment, path))
                .orElse(DatabaseSettings.DATA_DIR_VARIABLE);
        String where = directory.map(path -> " in " + path).orElse("");
        return new FailureAnalysis("The embedded H2 database" + where + " is in use by another process, most likely another "
                + "Stockledger instance or CLI command started with the same " + variable + ".",
                "Stop the other process, or give this instance its own " + variable + ". Instances that share one "
                        + "database need PostgreSQL (" + DatabaseSettings.URL_VARIABLE + ").",
                cause);
    }

    /** The network's own reason, when the driver's message does not already say it. */
    private static String reasonOf(SQLException cause) {
        Throwable deepest = cause;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        if (deepest instanceof UnknownHostException unknown) {
            return " (unknown host " + unknown.getMessage() + ")";
        }
        if (deepest == cause || deepest.getMessage() == null || cause.getMessage().contains(deepest.getMessage())) {
            return "";
        }
        return " (" + deepest.getMessage() + ")";
    }
}
