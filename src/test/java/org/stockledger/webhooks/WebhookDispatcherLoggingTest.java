package org.stockledger.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A dispatch round that fails because the database is unreachable says so in one line, every
 * round while the outage lasts; a round that fails for any other reason keeps its stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhookDispatcherLoggingTest {

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void logAsTheServiceDoes() {
        logging.setLogLevel(WebhookDispatcher.class.getName(), LogLevel.INFO);
    }

    @AfterEach
    void restoreLogLevel() {
        logging.setLogLevel(WebhookDispatcher.class.getName(), null);
    }

    @Test
    void aRoundThatCannotReachTheDatabaseLogsOneWarningWithTheDriversReason(CapturedOutput output) {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused.", "08001", new ConnectException("Connection refused"));
        RuntimeException outage = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 30000ms.", refused));

        dispatcherWhoseTransactionsFailWith(outage).dispatchOnSchedule();

        assertThat(output.getAll().lines().filter(line -> !line.isBlank()))
                .singleElement().asString()
                .contains("WARN")
                .contains("webhook dispatch round failed, the database is unavailable (Connection to 127.0.0.1:5432 refused.)");
    }

    @Test
    void aRoundThatFailsForAnotherReasonKeepsItsStackTrace(CapturedOutput output) {
        dispatcherWhoseTransactionsFailWith(new IllegalStateException("a bug")).dispatchOnSchedule();

        assertThat(output.getAll()).contains("webhook dispatch round failed; the next round retries")
                .contains("java.lang.IllegalStateException: a bug")
                .contains("\tat ");
    }

    /** The round fails at its first transaction, before it reads or sends anything. */
    private static WebhookDispatcher dispatcherWhoseTransactionsFailWith(RuntimeException failure) {
        PlatformTransactionManager failing = new PlatformTransactionManager() {
            @Override
            public TransactionStatus getTransaction(TransactionDefinition definition) {
                throw failure;
            }

            @Override
            public void commit(TransactionStatus status) {
                throw new IllegalStateException("no transaction was begun");
            }

            @Override
            public void rollback(TransactionStatus status) {
                throw new IllegalStateException("no transaction was begun");
            }
        };
        return new WebhookDispatcher(null, null, null, new TransactionTemplate(failing), null, Clock.systemUTC(),
                new SimpleMeterRegistry(), false, true);
    }
}
