package org.stockledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says where the service listens, which database it uses, and where the API docs are; warns when
 * PostgreSQL will not keep its statistics by itself.
 */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    static final String AUTOVACUUM_OFF = "PostgreSQL runs with autovacuum off: nothing clears the dead row versions "
            + "that every adjustment leaves in its stock level and daily rollup, and reports are planned on the statistics "
            + "of empty tables. Turn autovacuum on, or run VACUUM ANALYZE after imports and regularly.";

    private final DataSource dataSource;

    StartupReport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener
    void onReady(ApplicationReadyEvent ready) {
        if (!(ready.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        int port = web.getWebServer().getPort();
        String database;
        Optional<String> warning = Optional.empty();
        try (Connection connection = dataSource.getConnection()) {
            database = connection.getMetaData().getURL();
            warning = databaseWarning(connection);
        } catch (SQLException unreachable) {
            database = "unreachable (" + unreachable.getMessage() + ")";
        }
        log.info("Stockledger is ready on http://localhost:{}  database: {}  API docs: http://localhost:{}/docs  health: /health",
                port, database, port);
        warning.ifPresent(log::warn);
    }

    /** What an operator should hear about the database's own settings, if anything. */
    static Optional<String> databaseWarning(Connection connection) throws SQLException {
        if (!connection.getMetaData().getURL().startsWith("jdbc:postgresql:")) {
            return Optional.empty();
        }
        try (var statement = connection.createStatement(); var result = statement.executeQuery("show autovacuum")) {
            return result.next() && "off".equalsIgnoreCase(result.getString(1)) ? Optional.of(AUTOVACUUM_OFF) : Optional.empty();
        }
    }
}
