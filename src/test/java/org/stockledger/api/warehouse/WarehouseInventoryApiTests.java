package org.stockledger.api.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.stockledger.access.AccessService;
import org.stockledger.access.Scope;
import org.stockledger.catalog.CatalogService;
import org.stockledger.catalog.Location;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.CommandOutcome;
import org.stockledger.ledger.LedgerService;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.MovementKind;
import org.stockledger.ledger.Room;
import org.stockledger.ledger.StockChange;
import org.stockledger.ledger.StockCommand;
import org.stockledger.testing.ApiClient;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.MovableClock;
import org.stockledger.testing.TestOrg;
import tools.jackson.databind.JsonNode;

/** The warehouse inventory API (seed 003), spoken as the seed page shows it. */
abstract class WarehouseInventoryApiTests extends ApiTestBase {

    private static final String INSTANT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";
    private static final MovableClock CLOCK = MovableClock.INSTANCE;
    private static final String UUID_TEXT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Autowired
    private CatalogService catalog;

    @Autowired
    private LedgerService ledger;

    @Autowired
    private AccessService access;

    // ------------------------------------------------------------------ helpers

    private String product(TestOrg org, String p1Id, String name, String sku) {
        ApiClient.Response added = org.api().post(org.v2("/products/add-to-inventory"),
                Map.of("p1_id", p1Id, "name", name, "sku", sku, "price", 9.5));
        assertThat(added.status()).as(added.toString()).isIn(200, 201);
        return catalog.findProductByP1Id(org.orgId(), p1Id).orElseThrow().productId().toString();
    }

    private String warehouse(TestOrg org, String code, String name) {
        return catalog.createLocation(org.orgId(), "wh-" + code, name).locationId().toString();
    }

    private static Map<String, Object> movement(String productId, String warehouseId, String type, Object quantity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product_id", productId);
        body.put("warehouse_id", warehouseId);
        body.put("movement_type", type);
        body.put("quantity", quantity);
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    private JsonNode move(TestOrg org, Map<String, Object> body) {
        ApiClient.Response response = org.api().post("/api/inventory/movements", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().path("data");
    }

    /** Stock in the warehouse's vault room, which the warehouse API reads but does not move (the v1 dialect does). */
    private void receiveInVault(TestOrg org, String productId, String warehouseId, int quantity) {
        LevelKey vault = new LevelKey(UUID.fromString(productId), UUID.fromString(warehouseId), Room.VAULT);
        assertThat(ledger.applyCommand(org.orgId(), Actor.system("test"), StockCommand.of(
                StockChange.adjust(vault, MovementKind.RECEIPT, new BigDecimal(quantity), null), "RECEIPT", "vault")))
                .isInstanceOf(CommandOutcome.Applied.class);
    }

    private JsonNode recordOf(TestOrg org, String productId, String warehouseId) {
        JsonNode records = data(org.api().get("/api/inventory?product_id=" + productId + "&warehouse_id=" + warehouseId));
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private BigDecimal unitCost(TestOrg org, String productId) {
        return catalog.findProduct(org.orgId(), UUID.fromString(productId)).orElseThrow().unitCost();
    }

    private long movementCount(TestOrg org) {
        return jdbc.sql("select count(*) from movements where org_id = :orgId").param("orgId", org.orgId()).query(Long.class).single();
    }

    private final java.util.Set<String> orgsWithDirectReservations = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    protected void assertVerifyClean(TestOrg org) {
        if (!orgsWithDirectReservations.contains(org.orgId())) {
            super.assertVerifyClean(org);
            return;
        }
        assertThat(verifier.verify(org.orgId())).filteredOn(mismatch -> !mismatch.check().equals("order-reservations")).isEmpty();
    }

    private long levelCount(TestOrg org) {
        return jdbc.sql("select count(*) from stock_levels where org_id = :orgId").param("orgId", org.orgId()).query(Long.class).single();
    }

    /**
     * Reserves directly on the core, in a warehouse that is not the org's default location, where
     * orders never reserve: so these orgs are verified without the orders' reservation check.
     */
    private void reserve(TestOrg org, String productId, String warehouseId, int quantity) {
        orgsWithDirectReservations.add(org.orgId());
        LevelKey key = new LevelKey(UUID.fromString(productId), UUID.fromString(warehouseId), Room.SALES_FLOOR);
        CommandOutcome outcome = ledger.applyCommand(org.orgId(), Actor.system("test"),
                StockCommand.of(StockChange.reserve(key, BigDecimal.valueOf(quantity), false), "RESERVATION", "order"));
        assertThat(outcome).isInstanceOf(CommandOutcome.Applied.class);
    }

    // ------------------------------------------------------------------ the seed, field by field

    @Test
    void seedMovementAdjustmentsListAndHistoryMatchTheSeedFieldByField() {
        TestOrg org = newOrg();
        String widget = product(org, "123", "Smart Widget", "SW-001");
        String basic = product(org, "124", "Basic Widget", "BW-001");
        String main = warehouse(org, "wh-789", "Main Warehouse");
        move(org, with(movement(widget, main, "in", 150), "cost_per_unit", 20));
        move(org, movement(basic, main, "in", 85));

        Map<String, Object> seedMovement = new LinkedHashMap<>(movement(widget, main, "in", 50));
        seedMovement.put("reference_type", "purchase_order");
        seedMovement.put("reference_id", "po_456");
        seedMovement.put("notes", "Received from Supplier ABC");
        seedMovement.put("cost_per_unit", 25.00);
        ApiClient.Response created = org.api().post("/api/inventory/movements", seedMovement);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode movement = created.body().path("data");
        assertThat(movement.path("id").asString()).matches(UUID_TEXT);
        assertThat(movement.path("product_id").asString()).isEqualTo(widget);
        assertThat(movement.path("warehouse_id").asString()).isEqualTo(main);
        assertThat(movement.path("movement_type").asString()).isEqualTo("in");
        assertThat(movement.path("quantity").isIntegralNumber()).isTrue();
        assertThat(movement.path("quantity").asLong()).isEqualTo(50);
        assertThat(movement.path("balance_after").isIntegralNumber()).isTrue();
        assertThat(movement.path("balance_after").asLong()).isEqualTo(200);
        assertThat(movement.path("reference_type").asString()).isEqualTo("purchase_order");
        assertThat(movement.path("reference_id").asString()).isEqualTo("po_456");
        assertThat(movement.path("notes").asString()).isEqualTo("Received from Supplier ABC");
        assertThat(movement.path("cost_per_unit").isNumber()).isTrue();
        assertThat(movement.path("cost_per_unit").decimalValue()).isEqualByComparingTo("25");
        assertThat(movement.path("created_at").asString()).matches(INSTANT);
        assertThat(movement.has("to_warehouse_id")).isFalse();
        // (150 x 20 + 50 x 25) / 200
        assertThat(unitCost(org, widget)).isEqualByComparingTo("21.25");

        ApiClient.Response history = org.api().get("/api/inventory/movements?product_id=" + widget);
        JsonNode entry = data(history).get(0);
        assertThat(data(history)).hasSize(2);
        assertThat(entry.path("id").asString()).isEqualTo(movement.path("id").asString());
        assertThat(entry.path("product").path("id").asString()).isEqualTo(widget);
        assertThat(entry.path("product").path("name").asString()).isEqualTo("Smart Widget");
        assertThat(entry.path("product").path("sku").asString()).isEqualTo("SW-001");
        assertThat(entry.path("warehouse").path("id").asString()).isEqualTo(main);
        assertThat(entry.path("warehouse").path("name").asString()).isEqualTo("Main Warehouse");
        assertThat(entry.path("movement_type").asString()).isEqualTo("in");
        assertThat(entry.path("quantity").isIntegralNumber()).isTrue();
        assertThat(entry.path("quantity").asLong()).isEqualTo(50);
        assertThat(entry.path("balance_before").isIntegralNumber()).isTrue();
        assertThat(entry.path("balance_before").asLong()).isEqualTo(150);
        assertThat(entry.path("balance_after").asLong()).isEqualTo(200);
        assertThat(entry.path("reference_type").asString()).isEqualTo("purchase_order");
        assertThat(entry.path("reference_id").asString()).isEqualTo("po_456");
        assertThat(entry.path("notes").asString()).isEqualTo("Received from Supplier ABC");
        assertThat(entry.path("created_at").asString()).isEqualTo(movement.path("created_at").asString());
        UUID tokenId = access.listTokens(org.orgId()).getFirst().tokenId();
        assertThat(entry.path("created_by").path("id").asString()).isEqualTo(tokenId.toString());
        assertThat(entry.path("created_by").path("name").asString()).isEqualTo("test-token");
        JsonNode meta = history.body().path("meta");
        assertThat(meta.path("total").isIntegralNumber()).isTrue();
        assertThat(meta.path("total").asLong()).isEqualTo(2);
        assertThat(meta.path("page").asLong()).isEqualTo(1);
        assertThat(meta.path("limit").asLong()).isEqualTo(20);
        assertThat(meta.path("hasMore").isBoolean()).isTrue();
        assertThat(meta.path("hasMore").asBoolean()).isFalse();

        ApiClient.Response counted = org.api().post("/api/inventory/adjustments", Map.of("adjustments", List.of(
                Map.of("product_id", widget, "warehouse_id", main, "actual_quantity", 195, "reason", "Physical count adjustment"),
                Map.of("product_id", basic, "warehouse_id", main, "actual_quantity", 85, "reason", "Damaged goods removal"))));
        JsonNode report = data(counted);
        assertThat(counted.status()).isEqualTo(200);
        assertThat(report.path("adjustments_processed").isIntegralNumber()).isTrue();
        assertThat(report.path("adjustments_processed").asLong()).isEqualTo(2);
        assertThat(report.path("total_adjustments").asLong()).isEqualTo(2);
        assertThat(report.path("failures")).isEmpty();
        JsonNode first = report.path("adjustments").get(0);
        assertThat(first.path("id").asString()).matches(UUID_TEXT);
        assertThat(first.path("product_id").asString()).isEqualTo(widget);
        assertThat(first.path("warehouse_id").asString()).isEqualTo(main);
        assertThat(first.path("quantity_before").isIntegralNumber()).isTrue();
        assertThat(first.path("quantity_before").asLong()).isEqualTo(200);
        assertThat(first.path("quantity_after").asLong()).isEqualTo(195);
        assertThat(first.path("adjustment").isIntegralNumber()).isTrue();
        assertThat(first.path("adjustment").asLong()).isEqualTo(-5);
        assertThat(first.path("reason").asString()).isEqualTo("Physical count adjustment");
        assertThat(first.path("created_at").asString()).matches(INSTANT);
        JsonNode unchanged = report.path("adjustments").get(1);
        assertThat(unchanged.path("id").asString()).matches(UUID_TEXT);
        assertThat(unchanged.path("quantity_before").asLong()).isEqualTo(85);
        assertThat(unchanged.path("quantity_after").asLong()).isEqualTo(85);
        assertThat(unchanged.path("adjustment").asLong()).isZero();
        assertThat(unchanged.path("reason").asString()).isEqualTo("Damaged goods removal");
        JsonNode countMovement = data(org.api().get("/api/inventory/movements?movement_type=adjustment")).get(0);
        assertThat(countMovement.path("id").asString()).isEqualTo(first.path("id").asString());
        assertThat(countMovement.path("quantity").asLong()).isEqualTo(-5);
        assertThat(countMovement.path("notes").asString()).isEqualTo("Physical count adjustment");
        assertThat(data(org.api().get("/api/inventory/movements?product_id=" + basic))).hasSize(1);

        reserve(org, widget, main, 5);
        ledger.updateLevelSettings(org.orgId(), new LevelKey(UUID.fromString(widget), UUID.fromString(main), Room.SALES_FLOOR),
                new BigDecimal("20"), new BigDecimal("500"));
        ApiClient.Response list = org.api().get("/api/inventory?product_id=" + widget);
        JsonNode record = data(list).get(0);
        assertThat(data(list)).hasSize(1);
        assertThat(record.path("id").asString()).matches(UUID_TEXT);
        assertThat(record.path("product").path("id").asString()).isEqualTo(widget);
        assertThat(record.path("product").path("name").asString()).isEqualTo("Smart Widget");
        assertThat(record.path("product").path("sku").asString()).isEqualTo("SW-001");
        assertThat(record.path("warehouse").path("id").asString()).isEqualTo(main);
        assertThat(record.path("warehouse").path("name").asString()).isEqualTo("Main Warehouse");
        assertThat(record.path("quantity_on_hand").isIntegralNumber()).isTrue();
        assertThat(record.path("quantity_on_hand").asLong()).isEqualTo(195);
        assertThat(record.path("quantity_allocated").asLong()).isEqualTo(5);
        assertThat(record.path("quantity_available").asLong()).isEqualTo(190);
        assertThat(record.path("reorder_point").isIntegralNumber()).isTrue();
        assertThat(record.path("reorder_point").asLong()).isEqualTo(20);
        assertThat(record.path("max_stock_level").asLong()).isEqualTo(500);
        assertThat(record.path("last_counted").asString()).matches(INSTANT);
        assertThat(list.body().path("meta").path("total").asLong()).isEqualTo(1);
        assertThat(list.body().path("meta").path("hasMore").asBoolean()).isFalse();
        // The record id is stable across reads, and the unchanged count still marked the level counted.
        assertThat(recordOf(org, widget, main).path("id").asString()).isEqualTo(record.path("id").asString());
        assertThat(recordOf(org, basic, main).path("last_counted").asString()).matches(INSTANT);
        assertThat(recordOf(org, basic, main).path("max_stock_level").isNull()).isTrue();

        JsonNode analytics = data(org.api().get("/api/inventory/analytics?period=30d"));
        JsonNode overview = analytics.path("overview");
        assertThat(overview.path("total_products").isIntegralNumber()).isTrue();
        assertThat(overview.path("total_products").asLong()).isEqualTo(2);
        assertThat(overview.path("total_stock_value").isNumber()).isTrue();
        // 195 x 21.25; Basic Widget has no unit cost
        assertThat(overview.path("total_stock_value").decimalValue()).isEqualByComparingTo("4143.75");
        assertThat(overview.path("low_stock_items").asLong()).isZero();
        assertThat(overview.path("out_of_stock_items").asLong()).isZero();
        JsonNode trends = analytics.path("trends");
        assertThat(trends.path("stock_in").isIntegralNumber()).isTrue();
        assertThat(trends.path("stock_in").asLong()).isEqualTo(285);
        assertThat(trends.path("stock_out").asLong()).isZero();
        // both counts, the one that found Basic Widget's stock unchanged included
        assertThat(trends.path("adjustments").asLong()).isEqualTo(2);
        assertThat(trends.path("adjustments_net").asLong()).isEqualTo(-5);
        JsonNode mover = analytics.path("top_movers").get(0);
        assertThat(mover.path("product_id").asString()).isEqualTo(widget);
        assertThat(mover.path("product_name").asString()).isEqualTo("Smart Widget");
        assertThat(mover.path("movement_count").asLong()).isEqualTo(4);
        assertThat(mover.path("total_quantity").asLong()).isEqualTo(205);
        assertThat(analytics.path("low_stock_alerts")).isEmpty();
        assertVerifyClean(org);
    }

    @Test
    void lowStockAndOutOfStockFiltersAndAlertsUseTheReorderPoint() {
        TestOrg org = newOrg();
        String basic = product(org, "456", "Basic Widget", "BW-456");
        String other = product(org, "457", "Other", "OT-457");
        String main = warehouse(org, "main", "Main Warehouse");
        String second = warehouse(org, "second", "Second");
        move(org, movement(basic, main, "in", 15));
        move(org, movement(other, main, "in", 100));
        move(org, movement(other, second, "in", 3));
        move(org, movement(other, second, "out", 3));
        ledger.updateLevelSettings(org.orgId(), new LevelKey(UUID.fromString(basic), UUID.fromString(main), Room.SALES_FLOOR),
                new BigDecimal("20"), null);

        JsonNode low = data(org.api().get("/api/inventory?low_stock=true"));
        assertThat(low).hasSize(1);
        assertThat(low.get(0).path("product").path("id").asString()).isEqualTo(basic);
        JsonNode out = data(org.api().get("/api/inventory?out_of_stock=true"));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).path("warehouse").path("id").asString()).isEqualTo(second);
        assertThat(out.get(0).path("quantity_on_hand").asLong()).isZero();
        assertThat(data(org.api().get("/api/inventory?low_stock=true&out_of_stock=true"))).isEmpty();
        assertThat(data(org.api().get("/api/inventory?warehouse_id=" + second))).hasSize(1);
        assertThat(data(org.api().get("/api/inventory?warehouse_id=" + UUID.randomUUID()))).isEmpty();
        assertThat(data(org.api().get("/api/inventory?low_stock=false"))).hasSize(3);

        JsonNode analytics = data(org.api().get("/api/inventory/analytics?period=7d"));
        assertThat(analytics.path("overview").path("low_stock_items").asLong()).isEqualTo(1);
        assertThat(analytics.path("overview").path("out_of_stock_items").asLong()).isEqualTo(1);
        JsonNode alert = analytics.path("low_stock_alerts").get(0);
        assertThat(analytics.path("low_stock_alerts")).hasSize(1);
        assertThat(alert.path("product_id").asString()).isEqualTo(basic);
        assertThat(alert.path("product_name").asString()).isEqualTo("Basic Widget");
        assertThat(alert.path("current_stock").asLong()).isEqualTo(15);
        assertThat(alert.path("reorder_point").asLong()).isEqualTo(20);
        assertThat(alert.path("warehouse").asString()).isEqualTo("Main Warehouse");
        JsonNode secondOnly = data(org.api().get("/api/inventory/analytics?period=1y&warehouse_id=" + second));
        assertThat(secondOnly.path("overview").path("low_stock_items").asLong()).isZero();
        assertThat(secondOnly.path("overview").path("out_of_stock_items").asLong()).isEqualTo(1);
        assertThat(secondOnly.path("trends").path("stock_in").asLong()).isEqualTo(3);
        assertThat(secondOnly.path("trends").path("stock_out").asLong()).isEqualTo(3);
    }

    @Test
    void inventoryAndMovementListsArePagedWithMeta() {
        TestOrg org = newOrg();
        String main = warehouse(org, "main", "Main");
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String product = product(org, "p" + i, "Product " + i, "SKU-" + i);
            products.add(product);
            move(org, movement(product, main, "in", i + 1));
        }
        ApiClient.Response page = org.api().get("/api/inventory?page=2&limit=2");
        assertThat(data(page)).hasSize(2);
        assertThat(page.body().path("meta").path("total").asLong()).isEqualTo(5);
        assertThat(page.body().path("meta").path("page").asLong()).isEqualTo(2);
        assertThat(page.body().path("meta").path("limit").asLong()).isEqualTo(2);
        assertThat(page.body().path("meta").path("hasMore").asBoolean()).isTrue();
        ApiClient.Response last = org.api().get("/api/inventory?page=3&limit=2");
        assertThat(data(last)).hasSize(1);
        assertThat(last.body().path("meta").path("hasMore").asBoolean()).isFalse();

        ApiClient.Response movements = org.api().get("/api/inventory/movements?limit=2");
        assertThat(data(movements)).hasSize(2);
        assertThat(data(movements).get(0).path("quantity").asLong()).isEqualTo(5);
        assertThat(movements.body().path("meta").path("hasMore").asBoolean()).isTrue();
        ApiClient.Response rest = org.api().get("/api/inventory/movements?limit=2&page=3");
        assertThat(data(rest)).hasSize(1);
        assertThat(data(rest).get(0).path("quantity").asLong()).isEqualTo(1);
        assertThat(rest.body().path("meta").path("total").asLong()).isEqualTo(5);
        assertThat(rest.body().path("meta").path("hasMore").asBoolean()).isFalse();
    }

    @Test
    void movementHistoryFiltersByTypeWarehouseAndDates() {
        TestOrg org = newOrg();
        String product = product(org, "1", "One", "ONE");
        String main = warehouse(org, "main", "Main");
        String second = warehouse(org, "second", "Second");
        move(org, movement(product, main, "in", 10));
        move(org, movement(product, main, "out", 2));
        move(org, movement(product, main, "adjustment", -1));
        move(org, with(movement(product, main, "transfer", 3), "to_warehouse_id", second));
        reserve(org, product, main, 1);

        assertThat(data(org.api().get("/api/inventory/movements"))).hasSize(5);
        assertThat(data(org.api().get("/api/inventory/movements?movement_type=in"))).hasSize(1);
        JsonNode out = data(org.api().get("/api/inventory/movements?movement_type=out")).get(0);
        assertThat(out.path("quantity").asLong()).isEqualTo(2);
        assertThat(out.path("balance_before").asLong()).isEqualTo(10);
        assertThat(out.path("balance_after").asLong()).isEqualTo(8);
        JsonNode transfers = data(org.api().get("/api/inventory/movements?movement_type=transfer"));
        assertThat(transfers).hasSize(2);
        Map<String, Long> transferBySide = new HashMap<>();
        transfers.forEach(entry -> transferBySide.put(entry.path("warehouse").path("id").asString(), entry.path("quantity").asLong()));
        assertThat(transferBySide).containsEntry(main, -3L).containsEntry(second, 3L);
        assertThat(data(org.api().get("/api/inventory/movements?warehouse_id=" + second))).hasSize(1);
        assertThat(data(org.api().get("/api/inventory/movements?product_id=" + UUID.randomUUID()))).isEmpty();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(data(org.api().get("/api/inventory/movements?start_date=" + today + "&end_date=" + today))).hasSize(5);
        assertThat(data(org.api().get("/api/inventory/movements?start_date=" + today.plusDays(1)))).isEmpty();
        assertThat(data(org.api().get("/api/inventory/movements?end_date=" + today.minusDays(1)))).isEmpty();
        String now = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).toString();
        String hourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
        assertThat(data(org.api().get("/api/inventory/movements?start_date=" + hourAgo + "&end_date=" + now))).hasSize(5);
        assertThat(data(org.api().get("/api/inventory/movements?start_date=" + now))).isEmpty();
    }

    @Test
    void movementTotalsOverSeveralDaysAgreeWithTheMovementsListed() {
        TestOrg org = newOrg();
        String product = product(org, "1", "One", "ONE");
        String other = product(org, "2", "Two", "TWO");
        String main = warehouse(org, "main", "Main");
        String second = warehouse(org, "second", "Second");
        // Three UTC days: the totals add the whole days from the per-day counts and the parts of a
        // day at either end of a range from the ledger.
        Instant now = CLOCK.instant();
        LocalDate day1 = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
        try {
            CLOCK.advance(Duration.between(now, day1.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(1))));
            move(org, movement(product, main, "in", 10));
            move(org, movement(product, main, "out", 2));
            CLOCK.advance(Duration.ofHours(12));
            move(org, movement(other, second, "in", 5));
            move(org, movement(product, main, "adjustment", -1));
            reserve(org, product, main, 1);
            CLOCK.advance(Duration.ofHours(12));
            move(org, movement(product, main, "in", 3));
            move(org, with(movement(product, main, "transfer", 2), "to_warehouse_id", second));
            CLOCK.advance(Duration.ofHours(12));
            move(org, movement(other, second, "out", 1));
            CLOCK.advance(Duration.ofHours(12));
            move(org, movement(product, main, "in", 4));

            LocalDate day2 = day1.plusDays(1);
            LocalDate day3 = day1.plusDays(2);
            Map<String, Long> expected = new LinkedHashMap<>();
            expected.put("", 9L);
            expected.put("start_date=" + day2 + "&end_date=" + day2, 4L);
            expected.put("start_date=" + day1 + "T12:00:00Z&end_date=" + day3 + "T00:30:00Z", 6L);
            expected.put("start_date=" + day1 + "T00:30:00Z&end_date=" + day1 + "T12:00:00Z", 2L);
            expected.put("start_date=" + day2 + "T00:00:00Z", 5L);
            expected.put("end_date=" + day2 + "T12:00:00Z", 7L);
            expected.put("start_date=" + day1 + "T12:59:00Z&end_date=" + day2 + "T14:00:00Z", 6L);
            expected.put("movement_type=in&warehouse_id=" + main + "&start_date=" + day1 + "T12:00:00Z", 2L);
            expected.put("movement_type=transfer", 2L);
            expected.put("warehouse_id=" + second + "&end_date=" + day3, 3L);
            assertListsAndTotals(org, expected);
        } finally {
            CLOCK.reset();
        }
        assertVerifyClean(org);

        jdbc.sql("update movement_day_counts set on_hand_movements = on_hand_movements + 1 where org_id = :orgId")
                .param("orgId", org.orgId()).update();
        assertThat(verifier.verify(org.orgId())).filteredOn(mismatch -> mismatch.check().equals("movement-day-counts"))
                .isNotEmpty();
        assertThat(data(org.api().get("/api/inventory/movements?limit=100"))).hasSize(9);
        jdbc.sql("update movement_day_counts set on_hand_movements = on_hand_movements - 1 where org_id = :orgId")
                .param("orgId", org.orgId()).update();
        assertVerifyClean(org);
    }

    @Test
    void aProductsMovementTotalIsTheCountItsLevelsKeep() {
        TestOrg org = newOrg();
        String product = product(org, "1", "One", "ONE");
        String other = product(org, "2", "Two", "TWO");
        String main = warehouse(org, "main", "Main");
        String second = warehouse(org, "second", "Second");
        move(org, movement(product, main, "in", 10));
        move(org, movement(product, main, "out", 2));
        move(org, with(movement(product, main, "transfer", 3), "to_warehouse_id", second));
        move(org, movement(product, second, "adjustment", -1));
        move(org, movement(other, main, "in", 5));
        reserve(org, product, main, 1); // a reservation moves no on-hand: not listed, not counted

        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("product_id=" + product, 5L);
        expected.put("product_id=" + product + "&warehouse_id=" + main, 3L);
        expected.put("product_id=" + product + "&warehouse_id=" + second, 2L);
        expected.put("product_id=" + other + "&warehouse_id=" + second, 0L);
        expected.put("product_id=" + product + "&movement_type=transfer", 2L);
        expected.put("product_id=" + product + "&start_date=" + CLOCK.instant().minus(Duration.ofHours(1)), 5L);
        assertListsAndTotals(org, expected);
        assertVerifyClean(org);

        // The total without a type or dates is the levels' count, which verify checks against the ledger.
        String corrupt = "update stock_levels set on_hand_movements = on_hand_movements + :by where org_id = :orgId and product_id = :productId";
        jdbc.sql(corrupt).param("by", 1).param("orgId", org.orgId()).param("productId", UUID.fromString(product)).update();
        assertThat(org.api().get("/api/inventory/movements?product_id=" + product).body().path("meta").path("total").asLong())
                .isEqualTo(7);
        assertThat(org.api().get("/api/inventory/movements?product_id=" + product + "&movement_type=in").body()
                .path("meta").path("total").asLong()).isEqualTo(1);
        assertThat(verifier.verify(org.orgId())).filteredOn(mismatch -> mismatch.check().equals("ledger-count"))
                .extracting(mismatch -> mismatch.field()).containsExactly("on_hand_movements", "on_hand_movements");
        jdbc.sql(corrupt).param("by", -1).param("orgId", org.orgId()).param("productId", UUID.fromString(product)).update();
        assertVerifyClean(org);
    }

    /** Each movement list filter (query string) lists exactly its expected count of movements and says so in meta.total. */
    private void assertListsAndTotals(TestOrg org, Map<String, Long> expected) {
        expected.forEach((filter, count) -> {
            ApiClient.Response listed = org.api().get("/api/inventory/movements?limit=100&" + filter);
            assertThat(listed.status()).as(filter + " " + listed).isEqualTo(200);
            assertThat(data(listed)).as(filter).hasSize(count.intValue());
            assertThat(listed.body().path("meta").path("total").asLong()).as(filter).isEqualTo(count);
        });
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void badMovementsAreRefusedWithTheirCodeAndWriteNothing() {
        TestOrg org = newOrg();
        TestOrg stranger = newOrg();
        String product = product(org, "1", "One", "ONE");
        String main = warehouse(org, "main", "Main");
        String second = warehouse(org, "second", "Second");
        String foreignWarehouse = warehouse(stranger, "main", "Theirs");
        move(org, with(movement(product, main, "in", 5), "cost_per_unit", 2));
        long movementsBefore = movementCount(org);
        long levelsBefore = levelCount(org);
        Map<String, Object> in = movement(product, main, "in", 1);
        record Case(Object body, int status, String code) {
        }
        List<Case> cases = List.of(
                new Case(with(in, "movement_type", "teleport"), 400, "invalid_field"),
                new Case(with(in, "movement_type", null), 400, "missing_field"),
                new Case(with(in, "quantity", null), 400, "missing_field"),
                new Case(with(in, "quantity", 0), 400, "invalid_field"),
                new Case(with(in, "quantity", -3), 400, "invalid_field"),
                new Case(movement(product, main, "out", -1), 400, "invalid_field"),
                new Case(movement(product, main, "adjustment", 0), 400, "invalid_field"),
                new Case(movement(product, second, "transfer", -1), 400, "invalid_field"),
                new Case(with(in, "quantity", "5"), 400, "invalid_field"),
                new Case(with(in, "quantity", 0.0001), 400, "invalid_field"),
                new Case(with(in, "quantity", 1e15), 400, "invalid_field"),
                new Case(with(in, "product_id", "prod_123"), 400, "invalid_field"),
                new Case(with(in, "product_id", null), 400, "missing_field"),
                new Case(with(in, "product_id", UUID.randomUUID().toString()), 404, "unknown_product"),
                new Case(with(in, "warehouse_id", UUID.randomUUID().toString()), 404, "unknown_warehouse"),
                new Case(with(in, "warehouse_id", foreignWarehouse), 404, "unknown_warehouse"),
                new Case(with(in, "warehouse_id", "wh_789"), 400, "invalid_field"),
                new Case(movement(product, main, "transfer", 1), 400, "missing_field"),
                new Case(with(movement(product, main, "transfer", 1), "to_warehouse_id", main), 400, "invalid_field"),
                new Case(with(movement(product, main, "transfer", 1), "to_warehouse_id", foreignWarehouse), 404, "unknown_warehouse"),
                new Case(with(in, "to_warehouse_id", second), 400, "invalid_field"),
                new Case(with(in, "cost_per_unit", -1), 400, "invalid_field"),
                new Case(with(in, "cost_per_unit", 1.00001), 400, "invalid_field"),
                new Case(with(in, "notes", "x".repeat(501)), 400, "invalid_field"),
                new Case(with(in, "reference_type", "x".repeat(65)), 400, "invalid_field"),
                new Case(with(in, "reference_id", "x".repeat(129)), 400, "invalid_field"),
                new Case(movement(product, main, "out", 6), 409, "insufficient_stock"),
                new Case(movement(product, main, "adjustment", -6), 409, "insufficient_stock"),
                new Case(with(movement(product, main, "transfer", 6), "to_warehouse_id", second), 409, "insufficient_stock"),
                new Case(movement(product, second, "out", 1), 409, "insufficient_stock"),
                new Case("{\"product_id\": ", 400, "malformed_json"),
                new Case("[1]", 400, "invalid_field"));
        for (Case bad : cases) {
            assertProblem(org.api().post("/api/inventory/movements", bad.body()), bad.status(), bad.code());
        }
        ApiClient.Response refused = org.api().post("/api/inventory/movements", movement(product, main, "out", 6));
        assertThat(refused.body().path("available").asLong()).isEqualTo(5);
        assertThat(movementCount(org)).isEqualTo(movementsBefore);
        assertThat(levelCount(org)).isEqualTo(levelsBefore);
        assertThat(recordOf(org, product, main).path("quantity_on_hand").asLong()).isEqualTo(5);
        assertThat(unitCost(org, product)).isEqualByComparingTo("2");
        assertThat(data(stranger.api().get("/api/inventory"))).isEmpty();
        assertVerifyClean(org);
    }

    @Test
    void anOutBlockedByReservedStockSaysThatReservedStockBlocksIt() {
        TestOrg org = newOrg();
        String product = product(org, "2", "P2", "P-2");
        String main = warehouse(org, "main", "Main");
        move(org, movement(product, main, "in", 10));
        reserve(org, product, main, 5);

        ApiClient.Response reserved = org.api().post("/api/inventory/movements", movement(product, main, "out", 6));
        assertProblem(reserved, 409, "insufficient_stock");
        assertThat(reserved.body().path("detail").asString()).isEqualTo("only 5 available: 5 of 10 on hand are reserved");
        ApiClient.Response belowZero = org.api().post("/api/inventory/movements", movement(product, main, "out", 11));
        assertProblem(belowZero, 409, "insufficient_stock");
        assertThat(belowZero.body().path("detail").asString()).startsWith("stock cannot go below zero");
        assertThat(recordOf(org, product, main).path("quantity_on_hand").asLong()).isEqualTo(10);
        assertVerifyClean(org);
    }

    @Test
    void aMovementQuantityOutOfItsRangeIsRefusedNamingTheRangeOfItsType() {
        TestOrg org = newOrg();
        String product = product(org, "1", "One", "ONE");
        String main = warehouse(org, "main", "Main");
        for (String type : List.of("in", "out", "transfer")) {
            for (long quantity : List.of(0L, -1L, 10_000_000_000_000L)) {
                ApiClient.Response refused = org.api().post("/api/inventory/movements", movement(product, main, type, quantity));
                assertProblem(refused, 400, "invalid_field");
                assertThat(refused.body().path("detail").asString()).as(type + " " + quantity)
                        .isEqualTo("quantity must be greater than zero and at most 1000000000000");
            }
        }
        ApiClient.Response adjustment = org.api().post("/api/inventory/movements", movement(product, main, "adjustment", 10_000_000_000_000L));
        assertThat(adjustment.body().path("detail").asString()).isEqualTo("quantity must be between -1000000000000 and 1000000000000");
        data(org.api().get("/api/inventory?product_id=" + product))
                .forEach(record -> assertThat(record.path("quantity_on_hand").asLong()).isZero());
    }

    @Test
    void movementDatesAcceptALocalDateTimeAsUtc() {
        TestOrg org = newOrg();
        String product = product(org, "1", "One", "ONE");
        String main = warehouse(org, "main", "Main");
        move(org, movement(product, main, "in", 10));
        java.time.LocalDateTime now = java.time.LocalDateTime.ofInstant(CLOCK.instant(), ZoneOffset.UTC)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        for (String query : List.of("start_date=" + now.minusHours(1), "end_date=" + now.plusHours(1),
                "start_date=" + now.minusMinutes(1) + "&end_date=" + now.plusMinutes(1) + ":30")) {
            ApiClient.Response listed = org.api().get("/api/inventory/movements?" + query);
            assertThat(listed.status()).as(query + " " + listed).isEqualTo(200);
            assertThat(data(listed)).as(query).hasSize(1);
        }
        assertThat(data(org.api().get("/api/inventory/movements?start_date=" + now.plusHours(1)))).isEmpty();
        assertThat(data(org.api().get("/api/inventory/movements?end_date=" + now.minusHours(1)))).isEmpty();
        assertProblem(org.api().get("/api/inventory/movements?start_date=2026-12-01T25:00:00"), 400, "invalid_parameter");
    }

    @Test
    void badQueryParametersAreRefusedWithInvalidParameter() {
        TestOrg org = newOrg();
        for (String query : List.of(
                "/api/inventory?warehouse_id=wh_789", "/api/inventory?product_id=prod_123", "/api/inventory?low_stock=maybe",
                "/api/inventory?out_of_stock=2x", "/api/inventory?limit=0", "/api/inventory?limit=501", "/api/inventory?page=0",
                "/api/inventory?page=abc",
                "/api/inventory/movements?movement_type=teleport", "/api/inventory/movements?start_date=yesterday",
                "/api/inventory/movements?end_date=2024-13-01", "/api/inventory/movements?start_date=2024-02-01&end_date=2024-01-01",
                "/api/inventory/movements?limit=101", "/api/inventory/movements?page=-1", "/api/inventory/movements?warehouse_id=x",
                "/api/inventory/analytics?period=2w", "/api/inventory/analytics?period=", "/api/inventory/analytics?warehouse_id=x")) {
            assertProblem(org.api().get(query), 400, "invalid_parameter");
        }
    }

    @Test
    void physicalCountReportsEachBadLineAndAppliesTheGoodOnes() {
        TestOrg org = newOrg();
        String widget = product(org, "1", "Widget", "W-1");
        String gadget = product(org, "2", "Gadget", "G-1");
        String main = warehouse(org, "main", "Main");
        move(org, movement(widget, main, "in", 10));
        move(org, movement(gadget, main, "in", 10));
        reserve(org, gadget, main, 4);
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(Map.of("product_id", widget, "warehouse_id", main, "actual_quantity", 7, "reason", "count"));
        lines.add(Map.of("product_id", UUID.randomUUID().toString(), "warehouse_id", main, "actual_quantity", 1));
        lines.add(Map.of("product_id", "prod_1", "warehouse_id", main, "actual_quantity", 1));
        lines.add(Map.of("product_id", widget, "warehouse_id", UUID.randomUUID().toString(), "actual_quantity", 1));
        lines.add(Map.of("product_id", gadget, "warehouse_id", main, "actual_quantity", -1));
        lines.add(Map.of("product_id", gadget, "warehouse_id", main));
        lines.add(Map.of("product_id", widget, "warehouse_id", main, "actual_quantity", 3));
        lines.add(Map.of("product_id", gadget, "warehouse_id", main, "actual_quantity", 2));
        ApiClient.Response response = org.api().post("/api/inventory/adjustments", Map.of("adjustments", lines));
        JsonNode report = data(response);
        assertThat(report.path("adjustments_processed").asLong()).isEqualTo(1);
        assertThat(report.path("total_adjustments").asLong()).isEqualTo(8);
        assertThat(report.path("adjustments").get(0).path("index").asLong()).isZero();
        assertThat(report.path("adjustments").get(0).path("adjustment").asLong()).isEqualTo(-3);
        Map<Long, String> failures = new LinkedHashMap<>();
        report.path("failures").forEach(failure -> failures.put(failure.path("index").asLong(), failure.path("code").asString()));
        assertThat(failures).containsExactly(
                Map.entry(1L, "unknown_product"), Map.entry(2L, "invalid_field"), Map.entry(3L, "unknown_warehouse"),
                Map.entry(4L, "invalid_field"), Map.entry(5L, "missing_field"), Map.entry(6L, "duplicate_line"),
                Map.entry(7L, "insufficient_stock"));
        assertThat(report.path("failures").get(0).path("message").asString()).isNotBlank();
        assertThat(report.path("failures").get(0).path("warehouse_id").asString()).isEqualTo(main);
        assertThat(recordOf(org, widget, main).path("quantity_on_hand").asLong()).isEqualTo(7);
        assertThat(recordOf(org, gadget, main).path("quantity_on_hand").asLong()).isEqualTo(10);
        assertThat(recordOf(org, gadget, main).path("last_counted").isNull()).isTrue();
        assertVerifyClean(org);
    }

    @Test
    void malformedCountRequestsAreRefusedWhole() {
        TestOrg org = newOrg();
        String widget = product(org, "1", "Widget", "W-1");
        String main = warehouse(org, "main", "Main");
        move(org, movement(widget, main, "in", 10));
        long before = movementCount(org);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("product_id", widget, "warehouse_id", main, "actual_quantity", 1));
        }
        assertProblem(org.api().post("/api/inventory/adjustments", Map.of("adjustments", tooMany)), 400, "invalid_field");
        assertProblem(org.api().post("/api/inventory/adjustments", Map.of("adjustments", List.of())), 400, "missing_field");
        assertProblem(org.api().post("/api/inventory/adjustments", Map.of()), 400, "missing_field");
        assertProblem(org.api().post("/api/inventory/adjustments", Map.of("adjustments", List.of(
                Map.of("product_id", widget, "warehouse_id", main, "actual_quantity", "1")))), 400, "invalid_field");
        assertProblem(org.api().post("/api/inventory/adjustments", "{\"adjustments\": ["), 400, "malformed_json");
        assertThat(movementCount(org)).isEqualTo(before);
        assertThat(recordOf(org, widget, main).path("last_counted").isNull()).isTrue();
    }

    @Test
    void aCountCoversEveryRoomOfTheWarehouseAndLandsOnTheSalesFloor() {
        TestOrg org = newOrg();
        String widget = product(org, "1", "Widget", "W-1");
        String main = warehouse(org, "main", "Main");
        move(org, movement(widget, main, "in", 10));
        receiveInVault(org, widget, main, 6);
        assertThat(recordOf(org, widget, main).path("quantity_on_hand").asLong()).isEqualTo(16);
        JsonNode line = data(org.api().post("/api/inventory/adjustments", Map.of("adjustments", List.of(
                Map.of("product_id", widget, "warehouse_id", main, "actual_quantity", 12))))).path("adjustments").get(0);
        assertThat(line.path("quantity_before").asLong()).isEqualTo(16);
        assertThat(line.path("quantity_after").asLong()).isEqualTo(12);
        assertThat(line.path("adjustment").asLong()).isEqualTo(-4);
        assertThat(recordOf(org, widget, main).path("quantity_on_hand").asLong()).isEqualTo(12);
        JsonNode below = data(org.api().post("/api/inventory/adjustments", Map.of("adjustments", List.of(
                Map.of("product_id", widget, "warehouse_id", main, "actual_quantity", 5)))));
        assertThat(below.path("failures").get(0).path("code").asString()).isEqualTo("count_below_other_rooms");
        assertThat(recordOf(org, widget, main).path("quantity_on_hand").asLong()).isEqualTo(12);
        assertVerifyClean(org);
    }

    @Test
    void aCountThatFindsTheStockUnchangedIsRecordedAsAMovementOfQuantityZero() {
        TestOrg org = newOrg();
        String widget = product(org, "1", "Widget", "W-1");
        String main = warehouse(org, "main", "Main");
        move(org, movement(widget, main, "in", 10));
        receiveInVault(org, widget, main, 2);
        long movementsBefore = movementCount(org);
        int listedBefore = data(org.api().get("/api/inventory/movements?product_id=" + widget)).size();

        JsonNode report = data(org.api().post("/api/inventory/adjustments", Map.of("adjustments", List.of(
                Map.of("product_id", widget, "warehouse_id", main, "actual_quantity", 12, "reason", "stocktake")))));
        assertThat(report.path("adjustments_processed").asLong()).isEqualTo(1);
        JsonNode line = report.path("adjustments").get(0);
        assertThat(line.path("id").isString()).as(line.toString()).isTrue();
        assertThat(line.path("id").asString()).matches(UUID_TEXT);
        assertThat(line.path("adjustment").asLong()).isZero();
        assertThat(line.path("quantity_before").asLong()).isEqualTo(12);
        assertThat(line.path("quantity_after").asLong()).isEqualTo(12);
        assertThat(Instant.parse(line.path("created_at").asString()))
                .isEqualTo(Instant.parse(recordOf(org, widget, main).path("last_counted").asString()));

        // One count movement on the sales floor, changing nothing; the vault's guard writes none.
        assertThat(movementCount(org)).isEqualTo(movementsBefore + 1);
        Map<String, Object> recorded = jdbc.sql("""
                select kind, room, delta_on_hand, delta_reserved, on_hand_after, reason from movements
                where org_id = :orgId and movement_id = :movementId
                """).param("orgId", org.orgId()).param("movementId", UUID.fromString(line.path("id").asString())).query().singleRow();
        assertThat(recorded.get("kind")).isEqualTo("count");
        assertThat(recorded.get("room")).isEqualTo("sales_floor");
        assertThat((BigDecimal) recorded.get("delta_on_hand")).isEqualByComparingTo("0");
        assertThat((BigDecimal) recorded.get("on_hand_after")).isEqualByComparingTo("10");
        assertThat(recorded.get("reason")).isEqualTo("stocktake");
        // The movement list shows on-hand changes only.
        assertThat(data(org.api().get("/api/inventory/movements?product_id=" + widget))).hasSize(listedBefore);
        assertVerifyClean(org);
    }

    // ------------------------------------------------------------------ unit cost, transfers

    @Test
    void receiptsMoveTheUnitCostToTheWeightedAverageOverTheOrgsStock() {
        TestOrg org = newOrg();
        String widget = product(org, "1", "Widget", "W-1");
        String main = warehouse(org, "main", "Main");
        String second = warehouse(org, "second", "Second");
        move(org, with(movement(widget, main, "in", 10), "cost_per_unit", 10));
        assertThat(unitCost(org, widget)).isEqualByComparingTo("10");
        move(org, with(movement(widget, second, "in", 30), "cost_per_unit", 20));
        assertThat(unitCost(org, widget)).isEqualByComparingTo("17.5");
        move(org, movement(widget, main, "in", 5));
        assertThat(unitCost(org, widget)).isEqualByComparingTo("17.5");
        move(org, movement(widget, second, "out", 25));
        // on hand before 20 at 17.5, plus 20 at 30: (350 + 600) / 40
        move(org, with(movement(widget, main, "in", 20), "cost_per_unit", 30));
        assertThat(unitCost(org, widget)).isEqualByComparingTo("23.75");
        move(org, with(movement(widget, main, "out", 35), "cost_per_unit", 99));
        move(org, movement(widget, second, "out", 5));
        assertThat(unitCost(org, widget)).isEqualByComparingTo("23.75");
        move(org, with(movement(widget, main, "in", 3), "cost_per_unit", 7));
        assertThat(unitCost(org, widget)).as("no stock left: the receipt's cost").isEqualByComparingTo("7");
        JsonNode overview = data(org.api().get("/api/inventory/analytics")).path("overview");
        assertThat(overview.path("total_stock_value").decimalValue()).isEqualByComparingTo("21");
    }

    @Test
    void concurrentReceiptsWithCostsAverageOneAfterTheOther() throws Exception {
        TestOrg org = newOrg();
        String widget = product(org, "1", "Widget", "W-1");
        String main = warehouse(org, "main", "Main");
        String second = warehouse(org, "second", "Second");
        int receipts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(receipts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> responses = new ArrayList<>();
        for (int i = 1; i <= receipts; i++) {
            Map<String, Object> body = with(movement(widget, i % 2 == 0 ? main : second, "in", 10), "cost_per_unit", 10 * i);
            responses.add(pool.submit(() -> {
                start.await();
                return org.api().post("/api/inventory/movements", body);
            }));
        }
        start.countDown();
        for (Future<ApiClient.Response> response : responses) {
            assertThat(response.get().status()).as(response.get().toString()).isEqualTo(201);
        }
        pool.shutdown();
        // Every receipt has the same quantity, so in any order the average is the mean cost, 45,
        // up to the rounding to 4 places of the intermediate averages; a lost update would be far off.
        assertThat(unitCost(org, widget)).isCloseTo(new BigDecimal("45"), within(new BigDecimal("0.001")));
        assertVerifyClean(org);
    }

    @Test
    void aTransferMovesBothSidesInOneCommand() {
        TestOrg org = newOrg();
        String widget = product(org, "1", "Widget", "W-1");
        String main = warehouse(org, "main", "Main");
        String second = warehouse(org, "second", "Second");
        move(org, movement(widget, main, "in", 10));
        JsonNode transfer = move(org, with(with(movement(widget, main, "transfer", 4), "to_warehouse_id", second),
                "reference_id", "tr-1"));
        assertThat(transfer.path("movement_type").asString()).isEqualTo("transfer");
        assertThat(transfer.path("quantity").asLong()).isEqualTo(4);
        assertThat(transfer.path("warehouse_id").asString()).isEqualTo(main);
        assertThat(transfer.path("balance_after").asLong()).isEqualTo(6);
        assertThat(transfer.path("to_warehouse_id").asString()).isEqualTo(second);
        assertThat(transfer.path("to_balance_after").asLong()).isEqualTo(4);
        assertThat(recordOf(org, widget, main).path("quantity_on_hand").asLong()).isEqualTo(6);
        assertThat(recordOf(org, widget, second).path("quantity_on_hand").asLong()).isEqualTo(4);
        assertVerifyClean(org);
    }

    @Test
    void aTransferUnderConcurrentShipmentsFromTheSourceNeverGoesNegativeOrHalfApplied() throws Exception {
        TestOrg org = newOrg();
        String widget = product(org, "1", "Widget", "W-1");
        String main = warehouse(org, "main", "Main");
        String second = warehouse(org, "second", "Second");
        move(org, movement(widget, main, "in", 100));
        int shippers = 12;
        int transfers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(shippers + transfers);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        List<Future<Boolean>> shipped = new ArrayList<>();
        List<Future<Boolean>> transferred = new ArrayList<>();
        for (int i = 0; i < shippers + transfers; i++) {
            boolean isTransfer = i % 4 == 0;
            Map<String, Object> body = isTransfer
                    ? with(movement(widget, main, "transfer", 15), "to_warehouse_id", second)
                    : movement(widget, main, "out", 7);
            Future<Boolean> outcome = pool.submit(() -> {
                start.await();
                ApiClient.Response response = org.api().post("/api/inventory/movements", body);
                if (response.status() == 201) {
                    return true;
                }
                if (response.status() != 409 || !response.code().equals("insufficient_stock")) {
                    unexpected.add(response.toString());
                }
                return false;
            });
            (isTransfer ? transferred : shipped).add(outcome);
        }
        start.countDown();
        long shipmentsDone = 0;
        for (Future<Boolean> outcome : shipped) {
            shipmentsDone += outcome.get() ? 1 : 0;
        }
        long transfersDone = 0;
        for (Future<Boolean> outcome : transferred) {
            transfersDone += outcome.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(unexpected).isEmpty();
        long source = recordOf(org, widget, main).path("quantity_on_hand").asLong();
        assertThat(source).isEqualTo(100 - 7 * shipmentsDone - 15 * transfersDone).isGreaterThanOrEqualTo(0);
        assertThat(recordOf(org, widget, second).path("quantity_on_hand").asLong()).isEqualTo(15 * transfersDone);
        JsonNode sides = data(org.api().get("/api/inventory/movements?movement_type=transfer&limit=100"));
        assertThat(sides).hasSize((int) (2 * transfersDone));
        assertThat(shipmentsDone + transfersDone).isPositive().as("demand exceeds stock").isLessThan(shippers + transfers);
        assertVerifyClean(org);
    }

    // ------------------------------------------------------------------ analytics against the ledger

    @Test
    void analyticsTrendsAndTopMoversAgreeWithADirectComputationOverTheMovements() {
        TestOrg org = newOrg();
        String a = product(org, "a", "Alpha", "A");
        String b = product(org, "b", "Beta", "B");
        String c = product(org, "c", "Gamma", "C");
        String main = warehouse(org, "main", "Main");
        String second = warehouse(org, "second", "Second");
        move(org, with(movement(a, main, "in", 40), "cost_per_unit", 2.5));
        move(org, movement(a, main, "out", 12));
        move(org, movement(a, main, "adjustment", 3));
        move(org, movement(a, main, "adjustment", -1));
        move(org, with(movement(a, main, "transfer", 10), "to_warehouse_id", second));
        move(org, movement(a, second, "out", 4));
        move(org, with(movement(b, second, "in", 7.5), "cost_per_unit", 4));
        move(org, movement(b, second, "adjustment", -0.5));
        move(org, movement(c, main, "in", 2));
        reserve(org, a, main, 5);
        assertThat(data(org.api().post("/api/inventory/adjustments", Map.of("adjustments", List.of(
                Map.of("product_id", a, "warehouse_id", main, "actual_quantity", 25),
                Map.of("product_id", c, "warehouse_id", main, "actual_quantity", 0))))).path("adjustments_processed").asLong())
                .isEqualTo(2);

        for (String warehouseId : new String[] {null, main, second}) {
            String query = "/api/inventory/analytics?period=90d" + (warehouseId == null ? "" : "&warehouse_id=" + warehouseId);
            JsonNode analytics = data(org.api().get(query));
            Expected expected = expectedFromMovements(org, warehouseId);
            JsonNode trends = analytics.path("trends");
            assertThat(trends.path("stock_in").decimalValue()).as(query).isEqualByComparingTo(expected.stockIn);
            assertThat(trends.path("stock_out").decimalValue()).as(query).isEqualByComparingTo(expected.stockOut);
            assertThat(trends.path("adjustments").asLong()).as(query).isEqualTo(expected.adjustments);
            assertThat(trends.path("adjustments_net").decimalValue()).as(query).isEqualByComparingTo(expected.adjustmentsNet);
            Map<String, Long> counts = new HashMap<>();
            Map<String, BigDecimal> quantities = new HashMap<>();
            analytics.path("top_movers").forEach(mover -> {
                counts.put(mover.path("product_id").asString(), mover.path("movement_count").asLong());
                quantities.put(mover.path("product_id").asString(), mover.path("total_quantity").decimalValue());
            });
            assertThat(counts).as(query).isEqualTo(expected.movementCounts);
            expected.quantities.forEach((product, quantity) ->
                    assertThat(quantities.get(product)).as(query + " " + product).isEqualByComparingTo(quantity));
            JsonNode overview = analytics.path("overview");
            assertThat(overview.path("total_stock_value").decimalValue()).as(query).isEqualByComparingTo(expected.stockValue);
            assertThat(overview.path("out_of_stock_items").asLong()).as(query).isEqualTo(expected.outOfStock);
        }
        assertVerifyClean(org);
    }

    @Test
    void trendsCountAMovementOnTheDayItHappenedInTheOrgsTimeZone() {
        TestOrg org = newOrg();
        ZoneId zone = ZoneId.of("Pacific/Auckland");
        access.updateOrgSettings(org.orgId(), true, true, BigDecimal.ZERO, zone.getId());
        String product = product(org, "1", "One", "ONE");
        String main = warehouse(org, "main", "Main");
        LevelKey level = new LevelKey(UUID.fromString(product), UUID.fromString(main), Room.SALES_FLOOR);
        // The 7-day period starts at midnight six days ago in Auckland: one shipment an hour after
        // that (the day before in UTC), one an hour before it.
        Instant periodStart = LocalDate.now(CLOCK.withZone(zone)).minusDays(6).atStartOfDay(zone).toInstant();
        apply(org, StockCommand.of(StockChange.adjust(level, MovementKind.RECEIPT, BigDecimal.TEN, BigDecimal.ZERO), "RECEIPT", "in"));
        apply(org, StockCommand.of(StockChange.adjust(level, MovementKind.SHIPMENT, BigDecimal.valueOf(-3), BigDecimal.ZERO), "SALE",
                "late POS sale").withOccurredAt(periodStart.plus(Duration.ofHours(1))));
        apply(org, StockCommand.of(StockChange.adjust(level, MovementKind.SHIPMENT, BigDecimal.valueOf(-2), BigDecimal.ZERO), "SALE",
                "later POS sale").withOccurredAt(periodStart.minus(Duration.ofHours(1))));

        JsonNode week = data(org.api().get("/api/inventory/analytics?period=7d")).path("trends");
        assertThat(week.path("stock_in").decimalValue()).isEqualByComparingTo("10");
        assertThat(week.path("stock_out").decimalValue()).isEqualByComparingTo("3");
        JsonNode month = data(org.api().get("/api/inventory/analytics?period=30d")).path("trends");
        assertThat(month.path("stock_out").decimalValue()).isEqualByComparingTo("5");
        assertThat(month.path("adjustments").asLong()).isZero();
        assertVerifyClean(org);

        jdbc.sql("update location_day_flows set on_hand_in = on_hand_in + 1 where org_id = :orgId").param("orgId", org.orgId()).update();
        assertThat(verifier.verify(org.orgId())).filteredOn(mismatch -> mismatch.check().equals("location-day-flows")).isNotEmpty();
        jdbc.sql("update location_day_flows set on_hand_in = on_hand_in - 1 where org_id = :orgId").param("orgId", org.orgId()).update();
        assertVerifyClean(org);
    }

    private void apply(TestOrg org, StockCommand command) {
        assertThat(ledger.applyCommand(org.orgId(), Actor.system("test"), command)).isInstanceOf(CommandOutcome.Applied.class);
    }

    private static final class Expected {
        BigDecimal stockIn = BigDecimal.ZERO;
        BigDecimal stockOut = BigDecimal.ZERO;
        long adjustments;
        BigDecimal adjustmentsNet = BigDecimal.ZERO;
        Map<String, Long> movementCounts = new HashMap<>();
        Map<String, BigDecimal> quantities = new HashMap<>();
        BigDecimal stockValue = BigDecimal.ZERO;
        long outOfStock;
    }

    /**
     * The README's definitions, computed straight from the movements table: stock_in / stock_out
     * the on-hand put in / taken out by movements other than adjustments, counts and syncs;
     * adjustments their number and adjustments_net their net; top movers per product.
     */
    private Expected expectedFromMovements(TestOrg org, String warehouseId) {
        record Row(String productId, String locationId, String kind, BigDecimal delta) {
        }
        List<Row> rows = jdbc.sql("select product_id, location_id, kind, delta_on_hand from movements where org_id = :orgId")
                .param("orgId", org.orgId())
                .query((rs, i) -> new Row(rs.getObject("product_id", UUID.class).toString(),
                        rs.getObject("location_id", UUID.class).toString(), rs.getString("kind"), rs.getBigDecimal("delta_on_hand")))
                .list()
                .stream()
                .filter(row -> warehouseId == null || row.locationId().equals(warehouseId))
                .toList();
        Set<String> adjustmentKinds = Set.of("adjustment", "count", "sync");
        Expected expected = new Expected();
        for (Row row : rows) {
            if (adjustmentKinds.contains(row.kind())) {
                expected.adjustments++;
                expected.adjustmentsNet = expected.adjustmentsNet.add(row.delta());
            } else {
                expected.stockIn = expected.stockIn.add(row.delta().max(BigDecimal.ZERO));
                expected.stockOut = expected.stockOut.add(row.delta().min(BigDecimal.ZERO).negate());
            }
            expected.movementCounts.merge(row.productId(), 1L, Long::sum);
            expected.quantities.merge(row.productId(), row.delta().abs(), BigDecimal::add);
        }
        String levels = """
                select l.product_id, l.location_id, sum(l.on_hand) as on_hand, max(p.unit_cost) as unit_cost
                from stock_levels l join products p on p.org_id = l.org_id and p.product_id = l.product_id
                where l.org_id = :orgId group by l.product_id, l.location_id
                """;
        jdbc.sql(levels).param("orgId", org.orgId()).query((rs, i) -> {
            if (warehouseId == null || rs.getObject("location_id", UUID.class).toString().equals(warehouseId)) {
                BigDecimal onHand = rs.getBigDecimal("on_hand");
                BigDecimal cost = rs.getBigDecimal("unit_cost");
                if (cost != null) {
                    expected.stockValue = expected.stockValue.add(onHand.multiply(cost));
                }
                if (onHand.signum() == 0) {
                    expected.outOfStock++;
                }
            }
            return i;
        }).list();
        return expected;
    }

    // ------------------------------------------------------------------ access, idempotency

    @Test
    void scopesAndOrgsAreEnforced() {
        TestOrg org = newOrg();
        String widget = product(org, "1", "Widget", "W-1");
        String main = warehouse(org, "main", "Main");
        move(org, movement(widget, main, "in", 3));
        ApiClient readOnly = org.api().withToken(tokenFor(org, Set.of(Scope.INVENTORY_READ)));
        assertThat(readOnly.get("/api/inventory").status()).isEqualTo(200);
        assertThat(readOnly.get("/api/inventory/movements").status()).isEqualTo(200);
        assertThat(readOnly.get("/api/inventory/analytics").status()).isEqualTo(200);
        assertProblem(readOnly.post("/api/inventory/movements", movement(widget, main, "out", 1)), 403, "insufficient_scope");
        assertProblem(readOnly.post("/api/inventory/adjustments", Map.of("adjustments", List.of(
                Map.of("product_id", widget, "warehouse_id", main, "actual_quantity", 0)))), 403, "insufficient_scope");
        ApiClient ordersOnly = org.api().withToken(tokenFor(org, Set.of(Scope.ORDERS_READ)));
        for (String path : List.of("/api/inventory", "/api/inventory/movements", "/api/inventory/analytics")) {
            assertProblem(ordersOnly.get(path), 403, "insufficient_scope");
        }
        assertProblem(anonymous().get("/api/inventory"), 401, "unauthorized");
        TestOrg stranger = newOrg();
        assertThat(data(stranger.api().get("/api/inventory/movements"))).isEmpty();
        assertProblem(stranger.api().post("/api/inventory/movements", movement(widget, main, "out", 1)), 404, "unknown_product");
        assertThat(recordOf(org, widget, main).path("quantity_on_hand").asLong()).isEqualTo(3);
    }

    @Test
    void theOpenApiDocumentShowsEveryWarehouseOperationWithItsExample() {
        ApiClient.Response document = anonymous().get("/openapi.json");
        assertThat(document.status()).as(document.toString()).isEqualTo(200);
        JsonNode paths = document.body().path("paths");
        assertThat(paths.path("/api/inventory").has("get")).isTrue();
        assertThat(paths.path("/api/inventory/movements").has("get")).isTrue();
        assertThat(paths.path("/api/inventory/movements").has("post")).isTrue();
        assertThat(paths.path("/api/inventory/adjustments").has("post")).isTrue();
        assertThat(paths.path("/api/inventory/analytics").has("get")).isTrue();
        assertThat(paths.path("/api/inventory/movements").path("post").toString()).contains("Received from Supplier ABC");
    }

    @Test
    void aMovementSentTwiceWithOneIdempotencyKeyIsRecordedOnce() {
        TestOrg org = newOrg();
        String widget = product(org, "1", "Widget", "W-1");
        String main = warehouse(org, "main", "Main");
        Map<String, String> key = Map.of("Idempotency-Key", "po-1");
        Map<String, Object> body = with(movement(widget, main, "in", 5), "cost_per_unit", 3);
        ApiClient.Response first = org.api().post("/api/inventory/movements", body, key);
        ApiClient.Response again = org.api().post("/api/inventory/movements", body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.raw()).isEqualTo(first.raw());
        assertThat(recordOf(org, widget, main).path("quantity_on_hand").asLong()).isEqualTo(5);
        assertThat(unitCost(org, widget)).isEqualByComparingTo("3");
    }

    @Test
    void aMovementRetriedWithItsJsonRewrittenIsRecordedOnceAndAChangedOneConflicts() {
        TestOrg org = newOrg();
        String widget = product(org, "1", "Widget", "W-1");
        String main = warehouse(org, "main", "Main");
        Map<String, String> key = Map.of("Idempotency-Key", "po-rebuilt");
        ApiClient.Response first = org.api().post("/api/inventory/movements", """
                {"product_id": "%s", "warehouse_id": "%s", "movement_type": "in", "quantity": 5, "cost_per_unit": 3.5}
                """.formatted(widget, main), key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        for (String retried : List.of(
                """
                {"cost_per_unit":3.50,"quantity":5.0,"movement_type":"in","warehouse_id":"%s","product_id":"%s"}""",
                """
                {
                    "quantity" : 0.5e1 , "cost_per_unit" : 35e-1,
                    "movement_type" : "in", "warehouse_id" : "%s", "product_id" : "%s"
                }""")) {
            ApiClient.Response again = org.api().post("/api/inventory/movements", retried.formatted(main, widget), key);
            assertThat(again.status()).as(retried + " -> " + again).isEqualTo(201);
            assertThat(again.header("Idempotent-Replayed")).as(retried).isEqualTo("true");
            assertThat(again.raw()).as(retried).isEqualTo(first.raw());
        }
        assertProblem(org.api().post("/api/inventory/movements", """
                {"cost_per_unit":3.5,"quantity":6,"movement_type":"in","warehouse_id":"%s","product_id":"%s"}"""
                .formatted(main, widget), key), 422, "idempotency_conflict");
        assertThat(recordOf(org, widget, main).path("quantity_on_hand").asLong()).isEqualTo(5);
        assertThat(unitCost(org, widget)).isEqualByComparingTo("3.5");
    }
}
