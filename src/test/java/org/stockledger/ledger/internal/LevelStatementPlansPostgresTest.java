package org.stockledger.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * The batch's statements on stock levels read only the levels of the batch, whatever
 * PostgreSQL's statistics say. The case staged here is a common one: statistics taken before an
 * org's catalogue was loaded (a new tenant; a database without autovacuum), so PostgreSQL takes
 * the org for a handful of rows. Planned as joins on the key columns, both statements then read
 * every level of the org for each batch (a bitmap scan on the org, sorted or hashed against the
 * keys): 5 ms a batch with 10,000 products, most of the writers' time.
 */
@OnPostgres
class LevelStatementPlansPostgresTest extends ApiTestBase {

    private static final int LEVELS = 2_000;
    private static final int KEYS = 12;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ObjectMapper json;

    @Test
    void lockingAndUpdatingABatchReadOnlyItsOwnLevelsWhenTheStatisticsPredateTheCatalogue() {
        jdbc.sql("analyze stock_levels").update();
        TestOrg org = newOrg();
        UUID locationId = Plans.loadCatalogue(jdbc, org.orgId(), LEVELS);

        List<UUID> productIds = new ArrayList<>();
        List<UUID> levelIds = new ArrayList<>();
        jdbc.sql("select product_id, level_id from stock_levels where org_id = :org order by product_id limit :keys")
                .param("org", org.orgId()).param("keys", KEYS)
                .query((rs, row) -> productIds.add(rs.getObject(1, UUID.class)) && levelIds.add(rs.getObject(2, UUID.class)))
                .list();

        JsonNode lock = Plans.explainAnalyzed(jdbc, transactions, json, LevelRepository.LOCK_BY_KEYS_ON_POSTGRES, Map.of(
                "orgId", org.orgId(),
                "productIds", productIds.toArray(UUID[]::new),
                "locationIds", productIds.stream().map(id -> locationId).toArray(UUID[]::new),
                "rooms", productIds.stream().map(id -> "sales_floor").toArray(String[]::new)));
        Plans.assertReadsAtMost(lock, "stock_levels", KEYS);

        String[] zeros = levelIds.stream().map(id -> "0").toArray(String[]::new);
        String[] noInstants = new String[levelIds.size()];
        Map<String, Object> update = new HashMap<>();
        update.put("orgId", org.orgId());
        update.put("levelIds", levelIds.toArray(UUID[]::new));
        update.put("onHand", levelIds.stream().map(id -> "5").toArray(String[]::new));
        update.put("incoming", zeros);
        update.put("reserved", zeros);
        update.put("movementsAdded", levelIds.stream().map(id -> 0).toArray(Integer[]::new));
        update.put("onHandMovementsAdded", levelIds.stream().map(id -> 0).toArray(Integer[]::new));
        update.put("lastMovementAt", noInstants);
        update.put("countedAt", noInstants);
        Plans.assertReadsAtMost(Plans.explainAnalyzed(jdbc, transactions, json, LevelRepository.UPDATE_LEVELS_ON_POSTGRES, update),
                "stock_levels", KEYS);
    }
}
