package org.stockledger.ledger.internal;

import java.util.List;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stockledger.support.SqlDialect;

/**
 * Adds rows to a table of running totals keyed by (org_id, ..., lane), given its three statements:
 * PostgreSQL inserts or adds in one statement per row ({@code insert ... on conflict do update}),
 * sent with the transaction's other totals in one round trip ({@link StatementRound}); H2
 * updates, then inserts the rows that were missing, and adds to the row instead when another
 * transaction inserted it first (H2 refuses the duplicate without aborting the transaction). Rows
 * are written in the order given, which callers keep to key order.
 *
 * @param upsert PostgreSQL's insert-or-add, bound like {@code insert}
 * @param update the add to an existing row, bound by {@code updateArguments}
 * @param insert the insert of a new row, bound by {@code insertArguments}
 */
record LanedTotalsTable<T>(JdbcTemplate jdbc, SqlDialect dialect, String upsert, String update, String insert,
        Function<T, Object[]> insertArguments, Function<T, Object[]> updateArguments) {

    void add(List<T> rows, StatementRound round) {
        if (rows.isEmpty()) {
            return;
        }
        if (dialect.isPostgres()) {
            rows.forEach(row -> round.add(upsert, insertArguments.apply(row)));
            return;
        }
        int[] updated = jdbc.batchUpdate(update, rows.stream().map(updateArguments).toList());
        for (int i = 0; i < rows.size(); i++) {
            if (updated[i] == 0) {
                try {
                    jdbc.update(insert, insertArguments.apply(rows.get(i)));
                } catch (DuplicateKeyException insertedMeanwhile) {
                    jdbc.update(update, updateArguments.apply(rows.get(i)));
                }
            }
        }
    }
}
