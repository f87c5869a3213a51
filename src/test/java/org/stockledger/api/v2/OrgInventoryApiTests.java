package org.stockledger.api.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.stockledger.access.Scope;
import org.stockledger.catalog.CatalogService;
import org.stockledger.support.SqlDialect;
import org.stockledger.testing.ApiClient;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.TestOrg;
import tools.jackson.databind.JsonNode;

/** The org inventory API (seeds 000/001), spoken as the seed pages show it. */
abstract class OrgInventoryApiTests extends ApiTestBase {

    @Autowired
    private CatalogService catalog;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Autowired
    private SqlDialect dialect;

    private static final Map<String, Object> SEED_ADJUST = Map.of(
            "p1_id", "12345",
            "delta_on_hand", -2,
            "delta_incoming", 0,
            "reason", "POS sale",
            "shop_id", "shop1",
            "metadata", Map.of("pos_ref", "TX-999"));

    @Test
    void seedWorkflowListAdjustLogAndHistoryMatchTheSeedFieldByField() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 52);

        ApiClient.Response adjusted = org.api().post(org.v2("/inventory/adjust"), SEED_ADJUST);
        assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
        assertThat(adjusted.body().path("status").asString()).isEqualTo("ok");
        assertThat(adjusted.body().path("id").isString()).isTrue();
        String movementId = adjusted.body().path("id").asString();

        JsonNode item = data(org.api().get(org.v2("/inventory"))).get(0);
        assertThat(item.path("p1_id").isIntegralNumber()).isTrue();
        assertThat(item.path("p1_id").asLong()).isEqualTo(12345);
        assertThat(item.path("name").asString()).isEqualTo("Product 12345");
        assertThat(item.path("stockquantity").isIntegralNumber()).as(item.toString()).isTrue();
        assertThat(item.path("stockquantity").asLong()).isEqualTo(50);
        assertThat(item.path("price").isNumber()).isTrue();
        assertThat(item.path("price").decimalValue()).isEqualByComparingTo("8.99");
        assertThat(item.path("category").asString()).isEqualTo("Blüten");
        assertThat(item.path("log_entries").isIntegralNumber()).isTrue();
        assertThat(item.path("log_entries").asLong()).isEqualTo(2);
        assertThat(item.path("last_activity").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

        JsonNode log = data(org.api().get(org.v2("/inventory/12345/log")));
        assertThat(log).hasSize(2);
        JsonNode newest = log.get(0);
        assertThat(newest.path("id").asString()).isEqualTo(movementId);
        assertThat(newest.path("p1_id").asLong()).isEqualTo(12345);
        assertThat(newest.path("p1_id").isIntegralNumber()).isTrue();
        assertThat(newest.path("shop_id").asString()).isEqualTo("shop1");
        assertThat(newest.path("delta_on_hand").isIntegralNumber()).isTrue();
        assertThat(newest.path("delta_on_hand").asLong()).isEqualTo(-2);
        assertThat(newest.path("delta_incoming").asLong()).isZero();
        assertThat(newest.path("reason").asString()).isEqualTo("POS sale");
        assertThat(newest.path("created_at").asString()).endsWith("Z");
        assertThat(newest.path("metadata").path("pos_ref").asString()).isEqualTo("TX-999");
        assertThat(log.get(1).path("delta_on_hand").asLong()).isEqualTo(52);

        JsonNode history = data(org.api().get(org.v2("/inventory/12345/history?days=30")));
        assertThat(history).hasSize(30);
        JsonNode today = history.get(29);
        assertThat(today.path("delta_on_hand").asLong()).isEqualTo(50);
        assertThat(today.path("stock_in").asLong()).isEqualTo(52);
        assertThat(today.path("stock_out").asLong()).isEqualTo(2);
        assertThat(today.path("entries").asLong()).isEqualTo(2);
        assertThat(today.path("closing_on_hand").asLong()).isEqualTo(50);
        assertThat(history.get(28).path("closing_on_hand").asLong()).isZero();
        assertThat(history.get(0).path("date").asString()).matches("\\d{4}-\\d\\d-\\d\\d");
        assertVerifyClean(org);
    }

    @Test
    void historyDefaultsToThirtyDaysAndAllowsAYear() {
        TestOrg org = newOrg();
        addProduct(org, "7", 1);
        assertThat(data(org.api().get(org.v2("/inventory/7/history")))).hasSize(30);
        assertThat(data(org.api().get(org.v2("/inventory/7/history?days=365")))).hasSize(365);
        assertThat(data(org.api().get(org.v2("/inventory/7/history?days=1")))).hasSize(1);
    }

    @Test
    void historyOutOfRangeIsRefused() {
        TestOrg org = newOrg();
        addProduct(org, "7", 1);
        assertProblem(org.api().get(org.v2("/inventory/7/history?days=366")), 400, "invalid_parameter");
        assertProblem(org.api().get(org.v2("/inventory/7/history?days=0")), 400, "invalid_parameter");
        assertProblem(org.api().get(org.v2("/inventory/7/history?days=abc")), 400, "invalid_parameter");
        assertProblem(org.api().get(org.v2("/inventory/404/history")), 404, "unknown_product");
    }

    @Test
    void quantitiesAreExactDecimalsWithThreePlaces() {
        TestOrg org = newOrg();
        addProduct(org, "g1", 0);
        ApiClient.Response adjusted = org.api().post(org.v2("/inventory/adjust"),
                Map.of("p1_id", "g1", "delta_on_hand", 1.255, "reason", "weighed"));
        assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
        assertThat(adjusted.body().path("on_hand").decimalValue()).isEqualByComparingTo("1.255");
        ApiClient.Response tooFine = org.api().post(org.v2("/inventory/adjust"),
                Map.of("p1_id", "g1", "delta_on_hand", 0.0001, "reason", "weighed"));
        assertProblem(tooFine, 400, "invalid_field");
        assertThat(tooFine.body().path("field").asString()).isEqualTo("delta_on_hand");
        JsonNode item = data(org.api().get(org.v2("/inventory"))).get(0);
        assertThat(item.path("stockquantity").decimalValue()).isEqualByComparingTo("1.255");
        assertThat(item.path("log_entries").asLong()).isEqualTo(1);
    }

    @Test
    void p1IdIsAcceptedAsStringOrNumberAndNonNumericIdsStayStrings() {
        TestOrg org = newOrg();
        addProduct(org, "ABC-1", 0);
        addProduct(org, "42", 0);
        assertThat(org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", 42, "delta_on_hand", 3, "reason", "r")).status()).isEqualTo(200);
        assertThat(org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", "42", "delta_on_hand", 3, "reason", "r")).status()).isEqualTo(200);
        assertThat(org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", "ABC-1", "delta_on_hand", 1, "reason", "r")).status()).isEqualTo(200);
        JsonNode items = data(org.api().get(org.v2("/inventory")));
        Map<String, JsonNode> byId = new HashMap<>();
        items.forEach(item -> byId.put(item.path("p1_id").asString(), item));
        assertThat(byId.get("42").path("p1_id").isIntegralNumber()).isTrue();
        assertThat(byId.get("42").path("stockquantity").asLong()).isEqualTo(6);
        assertThat(byId.get("ABC-1").path("p1_id").isString()).isTrue();
    }

    @Test
    void adjustBelowZeroIsRefusedWithInsufficientStockAndWritesNothing() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 1);
        ApiClient.Response refused = org.api().post(org.v2("/inventory/adjust"), SEED_ADJUST);
        assertProblem(refused, 409, "insufficient_stock");
        assertThat(refused.body().path("available").asLong()).isEqualTo(1);
        assertNothingChanged(org, "12345", 1, 1);
    }

    @Test
    void badAdjustInputGetsAClearProblemAndWritesNothing() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 5);
        String adjust = org.v2("/inventory/adjust");
        record Case(Object body, int status, String code) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("p1_id", "12345", "reason", "no deltas"), 400, "empty_adjustment"),
                new Case(Map.of("p1_id", "12345", "delta_on_hand", 0, "delta_incoming", 0, "reason", "zeros"), 400, "empty_adjustment"),
                new Case(Map.of("p1_id", "12345", "delta_on_hand", 1), 400, "missing_field"),
                new Case(Map.of("p1_id", "12345", "delta_on_hand", 1, "reason", " "), 400, "missing_field"),
                new Case(Map.of("delta_on_hand", 1, "reason", "r"), 400, "missing_field"),
                new Case(Map.of("p1_id", "99999", "delta_on_hand", 1, "reason", "r"), 404, "unknown_product"),
                new Case(Map.of("p1_id", "12345", "delta_on_hand", "1", "reason", "r"), 400, "invalid_field"),
                new Case(Map.of("p1_id", "12345", "delta_on_hand", true, "reason", "r"), 400, "invalid_field"),
                new Case(Map.of("p1_id", "12345", "delta_on_hand", 1, "reason", 5), 400, "invalid_field"),
                new Case(Map.of("p1_id", List.of(1), "delta_on_hand", 1, "reason", "r"), 400, "invalid_field"),
                new Case(Map.of("p1_id", "12345", "delta_on_hand", 1e15, "reason", "r"), 400, "invalid_field"),
                new Case(Map.of("p1_id", "12345", "delta_incoming", -1, "reason", "r"), 409, "insufficient_incoming"),
                new Case(Map.of("p1_id", "12345", "delta_on_hand", 1, "reason", "x".repeat(501)), 400, "invalid_field"),
                new Case(Map.of("p1_id", "12345", "delta_on_hand", 1, "reason", "r", "shop_id", "s".repeat(101)), 400, "invalid_field"),
                new Case(Map.of("p1_id", "12345", "delta_on_hand", 1, "reason", "r", "metadata", Map.of("k", "v".repeat(17_000))), 400, "invalid_field"),
                new Case(Map.of("p1_id", "12345", "delta_on_hand", 1, "reason", "r", "occurred_at", "2001-01-01T00:00:00Z"), 400, "invalid_field"),
                new Case(Map.of("p1_id", "12345", "delta_on_hand", 1, "reason", "r", "occurred_at", "yesterday"), 400, "invalid_field"),
                new Case("{\"p1_id\": \"12345\", ", 400, "malformed_json"),
                new Case("{\"p1_id\": \"12345\", \"delta_on_hand\": 1, \"delta_on_hand\": -3, \"reason\": \"r\"}", 400, "malformed_json"),
                new Case("[1, 2]", 400, "invalid_field"),
                new Case("", 400, "malformed_json"));
        for (Case bad : cases) {
            ApiClient.Response response = org.api().post(adjust, bad.body());
            assertProblem(response, bad.status(), bad.code());
        }
        assertNothingChanged(org, "12345", 5, 1);
    }

    @Test
    void compareAndSetRefusesAStaleExpectedOnHand() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 10);
        ApiClient.Response stale = org.api().post(org.v2("/inventory/adjust"),
                Map.of("p1_id", "12345", "delta_on_hand", -1, "reason", "sale", "expected_on_hand", 9));
        assertProblem(stale, 409, "stale_quantity");
        assertThat(stale.body().path("current_on_hand").asLong()).isEqualTo(10);
        assertNothingChanged(org, "12345", 10, 1);
        ApiClient.Response fresh = org.api().post(org.v2("/inventory/adjust"),
                Map.of("p1_id", "12345", "delta_on_hand", -1, "reason", "sale", "expected_on_hand", 10));
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(fresh.body().path("on_hand").asLong()).isEqualTo(9);
    }

    @Test
    void incomingStockIsTrackedApartFromOnHand() {
        TestOrg org = newOrg();
        addProduct(org, "5", 0);
        assertThat(org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", "5", "delta_incoming", 20, "reason", "PO 1")).status()).isEqualTo(200);
        assertThat(org.api().post(org.v2("/inventory/adjust"),
                Map.of("p1_id", "5", "delta_incoming", -20, "delta_on_hand", 20, "reason", "delivery")).status()).isEqualTo(200);
        JsonNode item = data(org.api().get(org.v2("/inventory"))).get(0);
        assertThat(item.path("stockquantity").asLong()).isEqualTo(20);
        assertThat(item.path("incoming").asLong()).isZero();
        JsonNode today = data(org.api().get(org.v2("/inventory/5/history?days=1"))).get(0);
        assertThat(today.path("delta_incoming").asLong()).isZero();
        assertThat(today.path("entries").asLong()).isEqualTo(2);
        assertVerifyClean(org);
    }

    @Test
    void logReturnsAtMostTwoHundredNewestFirst() {
        TestOrg org = newOrg();
        addProduct(org, "9", 0);
        for (int i = 1; i <= 205; i++) {
            assertThat(org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", "9", "delta_on_hand", 1, "reason", "r" + i)).status()).isEqualTo(200);
        }
        JsonNode log = data(org.api().get(org.v2("/inventory/9/log")));
        assertThat(log).hasSize(200);
        assertThat(log.get(0).path("reason").asString()).isEqualTo("r205");
        assertThat(log.get(199).path("reason").asString()).isEqualTo("r6");
        assertThat(data(org.api().get(org.v2("/inventory/9/log?limit=3")))).hasSize(3);
        assertProblem(org.api().get(org.v2("/inventory/9/log?limit=201")), 400, "invalid_parameter");
        assertProblem(org.api().get(org.v2("/inventory/404/log")), 404, "unknown_product");
    }

    @Test
    void listIsPagedWithLimitAndOffsetAndKeepsThePlainDataArray() {
        TestOrg org = newOrg();
        for (int i = 10; i < 15; i++) {
            addProduct(org, Integer.toString(i), 0);
        }
        ApiClient.Response all = org.api().get(org.v2("/inventory"));
        assertThat(data(all)).hasSize(5);
        assertThat(all.body().path("pagination").path("total").asLong()).isEqualTo(5);
        ApiClient.Response page = org.api().get(org.v2("/inventory?limit=2&offset=2"));
        assertThat(data(page)).hasSize(2);
        assertThat(data(page).get(0).path("p1_id").asLong()).isEqualTo(12);
        assertThat(page.body().path("pagination").path("limit").asLong()).isEqualTo(2);
        assertThat(page.body().path("pagination").path("offset").asLong()).isEqualTo(2);
        assertProblem(org.api().get(org.v2("/inventory?limit=0")), 400, "invalid_parameter");
        assertProblem(org.api().get(org.v2("/inventory?limit=1001")), 400, "invalid_parameter");
        assertProblem(org.api().get(org.v2("/inventory?offset=-1")), 400, "invalid_parameter");
    }

    @Test
    void listWithoutLimitIsTheWholeInventoryEvenPastOnePageOfTheDatabase() {
        TestOrg org = newOrg();
        int products = 2 * 1000 + 3;
        for (int from = 0; from < products; from += 500) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = from; i < Math.min(products, from + 500); i++) {
                items.add(Map.of("p1_id", String.format("W%05d", i), "name", "Product " + i));
            }
            assertThat(org.api().post(org.v2("/products/add-to-inventory"), items).status()).isEqualTo(201);
        }
        addProduct(org, "W01000", 7);

        ApiClient.Response all = org.api().get(org.v2("/inventory"));
        assertThat(all.status()).isEqualTo(200);
        JsonNode data = data(all);
        assertThat(data).hasSize(products);
        List<String> p1Ids = new ArrayList<>();
        data.forEach(item -> p1Ids.add(item.path("p1_id").asString()));
        assertThat(p1Ids).doesNotHaveDuplicates().isSorted().startsWith("W00000").endsWith("W02002");
        assertThat(data.get(1000).path("stockquantity").asLong()).isEqualTo(7);
        assertThat(all.body().path("pagination").path("total").asLong()).isEqualTo(products);
        assertThat(all.body().path("pagination").path("limit").asLong()).isEqualTo(products);
        assertThat(all.body().path("pagination").path("offset").asLong()).isZero();

        ApiClient.Response paged = org.api().get(org.v2("/inventory?offset=2000"));
        assertThat(data(paged)).hasSize(3);
        assertThat(paged.body().path("pagination").path("limit").asLong()).isEqualTo(500);
        assertThat(data(org.api().get(org.v2("/inventory?limit=1000")))).hasSize(1000);
    }

    @Test
    void p1IdIsAJsonNumberOnlyWhenEveryClientHoldsItExactly() {
        TestOrg org = newOrg();
        addProduct(org, "9007199254740991", 1);
        addProduct(org, "9007199254740993", 1);
        addProduct(org, "00777", 1);
        Map<String, JsonNode> byText = new HashMap<>();
        data(org.api().get(org.v2("/inventory"))).forEach(item -> byText.put(item.path("p1_id").asString(), item.path("p1_id")));
        assertThat(byText.get("9007199254740991").isNumber()).isTrue();
        assertThat(byText.get("9007199254740993").isString()).isTrue();
        assertThat(byText.get("00777").isString()).isTrue();
        JsonNode logged = data(org.api().get(org.v2("/inventory/9007199254740993/log"))).get(0);
        assertThat(logged.path("p1_id").isString()).isTrue();
    }

    @Test
    void addToInventoryIsIdempotentOnP1IdAndTakesOneItemOrAList() {
        TestOrg org = newOrg();
        ApiClient.Response first = org.api().post(org.v2("/products/add-to-inventory"),
                Map.of("p1_id", 12345, "name", "Example Strain", "category", "Blüten", "price", 8.99, "sku", "EX-1", "unit", "g"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode created = data(first).get(0);
        assertThat(created.path("created").asBoolean()).isTrue();
        assertThat(created.path("stockquantity").asLong()).isZero();
        assertThat(created.path("p1_id").asLong()).isEqualTo(12345);

        assertThat(org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", 12345, "delta_on_hand", 4, "reason", "r")).status()).isEqualTo(200);
        ApiClient.Response again = org.api().post(org.v2("/products/add-to-inventory"),
                List.of(Map.of("p1_id", "12345", "name", "Renamed"), Map.of("p1_id", "777", "name", "Other")));
        assertThat(again.status()).isEqualTo(201);
        assertThat(data(again).get(0).path("created").asBoolean()).isFalse();
        assertThat(data(again).get(0).path("stockquantity").asLong()).isEqualTo(4);
        assertThat(data(again).get(0).path("name").asString()).isEqualTo("Renamed");
        ApiClient.Response wrapped = org.api().post(org.v2("/products/add-to-inventory"),
                Map.of("items", List.of(Map.of("p1_id", "777"))));
        assertThat(wrapped.status()).isEqualTo(200);
        assertThat(data(org.api().get(org.v2("/inventory")))).hasSize(2);
    }

    @Test
    void aCatalogueRequestUpdatingSeveralProductsLocksThemInTheLedgersOrder() throws Exception {
        TestOrg org = newOrg();
        addProduct(org, "a", 1);
        addProduct(org, "b", 1);
        Map<String, UUID> ids = new HashMap<>();
        for (String p1Id : List.of("a", "b")) {
            ids.put(p1Id, catalog.requireProductIdByP1Id(org.orgId(), p1Id));
        }
        // the ledger's order (LevelKey): ids compared as text
        List<String> lockOrder = ids.keySet().stream().sorted(Comparator.comparing(p1Id -> ids.get(p1Id).toString())).toList();
        CountDownLatch firstLocked = new CountDownLatch(1);
        CountDownLatch requestWaits = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            // a transaction locking the two products in the ledger's order, as creating levels of both does
            Future<?> inLedgerOrder = holder.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                catalog.lockProduct(org.orgId(), ids.get(lockOrder.get(0)));
                firstLocked.countDown();
                try {
                    assertThat(requestWaits.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException interrupted) {
                    throw new IllegalStateException(interrupted);
                }
                catalog.lockProduct(org.orgId(), ids.get(lockOrder.get(1)));
            }));
            assertThat(firstLocked.await(30, TimeUnit.SECONDS)).isTrue();
            // the request lists the products the other way round
            CompletableFuture<ApiClient.Response> renamed = CompletableFuture.supplyAsync(() -> org.api().post(
                    org.v2("/products/add-to-inventory"),
                    List.of(Map.of("p1_id", lockOrder.get(1), "name", "Renamed " + lockOrder.get(1)),
                            Map.of("p1_id", lockOrder.get(0), "name", "Renamed " + lockOrder.get(0)))));
            await().atMost(Duration.ofSeconds(20)).until(this::aSessionWaitsForALock);
            requestWaits.countDown();
            inLedgerOrder.get(30, TimeUnit.SECONDS);
            ApiClient.Response response = renamed.get(30, TimeUnit.SECONDS);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        } finally {
            requestWaits.countDown();
            holder.shutdownNow();
        }
        for (String p1Id : lockOrder) {
            assertThat(catalog.requireProductByP1Id(org.orgId(), p1Id).name()).isEqualTo("Renamed " + p1Id);
        }
        assertVerifyClean(org);
    }

    private boolean aSessionWaitsForALock() {
        String waiting = dialect.isPostgres()
                ? "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
                : "select count(*) from information_schema.sessions where blocker_id is not null";
        return jdbc.sql(waiting).query(Long.class).single() > 0;
    }

    @Test
    void badAddToInventoryInputIsRefusedAndAddsNothing() {
        TestOrg org = newOrg();
        String path = org.v2("/products/add-to-inventory");
        assertProblem(org.api().post(path, Map.of("name", "no id")), 400, "missing_field");
        assertProblem(org.api().post(path, Map.of("p1_id", "1")), 400, "missing_field");
        assertProblem(org.api().post(path, Map.of("p1_id", "1", "name", "n", "price", -1)), 400, "invalid_field");
        assertProblem(org.api().post(path, Map.of("p1_id", "has space", "name", "n")), 400, "invalid_field");
        assertProblem(org.api().post(path, List.of(Map.of("p1_id", "1", "name", "a"), Map.of("p1_id", "1", "name", "b"))), 400, "invalid_field");
        assertProblem(org.api().post(path, List.of()), 400, "invalid_field");
        assertProblem(org.api().post(path, List.of(Map.of("p1_id", "1", "name", "ok"), "not an object")), 400, "invalid_field");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("p1_id", "p" + i, "name", "n"));
        }
        assertProblem(org.api().post(path, tooMany), 400, "invalid_field");
        assertProblem(org.api().post(path, "{\"p1_id\":"), 400, "malformed_json");
        assertThat(data(org.api().get(org.v2("/inventory")))).isEmpty();
    }

    @Test
    void addToInventoryWithAFieldOfTheWrongJsonTypeIsRefusedNamingTheFieldAndAddsNothing() {
        TestOrg org = newOrg();
        String path = org.v2("/products/add-to-inventory");
        record Case(String body, String field) {
        }
        String good = "{\"p1_id\":\"P-1\",\"name\":\"x\"}";
        List<Case> cases = List.of(
                // a number in a string is refused, as delta_on_hand "5" is by POST /inventory/adjust
                new Case("{\"p1_id\":\"P-1\",\"name\":\"x\",\"price\":\"8.99\"}", "price"),
                new Case("{\"p1_id\":\"P-1\",\"name\":\"x\",\"price\":\"abc\"}", "price"),
                new Case("{\"p1_id\":\"P-1\",\"name\":\"x\",\"price\":true}", "price"),
                new Case("{\"p1_id\":\"P-1\",\"name\":\"x\",\"price\":{}}", "price"),
                new Case("{\"p1_id\":\"P-1\",\"name\":123}", "name"),
                new Case("{\"p1_id\":\"P-1\",\"name\":\"x\",\"category\":5}", "category"),
                new Case("{\"p1_id\":\"P-1\",\"name\":\"x\",\"sku\":5}", "sku"),
                new Case("{\"p1_id\":\"P-1\",\"name\":\"x\",\"unit\":5}", "unit"),
                new Case("[" + good + ",{\"p1_id\":\"P-2\",\"name\":\"y\",\"price\":\"1.00\"}]", "items[1].price"),
                new Case("{\"items\":[" + good + ",{\"p1_id\":\"P-2\",\"name\":[\"y\"]}]}", "items[1].name"),
                new Case("[" + good + ",{\"p1_id\":true,\"name\":\"y\"}]", "items[1].p1_id"),
                new Case("[" + good + ",\"not an object\"]", "items[1]"));
        for (Case bad : cases) {
            ApiClient.Response response = org.api().post(path, bad.body());
            assertProblem(response, 400, "invalid_field");
            assertThat(response.body().path("field").asString()).as(bad.body()).isEqualTo(bad.field());
        }
        assertThat(data(org.api().get(org.v2("/inventory")))).isEmpty();
    }

    @Test
    void aRefusedItemOfAListIsNamedByItsIndexAndNothingIsAdded() {
        TestOrg org = newOrg();
        String path = org.v2("/products/add-to-inventory");
        addProduct(org, "taken", 0);
        assertThat(org.api().post(path, Map.of("p1_id", "taken", "name", "Taken", "sku", "SKU-1")).status()).isEqualTo(200);
        record Case(Object body, int status, String code, String field) {
        }
        Map<String, Object> good = Map.of("p1_id", "new-1", "name", "New");
        List<Case> cases = List.of(
                new Case(List.of(good, Map.of("p1_id", "new-2")), 400, "missing_field", "items[1].name"),
                new Case(Map.of("items", List.of(good, Map.of("p1_id", "new-2", "name", " "))), 400, "invalid_field", "items[1].name"),
                new Case(List.of(good, Map.of("p1_id", "new-2", "name", "n", "price", -1)), 400, "invalid_field", "items[1].price"),
                new Case(List.of(good, Map.of("p1_id", "has space", "name", "n")), 400, "invalid_field", "items[1].p1_id"),
                new Case(List.of(good, Map.of("p1_id", "new-2", "name", "n", "unit", "u".repeat(33))), 400, "invalid_field", "items[1].unit"),
                new Case(List.of(good, good), 400, "invalid_field", "items[1].p1_id"),
                new Case(List.of(good, Map.of("p1_id", "new-2", "name", "n", "sku", "SKU-1")), 409, "duplicate_sku", "items[1].sku"),
                // one item alone names its fields alone
                new Case(Map.of("p1_id", "new-2"), 400, "missing_field", "name"),
                new Case(Map.of("p1_id", "new-2", "name", "n", "sku", "SKU-1"), 409, "duplicate_sku", "sku"));
        for (Case bad : cases) {
            ApiClient.Response response = org.api().post(path, bad.body());
            assertProblem(response, bad.status(), bad.code());
            assertThat(response.body().path("field").asString()).as(bad.body().toString()).isEqualTo(bad.field());
        }
        assertThat(data(org.api().get(org.v2("/inventory")))).extracting(item -> item.path("p1_id").asString())
                .containsExactly("taken");
    }

    @Test
    void authenticationScopesAndUnknownRoutesAnswerWithProblems() {
        TestOrg org = newOrg();
        addProduct(org, "1", 3);
        assertProblem(anonymous().get(org.v2("/inventory")), 401, "unauthorized");
        assertProblem(org.api().withToken("sl_not-a-real-token-at-all").get(org.v2("/inventory")), 401, "unauthorized");

        ApiClient readOnly = org.api().withToken(tokenFor(org, Set.of(Scope.INVENTORY_READ)));
        assertThat(readOnly.get(org.v2("/inventory")).status()).isEqualTo(200);
        ApiClient.Response forbidden = readOnly.post(org.v2("/inventory/adjust"), Map.of("p1_id", "1", "delta_on_hand", -1, "reason", "r"));
        assertProblem(forbidden, 403, "insufficient_scope");
        assertProblem(readOnly.post(org.v2("/products/add-to-inventory"), Map.of("p1_id", "2", "name", "n")), 403, "insufficient_scope");
        ApiClient ordersOnly = org.api().withToken(tokenFor(org, Set.of(Scope.ORDERS_READ)));
        assertProblem(ordersOnly.get(org.v2("/inventory")), 403, "insufficient_scope");
        assertProblem(ordersOnly.get(org.v2("/inventory/1/log")), 403, "insufficient_scope");

        assertProblem(org.api().get(org.v2("/no-such-thing")), 404, "not_found");
        assertProblem(org.api().delete(org.v2("/inventory")), 405, "method_not_allowed");
        assertProblem(org.api().send("POST", org.v2("/inventory/adjust"), null, Map.of("Content-Type", "text/plain")), 415, "unsupported_media_type");
        assertNothingChanged(org, "1", 3, 1);
    }

    @Test
    void aRequestRefusedForItsTokensScopeIsNotKeptUnderItsIdempotencyKey() {
        TestOrg org = newOrg();
        addProduct(org, "1", 3);
        Map<String, Object> sale = Map.of("p1_id", "1", "delta_on_hand", -1, "reason", "POS sale");
        ApiClient readOnly = org.api().withToken(tokenFor(org, Set.of(Scope.INVENTORY_READ)));
        assertProblem(readOnly.post(org.v2("/inventory/adjust"), sale, Map.of("Idempotency-Key", "TX-1")), 403, "insufficient_scope");
        assertProblem(readOnly.post(org.v2("/products/add-to-inventory"), Map.of("p1_id", "2", "name", "n"),
                Map.of("Idempotency-Key", "ADD-1")), 403, "insufficient_scope");

        ApiClient.Response sold = org.api().post(org.v2("/inventory/adjust"), sale, Map.of("Idempotency-Key", "TX-1"));
        assertThat(sold.status()).as(sold.toString()).isEqualTo(200);
        assertThat(sold.header("Idempotent-Replayed")).isNull();
        assertThat(sold.body().path("on_hand").asLong()).isEqualTo(2);
        ApiClient.Response added = org.api().post(org.v2("/products/add-to-inventory"), Map.of("p1_id", "2", "name", "n"),
                Map.of("Idempotency-Key", "ADD-1"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        // and the other way round: a write token's answer is not replayed to a read-only token
        assertProblem(readOnly.post(org.v2("/inventory/adjust"), sale, Map.of("Idempotency-Key", "TX-1")), 403, "insufficient_scope");
        assertThat(data(org.api().get(org.v2("/inventory/1/log")))).hasSize(2);
    }

    @Test
    void aBadlyPercentEncodedQueryStringIsRefusedAsAnInvalidParameter() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 1);
        for (String target : List.of("/inventory?limit=%zz", "/inventory/12345/log?limit=%zz",
                "/inventory/12345/history?days=%zz", "/inventory?foo=%zz")) {
            assertProblem(org.api().getRaw(org.v2(target)), 400, "invalid_parameter");
        }
        assertNothingChanged(org, "12345", 1, 1);
    }

    @Test
    void requestsTheWebServerRefusesItselfAreAnsweredWithProblemDocuments() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 1);
        // Tomcat refuses these paths before the request reaches the service: an encoded slash or
        // backslash, and an escape that is not one.
        for (String target : List.of("/inventory/A%2FB/log", "/inventory/%zz/log", "/inventory/a%5Cb/log")) {
            assertProblem(org.api().getRaw(org.v2(target)), 400, "bad_request");
            assertProblem(anonymous().getRaw(org.v2(target)), 400, "bad_request");
        }
        // headers larger than the server reads
        ApiClient.Response oversized = org.api().withToken("t".repeat(10_000)).getRaw(org.v2("/inventory"));
        assertProblem(oversized, 400, "bad_request");
        assertThat(oversized.body().path("detail").asString()).contains("larger than the server accepts");
        // and TRACE, through the servlet container's error page
        assertProblem(org.api().sendRaw("TRACE", org.v2("/inventory")), 405, "method_not_allowed");
        assertProblem(org.api().getRaw("/error"), 404, "not_found");
        assertThat(org.api().getRaw(org.v2("/inventory/12345/log")).status()).isEqualTo(200);
        assertNothingChanged(org, "12345", 1, 1);
    }

    @Test
    void oversizedBodiesAreRefused() {
        TestOrg org = newOrg();
        String huge = "{\"p1_id\":\"1\",\"reason\":\"" + "x".repeat(1_100_000) + "\"}";
        assertProblem(org.api().post(org.v2("/inventory/adjust"), huge), 413, "payload_too_large");
    }

    @Test
    void bodiesWithoutAContentLengthAreReadUpToTheLimit() {
        TestOrg org = newOrg();
        addProduct(org, "1", 3);
        ApiClient.Response applied = org.api().postChunked(org.v2("/inventory/adjust"),
                "{\"p1_id\":\"1\",\"delta_on_hand\":2,\"reason\":\"sent in chunks\"}");
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);

        String justOverTheLimit = "{\"p1_id\":\"1\",\"delta_on_hand\":2,\"reason\":\"" + "x".repeat(1024 * 1024) + "\"}";
        assertProblem(org.api().postChunked(org.v2("/inventory/adjust"), justOverTheLimit), 413, "payload_too_large");
        assertNothingChanged(org, "1", 5, 2);
    }

    @Test
    void aTokenOfOneOrgFindsNothingOfAnotherAndChangesNothing() {
        TestOrg a = newOrg();
        TestOrg b = newOrg();
        addProduct(b, "12345", 5);
        ApiClient intruder = a.api();
        assertProblem(intruder.get(b.v2("/inventory")), 404, "not_found");
        assertProblem(intruder.get(b.v2("/inventory/12345/log")), 404, "not_found");
        assertProblem(intruder.get(b.v2("/inventory/12345/history")), 404, "not_found");
        assertProblem(intruder.post(b.v2("/inventory/adjust"), SEED_ADJUST), 404, "not_found");
        assertProblem(intruder.post(b.v2("/products/add-to-inventory"), Map.of("p1_id", "9", "name", "x")), 404, "not_found");
        // Under its own org path, A does not see B's product either.
        assertProblem(intruder.post(a.v2("/inventory/adjust"), SEED_ADJUST), 404, "unknown_product");
        assertProblem(intruder.get(a.v2("/inventory/12345/log")), 404, "unknown_product");
        assertNothingChanged(b, "12345", 5, 1);
        assertThat(data(a.api().get(a.v2("/inventory")))).isEmpty();
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponseAndRefusesADifferentBody() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 10);
        Map<String, String> key = Map.of("Idempotency-Key", "adjust-1");
        ApiClient.Response first = org.api().post(org.v2("/inventory/adjust"), SEED_ADJUST, key);
        ApiClient.Response replay = org.api().post(org.v2("/inventory/adjust"), SEED_ADJUST, key);
        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.raw()).isEqualTo(first.raw());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        Map<String, Object> other = new HashMap<>(SEED_ADJUST);
        other.put("delta_on_hand", -3);
        assertProblem(org.api().post(org.v2("/inventory/adjust"), other, key), 422, "idempotency_conflict");
        assertNothingChanged(org, "12345", 8, 2);

        Map<String, String> refusedKey = Map.of("Idempotency-Key", "too-much");
        Map<String, Object> tooMuch = Map.of("p1_id", "12345", "delta_on_hand", -100, "reason", "r");
        assertProblem(org.api().post(org.v2("/inventory/adjust"), tooMuch, refusedKey), 409, "insufficient_stock");
        assertProblem(org.api().post(org.v2("/inventory/adjust"), tooMuch, refusedKey), 409, "insufficient_stock");
        assertNothingChanged(org, "12345", 8, 2);
    }

    @Test
    void aRetryWhoseJsonMeansTheSameReplaysTheFirstResponseHoweverItIsWritten() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 10);
        String path = org.v2("/inventory/adjust");
        Map<String, String> key = Map.of("Idempotency-Key", "rebuilt-json");
        ApiClient.Response first = org.api().post(path, """
                {"p1_id":"12345","delta_on_hand":-1,"reason":"POS sale","metadata":{"pos_ref":"TX-1","till":2,"tags":["a","b"]}}""",
                key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        List<String> sameMeaning = List.of(
                """
                {"metadata":{"tags":["a","b"],"till":2,"pos_ref":"TX-1"},"reason":"POS sale","delta_on_hand":-1,"p1_id":"12345"}""",
                """
                {
                  "p1_id" : "12345",  "delta_on_hand" : -1 ,
                  "reason" : "POS sale",
                  "metadata" : { "pos_ref" : "TX-1", "till" : 2, "tags" : [ "a", "b" ] }
                }
                """,
                """
                {"reason":"POS sale","p1_id":"12345","delta_on_hand":-1.0,"metadata":{"pos_ref":"TX-1","till":2.00,"tags":["a","b"]}}""",
                """
                {"p1_id":"12345","delta_on_hand":-1e0,"reason":"POS sale","metadata":{"pos_ref":"TX-\\u0031","till":20E-1,"tags":["a","b"]}}""");
        for (String retried : sameMeaning) {
            ApiClient.Response replay = org.api().post(path, retried, key);
            assertThat(replay.status()).as(retried + " -> " + replay).isEqualTo(200);
            assertThat(replay.header("Idempotent-Replayed")).as(retried).isEqualTo("true");
            assertThat(replay.raw()).as(retried).isEqualTo(first.raw());
        }

        List<String> otherRequests = List.of(
                """
                {"p1_id":"12345","delta_on_hand":-2,"reason":"POS sale","metadata":{"pos_ref":"TX-1","till":2,"tags":["a","b"]}}""",
                """
                {"p1_id":"12345","delta_on_hand":-1.001,"reason":"POS sale","metadata":{"pos_ref":"TX-1","till":2,"tags":["a","b"]}}""",
                """
                {"p1_id":12345,"delta_on_hand":-1,"reason":"POS sale","metadata":{"pos_ref":"TX-1","till":2,"tags":["a","b"]}}""",
                """
                {"p1_id":"12345","delta_on_hand":-1,"reason":"POS sale","metadata":{"pos_ref":"TX-1","till":2,"tags":["b","a"]}}""",
                """
                {"p1_id":"12345","delta_on_hand":-1,"reason":"POS sale","metadata":{"pos_ref":"TX-1","till":"2","tags":["a","b"]}}""",
                """
                {"p1_id":"12345","delta_on_hand":-1,"reason":"POS sale","shop_id":"shop1","metadata":{"pos_ref":"TX-1","till":2,"tags":["a","b"]}}""");
        for (String other : otherRequests) {
            assertProblem(org.api().post(path, other, key), 422, "idempotency_conflict");
        }
        assertNothingChanged(org, "12345", 9, 2);
    }

    @Test
    void aKeyRecordedOverTheBytesOfItsBodyStillReplaysAByteIdenticalRetry() throws Exception {
        TestOrg org = newOrg();
        addProduct(org, "12345", 10);
        String adjust = org.v2("/inventory/adjust");
        String sale = "{ \"reason\": \"POS sale\", \"p1_id\": \"12345\", \"delta_on_hand\": -1.0 }";
        String add = org.v2("/products/add-to-inventory");
        String product = "{ \"name\": \"Seven\", \"p1_id\": \"7\" }";
        Map<String, String> saleKey = Map.of("Idempotency-Key", "before-upgrade-sale");
        Map<String, String> addKey = Map.of("Idempotency-Key", "before-upgrade-add");
        ApiClient.Response sold = org.api().post(adjust, sale, saleKey);
        ApiClient.Response added = org.api().post(add, product, addKey);
        assertThat(sold.status()).as(sold.toString()).isEqualTo(200);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        // Keys recorded before JSON bodies were compared by meaning hold the hash of the bytes sent;
        // the sale's has no stored response (as before an upgrade that lost it, and as now, when an
        // adjustment's is never stored), so its retry is answered from the ledger's record.
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                select count(*) from idempotency_records where org_id = :org and response_status is not null
                """).param("org", org.orgId()).query(Long.class).single() == 1);
        recordHashOfBytesSent(org, "before-upgrade-sale", "POST " + adjust + "?null\n" + sale, true);
        recordHashOfBytesSent(org, "before-upgrade-add", "POST " + add + "?null\n" + product, false);

        ApiClient.Response saleRetried = org.api().post(adjust, sale, saleKey);
        assertThat(saleRetried.status()).as(saleRetried.toString()).isEqualTo(200);
        assertThat(saleRetried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(saleRetried.body().path("id").asString()).isEqualTo(sold.body().path("id").asString());
        ApiClient.Response addRetried = org.api().post(add, product, addKey);
        assertThat(addRetried.status()).as(addRetried.toString()).isEqualTo(201);
        assertThat(addRetried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(addRetried.raw()).isEqualTo(added.raw());
        assertProblem(org.api().post(adjust, sale.replace("-1.0", "-2"), saleKey), 422, "idempotency_conflict");
        assertNothingChanged(org, "12345", 9, 2);
    }

    private void recordHashOfBytesSent(TestOrg org, String key, String requestLineAndBody, boolean dropResponse)
            throws Exception {
        String bytesHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(requestLineAndBody.getBytes(StandardCharsets.UTF_8)));
        int updated = jdbc.sql("""
                update idempotency_records set request_hash = :hash,
                    response_status = case when :drop then null else response_status end,
                    response_body = case when :drop then null else response_body end,
                    response_type = case when :drop then null else response_type end
                where org_id = :org and idempotency_key = :key and request_hash <> :hash
                """).param("hash", bytesHash).param("drop", dropResponse).param("org", org.orgId()).param("key", key).update();
        assertThat(updated).as("%s was recorded with the hash of its canonical form", key).isEqualTo(1);
    }

    @Test
    void aKeyedAdjustmentKeepsItsOutcomeNotItsResponseAndARetryGetsTheSameBytes() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 10);
        Map<String, String> key = Map.of("Idempotency-Key", "outcome-only");
        ApiClient.Response first = org.api().post(org.v2("/inventory/adjust"), SEED_ADJUST, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        // Later changes of the product do not reach the retry's answer: it is made of the outcome alone.
        addProduct(org, "12345", 5);
        org.api().post(org.v2("/products/add-to-inventory"), Map.of("p1_id", "12345", "name", "Renamed", "price", 1));

        ApiClient.Response retry = org.api().post(org.v2("/inventory/adjust"), SEED_ADJUST, key);
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(jdbc.sql("""
                select count(*) from idempotency_records
                where org_id = :org and idempotency_key = 'outcome-only' and applied_outcome is not null and response_body is null
                """).param("org", org.orgId()).query(Long.class).single())
                .as("the ledger recorded the outcome; no response was stored beside it").isEqualTo(1);
    }

    @Test
    void aRetryWhoseFirstAttemptCommittedButLostItsResponseIsAnsweredWithoutApplyingAgain() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 10);
        Map<String, String> key = Map.of("Idempotency-Key", "lost-response");
        ApiClient.Response first = org.api().post(org.v2("/inventory/adjust"), SEED_ADJUST, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        // The service stopped after the ledger committed the change with its key, before the
        // response was stored: what is left is the recorded outcome without a response.
        int cleared = jdbc.sql("""
                update idempotency_records set response_status = null, response_body = null, response_type = null
                where org_id = :org and idempotency_key = 'lost-response' and applied_outcome is not null
                """).param("org", org.orgId()).update();
        assertThat(cleared).as("the key is recorded with the ledger's outcome").isEqualTo(1);
        Map<String, Object> other = new HashMap<>(SEED_ADJUST);
        other.put("delta_on_hand", -3);
        assertProblem(org.api().post(org.v2("/inventory/adjust"), other, key), 422, "idempotency_conflict");

        ApiClient.Response retry = org.api().post(org.v2("/inventory/adjust"), SEED_ADJUST, key);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body().path("id").asString()).isEqualTo(first.body().path("id").asString());
        assertThat(retry.body().path("on_hand").asLong()).isEqualTo(8);
        assertNothingChanged(org, "12345", 8, 2);

        ApiClient.Response again = org.api().post(org.v2("/inventory/adjust"), SEED_ADJUST, key);
        assertThat(again.raw()).isEqualTo(retry.raw());
        assertProblem(org.api().post(org.v2("/inventory/adjust"), other, key), 422, "idempotency_conflict");
        assertNothingChanged(org, "12345", 8, 2);
    }

    @Test
    void keyedAdjustmentsFromManyClientsAtOnceEachApplyOnceWithTheirKeyCommittedAlongside() throws Exception {
        TestOrg org = newOrg();
        addProduct(org, "hot", 1000);
        int clients = 16;
        int perClient = 10;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<ApiClient.Response>>> sent = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            sent.add(pool.submit(() -> {
                start.await();
                List<ApiClient.Response> answers = new ArrayList<>();
                for (int i = 0; i < perClient; i++) {
                    answers.add(org.api().post(org.v2("/inventory/adjust"),
                            Map.of("p1_id", "hot", "delta_on_hand", -1, "reason", "POS sale"),
                            Map.of("Idempotency-Key", "sale-" + client + "-" + i)));
                }
                return answers;
            }));
        }
        start.countDown();
        Map<String, String> bodies = new HashMap<>();
        for (int c = 0; c < clients; c++) {
            List<ApiClient.Response> answers = sent.get(c).get();
            for (int i = 0; i < perClient; i++) {
                assertThat(answers.get(i).status()).as(answers.get(i).toString()).isEqualTo(200);
                bodies.put("sale-" + c + "-" + i, answers.get(i).raw());
            }
        }
        pool.shutdown();
        int sales = clients * perClient;
        assertNothingChanged(org, "hot", 1000 - sales, 1 + sales);
        bodies.forEach((key, body) -> {
            ApiClient.Response replay = org.api().post(org.v2("/inventory/adjust"),
                    Map.of("p1_id", "hot", "delta_on_hand", -1, "reason", "POS sale"), Map.of("Idempotency-Key", key));
            assertThat(replay.raw()).as(key).isEqualTo(body);
        });
        // Each key is kept with its outcome, which answers its retries; no response is stored beside it.
        assertThat(jdbc.sql("""
                select count(*) from idempotency_records
                where org_id = :org and applied_outcome is not null and response_status is null
                """).param("org", org.orgId()).query(Long.class).single()).isEqualTo(sales);
        assertNothingChanged(org, "hot", 1000 - sales, 1 + sales);
    }

    @Test
    void theSameIdempotencyKeyFromEightThreadsAtOnceIsAppliedExactlyOnce() throws Exception {
        TestOrg org = newOrg();
        addProduct(org, "12345", 100);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> responses = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            responses.add(pool.submit(() -> {
                start.await();
                return org.api().post(org.v2("/inventory/adjust"), SEED_ADJUST, Map.of("Idempotency-Key", "same-key"));
            }));
        }
        start.countDown();
        Set<String> ids = new HashSet<>();
        for (Future<ApiClient.Response> response : responses) {
            ApiClient.Response answered = response.get();
            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            ids.add(answered.body().path("id").asString());
        }
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertNothingChanged(org, "12345", 98, 2);
        assertVerifyClean(org);
    }

    @Test
    void thirtyTwoClientsDrainingOneProductSellExactlyTheStock() throws Exception {
        TestOrg org = newOrg();
        addProduct(org, "hot", 1000);
        int clients = 32;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger succeeded = new AtomicInteger();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            done.add(pool.submit(() -> {
                start.await();
                while (true) {
                    ApiClient.Response response = org.api().post(org.v2("/inventory/adjust"),
                            Map.of("p1_id", "hot", "delta_on_hand", -1, "reason", "POS sale"));
                    if (response.status() == 200) {
                        succeeded.incrementAndGet();
                    } else if (response.status() == 409 && response.code().equals("insufficient_stock")) {
                        return null;
                    } else {
                        unexpected.add(response.toString());
                        return null;
                    }
                }
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        assertThat(unexpected).isEmpty();
        assertThat(succeeded.get()).isEqualTo(1000);
        JsonNode item = data(org.api().get(org.v2("/inventory"))).get(0);
        assertThat(item.path("stockquantity").asLong()).isZero();
        assertThat(item.path("log_entries").asLong()).isEqualTo(1001);
        assertVerifyClean(org);
    }

    @Test
    void responsesCarryARequestId() {
        TestOrg org = newOrg();
        ApiClient.Response response = org.api().send("GET", org.v2("/inventory"), null, Map.of("X-Request-Id", "trace-123"));
        assertThat(response.header("X-Request-Id")).isEqualTo("trace-123");
        assertThat(org.api().get(org.v2("/inventory")).header("X-Request-Id")).isNotBlank();
        assertThat(anonymous().get(org.v2("/inventory")).header("X-Request-Id")).isNotBlank();
    }

    /** The product still has this on-hand and this many log entries: nothing was written. */
    private void assertNothingChanged(TestOrg org, String p1Id, long onHand, int logEntries) {
        JsonNode items = data(org.api().get(org.v2("/inventory")));
        JsonNode item = null;
        for (JsonNode candidate : items) {
            if (candidate.path("p1_id").asString().equals(p1Id)) {
                item = candidate;
            }
        }
        assertThat(item).as("product " + p1Id).isNotNull();
        assertThat(item.path("stockquantity").asLong()).isEqualTo(onHand);
        assertThat(item.path("log_entries").asLong()).isEqualTo(logEntries);
        assertThat(data(org.api().get(org.v2("/inventory/" + p1Id + "/log")))).hasSize(logEntries);
        assertVerifyClean(org);
    }
}
