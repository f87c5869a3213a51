package org.stockledger.support;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure because the database could not be reached (no connection, a connection lost,
 * the server shutting down) from every other failure. Background work that retries by itself
 * logs the first kind as one line while the outage lasts, and keeps stack traces for the second.
 */
public final class DatabaseUnavailable {

    /** SQLSTATE class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private DatabaseUnavailable() {
    }

    /** When {@code failure} is an unreachable database, what the driver said about it. */
    public static Optional<String> reasonOf(Throwable failure) {
        boolean unavailable = false;
        SQLException deepestSql = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            unavailable |= cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS);
            if (cause instanceof SQLException sql) {
                deepestSql = sql;
            }
        }
        if (!unavailable) {
            return Optional.empty();
        }
        String reason = deepestSql != null ? deepestSql.getMessage() : failure.getMessage();
        return Optional.of(reason == null ? failure.getClass().getSimpleName() : reason);
    }
}
