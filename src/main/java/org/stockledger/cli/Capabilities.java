package org.stockledger.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.stockledger.StockledgerApplication;
import org.stockledger.access.AccessService;
import org.stockledger.ledger.LedgerVerifier;
import org.stockledger.support.EmbeddedDatabase;

/**
 * The capability services a command calls. The application context behind them (and with it the
 * database) is started only when a command first asks for one, so help, the version and usage
 * errors are answered without touching the database.
 */
final class Capabilities implements AutoCloseable {

    private final Supplier<ConfigurableApplicationContext> start;
    private final boolean closeWhenDone;
    private ConfigurableApplicationContext context;

    private Capabilities(Supplier<ConfigurableApplicationContext> start, boolean closeWhenDone) {
        this.start = start;
        this.closeWhenDone = closeWhenDone;
    }

    /** Those of a context that is already running (the tests'); closing them leaves it running. */
    static Capabilities of(ConfigurableApplicationContext running) {
        return new Capabilities(() -> running, false);
    }

    /**
     * Those of the application started without its HTTP server, on first use, with the same
     * database settings as the service; {@code springArguments} ({@code --name=value}) override them.
     */
    static Capabilities startedOnFirstUse(List<String> springArguments) {
        return new Capabilities(() -> startApplication(springArguments), true);
    }

    AccessService access() {
        return context().getBean(AccessService.class);
    }

    LedgerVerifier verifier() {
        return context().getBean(LedgerVerifier.class);
    }

    private ConfigurableApplicationContext context() {
        if (context == null) {
            context = start.get();
        }
        return context;
    }

    @Override
    public void close() {
        if (closeWhenDone && context != null) {
            context.close();
        }
    }

    private static ConfigurableApplicationContext startApplication(List<String> springArguments) {
        SpringApplication application = new SpringApplication(StockledgerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of(
                "stockledger.bootstrap.enabled", "false",
                "spring.main.banner-mode", "off",
                "logging.level.root", "WARN",
                // A start that fails is reported by the CLI, in one line when the operator can fix it.
                "logging.level.org.springframework.boot.SpringApplication", "OFF",
                "logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext", "ERROR",
                "logging.level.org.springframework.boot.diagnostics", "OFF",
                "logging.level.com.zaxxer.hikari", "OFF"));
        application.setLogStartupInfo(false);
        AtomicReference<Environment> environment = new AtomicReference<>();
        application.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) prepared ->
                environment.set(prepared.getEnvironment()));
        try {
            return application.run(springArguments.toArray(String[]::new));
        } catch (RuntimeException failedStart) {
            if (EmbeddedDatabase.isInUseByAnotherProcess(failedStart)) {
                String url = environment.get() == null ? null : environment.get().getProperty("spring.datasource.url");
                String database = EmbeddedDatabase.directoryOf(url).map(directory -> "the embedded database in " + directory)
                        .orElse("the embedded database");
                throw new CommandRefused(database + " is in use by a running Stockledger; stop it first, or run Stockledger"
                        + " on PostgreSQL (STOCKLEDGER_DB_URL) to use the CLI alongside the service");
            }
            throw failedStart;
        }
    }
}
