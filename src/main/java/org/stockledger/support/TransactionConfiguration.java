package org.stockledger.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The service's transaction manager: Spring Boot's {@link JdbcTransactionManager} with changes
 * for a database connection that breaks, and for the embedded database's durability.
 * <ul>
 * <li>A failed COMMIT is reported as {@link CommitOutcomeUnknown}, not as the translated SQL
 * error: a COMMIT failing on a broken connection translates to the same exception as a
 * connection refused before anything ran, of which callers are told that nothing changed; after a
 * failed COMMIT nobody can tell.</li>
 * <li>A rollback on a connection that is already gone is not a failure: no COMMIT can follow on
 * it, so the server has ended the transaction (or will, when it notices), and the failure that
 * led to the rollback is what the caller hears, not "connection is closed".</li>
 * <li>On the embedded H2 file database a commit returns once it is stored to the file
 * ({@link EmbeddedStores}), so a killed process loses nothing it reported committed.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class TransactionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TransactionConfiguration.class);

    @Bean
    public JdbcTransactionManager transactionManager(DataSource dataSource, Environment environment) {
        EmbeddedStores stores = EmbeddedDatabase.fileOf(environment.getProperty("spring.datasource.url")).isPresent()
                ? new EmbeddedStores() : null;
        return new JdbcTransactionManager(dataSource) {
            @Override
            protected void doCommit(DefaultTransactionStatus status) {
                try {
                    super.doCommit(status);
                    if (stores != null) {
                        connectionOf(status).ifPresent(stores::storeCommitted);
                    }
                } catch (RuntimeException failed) {
                    throw new CommitOutcomeUnknown(failed);
                }
            }

            @Override
            protected void doRollback(DefaultTransactionStatus status) {
                try {
                    super.doRollback(status);
                } catch (TransactionException failed) {
                    if (!connectionIsGone(status)) {
                        throw failed;
                    }
                    log.debug("rollback on a connection that is gone: the server ends its transaction itself", failed);
                }
            }
        };
    }

    private static boolean connectionIsGone(DefaultTransactionStatus status) {
        Optional<Connection> connection = connectionOf(status);
        try {
            return connection.isPresent() && connection.get().isClosed();
        } catch (SQLException unknown) {
            return true;
        }
    }

    /** The connection the transaction holds, if it holds one. */
    private static Optional<Connection> connectionOf(DefaultTransactionStatus status) {
        return status.getTransaction() instanceof JdbcTransactionObjectSupport transaction && transaction.hasConnectionHolder()
                ? Optional.of(transaction.getConnectionHolder().getConnection())
                : Optional.empty();
    }
}
