package org.stockledger.api.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.stockledger.access.Scope;
import org.stockledger.catalog.CatalogService;
import org.stockledger.catalog.ProductDraft;
import org.stockledger.ledger.LedgerService;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.LevelSyncMarks;
import org.stockledger.ledger.Room;
import org.stockledger.testing.ApiClient;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.TestOrg;
import tools.jackson.databind.JsonNode;

/** The location inventory API v1 (seed 002), spoken as the seed page shows it. */
abstract class LocationInventoryApiTests extends ApiTestBase {

    static final String INVENTORY = "/api/v1/inventory";

    @Autowired
    CatalogService catalog;

    @Autowired
    LedgerService ledger;

    @Autowired
    LevelSyncMarks syncMarks;

    @Autowired
    Clock clock;

    @Autowired
    PlatformTransactionManager transactionManager;

    /** Adds a product with a sku through the v2 API and stocks its default bin (sales floor of "main"). */
    void addSkuProduct(TestOrg org, String p1Id, String sku, String name, String category, double price, int onHand) {
        ApiClient.Response added = org.api().post(org.v2("/products/add-to-inventory"),
                Map.of("p1_id", p1Id, "name", name, "category", category, "price", price, "sku", sku));
        assertThat(added.status()).as(added.toString()).isIn(200, 201);
        if (onHand > 0) {
            ApiClient.Response adjusted = org.api().post(org.v2("/inventory/adjust"),
                    Map.of("p1_id", p1Id, "delta_on_hand", onHand, "reason", "initial stock"));
            assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
        }
    }

    static List<JsonNode> list(ApiClient.Response response) {
        List<JsonNode> items = new ArrayList<>();
        data(response).forEach(items::add);
        return items;
    }

    JsonNode itemOf(TestOrg org, String sku, String room) {
        return list(org.api().get(INVENTORY + "?limit=200")).stream()
                .filter(item -> item.path("sku").asString().equals(sku) && item.path("room_type").asString().equals(room))
                .findFirst().orElseThrow(() -> new AssertionError("no item " + sku + " in " + room));
    }

    String itemId(TestOrg org, String sku) {
        return itemOf(org, sku, "sales_floor").path("id").asString();
    }

    long logSize(TestOrg org, String p1Id) {
        return data(org.api().get(org.v2("/inventory/" + p1Id + "/log"))).size();
    }

    String defaultLocationId(TestOrg org) {
        return access.requireOrg(org.orgId()).defaultLocationId().toString();
    }

    String createLocation(TestOrg org, String code) {
        ApiClient.Response created = org.api().post("/api/v1/locations", Map.of("code", code, "name", "Shop " + code));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body().path("id").asString();
    }

    /** The seed's item: Blue Dream 1/8, 45 on hand with 5 reserved, cost 25, price 45, synced 2026-01-27T10:30:00Z. */
    JsonNode seedItem(TestOrg org) {
        addSkuProduct(org, "bd-1", "BD-EIGHTH-001", "Blue Dream 1/8", "Flower", 45.00, 50);
        UUID productId = catalog.findProductBySku(org.orgId(), "BD-EIGHTH-001").orElseThrow().productId();
        catalog.updateUnitCost(org.orgId(), productId, new BigDecimal("25.00"));
        LevelKey level = new LevelKey(productId, UUID.fromString(defaultLocationId(org)), Room.SALES_FLOOR);
        reserveThroughAnOrder(org, "bd-1", 5);
        syncMarks.markLevelsSynced(org.orgId(), List.of(level), Instant.parse("2026-01-27T10:30:00Z"));
        ApiClient.Response sold = org.api().patch(INVENTORY + "/" + itemId(org, "BD-EIGHTH-001"),
                Map.of("quantity_change", -5, "reason_code", "SALE", "notes", "Regular sale transaction"));
        assertThat(sold.status()).as(sold.toString()).isEqualTo(200);
        return sold.body();
    }

    static void assertSeedItemFields(JsonNode item, String productId, String locationId) {
        assertThat(item.path("id").isString()).isTrue();
        assertThat(UUID.fromString(item.path("id").asString())).isNotNull();
        assertThat(item.path("product_id").asString()).isEqualTo(productId);
        assertThat(item.path("product_name").asString()).isEqualTo("Blue Dream 1/8");
        assertThat(item.path("sku").asString()).isEqualTo("BD-EIGHTH-001");
        assertThat(item.path("location_id").asString()).isEqualTo(locationId);
        assertThat(item.path("room_type").asString()).isEqualTo("sales_floor");
        assertThat(item.path("quantity").isIntegralNumber()).as(item.toString()).isTrue();
        assertThat(item.path("quantity").asLong()).isEqualTo(45);
        assertThat(item.path("reserved_quantity").isIntegralNumber()).isTrue();
        assertThat(item.path("reserved_quantity").asLong()).isEqualTo(5);
        assertThat(item.path("available_quantity").isIntegralNumber()).isTrue();
        assertThat(item.path("available_quantity").asLong()).isEqualTo(40);
        assertThat(item.path("unit_cost").isNumber()).isTrue();
        assertThat(item.path("unit_cost").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(item.path("unit_price").isNumber()).isTrue();
        assertThat(item.path("unit_price").decimalValue()).isEqualByComparingTo("45.00");
        assertThat(item.path("last_sync").asString()).isEqualTo("2026-01-27T10:30:00Z");
        List<String> fields = new ArrayList<>();
        item.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactly("id", "product_id", "product_name", "sku", "location_id", "room_type", "quantity",
                "reserved_quantity", "available_quantity", "unit_cost", "unit_price", "last_sync");
    }

    @Test
    void seedListResponseMatchesFieldByField() {
        TestOrg org = newOrg();
        JsonNode patched = seedItem(org);
        String productId = catalog.findProductBySku(org.orgId(), "BD-EIGHTH-001").orElseThrow().productId().toString();
        assertSeedItemFields(patched, productId, defaultLocationId(org));

        ApiClient.Response listed = org.api().get(INVENTORY);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.body().path("data").isArray()).isTrue();
        assertThat(listed.body().path("data")).hasSize(1);
        assertSeedItemFields(listed.body().path("data").get(0), productId, defaultLocationId(org));
        JsonNode pagination = listed.body().path("pagination");
        assertThat(pagination.path("page").isIntegralNumber()).isTrue();
        assertThat(pagination.path("page").asInt()).isEqualTo(1);
        assertThat(pagination.path("limit").asInt()).isEqualTo(50);
        assertThat(pagination.path("total").isIntegralNumber()).isTrue();
        assertThat(pagination.path("total").asLong()).isEqualTo(1);

        ApiClient.Response one = org.api().get(INVENTORY + "/" + patched.path("id").asString());
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertSeedItemFields(one.body(), productId, defaultLocationId(org));
        assertVerifyClean(org);
    }

    @Test
    void patchRecordsTheReasonCodeAndNotesOnTheMovement() {
        TestOrg org = newOrg();
        seedItem(org);
        JsonNode newest = data(org.api().get(org.v2("/inventory/bd-1/log"))).get(0);
        assertThat(newest.path("delta_on_hand").asLong()).isEqualTo(-5);
        assertThat(newest.path("reason_code").asString()).isEqualTo("SALE");
        assertThat(newest.path("reason").asString()).isEqualTo("Regular sale transaction");
        assertThat(newest.path("kind").asString()).isEqualTo("shipment");
        for (String code : List.of("RETURN", "ADJUSTMENT", "DAMAGE", "THEFT", "TRANSFER", "AUDIT")) {
            ApiClient.Response changed = org.api().patch(INVENTORY + "/" + itemId(org, "BD-EIGHTH-001"),
                    Map.of("quantity_change", 1, "reason_code", code));
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            assertThat(data(org.api().get(org.v2("/inventory/bd-1/log"))).get(0).path("reason_code").asString()).isEqualTo(code);
        }
        assertThat(itemOf(org, "BD-EIGHTH-001", "sales_floor").path("quantity").asLong()).isEqualTo(51);
    }

    @Test
    void aPatchSentTwiceWithOneIdempotencyKeyIsAppliedOnce() {
        TestOrg org = newOrg();
        addSkuProduct(org, "p1", "SKU-1", "One", "Flower", 10, 3);
        String path = INVENTORY + "/" + itemId(org, "SKU-1");
        Map<String, Object> body = Map.of("quantity_change", -1, "reason_code", "SALE");
        ApiClient.Response first = org.api().patch(path, body, Map.of("Idempotency-Key", "tx-1"));
        ApiClient.Response second = org.api().patch(path, body, Map.of("Idempotency-Key", "tx-1"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.body().path("quantity").asLong()).isEqualTo(2);
        assertThat(itemOf(org, "SKU-1", "sales_floor").path("quantity").asLong()).isEqualTo(2);
        ApiClient.Response refusedTransfer = org.api().post(INVENTORY + "/transfer",
                Map.of("from_id", itemId(org, "SKU-1"), "to_room_type", "vault", "quantity", 5), Map.of("Idempotency-Key", "tx-2"));
        assertProblem(refusedTransfer, 409, "insufficient_stock");
        assertThat(list(org.api().get(INVENTORY + "?room_type=vault"))).isEmpty();
    }

    @Test
    void aKeyedPatchKeepsItsResponseSoARetryAfterTheProductChangedGetsTheFirstAnswer() {
        TestOrg org = newOrg();
        addSkuProduct(org, "p1", "SKU-1", "One", "Flower", 10, 3);
        String path = INVENTORY + "/" + itemId(org, "SKU-1");
        Map<String, Object> body = Map.of("quantity_change", -1, "reason_code", "SALE");
        Map<String, String> key = Map.of("Idempotency-Key", "tx-stored");
        ApiClient.Response first = org.api().patch(path, body, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        // The item's answer shows catalogue fields (name, price), which the outcome does not hold:
        // the response is stored after the commit, off the request path.
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                select count(*) from idempotency_records
                where org_id = :org and idempotency_key = 'tx-stored' and response_status = 200
                """).param("org", org.orgId()).query(Long.class).single() == 1);
        addSkuProduct(org, "p1", "SKU-1", "Renamed", "Flower", 12, 0);

        ApiClient.Response retry = org.api().patch(path, body, key);
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(retry.body().path("product_name").asString()).isEqualTo("One");
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aPatchRetriedWithItsJsonRewrittenIsReplayedAndAChangedOneConflicts() {
        TestOrg org = newOrg();
        addSkuProduct(org, "p1", "SKU-1", "One", "Flower", 10, 3);
        String path = INVENTORY + "/" + itemId(org, "SKU-1");
        Map<String, String> key = Map.of("Idempotency-Key", "tx-rebuilt");
        ApiClient.Response first = org.api().patch(path, "{\"quantity_change\": -2, \"reason_code\": \"SALE\"}", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        for (String retried : List.of(
                "{\"quantity_change\":-2,\"reason_code\":\"SALE\"}",
                "{\"reason_code\": \"SALE\", \"quantity_change\": -2}",
                "{\n  \"reason_code\" : \"SALE\",\n  \"quantity_change\" : -2.000\n}\n",
                "{\"quantity_change\":-0.2e1,\"reason_code\":\"SALE\"}")) {
            ApiClient.Response replay = org.api().patch(path, retried, key);
            assertThat(replay.status()).as(retried + " -> " + replay).isEqualTo(200);
            assertThat(replay.header("Idempotent-Replayed")).as(retried).isEqualTo("true");
            assertThat(replay.raw()).as(retried).isEqualTo(first.raw());
        }
        assertProblem(org.api().patch(path, "{\"quantity_change\":-1,\"reason_code\":\"SALE\"}", key), 422, "idempotency_conflict");
        assertProblem(org.api().patch(path, "{\"quantity_change\":-2,\"reason_code\":\"SALE\",\"notes\":\"x\"}", key), 422,
                "idempotency_conflict");
        assertThat(itemOf(org, "SKU-1", "sales_floor").path("quantity").asLong()).isEqualTo(1);
    }

    @Test
    void badPatchInputGetsAProblemAndWritesNothing() {
        TestOrg org = newOrg();
        addSkuProduct(org, "p1", "SKU-1", "One", "Flower", 10, 3);
        String id = itemId(org, "SKU-1");
        String path = INVENTORY + "/" + id;

        ApiClient.Response tooMuch = org.api().patch(path, Map.of("quantity_change", -4, "reason_code", "SALE"));
        assertProblem(tooMuch, 409, "insufficient_stock");
        ApiClient.Response badCode = org.api().patch(path, Map.of("quantity_change", -1, "reason_code", "GIFT"));
        assertProblem(badCode, 400, "invalid_reason_code");
        assertThat(badCode.body().path("detail").asString()).contains("SALE, RETURN, ADJUSTMENT, DAMAGE, THEFT, TRANSFER, AUDIT");
        assertThat(badCode.body().path("field").asString()).isEqualTo("reason_code");
        assertProblem(org.api().patch(path, Map.of("quantity_change", -1, "reason_code", "sale")), 400, "invalid_reason_code");
        assertProblem(org.api().patch(path, Map.of("quantity_change", -1)), 400, "missing_field");
        assertProblem(org.api().patch(path, Map.of("reason_code", "SALE")), 400, "missing_field");
        assertProblem(org.api().patch(path, Map.of("quantity_change", 0, "reason_code", "SALE")), 400, "empty_adjustment");
        ApiClient.Response wrongType = org.api().patch(path, Map.of("quantity_change", "-1", "reason_code", "SALE"));
        assertProblem(wrongType, 400, "invalid_field");
        assertThat(wrongType.body().path("field").asString()).isEqualTo("quantity_change");
        assertProblem(org.api().patch(path, Map.of("quantity_change", 0.0001, "reason_code", "SALE")), 400, "invalid_field");
        assertProblem(org.api().patch(path, Map.of("quantity_change", 1, "reason_code", "SALE", "notes", "x".repeat(501))), 400, "invalid_field");
        ApiClient.Response tooOld = org.api().patch(path, Map.of("quantity_change", 1, "reason_code", "RETURN",
                "occurred_at", Instant.now(clock).minus(31, ChronoUnit.DAYS).toString()));
        assertProblem(tooOld, 400, "invalid_field");
        assertThat(tooOld.body().path("field").asString()).isEqualTo("occurred_at");
        assertProblem(org.api().patch(path, "{\"quantity_change\": -1,"), 400, "malformed_json");
        assertProblem(org.api().patch(INVENTORY + "/" + UUID.randomUUID(), Map.of("quantity_change", -1, "reason_code", "SALE")), 404, "unknown_item");
        assertProblem(org.api().patch(INVENTORY + "/not-a-uuid", Map.of("quantity_change", -1, "reason_code", "SALE")), 404, "unknown_item");

        TestOrg other = newOrg();
        assertProblem(other.api().patch(path, Map.of("quantity_change", -1, "reason_code", "SALE")), 404, "unknown_item");
        assertProblem(other.api().get(path), 404, "unknown_item");
        String readOnly = tokenFor(org, Set.of(Scope.INVENTORY_READ));
        assertProblem(org.api().withToken(readOnly).patch(path, Map.of("quantity_change", -1, "reason_code", "SALE")), 403, "insufficient_scope");
        assertThat(org.api().withToken(readOnly).get(path).status()).isEqualTo(200);
        assertProblem(anonymous().get(INVENTORY), 401, "unauthorized");

        assertThat(itemOf(org, "SKU-1", "sales_floor").path("quantity").asLong()).isEqualTo(3);
        assertThat(logSize(org, "p1")).isEqualTo(1);
        assertVerifyClean(org);
    }

    /**
     * Alpha (A, Flower, 20 on hand), Bravo (B, Edibles, 2) and Charlie (C, Flower, 8) on the
     * default sales floor, then 5 of Alpha moved to the vault of a second location, whose id it returns.
     */
    String alphaBravoCharlieWithFiveOfAlphaInTheShopsVault(TestOrg org) {
        addSkuProduct(org, "a", "A", "Alpha", "Flower", 1, 20);
        addSkuProduct(org, "b", "B", "Bravo", "Edibles", 1, 2);
        addSkuProduct(org, "c", "C", "Charlie", "Flower", 1, 8);
        String shop = createLocation(org, "shop-2");
        ApiClient.Response moved = org.api().post(INVENTORY + "/transfer",
                Map.of("from_id", itemId(org, "A"), "to_location_id", shop, "to_room_type", "vault", "quantity", 5));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        return shop;
    }

    @Test
    void listFiltersByLocationRoomCategoryAndLowStockAndPages() {
        TestOrg org = newOrg();
        String shop = alphaBravoCharlieWithFiveOfAlphaInTheShopsVault(org);

        assertThat(data(org.api().get(INVENTORY))).hasSize(4);
        List<JsonNode> atShop = list(org.api().get(INVENTORY + "?location_id=" + shop));
        assertThat(atShop).singleElement().satisfies(item -> {
            assertThat(item.path("sku").asString()).isEqualTo("A");
            assertThat(item.path("room_type").asString()).isEqualTo("vault");
            assertThat(item.path("quantity").asLong()).isEqualTo(5);
        });
        assertThat(list(org.api().get(INVENTORY + "?room_type=vault"))).hasSize(1);
        assertThat(list(org.api().get(INVENTORY + "?room_type=sales_floor&location_id=" + defaultLocationId(org)))).hasSize(3);
        assertThat(list(org.api().get(INVENTORY + "?category=Edibles"))).extracting(item -> item.path("sku").asString()).containsExactly("B");
        assertThat(list(org.api().get(INVENTORY + "?category=None"))).isEmpty();

        // low stock: available <= reorder point (the item's own, else the org default, 0 here)
        assertThat(list(org.api().get(INVENTORY + "?low_stock=true"))).isEmpty();
        ApiClient.Response set = org.api().put(INVENTORY + "/" + itemId(org, "C") + "/settings", Map.of("reorder_point", 8, "max_stock_level", 50));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.body().path("reorder_point").asLong()).isEqualTo(8);
        assertThat(set.body().path("max_stock_level").asLong()).isEqualTo(50);
        assertThat(set.body().path("effective_reorder_point").asLong()).isEqualTo(8);
        assertThat(set.body().path("low_stock").asBoolean()).isTrue();
        assertThat(list(org.api().get(INVENTORY + "?low_stock=true"))).extracting(item -> item.path("sku").asString()).containsExactly("C");
        access.updateOrgSettings(org.orgId(), true, true, new BigDecimal("2"), "UTC");
        assertThat(list(org.api().get(INVENTORY + "?low_stock=true"))).extracting(item -> item.path("sku").asString()).containsExactly("B", "C");
        assertThat(list(org.api().get(INVENTORY + "?low_stock=false"))).hasSize(4);
        JsonNode settingsOfB = org.api().get(INVENTORY + "/" + itemId(org, "B") + "/settings").body();
        assertThat(settingsOfB.path("reorder_point").isNull()).isTrue();
        assertThat(settingsOfB.path("effective_reorder_point").asLong()).isEqualTo(2);
        assertThat(settingsOfB.path("low_stock").asBoolean()).isTrue();
        assertProblem(org.api().put(INVENTORY + "/" + itemId(org, "C") + "/settings", Map.of("reorder_point", -1)), 400, "invalid_field");

        ApiClient.Response page1 = org.api().get(INVENTORY + "?limit=3");
        assertThat(list(page1)).extracting(item -> item.path("sku").asString()).containsExactly("A", "A", "B");
        assertThat(page1.body().path("pagination").path("total").asLong()).isEqualTo(4);
        ApiClient.Response page2 = org.api().get(INVENTORY + "?limit=3&page=2");
        assertThat(list(page2)).extracting(item -> item.path("sku").asString()).containsExactly("C");
        assertThat(page2.body().path("pagination").path("page").asInt()).isEqualTo(2);
        assertThat(list(org.api().get(INVENTORY + "?limit=200"))).hasSize(4);
    }

    @Test
    void aRenamedProductMovesToItsNewPlaceInTheList() {
        TestOrg org = newOrg();
        String shop = alphaBravoCharlieWithFiveOfAlphaInTheShopsVault(org);
        assertThat(list(org.api().get(INVENTORY))).extracting(item -> item.path("sku").asString()).containsExactly("A", "A", "B", "C");

        ApiClient.Response renamed = org.api().post(org.v2("/products/add-to-inventory"), Map.of("p1_id", "a", "name", "Zulu"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(list(org.api().get(INVENTORY))).extracting(item -> item.path("sku").asString()).containsExactly("B", "C", "A", "A");
        assertThat(list(org.api().get(INVENTORY + "?limit=2&page=2"))).extracting(item -> item.path("product_name").asString())
                .containsExactly("Zulu", "Zulu");
        assertThat(list(org.api().get(INVENTORY + "?category=Flower"))).extracting(item -> item.path("sku").asString())
                .containsExactly("C", "A", "A");

        // a level created after the rename is listed under the new name too
        ApiClient.Response toQuarantine = org.api().post(INVENTORY + "/transfer",
                Map.of("from_id", itemId(org, "A"), "to_location_id", shop, "to_room_type", "quarantine", "quantity", 1));
        assertThat(toQuarantine.status()).as(toQuarantine.toString()).isEqualTo(200);
        assertThat(list(org.api().get(INVENTORY))).extracting(item -> item.path("sku").asString() + "/" + item.path("room_type").asString())
                .containsExactly("B/sales_floor", "C/sales_floor", "A/sales_floor", "A/quarantine", "A/vault");
        assertVerifyClean(org);
    }

    /**
     * A level created while its product is being renamed waits for the rename, then takes the new
     * name: read without the product's lock, it would copy the old name the rename's update of the
     * product's levels could not see.
     */
    @Test
    void aLevelCreatedDuringARenameTakesTheNewName() throws Exception {
        TestOrg org = newOrg();
        addSkuProduct(org, "a", "A", "Alpha", "Flower", 1, 20);
        addSkuProduct(org, "b", "B", "Bravo", "Edibles", 1, 2);
        String shop = createLocation(org, "shop-2");
        UUID productA = catalog.requireProductIdByP1Id(org.orgId(), "a");
        CountDownLatch renamed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService renamer = Executors.newSingleThreadExecutor();
        try {
            Future<?> rename = renamer.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                catalog.addProductsToInventory(org.orgId(), List.of(new ProductDraft("a", null, "Zulu", null, null, null)));
                renamed.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(renamed.await(30, TimeUnit.SECONDS)).isTrue();
            // a bin of its own: the rename holds the product's existing levels, so a change of
            // one of them would wait for it anyway
            LevelKey newBin = new LevelKey(productA, UUID.fromString(shop), Room.VAULT);
            CompletableFuture<?> created = CompletableFuture.runAsync(() -> ledger.updateLevelSettings(org.orgId(), newBin, null, null));
            Thread.sleep(300);
            assertThat(created).as("the level's creation waits for the rename").isNotDone();
            release.countDown();
            rename.get(30, TimeUnit.SECONDS);
            created.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            renamer.shutdownNow();
        }
        assertThat(list(org.api().get(INVENTORY))).extracting(item -> item.path("sku").asString()).containsExactly("B", "A", "A");
        assertVerifyClean(org);
    }

    @Test
    void unknownFilterValuesAreRefusedNotAnsweredWithAnEmptyList() {
        TestOrg org = newOrg();
        addSkuProduct(org, "a", "A", "Alpha", "Flower", 1, 1);
        for (String query : List.of("room_type=attic", "room_type=", "location_id=shop-1", "location_id=" + UUID.randomUUID(),
                "low_stock=yes", "low_stock=1", "page=0", "page=x", "limit=0", "limit=201", "limit=abc")) {
            assertProblem(org.api().get(INVENTORY + "?" + query), 400, "invalid_parameter");
        }
        TestOrg other = newOrg();
        assertProblem(other.api().get(INVENTORY + "?location_id=" + defaultLocationId(org)), 400, "invalid_parameter");
    }

    @Test
    void seedBulkUpdateAppliesEveryLine() {
        TestOrg org = newOrg();
        addSkuProduct(org, "a", "A", "Alpha", "Flower", 1, 5);
        addSkuProduct(org, "b", "B", "Bravo", "Flower", 1, 0);
        ApiClient.Response created = org.api().post(INVENTORY, Map.of("product_id",
                catalog.findProductBySku(org.orgId(), "B").orElseThrow().productId().toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("quantity").asLong()).isZero();
        String a = itemId(org, "A");
        String b = itemId(org, "B");
        ApiClient.Response bulk = org.api().post(INVENTORY + "/bulk-update", Map.of("updates", List.of(
                Map.of("id", a, "quantity_change", -2, "reason_code", "SALE"),
                Map.of("id", b, "quantity_change", 10, "reason_code", "TRANSFER"))));
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
        assertThat(bulk.body().path("updated").asInt()).isEqualTo(2);
        assertThat(bulk.body().path("data").get(0).path("id").asString()).isEqualTo(a);
        assertThat(bulk.body().path("data").get(0).path("quantity").asLong()).isEqualTo(3);
        assertThat(bulk.body().path("data").get(1).path("id").asString()).isEqualTo(b);
        assertThat(bulk.body().path("data").get(1).path("quantity").asLong()).isEqualTo(10);
        assertThat(data(org.api().get(org.v2("/inventory/b/log"))).get(0).path("kind").asString()).isEqualTo("transfer_in");
        assertThat(org.api().post(INVENTORY, Map.of("product_id",
                catalog.findProductBySku(org.orgId(), "B").orElseThrow().productId().toString())).status()).isEqualTo(200);
        assertVerifyClean(org);
    }

    @Test
    void aRefusedBulkLineLeavesEveryLineUnappliedAndIsNamed() {
        TestOrg org = newOrg();
        addSkuProduct(org, "a", "A", "Alpha", "Flower", 1, 5);
        addSkuProduct(org, "b", "B", "Bravo", "Flower", 1, 3);
        String a = itemId(org, "A");
        String b = itemId(org, "B");
        ApiClient.Response refused = org.api().post(INVENTORY + "/bulk-update", Map.of("updates", List.of(
                Map.of("id", a, "quantity_change", -2, "reason_code", "SALE"),
                Map.of("id", b, "quantity_change", -4, "reason_code", "SALE"))));
        assertProblem(refused, 409, "insufficient_stock");
        assertThat(refused.body().path("index").asInt()).isEqualTo(1);
        assertThat(refused.body().path("id").asString()).isEqualTo(b);
        assertThat(refused.body().path("applied").asInt()).isZero();
        assertThat(refused.body().path("field").asString()).isEqualTo("updates[1]");
        assertThat(refused.body().path("reason").asString()).contains("below zero");

        ApiClient.Response badLine = org.api().post(INVENTORY + "/bulk-update", Map.of("updates", List.of(
                Map.of("id", a, "quantity_change", -2, "reason_code", "SALE"),
                Map.of("id", b, "quantity_change", -1, "reason_code", "OOPS"))));
        assertProblem(badLine, 400, "invalid_reason_code");
        assertThat(badLine.body().path("field").asString()).isEqualTo("updates[1].reason_code");
        ApiClient.Response unknown = org.api().post(INVENTORY + "/bulk-update", Map.of("updates", List.of(
                Map.of("id", a, "quantity_change", -2, "reason_code", "SALE"),
                Map.of("id", UUID.randomUUID().toString(), "quantity_change", -1, "reason_code", "SALE"))));
        assertProblem(unknown, 404, "unknown_item");
        assertThat(unknown.body().path("index").asInt()).isEqualTo(1);
        assertProblem(org.api().post(INVENTORY + "/bulk-update", Map.of("updates", List.of())), 400, "invalid_field");
        assertProblem(org.api().post(INVENTORY + "/bulk-update", Map.of()), 400, "invalid_field");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("id", a, "quantity_change", 1, "reason_code", "AUDIT"));
        }
        assertProblem(org.api().post(INVENTORY + "/bulk-update", Map.of("updates", tooMany)), 400, "invalid_field");

        assertThat(itemOf(org, "A", "sales_floor").path("quantity").asLong()).isEqualTo(5);
        assertThat(itemOf(org, "B", "sales_floor").path("quantity").asLong()).isEqualTo(3);
        assertThat(logSize(org, "a")).isEqualTo(1);
        assertThat(logSize(org, "b")).isEqualTo(1);
        assertVerifyClean(org);
    }

    @Test
    void everyRefusedBulkLineIsNamedByIndexIdAndReasonAndNothingIsApplied() {
        TestOrg org = newOrg();
        addSkuProduct(org, "a", "A", "Alpha", "Flower", 1, 5);
        String a = itemId(org, "A");
        Instant now = Instant.now(clock);
        record Case(Object line, int status, String code, String field) {
        }
        Map<String, Object> good = Map.of("id", a, "quantity_change", 1, "reason_code", "RETURN");
        List<Case> cases = List.of(
                new Case(with(good, "occurred_at", now.plus(1, ChronoUnit.HOURS).toString()), 400, "invalid_field", "updates[1].occurred_at"),
                new Case(with(good, "occurred_at", now.minus(31, ChronoUnit.DAYS).toString()), 400, "invalid_field", "updates[1].occurred_at"),
                new Case(with(good, "occurred_at", "yesterday"), 400, "invalid_field", "updates[1].occurred_at"),
                new Case(with(good, "reason_code", "BOGUS"), 400, "invalid_reason_code", "updates[1].reason_code"),
                new Case(with(good, "reason_code", null), 400, "missing_field", "updates[1].reason_code"),
                new Case(with(good, "quantity_change", null), 400, "missing_field", "updates[1].quantity_change"),
                new Case(with(good, "quantity_change", "x"), 400, "invalid_field", "updates[1].quantity_change"),
                new Case(with(good, "quantity_change", 0.0001), 400, "invalid_field", "updates[1].quantity_change"),
                new Case(with(good, "quantity_change", 1e20), 400, "invalid_field", "updates[1].quantity_change"),
                new Case(with(good, "quantity_change", 0), 400, "empty_adjustment", "updates[1].quantity_change"),
                new Case(with(good, "notes", "x".repeat(501)), 400, "invalid_field", "updates[1].notes"),
                new Case(with(good, "id", null), 400, "missing_field", "updates[1].id"),
                new Case(with(good, "id", UUID.randomUUID().toString()), 404, "unknown_item", "updates[1].id"),
                new Case(with(good, "quantity_change", -7), 409, "insufficient_stock", "updates[1]"),
                new Case(List.of(1), 400, "invalid_field", "updates[1]"));
        for (Case bad : cases) {
            List<Object> lines = new ArrayList<>();
            lines.add(good);
            lines.add(bad.line());
            ApiClient.Response refused = org.api().post(INVENTORY + "/bulk-update", Map.of("updates", lines));
            assertProblem(refused, bad.status(), bad.code());
            JsonNode problem = refused.body();
            assertThat(problem.path("field").asString()).as(refused.toString()).isEqualTo(bad.field());
            assertThat(problem.path("index").isInt()).as(refused.toString()).isTrue();
            assertThat(problem.path("index").asInt()).isEqualTo(1);
            assertThat(problem.path("reason").asString()).as(refused.toString()).isNotBlank();
            assertThat(problem.path("applied").isInt()).as(refused.toString()).isTrue();
            assertThat(problem.path("applied").asInt()).isZero();
            if (bad.line() instanceof Map<?, ?> line && line.get("id") != null) {
                assertThat(problem.path("id").asString()).as(refused.toString()).isEqualTo(line.get("id"));
            } else {
                assertThat(problem.has("id")).as(refused.toString()).isFalse();
            }
        }
        assertThat(itemOf(org, "A", "sales_floor").path("quantity").asLong()).isEqualTo(5);
        assertThat(logSize(org, "a")).isEqualTo(1);
        assertVerifyClean(org);
    }

    private static Map<String, Object> with(Map<String, Object> line, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(line);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    @Test
    void transferMovesStockBetweenBinsAtomically() {
        TestOrg org = newOrg();
        addSkuProduct(org, "a", "A", "Alpha", "Flower", 1, 10);
        String from = itemId(org, "A");
        ApiClient.Response moved = org.api().post(INVENTORY + "/transfer",
                Map.of("from_id", from, "to_room_type", "vault", "quantity", 4, "notes", "to the vault"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.body().path("transfer_id").isString()).isTrue();
        assertThat(moved.body().path("from").path("quantity").asLong()).isEqualTo(6);
        assertThat(moved.body().path("to").path("quantity").asLong()).isEqualTo(4);
        assertThat(moved.body().path("to").path("room_type").asString()).isEqualTo("vault");
        assertThat(moved.body().path("to").path("location_id").asString()).isEqualTo(defaultLocationId(org));
        JsonNode log = data(org.api().get(org.v2("/inventory/a/log")));
        assertThat(log.get(0).path("reason_code").asString()).isEqualTo("TRANSFER");
        assertThat(log.get(1).path("reason_code").asString()).isEqualTo("TRANSFER");
        assertThat(List.of(log.get(0).path("kind").asString(), log.get(1).path("kind").asString()))
                .containsExactlyInAnyOrder("transfer_out", "transfer_in");

        String shop = createLocation(org, "shop-2");
        String vault = moved.body().path("to").path("id").asString();
        ApiClient.Response toShop = org.api().post(INVENTORY + "/transfer",
                Map.of("from_id", vault, "to_location_id", shop, "to_room_type", "sales_floor", "quantity", 1.5));
        assertThat(toShop.status()).as(toShop.toString()).isEqualTo(200);
        assertThat(toShop.body().path("to").path("quantity").decimalValue()).isEqualByComparingTo("1.5");

        long before = logSize(org, "a");
        assertProblem(org.api().post(INVENTORY + "/transfer", Map.of("from_id", from, "to_room_type", "quarantine", "quantity", 7)),
                409, "insufficient_stock");
        assertProblem(org.api().post(INVENTORY + "/transfer", Map.of("from_id", from, "quantity", 1)), 400, "same_bin");
        assertProblem(org.api().post(INVENTORY + "/transfer", Map.of("from_id", from, "to_room_type", "attic", "quantity", 1)),
                400, "invalid_field");
        assertProblem(org.api().post(INVENTORY + "/transfer", Map.of("from_id", from, "to_room_type", "vault", "quantity", 0)),
                400, "invalid_field");
        assertProblem(org.api().post(INVENTORY + "/transfer", Map.of("from_id", from, "to_location_id", UUID.randomUUID().toString(),
                "quantity", 1)), 404, "unknown_location");
        assertProblem(org.api().post(INVENTORY + "/transfer", Map.of("from_id", UUID.randomUUID().toString(), "to_room_type", "vault",
                "quantity", 1)), 404, "unknown_item");
        assertThat(logSize(org, "a")).isEqualTo(before);
        assertThat(itemOf(org, "A", "sales_floor").path("quantity").asLong()).isEqualTo(6);
        assertThat(list(org.api().get(INVENTORY + "?room_type=quarantine"))).isEmpty();
        assertVerifyClean(org);
    }

    @Test
    void snapshotsOfEachDayMatchAReplayOfTheLedgerIncludingBackDatedMovements() {
        TestOrg org = newOrg();
        addSkuProduct(org, "a", "A", "Alpha", "Flower", 1, 0);
        addSkuProduct(org, "b", "B", "Bravo", "Flower", 1, 0);
        Instant now = Instant.now(clock);
        String shop = createLocation(org, "shop-2");
        createItem(org, "A", defaultLocationId(org), "sales_floor");
        createItem(org, "B", shop, "sales_floor");
        String a = itemId(org, "A");
        String b = itemOf(org, "B", "sales_floor").path("id").asString();
        patch(org, a, 100, "RETURN", now.minus(6, ChronoUnit.DAYS));
        patch(org, b, 40, "AUDIT", now.minus(5, ChronoUnit.DAYS));
        patch(org, a, -20, "SALE", now.minus(4, ChronoUnit.DAYS));
        ApiClient.Response moved = org.api().post(INVENTORY + "/transfer", Map.of("from_id", a, "to_room_type", "vault",
                "quantity", 10, "occurred_at", now.minus(2, ChronoUnit.DAYS).toString()));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        patch(org, a, -5, "SALE", null);
        patch(org, b, -3, "DAMAGE", null);
        // recorded last, occurred five days ago: an offline POS catching up
        patch(org, a, -7, "SALE", now.minus(5, ChronoUnit.DAYS));
        // the vault empties today, and a back-dated sale empties the shop's shelf on day -5 until
        // a back-dated count restocks it on day -3 (snapshot totals follow each level in and out)
        String vault = itemOf(org, "A", "vault").path("id").asString();
        patch(org, vault, -10, "SALE", null);
        patch(org, b, 40, "AUDIT", now.minus(3, ChronoUnit.DAYS));
        patch(org, b, -40, "SALE", now.minus(5, ChronoUnit.DAYS));

        List<JsonNode> movements = new ArrayList<>();
        data(org.api().get(org.v2("/inventory/a/log"))).forEach(movements::add);
        data(org.api().get(org.v2("/inventory/b/log"))).forEach(movements::add);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(8); !day.isAfter(today); day = day.plusDays(1)) {
            Instant endOfDay = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Map<String, BigDecimal> replay = new HashMap<>();
            for (JsonNode movement : movements) {
                if (Instant.parse(movement.path("occurred_at").asString()).isBefore(endOfDay)) {
                    replay.merge(movement.path("location_id").asString() + "/" + movement.path("room").asString(),
                            movement.path("delta_on_hand").decimalValue(), BigDecimal::add);
                }
            }
            replay.values().removeIf(quantity -> quantity.signum() == 0);
            Map<String, BigDecimal> snapshot = new HashMap<>();
            ApiClient.Response response = org.api().get(INVENTORY + "/snapshot?date=" + day);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.body().path("date").asString()).isEqualTo(day.toString());
            assertThat(response.body().path("time_zone").asString()).isEqualTo("UTC");
            data(response).forEach(item -> snapshot.put(item.path("location_id").asString() + "/" + item.path("room_type").asString(),
                    item.path("quantity").decimalValue()));
            assertThat(snapshot).as("snapshot of " + day).hasSameSizeAs(replay);
            assertThat(response.body().path("pagination").path("total").asLong()).as("total of " + day).isEqualTo(replay.size());
            LocalDate checked = day;
            replay.forEach((bin, quantity) -> assertThat(snapshot.get(bin)).as(checked + " " + bin).isEqualByComparingTo(quantity));
            for (String location : List.of(defaultLocationId(org), shop)) {
                ApiClient.Response atLocation = org.api().get(INVENTORY + "/snapshot?date=" + day + "&location_id=" + location);
                long held = replay.keySet().stream().filter(bin -> bin.startsWith(location + "/")).count();
                assertThat(data(atLocation)).as(day + " at " + location).hasSize((int) held);
                assertThat(atLocation.body().path("pagination").path("total").asLong()).as("total of " + day + " at " + location)
                        .isEqualTo(held);
            }
        }
        // spot checks that the replay itself saw the back-dated sale on its day
        JsonNode fiveDaysAgo = org.api().get(INVENTORY + "/snapshot?date=" + today.minusDays(5) + "&location_id=" + defaultLocationId(org)).body();
        assertThat(fiveDaysAgo.path("data")).hasSize(1);
        assertThat(fiveDaysAgo.path("data").get(0).path("quantity").asLong()).isEqualTo(93);
        assertThat(fiveDaysAgo.path("data").get(0).path("available_quantity").asLong()).isEqualTo(93);
        assertThat(fiveDaysAgo.path("data").get(0).path("sku").asString()).isEqualTo("A");
        assertThat(fiveDaysAgo.path("location_id").asString()).isEqualTo(defaultLocationId(org));
        JsonNode todayAtShop = org.api().get(INVENTORY + "/snapshot?date=" + today + "&location_id=" + shop).body();
        assertThat(todayAtShop.path("data").get(0).path("quantity").asLong()).isEqualTo(37);
        assertThat(todayAtShop.path("pagination").path("total").asLong()).isEqualTo(1);
        assertThat(org.api().get(INVENTORY + "/snapshot?date=" + today.minusDays(4) + "&location_id=" + shop).body()
                .path("pagination").path("total").asLong()).isZero();
        assertVerifyClean(org);

        jdbc.sql("update stocked_level_changes set levels = levels + 1 where org_id = :orgId").param("orgId", org.orgId()).update();
        assertThat(verifier.verify(org.orgId())).filteredOn(mismatch -> mismatch.check().equals("stocked-level-changes")).isNotEmpty();
        jdbc.sql("update stocked_level_changes set levels = levels - 1 where org_id = :orgId").param("orgId", org.orgId()).update();
        assertVerifyClean(org);
    }

    @Test
    void badSnapshotParametersAreRefused() {
        TestOrg org = newOrg();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        assertProblem(org.api().get(INVENTORY + "/snapshot"), 400, "missing_parameter");
        assertProblem(org.api().get(INVENTORY + "/snapshot?date=27.01.2026"), 400, "invalid_parameter");
        assertProblem(org.api().get(INVENTORY + "/snapshot?date=" + today.plusDays(2)), 400, "invalid_parameter");
        assertProblem(org.api().get(INVENTORY + "/snapshot?date=" + today + "&location_id=x"), 400, "invalid_parameter");
        assertProblem(org.api().get(INVENTORY + "/snapshot?date=" + today + "&limit=500"), 400, "invalid_parameter");
        assertThat(data(org.api().get(INVENTORY + "/snapshot?date=2020-01-01"))).isEmpty();
    }

    @Test
    void snapshotRefusesTheListFiltersItDoesNotApplyInsteadOfIgnoringThem() {
        TestOrg org = newOrg();
        addSkuProduct(org, "a", "A", "Alpha", "Flower", 1, 5);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        for (String filter : List.of("room_type=vault", "room_type=sales_floor", "category=Flower", "low_stock=true", "low_stock=false")) {
            ApiClient.Response refused = org.api().get(INVENTORY + "/snapshot?date=" + today + "&" + filter);
            assertProblem(refused, 400, "invalid_parameter");
            assertThat(refused.body().path("field").asString()).isEqualTo(filter.substring(0, filter.indexOf('=')));
        }
        assertThat(data(org.api().get(INVENTORY + "/snapshot?date=" + today + "&location_id=" + defaultLocationId(org)))).hasSize(1);
    }

    @Test
    void locationsCanBeListedAndCreated() {
        TestOrg org = newOrg();
        JsonNode before = data(org.api().get("/api/v1/locations"));
        assertThat(before).hasSize(1);
        assertThat(before.get(0).path("code").asString()).isEqualTo("main");
        assertThat(before.get(0).path("is_default").asBoolean()).isTrue();
        String id = createLocation(org, "shop-2");
        JsonNode after = data(org.api().get("/api/v1/locations"));
        assertThat(after).hasSize(2);
        assertThat(after.get(1).path("id").asString()).isEqualTo(id);
        assertThat(after.get(1).path("name").asString()).isEqualTo("Shop shop-2");
        assertThat(after.get(1).path("is_default").asBoolean()).isFalse();
        assertProblem(org.api().post("/api/v1/locations", Map.of("code", "shop-2", "name", "Again")), 409, "duplicate_location_code");
        assertProblem(org.api().post("/api/v1/locations", Map.of("code", "shop 3", "name", "Bad")), 400, "invalid_field");
        assertProblem(org.api().post("/api/v1/locations", Map.of("code", "shop-3")), 400, "missing_field");
        assertProblem(org.api().withToken(tokenFor(org, Set.of(Scope.INVENTORY_READ))).post("/api/v1/locations",
                Map.of("code", "shop-4", "name", "x")), 403, "insufficient_scope");
        assertThat(data(org.api().get("/api/v1/locations"))).hasSize(2);
        assertThat(data(newOrg().api().get("/api/v1/locations"))).hasSize(1);
    }

    @Test
    void theOpenApiDocumentDescribesEveryV1Operation() {
        ApiClient.Response document = anonymous().get("/openapi.json");
        assertThat(document.status()).as(document.toString()).isEqualTo(200);
        JsonNode paths = document.body().path("paths");
        for (String path : List.of("/api/v1/inventory", "/api/v1/inventory/{id}", "/api/v1/inventory/bulk-update",
                "/api/v1/inventory/transfer", "/api/v1/inventory/snapshot", "/api/v1/inventory/{id}/settings",
                "/api/v1/inventory/sync", "/api/v1/inventory/sync/{jobId}", "/api/v1/locations",
                "/api/v1/locations/{locationId}/pos-connector", "/api/v1/locations/{locationId}/pos-connector/csv")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.path("/api/v1/inventory").path("get").toString()).contains("BD-EIGHTH-001");
    }

    void createItem(TestOrg org, String sku, String locationId, String room) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product_id", catalog.findProductBySku(org.orgId(), sku).orElseThrow().productId().toString());
        body.put("location_id", locationId);
        body.put("room_type", room);
        ApiClient.Response created = org.api().post(INVENTORY, body);
        assertThat(created.status()).as(created.toString()).isIn(200, 201);
    }

    void patch(TestOrg org, String id, int change, String code, Instant occurredAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("quantity_change", change);
        body.put("reason_code", code);
        if (occurredAt != null) {
            body.put("occurred_at", occurredAt.toString());
        }
        ApiClient.Response patched = org.api().patch(INVENTORY + "/" + id, body);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    }
}
