package org.stockledger.cli;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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

    private final ConfigurableApplicationContext running;
    private final List<String> springArguments;
    private boolean mayCreateDatabase;
    private ConfigurableApplicationContext context;

    private Capabilities(ConfigurableApplicationContext running, List<String> springArguments) {
        this.running = running;
        this.springArguments = springArguments;
    }

    /** Those of a context that is already running (the tests'); closing them leaves it running. */
    static Capabilities of(ConfigurableApplicationContext running) {
        return new Capabilities(running, List.of());
    }

    /**
     * Those of the application started without its HTTP server, on first use, with the same
     * database settings as the service; {@code springArguments} ({@code --name=value}) override them.
     */
    static Capabilities startedOnFirstUse(List<String> springArguments) {
        return new Capabilities(null, springArguments);
    }

    /**
     * Lets the command create the embedded database where there is none yet (only {@code org create}
     * does). Every other command is refused there instead: run from another directory, it would
     * otherwise create and migrate an empty database under that directory's {@code ./data}.
     */
    void mayCreateTheDatabase() {
        mayCreateDatabase = true;
    }

    AccessService access() {
        return context().getBean(AccessService.class);
    }

    LedgerVerifier verifier() {
        return context().getBean(LedgerVerifier.class);
    }

    private ConfigurableApplicationContext context() {
        if (context == null) {
            context = running != null ? running : startApplication();
        }
        return context;
    }

    @Override
    public void close() {
        if (running == null && context != null) {
            context.close();
        }
    }

    private ConfigurableApplicationContext startApplication() {
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
        application.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) prepared -> {
            environment.set(prepared.getEnvironment());
            if (!mayCreateDatabase) {
                requireExistingEmbeddedDatabase(prepared.getEnvironment().getProperty("spring.datasource.url"));
            }
        });
        try {
            return application.run(springArguments.toArray(String[]::new));
        } catch (RuntimeException failedStart) {
            for (Throwable cause = failedStart; cause != null; cause = cause.getCause()) {
                if (cause instanceof CommandRefused refused) {
                    throw refused;
                }
            }
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

    private static void requireExistingEmbeddedDatabase(String url) {
        EmbeddedDatabase.fileOf(url).filter(file -> !Files.exists(file)).ifPresent(missing -> {
            throw new CommandRefused("there is no Stockledger database in " + missing.getParent() + " (the embedded"
                    + " database's directory: STOCKLEDGER_DATA_DIR, by default ./data of the current directory); run the"
                    + " command where the service runs or set STOCKLEDGER_DATA_DIR (only 'org create' starts a new database)");
        });
    }
}
