package org.stockledger.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.stockledger.catalog.CatalogService;
import org.stockledger.ledger.LedgerSearches.MovementSearch;
import org.stockledger.ledger.MovementKind;
import org.stockledger.testing.ApiClient;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.OnPostgres;
import org.stockledger.testing.Plans;
import org.stockledger.testing.TestOrg;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The warehouse movement list's total of a product is counted from {@code ix_movements_product}
 * alone (V12 holds the list's filters, kind and delta_on_hand, in it): visiting each movement
 * row, as the count did, read one table page per movement on a large ledger.
 */
@OnPostgres
class ProductMovementCountPlanPostgresTest extends ApiTestBase {

    private static final int ADJUSTMENTS = 40;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CatalogService catalog;

    @Autowired
    ObjectMapper json;

    @Test
    void aProductsMovementsAreCountedFromTheIndexAlone() {
        TestOrg org = newOrg();
        addProduct(org, "p", 1);
        for (int i = 0; i < ADJUSTMENTS; i++) {
            ApiClient.Response adjusted = org.api().post(org.v2("/inventory/adjust"),
                    Map.of("p1_id", "p", "delta_on_hand", 1, "reason", "count me"));
            assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
        }
        jdbc.sql("vacuum analyze movements").update();

        MovementSearch search = new MovementSearch(catalog.requireProductIdByP1Id(org.orgId(), "p"), null,
                EnumSet.allOf(MovementKind.class), null, null);
        // A test database holds too few movements for PostgreSQL to prefer any index to reading
        // the table; on a large ledger it does, and the question is which index scan it can make.
        JsonNode plan = transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("set local enable_seqscan = off").update();
            jdbc.sql("set local enable_bitmapscan = off").update();
            return Plans.explainAnalyzed(jdbc, transactions, json, MovementSearchRepository.countSql(search), Map.of(
                    "orgId", org.orgId(),
                    "kinds", search.kinds().stream().map(MovementKind::wireName).sorted().toList(),
                    "productId", search.productId()));
        });

        List<JsonNode> scans = new ArrayList<>();
        plan.findParents("Relation Name").forEach(node -> {
            if (node.get("Relation Name").asString().equals("movements")) {
                scans.add(node);
            }
        });
        assertThat(scans).as("scans of movements in%n%s", plan.toPrettyString()).singleElement().satisfies(scan -> {
            assertThat(scan.get("Node Type").asString()).isEqualTo("Index Only Scan");
            assertThat(scan.get("Index Name").asString()).isEqualTo("ix_movements_product");
            assertThat(scan.get("Actual Rows").asLong()).isEqualTo(ADJUSTMENTS + 1);
            assertThat(scan.get("Heap Fetches").asLong()).isZero();
        });
    }
}
