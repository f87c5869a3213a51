package org.stockledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    /**
     * A catalogue loaded in bulk, as the plan tests need it: a location, {@code products} products
     * and one level of each there (5 on hand, listed in {@code level_names}). Gathers no statistics.
     * Returns the location's id.
     */
    public static UUID loadCatalogue(JdbcClient jdbc, String orgId, int products) {
        UUID locationId = UUID.randomUUID();
        jdbc.sql("insert into locations (org_id, location_id, code, name, created_at) values (:org, :location, 'plans', 'Plans', now())")
                .param("org", orgId).param("location", locationId).update();
        jdbc.sql("""
                insert into products (org_id, product_id, p1_id, name, created_at, updated_at)
                select :org, gen_random_uuid(), 'plan-' || n, 'Product ' || n, now(), now() from generate_series(1, :products) n
                """).param("org", orgId).param("products", products).update();
        jdbc.sql("""
                insert into stock_levels (org_id, product_id, location_id, room, level_id, on_hand, created_at)
                select org_id, product_id, :location, 'sales_floor', gen_random_uuid(), 5, now() from products where org_id = :org
                """).param("org", orgId).param("location", locationId).update();
        jdbc.sql("""
                insert into level_names (org_id, product_name, product_id, location_id, room)
                select p.org_id, p.name, p.product_id, l.location_id, l.room
                from products p join stock_levels l on l.org_id = p.org_id and l.product_id = p.product_id
                where p.org_id = :org
                """).param("org", orgId).update();
        return locationId;
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
