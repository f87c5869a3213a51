package org.stockledger;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where the service listens, which database it uses, and where the API docs are. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

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
        try (var connection = dataSource.getConnection()) {
            database = connection.getMetaData().getURL();
        } catch (java.sql.SQLException unreachable) {
            database = "unreachable (" + unreachable.getMessage() + ")";
        }
        log.info("Stockledger is ready on http://localhost:{}  database: {}  API docs: http://localhost:{}/docs  health: /health",
                port, database, port);
    }
}
