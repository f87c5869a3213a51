package org.stockledger.support;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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

    /**
     * The SQL type of an array of {@code elementType}, for {@code cast(:param as ...)} of an array
     * parameter (an {@code unnest} of keys): {@code uuid[]} on PostgreSQL, {@code uuid array} on H2.
     */
    public String arrayOf(String elementType) {
        return isPostgres() ? elementType + "[]" : elementType + " array";
    }

    /**
     * SQL for the calendar date of a {@code timestamp with time zone} expression in a time zone
     * (a quoted zone id or a column holding one). PostgreSQL's {@code at time zone} yields the
     * local time there; H2's keeps the offset but its cast to {@code date} goes through the
     * session's time zone (the JVM's), so there the local date is read from the text form.
     */
    public String dateInZone(String timestampExpression, String zoneExpression) {
        String local = timestampExpression + " at time zone " + zoneExpression;
        return isPostgres() ? "cast(" + local + " as date)" : "cast(substring(cast(" + local + " as varchar(40)), 1, 10) as date)";
    }

    /**
     * Makes PostgreSQL plan every later statement of the current transaction for its actual
     * parameter values. From a statement's fifth use on a connection the driver prepares it on
     * the server, and PostgreSQL may then switch to a generic plan; for a range of days that plan
     * guesses a few thousand rows and reads a year of daily rollups row by row through an index,
     * ten to thirty times slower than the plan made for the values (a scan). Reads that sum a
     * range whose size varies from a week to a year call this first. H2 needs nothing.
     */
    public void planForParameterValuesInThisTransaction(JdbcClient jdbc) {
        requireTransaction();
        if (isPostgres()) {
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        }
    }

    /**
     * Gives each sort and hash of the current transaction's statements at least 64 MB of memory
     * (PostgreSQL's default is 4 MB; a server configured with more keeps its own), for a
     * statement that groups the whole catalogue: a year's top movers, 100,000 products over 8.7
     * million rollups, spilled about 500 MB of temporary files per computation with 4 MB, and ran
     * in 2.4 s instead of 4.0 s without. The price is paid by a catalogue with about one rollup per
     * product: given the memory, PostgreSQL prefers the hash to grouping along the primary key,
     * which is slower there (100,000 products with one rollup each: 320 ms against 120 ms). Only
     * in the transactions of such statements, so the pool's sessions keep the server's setting.
     */
    public void memoryForLargeAggregatesInThisTransaction(JdbcClient jdbc) {
        requireTransaction();
        if (isPostgres()) {
            jdbc.sql("""
                    select set_config('work_mem', '64MB', true)
                    where pg_size_bytes(current_setting('work_mem')) < pg_size_bytes('64MB')""")
                    .query(String.class)
                    .optional();
        }
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a setting for this transaction needs a transaction");
        }
    }
}
