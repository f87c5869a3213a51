package org.stockledger.ledger.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stockledger.support.SqlDialect;

/**
 * A table of running totals keyed by (org_id, key columns..., lane) that transactions add to:
 * PostgreSQL inserts or adds in one statement ({@code on conflict do update}); H2 updates, then
 * inserts the missing rows, and adds to the row instead when another transaction inserted it
 * first (H2 refuses the duplicate without aborting the transaction). Rows are written in the
 * order given, which callers keep to key order.
 */
final class LanedTotalsTable {

    /** One row to add: the key column values (after org_id, before lane) and the amounts. */
    record Addition(Object[] keys, Object[] amounts) {
    }

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final String upsert;
    private final String update;
    private final String insert;

    LanedTotalsTable(JdbcTemplate jdbc, SqlDialect dialect, String table, List<String> keyColumns, List<String> amountColumns) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        List<String> key = Stream.concat(Stream.concat(Stream.of("org_id"), keyColumns.stream()), Stream.of("lane")).toList();
        List<String> all = Stream.concat(key.stream(), amountColumns.stream()).toList();
        this.insert = "insert into " + table + " (" + String.join(", ", all) + ") values ("
                + all.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
        this.upsert = insert + " on conflict (" + String.join(", ", key) + ") do update set "
                + amountColumns.stream().map(column -> column + " = " + table + "." + column + " + excluded." + column)
                        .collect(Collectors.joining(", "));
        this.update = "update " + table + " set "
                + amountColumns.stream().map(column -> column + " = " + column + " + ?").collect(Collectors.joining(", "))
                + " where " + key.stream().map(column -> column + " = ?").collect(Collectors.joining(" and "));
    }

    void add(String orgId, int lane, List<Addition> additions) {
        if (additions.isEmpty()) {
            return;
        }
        if (dialect.isPostgres()) {
            jdbc.batchUpdate(upsert, additions.stream().map(addition -> insertArguments(orgId, lane, addition)).toList());
            return;
        }
        int[] updated = jdbc.batchUpdate(update, additions.stream().map(addition -> updateArguments(orgId, lane, addition)).toList());
        for (int i = 0; i < additions.size(); i++) {
            if (updated[i] == 0) {
                try {
                    jdbc.update(insert, insertArguments(orgId, lane, additions.get(i)));
                } catch (DuplicateKeyException insertedMeanwhile) {
                    jdbc.update(update, updateArguments(orgId, lane, additions.get(i)));
                }
            }
        }
    }

    private static Object[] insertArguments(String orgId, int lane, Addition addition) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(orgId);
        arguments.addAll(List.of(addition.keys()));
        arguments.add(lane);
        arguments.addAll(List.of(addition.amounts()));
        return arguments.toArray();
    }

    private static Object[] updateArguments(String orgId, int lane, Addition addition) {
        List<Object> arguments = new ArrayList<>(List.of(addition.amounts()));
        arguments.add(orgId);
        arguments.addAll(List.of(addition.keys()));
        arguments.add(lane);
        return arguments.toArray();
    }
}
