package org.stockledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** PostgreSQL's plans of the service's statements, as executed, for tests that pin how a statement reads. */
public final class Plans {

    private Plans() {
    }

    /**
     * The root node of {@code EXPLAIN (ANALYZE, FORMAT JSON)} of the statement with its named
     * parameters, run (ANALYZE executes it) in a transaction that is rolled back.
     */
    public static JsonNode explainAnalyzed(JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json, String sql,
            Map<String, ?> params) {
        String plan = transactions.execute(status -> {
            status.setRollbackOnly();
            return jdbc.sql("explain (analyze, format json) " + sql).params(params).query(String.class).single();
        });
        return json.readTree(plan).get(0).get("Plan");
    }

    /** Asserts that the plan reads the table and that none of its scans of it reads more than {@code rowsMax} rows in all its loops. */
    public static void assertReadsAtMost(JsonNode plan, String table, long rowsMax) {
        List<JsonNode> scans = new ArrayList<>();
        collectScans(plan, table, scans);
        assertThat(scans).as("scans of %s in%n%s", table, plan.toPrettyString()).isNotEmpty();
        for (JsonNode scan : scans) {
            assertThat(scan.get("Actual Rows").asLong() * scan.get("Actual Loops").asLong())
                    .as("rows of %s read by %s in%n%s", table, scan.get("Node Type"), plan.toPrettyString())
                    .isLessThanOrEqualTo(rowsMax);
        }
    }

    private static void collectScans(JsonNode node, String table, List<JsonNode> scans) {
        if (table.equals(node.path("Relation Name").asString(null)) && node.has("Actual Rows")
                && !node.path("Node Type").asString("").equals("ModifyTable")) {
            scans.add(node);
        }
        for (JsonNode child : node.path("Plans")) {
            collectScans(child, table, scans);
        }
    }
}
