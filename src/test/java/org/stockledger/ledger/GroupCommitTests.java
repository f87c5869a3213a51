package org.stockledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.stockledger.access.Org;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.TestOrg;

/** Group commit on the one write path: concurrent callers share transactions but never each other's fate. */
abstract class GroupCommitTests extends ApiTestBase {

    @Autowired
    LedgerService ledger;

    @Autowired
    LedgerQueries queries;

    @Autowired
    MeterRegistry meters;

    private LevelKey stockedLevel(TestOrg org, String p1Id, int onHand) {
        addProduct(org, p1Id, onHand);
        Org settings = access.requireOrg(org.orgId());
        return new LevelKey(productIdOf(org, p1Id), settings.defaultLocationId(), Room.SALES_FLOOR);
    }

    @Autowired
    org.stockledger.catalog.CatalogService catalog;

    private UUID productIdOf(TestOrg org, String p1Id) {
        return catalog.requireProductByP1Id(org.orgId(), p1Id).productId();
    }

    @Test
    void concurrentCallersAreBatchedAndEachGetsItsOwnOutcome() throws Exception {
        TestOrg org = newOrg();
        LevelKey level = stockedLevel(org, "gc-1", 500);
        int callers = 64;
        int perCaller = 10;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> applied = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            applied.add(pool.submit(() -> {
                start.await();
                int count = 0;
                for (int j = 0; j < perCaller; j++) {
                    CommandOutcome outcome = ledger.applyCommand(org.orgId(), Actor.system("gc"),
                            StockCommand.of(StockChange.adjust(level, MovementKind.SHIPMENT, new BigDecimal("-1"), null), "SALE", "sale"));
                    if (outcome instanceof CommandOutcome.Applied) {
                        count++;
                    } else {
                        assertThat(outcome).isInstanceOf(CommandOutcome.Refused.class);
                        assertThat(((CommandOutcome.Refused) outcome).code()).isEqualTo("insufficient_stock");
                    }
                }
                return count;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> future : applied) {
            total += future.get();
        }
        pool.shutdown();
        assertThat(total).isEqualTo(500);
        assertThat(queries.level(org.orgId(), level).orElseThrow().balance().onHand()).isEqualByComparingTo("0");
        // 64 callers against 4 writers: some transaction must have carried more than one command.
        assertThat(meters.get("stockledger.ledger.batch.commands").summary().max()).isGreaterThan(1);
        assertVerifyClean(org);
    }

    @Test
    void aFailingCallerDoesNotTakeTheOthersOfItsBatchDown() throws Exception {
        TestOrg org = newOrg();
        LevelKey level = stockedLevel(org, "gc-2", 100);
        LevelKey noSuchProduct = new LevelKey(UUID.randomUUID(), level.locationId(), Room.SALES_FLOOR);
        int callers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            LevelKey target = i % 8 == 0 ? noSuchProduct : level;
            results.add(pool.submit(() -> {
                start.await();
                try {
                    CommandOutcome outcome = ledger.applyCommand(org.orgId(), Actor.system("gc"),
                            StockCommand.of(StockChange.adjust(target, MovementKind.RECEIPT, BigDecimal.ONE, null), "ADJUSTMENT", "in"));
                    return outcome instanceof CommandOutcome.Applied ? "applied" : "refused";
                } catch (RuntimeException failed) {
                    return "failed";
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> future : results) {
            outcomes.add(future.get());
        }
        pool.shutdown();
        assertThat(outcomes).filteredOn("failed"::equals).hasSize(4);
        assertThat(outcomes).filteredOn("applied"::equals).hasSize(28);
        assertThat(queries.level(org.orgId(), level).orElseThrow().balance().onHand()).isEqualByComparingTo("128");
        assertVerifyClean(org);
    }

    @Test
    void movementsWrittenTogetherReadBackAsApplied() {
        TestOrg org = newOrg();
        LevelKey level = stockedLevel(org, "gc-3", 10);
        Instant occurredAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MICROS);
        StockCommand everyField = new StockCommand(List.of(
                        StockChange.adjust(level, MovementKind.RECEIPT, new BigDecimal("1.125"), new BigDecimal("2.5"))
                                .withCostPerUnit(new BigDecimal("3.1415")),
                        StockChange.adjust(level, MovementKind.SHIPMENT, new BigDecimal("-0.125"), null)),
                "RECEIVING", "delivery \u00e9\u00e8 \"quoted\"", null, null, null, null, null)
                .withReference("purchase_order", "po-" + UUID.randomUUID())
                .withShop("shop-7")
                .withMetadata("{\"note\": \"a, b\", \"n\": [1, 2]}")
                .withOccurredAt(occurredAt);
        StockCommand fewFields = StockCommand.of(StockChange.adjust(level, MovementKind.SHIPMENT, new BigDecimal("-1"), null), "SALE", null);

        List<CommandOutcome> outcomes = ledger.applyCommands(org.orgId(), Actor.system("gc"), List.of(everyField, fewFields));

        List<Movement> applied = outcomes.stream()
                .flatMap(outcome -> ((CommandOutcome.Applied) outcome).changes().stream())
                .map(AppliedChange::movement)
                .toList();
        assertThat(applied).hasSize(3);
        List<Movement> read = queries.recentMovementsOfProduct(org.orgId(), level.productId(), 10).stream()
                .filter(movement -> applied.stream().anyMatch(mine -> mine.movementId().equals(movement.movementId())))
                .sorted(java.util.Comparator.comparing(Movement::movementId))
                .toList();
        assertThat(read).usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration.builder()
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                        .withComparatorForType(java.util.Comparator.comparing((Instant instant) -> instant.truncatedTo(ChronoUnit.MICROS)),
                                Instant.class)
                        .build())
                .containsExactlyElementsOf(applied);
        assertThat(read.get(0).metadataJson()).isNotNull();
        assertThat(read.get(2).referenceType()).isNull();
        assertThat(queries.level(org.orgId(), level).orElseThrow().balance().onHand()).isEqualByComparingTo("10");
        assertVerifyClean(org);
    }
}
