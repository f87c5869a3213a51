package org.stockledger.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.stockledger.ledger.LedgerSearches;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.OnPostgres;
import org.stockledger.testing.Plans;
import org.stockledger.testing.TestOrg;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The top movers group every product of the period. With PostgreSQL's default 4 MB for a hash,
 * ten days of 30,000 products spill to temporary files (a year of 100,000 products wrote about
 * 500 MB per computation); the analytics' transaction gives the statement the memory to group
 * them in place. The plan is taken in the transaction the service's call ran in, with its settings.
 */
@OnPostgres
class TopMoversPlanPostgresTest extends ApiTestBase {

    private static final int PRODUCTS = 30_000;
    private static final int DAYS = 10;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    LedgerSearches searches;

    @Autowired
    ObjectMapper json;

    @Test
    void aYearOfTheWholeCatalogueIsGroupedWithoutTemporaryFiles() {
        TestOrg org = newOrg();
        Plans.loadCatalogue(jdbc, org.orgId(), PRODUCTS);
        LocalDate today = LocalDate.now();
        jdbc.sql("""
                insert into daily_rollups (org_id, product_id, location_id, room, rollup_day, on_hand_in, movement_count)
                select l.org_id, l.product_id, l.location_id, l.room, cast(:firstDay as date) + d, 5, 1
                from stock_levels l, generate_series(0, :days - 1) d
                where l.org_id = :org
                """).param("org", org.orgId()).param("firstDay", today.minusDays(DAYS)).param("days", DAYS).update();
        jdbc.sql("analyze daily_rollups").update();

        JsonNode plan = transactions.execute(status -> {
            status.setRollbackOnly();
            assertThat(searches.mostActiveProducts(org.orgId(), null, today.minusDays(364), today, 10)).hasSize(10);
            String explained = jdbc.sql("explain (analyze, buffers, format json) " + RollupAnalyticsRepository.mostActiveProductsSql(false))
                    .params(Map.of("orgId", org.orgId(), "fromDay", today.minusDays(364), "toDay", today, "limit", 10))
                    .query(String.class)
                    .single();
            return json.readTree(explained).get(0).get("Plan");
        });
        Plans.assertReadsAtMost(plan, "daily_rollups", PRODUCTS * DAYS);
        assertThat(plan.get("Temp Written Blocks").asLong()).as("temporary blocks written by%n%s", plan.toPrettyString()).isZero();
    }

    @Test
    void aServerGivingMoreMemoryKeepsItsOwn() {
        TestOrg org = newOrg();
        LocalDate today = LocalDate.now();
        String workMem = transactions.execute(status -> {
            jdbc.sql("set local work_mem = '256MB'").update();
            searches.mostActiveProducts(org.orgId(), null, today.minusDays(364), today, 10);
            return jdbc.sql("select current_setting('work_mem')").query(String.class).single();
        });
        assertThat(workMem).isEqualTo("256MB");
        String raised = transactions.execute(status -> {
            searches.mostActiveProducts(org.orgId(), null, today.minusDays(364), today, 10);
            return jdbc.sql("select current_setting('work_mem')").query(String.class).single();
        });
        assertThat(raised).isEqualTo("64MB");
    }
}
