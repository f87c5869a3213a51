package org.stockledger.support;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The one named seam where H2 and PostgreSQL SQL differ. Everything else is the same SQL text
 * on both databases.
 */
@Component
public class SqlDialect {

    public enum Database { POSTGRESQL, H2 }

    private final Database database;

    public SqlDialect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            this.database = product.toLowerCase().contains("postgres") ? Database.POSTGRESQL : Database.H2;
        } catch (SQLException unreachable) {
            throw new IllegalStateException("cannot reach the database to learn its dialect", unreachable);
        }
    }

    public Database database() {
        return database;
    }

    public boolean isPostgres() {
        return database == Database.POSTGRESQL;
    }

    /**
     * Suffix of an INSERT that silently skips rows whose primary key exists (PostgreSQL waits
     * for a concurrent inserter, then skips). H2 has no such clause; its callers insert row by
     * row and ignore the duplicate-key error, which H2 raises without aborting the transaction.
     */
    public String onConflictDoNothing() {
        return isPostgres() ? " on conflict do nothing" : "";
    }
}
