package org.stockledger.api.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.stockledger.access.Org;
import org.stockledger.access.Scope;
import org.stockledger.cli.StockledgerCli;
import org.stockledger.support.IntegrationEvent;
import org.stockledger.testing.ApiClient;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.TestOrg;
import tools.jackson.databind.JsonNode;

/** The orders API (seed 004), spoken as the seed page shows it, and the stock its orders hold. */
abstract class OrdersApiTests extends ApiTestBase {

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    ApplicationEventMulticaster multicaster;

    /** The seed's upsert request, field by field. */
    static Map<String, Object> seedUpsert() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shop_id", "shop1");
        body.put("external_id", "POS-ORDER-123");
        body.put("order_number", "optional-existing-number");
        body.put("order_datetime", "2026-06-05T12:00:00Z");
        body.put("customer_name", "Max Mustermann");
        body.put("customer_email", "max@example.com");
        body.put("address_street", "Musterstr. 1");
        body.put("address_city", "Berlin");
        body.put("address_postal_code", "10115");
        body.put("address_phone", "+49123456789");
        body.put("total_amount", new BigDecimal("42.99"));
        body.put("payment_status", "paid");
        body.put("payment_reference", "TX-123");
        body.put("shipping_option", "Abholung");
        body.put("shipped", false);
        body.put("picked_up", false);
        body.put("cash_on_pickup", true);
        body.put("items", List.of(item("12345", "Cannabis flos 27/1", 5, new BigDecimal("8.59"))));
        return body;
    }

    static Map<String, Object> item(String p1Id, String name, Object qty, BigDecimal price) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name);
        item.put("qty", qty);
        item.put("price", price);
        if (p1Id != null) {
            item.put("p1_id", p1Id);
        }
        return item;
    }

    static Map<String, Object> order(String externalId, String shopId, List<Map<String, Object>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shop_id", shopId);
        body.put("external_id", externalId);
        body.put("items", items);
        return body;
    }

    private JsonNode stock(TestOrg org, String p1Id) {
        for (JsonNode row : data(org.api().get(org.v2("/inventory?limit=1000")))) {
            if (row.path("p1_id").asString().equals(p1Id)) {
                return row;
            }
        }
        throw new AssertionError("no inventory row for " + p1Id);
    }

    private void assertStock(TestOrg org, String p1Id, long onHand, long reserved) {
        JsonNode row = stock(org, p1Id);
        assertThat(row.path("stockquantity").asLong()).as("on hand of " + p1Id).isEqualTo(onHand);
        assertThat(row.path("reserved").asLong()).as("reserved of " + p1Id).isEqualTo(reserved);
        assertThat(row.path("available").asLong()).as("available of " + p1Id).isEqualTo(onHand - reserved);
    }

    private String create(TestOrg org, Map<String, Object> body) {
        ApiClient.Response created = org.api().post(org.v2("/orders"), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body().path("id").asString();
    }

    private ApiClient.Response patchStatus(TestOrg org, String orderId, Map<String, Object> body) {
        return org.api().patch(org.v2("/orders/" + orderId + "/status"), body);
    }

    private void moveTo(TestOrg org, String orderId, String status) {
        ApiClient.Response moved = patchStatus(org, orderId, Map.of("status", status));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- seed examples

    @Test
    void seedUpsertCreatesTheOrderAndGetShowsTheSeedShapeFieldByField() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);

        ApiClient.Response created = org.api().post(org.v2("/orders"), seedUpsert());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String orderId = created.body().path("id").asString();
        assertThat(orderId).matches("ORD_\\d{8}_[a-z0-9]{6}");

        ApiClient.Response fetched = org.api().get(org.v2("/orders/" + orderId));
        assertThat(fetched.status()).isEqualTo(200);
        JsonNode order = fetched.body();
        assertThat(created.body()).isEqualTo(order);
        assertThat(order.path("id").asString()).isEqualTo(orderId);
        assertThat(order.path("external_id").asString()).isEqualTo("POS-ORDER-123");
        assertThat(order.path("status").asString()).isEqualTo("pending");
        assertThat(order.path("shop_id").asString()).isEqualTo("shop1");
        assertThat(order.path("customer_name").asString()).isEqualTo("Max Mustermann");
        assertThat(order.path("customer_email").asString()).isEqualTo("max@example.com");
        assertThat(order.path("total_amount").isNumber()).isTrue();
        assertThat(order.path("total_amount").decimalValue()).isEqualByComparingTo("42.99");
        assertThat(order.path("payment_status").asString()).isEqualTo("paid");
        assertThat(order.path("payment_reference").asString()).isEqualTo("TX-123");
        assertThat(order.path("shipped").isBoolean()).isTrue();
        assertThat(order.path("shipped").asBoolean()).isFalse();
        assertThat(order.path("picked_up").isBoolean()).isTrue();
        assertThat(order.path("picked_up").asBoolean()).isFalse();
        assertThat(order.path("cash_on_pickup").isBoolean()).isTrue();
        assertThat(order.path("cash_on_pickup").asBoolean()).isTrue();
        JsonNode address = order.path("shipping_address");
        assertThat(address.path("street").asString()).isEqualTo("Musterstr. 1");
        assertThat(address.path("city").asString()).isEqualTo("Berlin");
        assertThat(address.path("postal_code").asString()).isEqualTo("10115");
        assertThat(address.path("phone").asString()).isEqualTo("+49123456789");
        assertThat(order.path("items")).hasSize(1);
        JsonNode line = order.path("items").get(0);
        assertThat(line.path("p1_id").isString()).isTrue();
        assertThat(line.path("p1_id").asString()).isEqualTo("12345");
        assertThat(line.path("name").asString()).isEqualTo("Cannabis flos 27/1");
        assertThat(line.path("quantity").isIntegralNumber()).isTrue();
        assertThat(line.path("quantity").asLong()).isEqualTo(5);
        assertThat(line.path("price").decimalValue()).isEqualByComparingTo("8.59");
        assertThat(line.path("reserved_qty").isIntegralNumber()).isTrue();
        assertThat(line.path("reserved_qty").asLong()).isEqualTo(5);
        assertThat(line.path("short_qty").asLong()).isZero();
        assertThat(line.path("fulfilled_qty").asLong()).isZero();
        assertThat(line.path("stock_tracked").asBoolean()).isTrue();
        assertThat(order.path("fully_reserved").asBoolean()).isTrue();
        assertThat(order.path("order_number").asString()).isEqualTo("optional-existing-number");
        assertThat(order.path("order_datetime").asString()).isEqualTo("2026-06-05T12:00:00Z");
        assertThat(order.path("shipping_option").asString()).isEqualTo("Abholung");
        assertThat(order.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(order.path("updated_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

        assertStock(org, "12345", 20, 5);
        JsonNode log = data(org.api().get(org.v2("/inventory/12345/log")));
        JsonNode reservation = log.get(0);
        assertThat(reservation.path("kind").asString()).isEqualTo("reservation");
        assertThat(reservation.path("delta_reserved").asLong()).isEqualTo(5);
        assertThat(reservation.path("reference_type").asString()).isEqualTo("order");
        assertThat(reservation.path("reference_id").asString()).isEqualTo(orderId);
        assertThat(reservation.path("shop_id").asString()).isEqualTo("shop1");
        assertVerifyClean(org);
    }

    @Test
    void seedListShowsTheSummaryShapeWithPagination() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        String orderId = create(org, seedUpsert());
        moveTo(org, orderId, "awaiting_packing");

        ApiClient.Response listed = org.api().get(org.v2("/orders?limit=50&offset=0&status=awaiting_packing&shop_id=shop1"));
        assertThat(listed.status()).isEqualTo(200);
        JsonNode data = data(listed);
        assertThat(data).hasSize(1);
        JsonNode row = data.get(0);
        assertThat(row.path("id").asString()).isEqualTo(orderId);
        assertThat(row.path("external_id").asString()).isEqualTo("POS-ORDER-123");
        assertThat(row.path("status").asString()).isEqualTo("awaiting_packing");
        assertThat(row.path("shop_id").asString()).isEqualTo("shop1");
        assertThat(row.path("customer_name").asString()).isEqualTo("Max Mustermann");
        assertThat(row.path("total_amount").decimalValue()).isEqualByComparingTo("42.99");
        assertThat(row.path("payment_status").asString()).isEqualTo("paid");
        assertThat(row.path("created_at").asString()).endsWith("Z");
        assertThat(row.path("updated_at").asString()).endsWith("Z");
        JsonNode pagination = listed.body().path("pagination");
        assertThat(pagination.path("limit").asInt()).isEqualTo(50);
        assertThat(pagination.path("offset").asInt()).isZero();
        assertThat(pagination.path("total").isIntegralNumber()).isTrue();
        assertThat(pagination.path("total").asLong()).isEqualTo(1);
    }

    @Test
    void seedStatusPatchAnswersTheSeedShapeAndRecordsTheEvent() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        String orderId = create(org, seedUpsert());
        List<IntegrationEvent> events = new CopyOnWriteArrayList<>();
        ApplicationListener<PayloadApplicationEvent<IntegrationEvent>> listener = event -> {
            if (event.getPayload().orgId().equals(org.orgId())) {
                events.add(event.getPayload());
            }
        };
        multicaster.addApplicationListener(listener);
        try {
            ApiClient.Response patched = patchStatus(org, orderId,
                    Map.of("status", "ready_pickup", "payment_status", "paid", "shipped", true, "picked_up", false));
            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            assertThat(patched.body().path("order_id").asString()).isEqualTo(orderId);
            assertThat(patched.body().path("status").asString()).isEqualTo("ready_pickup");
            assertThat(patched.body().path("updated_at").asString()).endsWith("Z");
            assertThat(patched.body().size()).isEqualTo(3);
        } finally {
            multicaster.removeApplicationListener(listener);
        }
        JsonNode order = org.api().get(org.v2("/orders/" + orderId)).body();
        assertThat(order.path("status").asString()).isEqualTo("ready_pickup");
        assertThat(order.path("shipped").asBoolean()).isTrue();
        assertThat(order.path("picked_up").asBoolean()).isFalse();
        assertStock(org, "12345", 20, 5);

        assertThat(events).hasSize(1);
        IntegrationEvent event = events.getFirst();
        assertThat(event.type()).isEqualTo("order_status_updated");
        assertThat(event.orderingKey()).isEqualTo(orderId);
        assertThat(event.payload()).containsEntry("order_id", orderId).containsEntry("external_id", "POS-ORDER-123")
                .containsEntry("shop_id", "shop1").containsEntry("status", "ready_pickup")
                .containsEntry("previous_status", "pending").containsEntry("payment_status", "paid")
                .containsEntry("shipped", true).containsEntry("picked_up", false)
                .containsEntry("updated_at", order.path("updated_at").asString());
    }

    // ---------------------------------------------------------------- upsert and stock

    @Test
    void upsertOfTheSameExternalIdAndShopUpdatesWith200AndMovesTheReservationByTheDifference() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        addProduct(org, "777", 20);
        String orderId = create(org, seedUpsert());

        Map<String, Object> changed = seedUpsert();
        changed.put("customer_name", "Erika Mustermann");
        changed.put("items", List.of(item("12345", "Cannabis flos 27/1", 3, new BigDecimal("8.59")),
                item("777", "Vape", 2, null)));
        ApiClient.Response updated = org.api().post(org.v2("/orders"), changed);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.body().path("id").asString()).isEqualTo(orderId);
        assertThat(updated.body().path("customer_name").asString()).isEqualTo("Erika Mustermann");
        assertThat(updated.body().path("items")).hasSize(2);
        assertThat(updated.body().path("items").get(0).path("reserved_qty").asLong()).isEqualTo(3);
        assertStock(org, "12345", 20, 3);
        assertStock(org, "777", 20, 2);

        Map<String, Object> otherShop = seedUpsert();
        otherShop.put("shop_id", "shop2");
        String otherId = create(org, otherShop);
        assertThat(otherId).isNotEqualTo(orderId);
        assertStock(org, "12345", 20, 8);
        assertThat(org.api().get(org.v2("/orders")).body().path("pagination").path("total").asLong()).isEqualTo(2);
        assertVerifyClean(org);
    }

    @Test
    void aShortOrderIsStoredShowsItsShortageAndCannotBeFulfilledUntilStockArrives() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 2);
        String orderId = create(org, seedUpsert());
        JsonNode order = org.api().get(org.v2("/orders/" + orderId)).body();
        assertThat(order.path("fully_reserved").asBoolean()).isFalse();
        assertThat(order.path("items").get(0).path("reserved_qty").asLong()).isEqualTo(2);
        assertThat(order.path("items").get(0).path("short_qty").asLong()).isEqualTo(3);
        assertStock(org, "12345", 2, 2);

        ApiClient.Response refused = patchStatus(org, orderId, Map.of("status", "shipped", "shipped", true));
        assertProblem(refused, 409, "order_not_fully_reserved");
        JsonNode shortItem = refused.body().path("short_items").get(0);
        assertThat(shortItem.path("p1_id").asString()).isEqualTo("12345");
        assertThat(shortItem.path("short_qty").asLong()).isEqualTo(3);
        assertThat(shortItem.path("line").asInt()).isEqualTo(1);
        JsonNode unchanged = org.api().get(org.v2("/orders/" + orderId)).body();
        assertThat(unchanged.path("status").asString()).isEqualTo("pending");
        assertThat(unchanged.path("shipped").asBoolean()).isFalse();
        assertThat(unchanged.path("updated_at")).isEqualTo(order.path("updated_at"));
        assertStock(org, "12345", 2, 2);

        org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", "12345", "delta_on_hand", 4, "reason", "delivery"));
        moveTo(org, orderId, "shipped");
        JsonNode shipped = org.api().get(org.v2("/orders/" + orderId)).body();
        assertThat(shipped.path("status").asString()).isEqualTo("shipped");
        assertThat(shipped.path("items").get(0).path("reserved_qty").asLong()).isZero();
        assertThat(shipped.path("items").get(0).path("fulfilled_qty").asLong()).isEqualTo(5);
        assertThat(shipped.path("fully_reserved").asBoolean()).isTrue();
        assertStock(org, "12345", 1, 0);
        JsonNode sale = data(org.api().get(org.v2("/inventory/12345/log"))).get(0);
        assertThat(sale.path("kind").asString()).isEqualTo("fulfilment");
        assertThat(sale.path("reason_code").asString()).isEqualTo("SALE");
        assertThat(sale.path("delta_on_hand").asLong()).isEqualTo(-5);
        assertThat(sale.path("reference_type").asString()).isEqualTo("order");
        assertThat(sale.path("reference_id").asString()).isEqualTo(orderId);

        moveTo(org, orderId, "completed");
        assertStock(org, "12345", 1, 0);
        assertVerifyClean(org);
    }

    @Test
    void anOpenOrderTopsUpItsShortageWhenItIsTouchedAgain() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 1);
        String orderId = create(org, seedUpsert());
        org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", "12345", "delta_on_hand", 10, "reason", "delivery"));
        moveTo(org, orderId, "awaiting_packing");
        JsonNode order = org.api().get(org.v2("/orders/" + orderId)).body();
        assertThat(order.path("items").get(0).path("reserved_qty").asLong()).isEqualTo(5);
        assertThat(order.path("fully_reserved").asBoolean()).isTrue();
        assertStock(org, "12345", 11, 5);
        assertVerifyClean(org);
    }

    @Test
    void cancellingReleasesTheReservationAndACancelledOrderStaysCancelled() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        String orderId = create(org, seedUpsert());
        assertStock(org, "12345", 20, 5);
        moveTo(org, orderId, "cancelled");
        assertStock(org, "12345", 20, 0);
        JsonNode release = data(org.api().get(org.v2("/inventory/12345/log"))).get(0);
        assertThat(release.path("kind").asString()).isEqualTo("release");
        assertThat(release.path("delta_reserved").asLong()).isEqualTo(-5);
        assertThat(release.path("reference_id").asString()).isEqualTo(orderId);

        assertProblem(patchStatus(org, orderId, Map.of("status", "pending")), 409, "invalid_transition");
        Map<String, Object> sameItems = seedUpsert();
        assertThat(org.api().post(org.v2("/orders"), sameItems).status()).isEqualTo(200);
        Map<String, Object> otherItems = seedUpsert();
        otherItems.put("items", List.of(item("12345", "Cannabis flos 27/1", 1, null)));
        assertProblem(org.api().post(org.v2("/orders"), otherItems), 409, "order_closed");
        assertStock(org, "12345", 20, 0);
        assertThat(org.api().get(org.v2("/orders/" + orderId)).body().path("items").get(0).path("quantity").asLong()).isEqualTo(5);
        assertVerifyClean(org);
    }

    @Test
    void aClosedOrdersProblemKeepsStatusForTheHttpStatusAndNamesTheOrderStatusApart() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        String cancelledId = create(org, seedUpsert());
        moveTo(org, cancelledId, "cancelled");
        Map<String, Object> pickedUp = seedUpsert();
        pickedUp.put("shop_id", "shop2");
        String pickedUpId = create(org, pickedUp);
        moveTo(org, pickedUpId, "ready_pickup");
        moveTo(org, pickedUpId, "picked_up");
        Map<String, JsonNode> before = Map.of("shop1", org.api().get(org.v2("/orders/" + cancelledId)).body(),
                "shop2", org.api().get(org.v2("/orders/" + pickedUpId)).body());

        for (Map.Entry<String, String> closed : Map.of("shop1", "cancelled", "shop2", "picked_up").entrySet()) {
            Map<String, Object> body = seedUpsert();
            body.put("shop_id", closed.getKey());
            body.put("items", List.of());
            ApiClient.Response refused = org.api().post(org.v2("/orders"), body);
            assertProblem(refused, 409, "order_closed");
            assertThat(refused.raw()).as(refused.toString()).containsOnlyOnce("\"status\"");
            assertThat(refused.body().path("status").isInt()).as(refused.toString()).isTrue();
            assertThat(refused.body().path("status").asInt()).isEqualTo(409);
            assertThat(refused.body().path("order_status").asString()).isEqualTo(closed.getValue());
            assertThat(refused.body().path("field").asString()).isEqualTo("items");
        }
        assertThat(org.api().get(org.v2("/orders/" + cancelledId)).body()).isEqualTo(before.get("shop1"));
        assertThat(org.api().get(org.v2("/orders/" + pickedUpId)).body()).isEqualTo(before.get("shop2"));
        assertStock(org, "12345", 15, 0);
        assertVerifyClean(org);
    }

    @Test
    void resendingAShortOrderWithoutItemsTopsUpItsReservationWhilePutAndAStatusPatchWithoutAMoveLeaveTheStock() {
        TestOrg org = newOrg();
        addProduct(org, "300", 0);
        String orderId = create(org, order("TOPUP-1", "tu", List.of(item("300", "x", 3, null))));
        JsonNode created = org.api().get(org.v2("/orders/" + orderId)).body();
        assertThat(created.path("items").get(0).path("reserved_qty").asLong()).isZero();
        assertThat(created.path("items").get(0).path("short_qty").asLong()).isEqualTo(3);
        org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", "300", "delta_on_hand", 5, "reason", "Delivery"));

        assertThat(org.api().put(org.v2("/orders/" + orderId), Map.of("customer_name", "PUT")).status()).isEqualTo(200);
        moveTo(org, orderId, "pending");
        assertThat(patchStatus(org, orderId, Map.of("payment_status", "paid")).status()).isEqualTo(200);
        JsonNode stillShort = org.api().get(org.v2("/orders/" + orderId)).body();
        assertThat(stillShort.path("items").get(0).path("short_qty").asLong()).isEqualTo(3);
        assertStock(org, "300", 5, 0);

        ApiClient.Response resent = org.api().post(org.v2("/orders"),
                Map.of("shop_id", "tu", "external_id", "TOPUP-1", "customer_name", "Later"));
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        JsonNode line = resent.body().path("items").get(0);
        assertThat(line.path("reserved_qty").asLong()).isEqualTo(3);
        assertThat(line.path("short_qty").asLong()).isZero();
        assertThat(resent.body().path("fully_reserved").asBoolean()).isTrue();
        assertThat(resent.body().path("customer_name").asString()).isEqualTo("Later");
        assertThat(org.api().get(org.v2("/orders/" + orderId)).body()).isEqualTo(resent.body());
        assertStock(org, "300", 5, 3);
        JsonNode reservation = data(org.api().get(org.v2("/inventory/300/log"))).get(0);
        assertThat(reservation.path("kind").asString()).isEqualTo("reservation");
        assertThat(reservation.path("delta_reserved").asLong()).isEqualTo(3);
        assertThat(reservation.path("reference_type").asString()).isEqualTo("order");
        assertThat(reservation.path("reference_id").asString()).isEqualTo(orderId);
        assertVerifyClean(org);
    }

    @Test
    void aRequestThatChangesNothingKeepsTheOrdersUpdatedAt() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        String orderId = create(org, seedUpsert());
        moveTo(org, orderId, "awaiting_packing");
        JsonNode before = org.api().get(org.v2("/orders/" + orderId)).body();

        ApiClient.Response sameStatus = patchStatus(org, orderId, Map.of("status", "awaiting_packing"));
        assertThat(sameStatus.status()).as(sameStatus.toString()).isEqualTo(200);
        assertThat(sameStatus.body().path("updated_at")).isEqualTo(before.path("updated_at"));
        assertThat(patchStatus(org, orderId, Map.of("payment_status", "paid", "shipped", false)).body().path("updated_at"))
                .isEqualTo(before.path("updated_at"));
        ApiClient.Response sameUpsert = org.api().post(org.v2("/orders"), seedUpsert());
        assertThat(sameUpsert.status()).as(sameUpsert.toString()).isEqualTo(200);
        assertThat(sameUpsert.body()).isEqualTo(before);
        ApiClient.Response samePut = org.api().put(org.v2("/orders/" + orderId), Map.of("customer_name", "Max Mustermann"));
        assertThat(samePut.body()).isEqualTo(before);
        assertThat(org.api().get(org.v2("/orders/" + orderId)).body()).isEqualTo(before);
        assertThat(data(org.api().get(org.v2("/orders"))).get(0).path("updated_at")).isEqualTo(before.path("updated_at"));
        assertStock(org, "12345", 20, 5);

        ApiClient.Response changed = org.api().put(org.v2("/orders/" + orderId), Map.of("customer_name", "Erika Mustermann"));
        assertThat(changed.body().path("updated_at")).isNotEqualTo(before.path("updated_at"));

        moveTo(org, orderId, "completed");
        JsonNode completed = org.api().get(org.v2("/orders/" + orderId)).body();
        ApiClient.Response completedAgain = patchStatus(org, orderId, Map.of("status", "completed"));
        assertThat(completedAgain.status()).as(completedAgain.toString()).isEqualTo(200);
        assertThat(completedAgain.body().path("updated_at")).isEqualTo(completed.path("updated_at"));
        Map<String, Object> resent = seedUpsert();
        resent.put("customer_name", "Erika Mustermann");
        assertThat(org.api().post(org.v2("/orders"), resent).body()).isEqualTo(completed);
        assertThat(org.api().get(org.v2("/orders/" + orderId)).body()).isEqualTo(completed);
        assertStock(org, "12345", 15, 0);
        assertVerifyClean(org);
    }

    @Test
    void itemsWithAnUnknownP1IdAreStoredReserveNothingAndSayIt() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        Map<String, Object> body = seedUpsert();
        body.put("items", List.of(item("12345", "Known", 1, null), item("99999", "Unknown", 2, null), item(null, "Service fee", 1,
                new BigDecimal("2.50"))));
        String orderId = create(org, body);
        JsonNode items = org.api().get(org.v2("/orders/" + orderId)).body().path("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(1).path("p1_id").asString()).isEqualTo("99999");
        assertThat(items.get(1).path("stock_tracked").asBoolean()).isFalse();
        assertThat(items.get(1).path("reserved_qty").asLong()).isZero();
        assertThat(items.get(1).path("short_qty").asLong()).isZero();
        assertThat(items.get(2).path("p1_id").isNull()).isTrue();
        assertThat(items.get(2).path("stock_tracked").asBoolean()).isFalse();
        assertStock(org, "12345", 20, 1);
        moveTo(org, orderId, "completed");
        assertStock(org, "12345", 19, 0);
        assertVerifyClean(org);
    }

    @Test
    void anOrgWithReservationsOffKeepsOrdersOffTheStock() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        Org settings = access.requireOrg(org.orgId());
        access.updateOrgSettings(org.orgId(), false, settings.strictOrderWorkflow(), settings.defaultReorderPoint(), "UTC");
        String orderId = create(org, seedUpsert());
        JsonNode order = org.api().get(org.v2("/orders/" + orderId)).body();
        assertThat(order.path("items").get(0).path("stock_tracked").asBoolean()).isFalse();
        assertThat(order.path("fully_reserved").asBoolean()).isTrue();
        assertStock(org, "12345", 20, 0);
        moveTo(org, orderId, "ready_pickup");
        moveTo(org, orderId, "picked_up");
        assertStock(org, "12345", 20, 0);
        assertVerifyClean(org);
    }

    @Test
    void replayingAnUpsertWithTheSameIdempotencyKeyAppliesItOnce() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        Map<String, String> key = Map.of("Idempotency-Key", "order-1");
        ApiClient.Response first = org.api().post(org.v2("/orders"), seedUpsert(), key);
        ApiClient.Response replay = org.api().post(org.v2("/orders"), seedUpsert(), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body().path("id")).isEqualTo(first.body().path("id"));
        assertStock(org, "12345", 20, 5);
        assertVerifyClean(org);
    }

    @Test
    void verifyReportsAnOrderReservationThatDisagreesWithTheLedger() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        String orderId = create(org, seedUpsert());
        assertVerifyClean(org);
        jdbc.sql("update order_items set reserved_qty = reserved_qty - 1 where org_id = :orgId and order_id = :orderId")
                .param("orgId", org.orgId()).param("orderId", orderId).update();
        assertThat(verifier.verify(org.orgId())).singleElement()
                .satisfies(mismatch -> {
                    assertThat(mismatch.check()).isEqualTo("order-reservations");
                    assertThat(mismatch.field()).isEqualTo("reserved");
                    assertThat(mismatch.expected()).isEqualTo("4");
                    assertThat(mismatch.actual()).isEqualTo("5");
                });
        moveTo(org, orderId, "cancelled");
        jdbc.sql("update order_items set reserved_qty = 2 where org_id = :orgId and order_id = :orderId")
                .param("orgId", org.orgId()).param("orderId", orderId).update();
        assertThat(verifier.verify(org.orgId())).extracting(mismatch -> mismatch.subject())
                .contains("order " + orderId + " line 1");
    }

    // ---------------------------------------------------------------- workflow

    @Test
    void theStrictWorkflowRefusesIllegalMovesAndChangesNothing() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        String orderId = create(org, seedUpsert());
        moveTo(org, orderId, "awaiting_packing");
        JsonNode before = org.api().get(org.v2("/orders/" + orderId)).body();
        ApiClient.Response refused = patchStatus(org, orderId, Map.of("status", "pending", "payment_status", "refunded"));
        assertProblem(refused, 409, "invalid_transition");
        assertThat(refused.body().path("from").asString()).isEqualTo("awaiting_packing");
        assertThat(refused.body().path("to").asString()).isEqualTo("pending");
        assertThat(refused.body().path("allowed").toString()).contains("ready_pickup");
        assertThat(org.api().get(org.v2("/orders/" + orderId)).body()).isEqualTo(before);

        moveTo(org, orderId, "completed");
        assertStock(org, "12345", 15, 0);
        for (String status : List.of("pending", "cancelled", "shipped", "awaiting_packing")) {
            assertProblem(patchStatus(org, orderId, Map.of("status", status)), 409, "invalid_transition");
        }
        assertStock(org, "12345", 15, 0);
        assertVerifyClean(org);
    }

    @Test
    void aRelaxedWorkflowAllowsMovesBetweenOpenStatusesButNeverOutOfClosedOnes() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        Org settings = access.requireOrg(org.orgId());
        access.updateOrgSettings(org.orgId(), true, false, settings.defaultReorderPoint(), "UTC");
        String orderId = create(org, seedUpsert());
        moveTo(org, orderId, "awaiting_packing");
        moveTo(org, orderId, "pending");
        moveTo(org, orderId, "shipped");
        assertProblem(patchStatus(org, orderId, Map.of("status", "pending")), 409, "invalid_transition");
        assertProblem(patchStatus(org, orderId, Map.of("status", "cancelled")), 409, "invalid_transition");
        moveTo(org, orderId, "picked_up");
        moveTo(org, orderId, "completed");
        assertProblem(patchStatus(org, orderId, Map.of("status", "shipped")), 409, "invalid_transition");
        assertStock(org, "12345", 15, 0);
        assertVerifyClean(org);
    }

    @Test
    void badStatusPatchesAreRefusedAndChangeNothing() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        String orderId = create(org, seedUpsert());
        JsonNode before = org.api().get(org.v2("/orders/" + orderId)).body();
        assertProblem(patchStatus(org, orderId, Map.of()), 400, "empty_update");
        ApiClient.Response unknownStatus = patchStatus(org, orderId, Map.of("status", "lost"));
        assertProblem(unknownStatus, 400, "invalid_field");
        assertThat(unknownStatus.body().path("field").asString()).isEqualTo("status");
        assertProblem(patchStatus(org, orderId, Map.of("shipped", "yes")), 400, "invalid_field");
        assertProblem(patchStatus(org, orderId, Map.of("payment_status", "PAID!")), 400, "invalid_field");
        assertProblem(org.api().patch(org.v2("/orders/" + orderId + "/status"), "{not json"), 400, "malformed_json");
        assertProblem(patchStatus(org, "ORD_20260101_nosuch", Map.of("status", "cancelled")), 404, "unknown_order");
        assertThat(org.api().get(org.v2("/orders/" + orderId)).body()).isEqualTo(before);
        assertStock(org, "12345", 20, 5);
    }

    // ---------------------------------------------------------------- bad upserts

    @Test
    void anItemWithQuantityInsteadOfQtyIsRefusedAndNothingIsStored() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        Map<String, Object> body = seedUpsert();
        body.put("items", List.of(Map.of("p1_id", "12345", "name", "Cannabis flos", "quantity", 5, "price", 8.59)));
        ApiClient.Response refused = org.api().post(org.v2("/orders"), body);
        assertProblem(refused, 400, "invalid_field");
        assertThat(refused.body().path("field").asString()).isEqualTo("items[0].quantity");
        assertThat(refused.body().path("detail").asString()).contains("qty");
        assertNoOrders(org);
        assertStock(org, "12345", 20, 0);
    }

    @Test
    void badUpsertInputIsRefusedWithAClearProblemAndNothingIsStored() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        record Case(String field, Object value, String code) {
        }
        List<Case> cases = List.of(
                new Case("shop_id", null, "missing_field"),
                new Case("external_id", "", "missing_field"),
                new Case("external_id", 42, "invalid_field"),
                new Case("total_amount", -1, "invalid_field"),
                new Case("total_amount", "42.99", "invalid_field"),
                new Case("shipped", "false", "invalid_field"),
                new Case("order_datetime", "yesterday", "invalid_field"),
                new Case("customer_name", "x".repeat(301), "invalid_field"),
                new Case("payment_status", "Bezahlt!", "invalid_field"),
                new Case("items", List.of(item("12345", "n", 0, null)), "invalid_field"),
                new Case("items", List.of(item("12345", "n", -2, null)), "invalid_field"),
                new Case("items", List.of(item("12345", "n", new BigDecimal("0.0001"), null)), "invalid_field"),
                new Case("items", List.of(item("12345", "n", "5", null)), "invalid_field"),
                new Case("items", List.of(item("12345", "n", null, null)), "missing_field"),
                new Case("items", List.of(item(null, null, 1, null)), "missing_field"),
                new Case("items", List.of(item("bad id!", "n", 1, null)), "invalid_field"),
                new Case("items", List.of(item("12345", "n", 1, new BigDecimal("-1"))), "invalid_field"),
                new Case("items", java.util.Collections.nCopies(501, item("12345", "n", 1, null)), "invalid_field"));
        for (Case bad : cases) {
            Map<String, Object> body = seedUpsert();
            body.put(bad.field(), bad.value());
            ApiClient.Response refused = org.api().post(org.v2("/orders"), body);
            assertProblem(refused, 400, bad.code());
            assertThat(refused.body().path("field").asString()).as(refused.toString()).startsWith(bad.field());
        }
        assertProblem(org.api().post(org.v2("/orders"), "{\"shop_id\": "), 400, "malformed_json");
        assertNoOrders(org);
        assertStock(org, "12345", 20, 0);
    }

    @Test
    void anOutOfRangeQtyIsRefusedNamingTheRangeAQtyReallyHas() {
        TestOrg org = newOrg();
        addProduct(org, "200", 20);
        for (String qty : List.of("1e400", "1000000000000.001", "0", "-1")) {
            ApiClient.Response refused = org.api().post(org.v2("/orders"),
                    "{\"shop_id\":\"s\",\"external_id\":\"RANGE-1\",\"items\":[{\"qty\":" + qty + ",\"p1_id\":\"200\"}]}");
            assertProblem(refused, 400, "invalid_field");
            assertThat(refused.body().path("field").asString()).isEqualTo("items[0].qty");
            assertThat(refused.body().path("detail").asString()).as(refused.toString())
                    .isEqualTo("items[0].qty must be greater than zero and at most 1000000000000");
        }
        assertNoOrders(org);
        assertStock(org, "200", 20, 0);
    }

    private void assertNoOrders(TestOrg org) {
        assertThat(org.api().get(org.v2("/orders")).body().path("pagination").path("total").asLong()).isZero();
    }

    // ---------------------------------------------------------------- PUT

    @Test
    void putChangesOnlyTheSafeFieldsGiven() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        String orderId = create(org, seedUpsert());
        ApiClient.Response updated = org.api().put(org.v2("/orders/" + orderId), Map.of(
                "customer_email", "max.mustermann@example.com", "address_phone", "+49987654321", "shipping_option", "DHL",
                "cash_on_pickup", false));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode order = updated.body();
        assertThat(order.path("customer_email").asString()).isEqualTo("max.mustermann@example.com");
        assertThat(order.path("shipping_address").path("phone").asString()).isEqualTo("+49987654321");
        assertThat(order.path("shipping_address").path("street").asString()).isEqualTo("Musterstr. 1");
        assertThat(order.path("shipping_option").asString()).isEqualTo("DHL");
        assertThat(order.path("cash_on_pickup").asBoolean()).isFalse();
        assertThat(order.path("customer_name").asString()).isEqualTo("Max Mustermann");
        assertThat(order.path("status").asString()).isEqualTo("pending");
        assertThat(org.api().get(org.v2("/orders/" + orderId)).body()).isEqualTo(order);

        ApiClient.Response nested = org.api().put(org.v2("/orders/" + orderId),
                Map.of("shipping_address", Map.of("city", "Hamburg", "postal_code", "20095")));
        assertThat(nested.body().path("shipping_address").path("city").asString()).isEqualTo("Hamburg");
        assertThat(nested.body().path("shipping_address").path("postal_code").asString()).isEqualTo("20095");
        assertStock(org, "12345", 20, 5);
    }

    @Test
    void putOfAProtectedFieldIsRefusedNamingTheFieldAndChangesNothing() {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        String orderId = create(org, seedUpsert());
        JsonNode before = org.api().get(org.v2("/orders/" + orderId)).body();
        Map<String, Object> attempts = new LinkedHashMap<>();
        attempts.put("id", "ORD_20990101_zzzzzz");
        attempts.put("shop_id", "shop2");
        attempts.put("external_id", "POS-1");
        attempts.put("created_at", "2026-01-01T00:00:00Z");
        attempts.put("status", "completed");
        attempts.put("items", List.of());
        attempts.put("payment_status", "refunded");
        attempts.put("total_amount", 1);
        for (Map.Entry<String, Object> attempt : attempts.entrySet()) {
            Map<String, Object> body = new HashMap<>();
            body.put("customer_name", "Changed");
            body.put(attempt.getKey(), attempt.getValue());
            ApiClient.Response refused = org.api().put(org.v2("/orders/" + orderId), body);
            assertProblem(refused, 400, "protected_field");
            assertThat(refused.body().path("field").asString()).isEqualTo(attempt.getKey());
            assertThat(refused.body().path("detail").asString()).contains(attempt.getKey());
        }
        assertProblem(org.api().put(org.v2("/orders/" + orderId), Map.of()), 400, "empty_update");
        assertProblem(org.api().put(org.v2("/orders/" + orderId), Map.of("customer_email", "x".repeat(321))), 400, "invalid_field");
        assertProblem(org.api().put(org.v2("/orders/ORD_20260101_nosuch"), Map.of("customer_name", "x")), 404, "unknown_order");
        assertThat(org.api().get(org.v2("/orders/" + orderId)).body()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- list

    @Test
    void listIsNewestFirstFiltersAndPagesWithinItsLimits() {
        TestOrg org = newOrg();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(org, order("E-" + i, i % 2 == 0 ? "shopA" : "shopB", List.of(item(null, "fee", 1, null)))));
        }
        moveTo(org, ids.get(1), "cancelled");
        JsonNode all = data(org.api().get(org.v2("/orders")));
        assertThat(all).hasSize(5);
        List<String> listed = new ArrayList<>();
        all.forEach(row -> listed.add(row.path("id").asString()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
        for (int i = 1; i < all.size(); i++) {
            String newer = all.get(i - 1).path("created_at").asString();
            String older = all.get(i).path("created_at").asString();
            assertThat(java.time.Instant.parse(newer)).isAfterOrEqualTo(java.time.Instant.parse(older));
        }
        assertThat(data(org.api().get(org.v2("/orders"))).toString()).isEqualTo(all.toString());

        ApiClient.Response page = org.api().get(org.v2("/orders?limit=2&offset=2"));
        assertThat(data(page)).hasSize(2);
        assertThat(data(page).get(0).path("id").asString()).isEqualTo(listed.get(2));
        assertThat(page.body().path("pagination").path("total").asLong()).isEqualTo(5);
        assertThat(page.body().path("pagination").path("limit").asInt()).isEqualTo(2);
        assertThat(page.body().path("pagination").path("offset").asInt()).isEqualTo(2);
        assertThat(org.api().get(org.v2("/orders")).body().path("pagination").path("limit").asInt()).isEqualTo(50);

        assertThat(data(org.api().get(org.v2("/orders?shop_id=shopA")))).hasSize(3);
        ApiClient.Response cancelled = org.api().get(org.v2("/orders?status=cancelled"));
        assertThat(data(cancelled)).hasSize(1);
        assertThat(cancelled.body().path("pagination").path("total").asLong()).isEqualTo(1);
        assertThat(data(org.api().get(org.v2("/orders?status=pending&shop_id=shopB")))).hasSize(1);
        assertThat(data(org.api().get(org.v2("/orders?limit=200")))).hasSize(5);

        assertProblem(org.api().get(org.v2("/orders?limit=201")), 400, "invalid_parameter");
        assertProblem(org.api().get(org.v2("/orders?limit=0")), 400, "invalid_parameter");
        assertProblem(org.api().get(org.v2("/orders?offset=-1")), 400, "invalid_parameter");
        assertProblem(org.api().get(org.v2("/orders?limit=abc")), 400, "invalid_parameter");
        assertProblem(org.api().get(org.v2("/orders?status=lost")), 400, "invalid_parameter");
    }

    // ---------------------------------------------------------------- access

    @Test
    void anotherOrgsOrdersDoNotExistAndScopesAreEnforced() {
        TestOrg owner = newOrg();
        TestOrg stranger = newOrg();
        addProduct(owner, "12345", 20);
        String orderId = create(owner, seedUpsert());

        assertProblem(stranger.api().get(stranger.v2("/orders/" + orderId)), 404, "unknown_order");
        assertProblem(stranger.api().put(stranger.v2("/orders/" + orderId), Map.of("customer_name", "x")), 404, "unknown_order");
        assertProblem(stranger.api().patch(stranger.v2("/orders/" + orderId + "/status"), Map.of("status", "cancelled")), 404,
                "unknown_order");
        assertThat(stranger.api().get(owner.v2("/orders/" + orderId)).status()).isEqualTo(404);
        assertThat(stranger.api().get(owner.v2("/orders")).status()).isEqualTo(404);
        assertThat(data(stranger.api().get(stranger.v2("/orders")))).isEmpty();
        Map<String, Object> sameKeys = seedUpsert();
        sameKeys.remove("items");
        assertThat(stranger.api().post(stranger.v2("/orders"), sameKeys).status()).isEqualTo(201);

        ApiClient readOnly = owner.api().withToken(tokenFor(owner, Set.of(Scope.ORDERS_READ)));
        assertThat(readOnly.get(owner.v2("/orders/" + orderId)).status()).isEqualTo(200);
        assertProblem(readOnly.post(owner.v2("/orders"), seedUpsert()), 403, "insufficient_scope");
        assertProblem(readOnly.patch(owner.v2("/orders/" + orderId + "/status"), Map.of("status", "cancelled")), 403,
                "insufficient_scope");
        ApiClient inventoryOnly = owner.api().withToken(tokenFor(owner, Set.of(Scope.INVENTORY_READ, Scope.INVENTORY_WRITE)));
        assertProblem(inventoryOnly.get(owner.v2("/orders")), 403, "insufficient_scope");
        assertThat(anonymous().get(owner.v2("/orders")).status()).isEqualTo(401);
        assertThat(owner.api().get(owner.v2("/orders/" + orderId)).body().path("status").asString()).isEqualTo("pending");
        assertStock(owner, "12345", 20, 5);
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void manyClientsOrderingTheLastUnitsAtOnceNeverReserveMoreThanTheStock() throws Exception {
        TestOrg org = newOrg();
        addProduct(org, "last", 10);
        int clients = 24;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Map<String, Object> body = order("RUSH-" + i, "shop1", List.of(item("last", "Last units", 2, null)));
                futures.add(pool.submit(() -> {
                    start.await();
                    return org.api().post(org.v2("/orders"), body);
                }));
            }
            start.countDown();
            BigDecimal reservedByOrders = BigDecimal.ZERO;
            Set<String> ids = new HashSet<>();
            for (Future<ApiClient.Response> future : futures) {
                ApiClient.Response response = future.get();
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
                ids.add(response.body().path("id").asString());
                reservedByOrders = reservedByOrders.add(response.body().path("items").get(0).path("reserved_qty").decimalValue());
            }
            assertThat(ids).hasSize(clients);
            assertThat(reservedByOrders).isEqualByComparingTo("10");
            assertStock(org, "last", 10, 10);
            assertVerifyClean(org);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentUpsertsOfOneOrderCreateItOnceAndReserveItOnce() throws Exception {
        TestOrg org = newOrg();
        addProduct(org, "12345", 20);
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return org.api().post(org.v2("/orders"), seedUpsert());
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Future<ApiClient.Response> future : futures) {
                ApiClient.Response response = future.get();
                statuses.add(response.status());
                assertThat(response.status()).as(response.toString()).isIn(200, 201);
                ids.add(response.body().path("id").asString());
            }
            assertThat(statuses).containsOnlyOnce(201);
            assertThat(ids).hasSize(1);
            assertStock(org, "12345", 20, 5);
            assertVerifyClean(org);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theOpenApiDocumentShowsEveryOrdersOperationWithTheSeedExamples() {
        ApiClient.Response document = anonymous().get("/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        JsonNode paths = document.body().path("paths");
        assertThat(paths.path("/api/v2/public/orgs/{orgId}/orders").has("get")).isTrue();
        assertThat(paths.path("/api/v2/public/orgs/{orgId}/orders").has("post")).isTrue();
        assertThat(paths.path("/api/v2/public/orgs/{orgId}/orders/{orderId}").has("get")).isTrue();
        assertThat(paths.path("/api/v2/public/orgs/{orgId}/orders/{orderId}").has("put")).isTrue();
        assertThat(paths.path("/api/v2/public/orgs/{orgId}/orders/{orderId}/status").has("patch")).isTrue();
        assertThat(document.raw()).contains("POS-ORDER-123").contains("ORD_20260605_abc123").contains("ready_pickup");
    }

    // ---------------------------------------------------------------- CLI

    @Test
    void orgSettingsCommandShowsAndChangesOnlyWhatIsGiven() {
        TestOrg org = newOrg();
        String shown = runCli("org", "settings", org.orgId());
        assertThat(shown).contains("reservations: on").contains("strict-workflow: on").contains("time-zone: UTC")
                .contains("default-reorder-point: 0");
        String changed = runCli("org", "settings", org.orgId(), "--reservations", "off", "--time-zone", "Europe/Berlin");
        assertThat(changed).contains("reservations: off").contains("strict-workflow: on").contains("time-zone: Europe/Berlin");
        String more = runCli("org", "settings", org.orgId(), "--strict-workflow", "off", "--default-reorder-point", "5");
        assertThat(more).contains("reservations: off").contains("strict-workflow: off").contains("time-zone: Europe/Berlin")
                .contains("default-reorder-point: 5");
        Org stored = access.requireOrg(org.orgId());
        assertThat(stored.reservationsEnabled()).isFalse();
        assertThat(stored.strictOrderWorkflow()).isFalse();
        assertThat(StockledgerCli.execute(context, "org", "settings", org.orgId(), "--reservations", "maybe")).isNotZero();
        assertThat(access.requireOrg(org.orgId()).reservationsEnabled()).isFalse();
    }

    private String runCli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exitCode = StockledgerCli.execute(context, args);
            assertThat(exitCode).as(captured.toString(StandardCharsets.UTF_8)).isZero();
            return captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }
}
