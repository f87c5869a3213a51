package org.stockledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.stockledger.StockledgerApplication;
import org.stockledger.catalog.CatalogService;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.OnPostgres;
import org.stockledger.testing.PostgresTestDatabase;
import org.stockledger.testing.TestOrg;

/**
 * Two service instances, each with its own group-commit queue, against one PostgreSQL: correctness
 * rests on the database's row locks, so together they still never oversell.
 */
@OnPostgres
class TwoInstancesPostgresTest extends ApiTestBase {

    private static ConfigurableApplicationContext secondInstance;

    @Autowired
    LedgerService ledger;

    @Autowired
    CatalogService catalog;

    @BeforeAll
    static void startSecondInstance() {
        secondInstance = new SpringApplicationBuilder(StockledgerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + PostgresTestDatabase.url(),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--stockledger.bootstrap.enabled=false",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (secondInstance != null) {
            secondInstance.close();
        }
    }

    @Test
    void twoInstancesDrainingOneProductSellExactlyTheStock() throws Exception {
        TestOrg org = newOrg();
        addProduct(org, "shared", 500);
        LevelKey level = new LevelKey(catalog.requireProductByP1Id(org.orgId(), "shared").productId(),
                access.requireOrg(org.orgId()).defaultLocationId(), Room.SALES_FLOOR);
        List<LedgerService> instances = List.of(ledger, secondInstance.getBean(LedgerService.class));
        int clients = 32;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> sold = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            LedgerService instance = instances.get(i % 2);
            sold.add(pool.submit(() -> {
                start.await();
                int count = 0;
                while (true) {
                    CommandOutcome outcome = instance.applyCommand(org.orgId(), Actor.system("instance"),
                            StockCommand.of(StockChange.adjust(level, MovementKind.SHIPMENT, new BigDecimal("-1"), null), "SALE", "sale"));
                    if (!(outcome instanceof CommandOutcome.Applied)) {
                        return count;
                    }
                    count++;
                }
            }));
        }
        start.countDown();
        int total = 0;
        List<Integer> perClient = new ArrayList<>();
        for (Future<Integer> future : sold) {
            perClient.add(future.get());
            total += perClient.getLast();
        }
        pool.shutdown();
        assertThat(total).isEqualTo(500);
        int soldByFirst = 0;
        for (int i = 0; i < clients; i += 2) {
            soldByFirst += perClient.get(i);
        }
        assertThat(soldByFirst).as("both instances sold").isBetween(1, 499);
        assertVerifyClean(org);
    }
}
