package org.stockledger.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.stockledger.StockledgerApplication;
import org.stockledger.access.AccessService;
import org.stockledger.access.Scope;
import org.stockledger.ledger.LedgerVerifier;
import org.stockledger.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * Random sequences of order upserts (item changes included), status changes, cancellations and
 * deliveries over three products and four orders, spoken over HTTP. After every step: no stock
 * level goes negative or reserves more than it holds, each level's reserved equals the open
 * orders' reserved_qty, on-hand equals the deliveries minus what orders consumed, and verify is
 * clean. jqwik has no Spring test integration here, so each database gets one application
 * started by hand and kept for the JVM ({@link App}).
 */
abstract class OrderReservationProperties {

    private static final List<String> PRODUCTS = List.of("p-a", "p-b", "p-c");
    private static final List<String> STATUSES = List.of("pending", "awaiting_payment", "awaiting_packing", "ready_pickup",
            "shipped", "picked_up", "completed", "cancelled");

    /** The application under test for one database, started once per JVM. */
    record App(ConfigurableApplicationContext context, int port) {

        static App start(String datasourceUrl, String user, String password) {
            SpringApplication application = new SpringApplication(StockledgerApplication.class);
            application.setLogStartupInfo(false);
            // Command-line arguments outrank system properties and files, so this app never takes a fixed port or another database.
            ConfigurableApplicationContext context = application.run(
                    "--server.port=0",
                    "--spring.datasource.url=" + datasourceUrl,
                    "--spring.datasource.username=" + user,
                    "--spring.datasource.password=" + password,
                    "--stockledger.bootstrap.enabled=false",
                    "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN",
                    "--logging.level.org.stockledger=WARN");
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            return new App(context, port);
        }
    }

    abstract App app();

    sealed interface Step permits Upsert, ChangeStatus, Deliver {
    }

    record Upsert(int order, List<int[]> items) implements Step {
        @Override
        public String toString() {
            List<String> lines = items.stream().map(item -> PRODUCTS.get(item[0]) + "x" + item[1]).toList();
            return "upsert O" + order + " " + lines;
        }
    }

    record ChangeStatus(int order, String status) implements Step {
        @Override
        public String toString() {
            return "status O" + order + " -> " + status;
        }
    }

    record Deliver(int product, int quantity) implements Step {
        @Override
        public String toString() {
            return "deliver " + PRODUCTS.get(product) + " +" + quantity;
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<int[]> item = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 6))
                .as((product, quantity) -> new int[] {product, quantity});
        Arbitrary<Step> upsert = Combinators.combine(Arbitraries.integers().between(0, 3), item.list().ofMinSize(0).ofMaxSize(3))
                .as(Upsert::new);
        Arbitrary<Step> status = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(STATUSES))
                .as(ChangeStatus::new);
        Arbitrary<Step> cancel = Arbitraries.integers().between(0, 3).map(order -> new ChangeStatus(order, "cancelled"));
        Arbitrary<Step> deliver = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 5))
                .as(Deliver::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, upsert), net.jqwik.api.Tuple.of(4, status), net.jqwik.api.Tuple.of(1, cancel),
                net.jqwik.api.Tuple.of(2, deliver)).list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 30)
    void reservationsAlwaysBalanceAndStockNeverGoesNegative(@ForAll("steps") List<Step> steps,
            @ForAll("initialStock") List<Integer> initialStock) {
        App app = app();
        AccessService access = app.context().getBean(AccessService.class);
        LedgerVerifier verifier = app.context().getBean(LedgerVerifier.class);
        String orgId = "prop-" + UUID.randomUUID().toString().substring(0, 12);
        access.createOrg(orgId, "property org");
        ApiClient api = new ApiClient(app.port(), access.createToken(orgId, "prop", Scope.all()).secret());
        String base = "/api/v2/public/orgs/" + orgId;

        Map<String, Long> delivered = new HashMap<>();
        for (int i = 0; i < PRODUCTS.size(); i++) {
            String p1Id = PRODUCTS.get(i);
            ApiClient.Response added = api.post(base + "/products/add-to-inventory", Map.of("p1_id", p1Id, "name", "Product " + p1Id));
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            delivered.put(p1Id, (long) initialStock.get(i));
            if (initialStock.get(i) > 0) {
                deliver(api, base, p1Id, initialStock.get(i));
            }
        }
        Map<Integer, String> orderIds = new HashMap<>();
        for (Step step : steps) {
            switch (step) {
                case Upsert upsert -> {
                    List<Map<String, Object>> items = new ArrayList<>();
                    for (int[] item : upsert.items()) {
                        items.add(Map.of("p1_id", PRODUCTS.get(item[0]), "name", "line", "qty", item[1]));
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("shop_id", "shop1");
                    body.put("external_id", "EXT-" + upsert.order());
                    body.put("items", items);
                    ApiClient.Response response = api.post(base + "/orders", body);
                    assertThat(response.status()).as(step + ": " + response).isIn(200, 201, 409);
                    if (response.status() == 409) {
                        assertThat(response.code()).as(step + ": " + response).isEqualTo("order_closed");
                    } else {
                        orderIds.put(upsert.order(), response.body().path("id").asString());
                    }
                }
                case ChangeStatus change -> {
                    String orderId = orderIds.get(change.order());
                    if (orderId == null) {
                        continue;
                    }
                    ApiClient.Response response = api.patch(base + "/orders/" + orderId + "/status", Map.of("status", change.status()));
                    assertThat(response.status()).as(step + ": " + response).isIn(200, 409);
                    if (response.status() == 409) {
                        assertThat(response.code()).as(step + ": " + response).isIn("invalid_transition", "order_not_fully_reserved");
                    }
                }
                case Deliver delivery -> {
                    deliver(api, base, PRODUCTS.get(delivery.product()), delivery.quantity());
                    delivered.merge(PRODUCTS.get(delivery.product()), (long) delivery.quantity(), Long::sum);
                }
            }
            assertBooksBalance(api, base, orderIds, delivered, verifier, orgId, step);
        }
    }

    @Provide
    Arbitrary<List<Integer>> initialStock() {
        return Arbitraries.integers().between(0, 8).list().ofSize(PRODUCTS.size());
    }

    private static void deliver(ApiClient api, String base, String p1Id, int quantity) {
        ApiClient.Response adjusted = api.post(base + "/inventory/adjust", Map.of("p1_id", p1Id, "delta_on_hand", quantity, "reason", "delivery"));
        assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
    }

    private static void assertBooksBalance(ApiClient api, String base, Map<Integer, String> orderIds, Map<String, Long> delivered,
            LedgerVerifier verifier, String orgId, Step step) {
        Map<String, BigDecimal> openReserved = new HashMap<>();
        Map<String, BigDecimal> consumed = new HashMap<>();
        for (String orderId : orderIds.values()) {
            JsonNode order = api.get(base + "/orders/" + orderId).body();
            boolean open = Set.of("pending", "awaiting_payment", "awaiting_packing", "ready_pickup").contains(order.path("status").asString());
            for (JsonNode item : order.path("items")) {
                String p1Id = item.path("p1_id").asString();
                BigDecimal reserved = item.path("reserved_qty").decimalValue();
                assertThat(reserved.signum()).as(step + ": reserved_qty of " + orderId).isGreaterThanOrEqualTo(0);
                assertThat(reserved).as(step + ": reserved_qty within qty").isLessThanOrEqualTo(item.path("quantity").decimalValue());
                if (!open) {
                    assertThat(reserved.signum()).as(step + ": a closed order holds nothing").isZero();
                }
                openReserved.merge(p1Id, reserved, BigDecimal::add);
                consumed.merge(p1Id, item.path("fulfilled_qty").decimalValue(), BigDecimal::add);
            }
        }
        JsonNode inventory = api.get(base + "/inventory").body().path("data");
        for (JsonNode row : inventory) {
            String p1Id = row.path("p1_id").asString();
            BigDecimal onHand = row.path("stockquantity").decimalValue();
            BigDecimal reserved = row.path("reserved").decimalValue();
            assertThat(onHand.signum()).as(step + ": on hand of " + p1Id).isGreaterThanOrEqualTo(0);
            assertThat(reserved.signum()).as(step + ": reserved of " + p1Id).isGreaterThanOrEqualTo(0);
            assertThat(reserved).as(step + ": reserved within on hand of " + p1Id).isLessThanOrEqualTo(onHand);
            assertThat(reserved).as(step + ": reserved of " + p1Id + " equals the open orders' reservations")
                    .isEqualByComparingTo(openReserved.getOrDefault(p1Id, BigDecimal.ZERO));
            assertThat(onHand).as(step + ": on hand of " + p1Id + " is deliveries minus sales")
                    .isEqualByComparingTo(BigDecimal.valueOf(delivered.get(p1Id)).subtract(consumed.getOrDefault(p1Id, BigDecimal.ZERO)));
        }
        assertThat(verifier.verify(orgId)).as(step + ": verify").isEmpty();
    }
}
