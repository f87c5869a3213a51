package org.stockledger.stock.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.OnPostgres;
import org.stockledger.testing.Plans;
import org.stockledger.testing.TestOrg;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A page of the v1 item list deep into the list reads only its own levels and products: the
 * offset is skipped in {@code level_names}, whose primary key holds the list's order. Walking the
 * products by name and joining each to its levels read both tables once per item skipped.
 */
@OnPostgres
class ItemPagePlanPostgresTest extends ApiTestBase {

    private static final int ITEMS = 20_000;
    private static final int LIMIT = 50;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ObjectMapper json;

    @Test
    void aDeepPageReadsOnlyItsOwnLevelsAndProducts() {
        TestOrg org = newOrg();
        Plans.loadCatalogue(jdbc, org.orgId(), ITEMS);
        jdbc.sql("analyze level_names").update();
        jdbc.sql("analyze stock_levels").update();
        jdbc.sql("analyze products").update();

        Map<String, Object> params = new HashMap<>();
        params.put("orgId", org.orgId());
        params.put("anyLocation", true);
        params.put("locationId", new UUID(0, 0));
        params.put("anyRoom", true);
        params.put("room", "");
        params.put("anyCategory", true);
        params.put("category", "");
        params.put("anyStock", true);
        params.put("limit", LIMIT);
        params.put("offset", ITEMS / 2);
        JsonNode plan = Plans.explainAnalyzed(jdbc, transactions, json, ItemRepository.PAGE, params);
        Plans.assertReadsAtMost(plan, "stock_levels", LIMIT);
        Plans.assertReadsAtMost(plan, "products", LIMIT);
    }
}
