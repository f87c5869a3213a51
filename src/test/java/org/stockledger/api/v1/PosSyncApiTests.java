package org.stockledger.api.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.stockledger.access.Scope;
import org.stockledger.catalog.CatalogService;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.CommandOutcome;
import org.stockledger.ledger.LedgerService;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.Room;
import org.stockledger.ledger.StockChange;
import org.stockledger.ledger.StockCommand;
import org.stockledger.support.IntegrationEvent;
import org.stockledger.testing.ApiClient;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.TestOrg;
import tools.jackson.databind.JsonNode;

/** POS sync of seed 002 against a small HTTP feed this test serves itself, and CSV uploads. */
abstract class PosSyncApiTests extends ApiTestBase {

    static final String INVENTORY = "/api/v1/inventory";

    /** What the feed answers per path: a full JSON body, or a handler that misbehaves. */
    interface FeedAnswer {
        void answer(HttpExchange exchange) throws IOException;
    }

    static HttpServer feed;
    static final Map<String, FeedAnswer> answers = new ConcurrentHashMap<>();
    static final Map<String, List<String>> requests = new ConcurrentHashMap<>();
    static final List<IntegrationEvent> published = new CopyOnWriteArrayList<>();
    static final Set<ConfigurableApplicationContext> listenedTo = ConcurrentHashMap.newKeySet();

    @Autowired
    CatalogService catalog;

    @Autowired
    LedgerService ledger;

    @Autowired
    ConfigurableApplicationContext context;

    @BeforeAll
    static void startFeed() throws IOException {
        feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feed.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, key -> new CopyOnWriteArrayList<>())
                    .add(exchange.getRequestURI().getRawQuery() + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
            FeedAnswer answer = answers.get(path);
            try {
                if (answer == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    answer.answer(exchange);
                }
            } finally {
                exchange.close();
            }
        });
        feed.start();
    }

    @AfterAll
    static void stopFeed() {
        feed.stop(0);
    }

    /** Records the integration events of this suite's application context (H2 and PostgreSQL have one each). */
    void listenForEvents() {
        if (listenedTo.add(context)) {
            context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
                if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof IntegrationEvent integration) {
                    published.add(integration);
                }
            });
        }
    }

    static FeedAnswer json(String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    String feedUrl(String path) {
        return "http://127.0.0.1:" + feed.getAddress().getPort() + path;
    }

    void addSkuProduct(TestOrg org, String sku, int onHand) {
        ApiClient.Response added = org.api().post(org.v2("/products/add-to-inventory"),
                Map.of("p1_id", sku.toLowerCase(), "name", "Product " + sku, "sku", sku, "price", 10));
        assertThat(added.status()).as(added.toString()).isIn(200, 201);
        if (onHand > 0) {
            assertThat(org.api().post(org.v2("/inventory/adjust"),
                    Map.of("p1_id", sku.toLowerCase(), "delta_on_hand", onHand, "reason", "initial")).status()).isEqualTo(200);
        }
    }

    String mainLocation(TestOrg org) {
        return access.requireOrg(org.orgId()).defaultLocationId().toString();
    }

    JsonNode item(TestOrg org, String sku) {
        for (JsonNode item : data(org.api().get(INVENTORY + "?limit=200&room_type=sales_floor"))) {
            if (item.path("sku").asString().equals(sku)) {
                return item;
            }
        }
        return null;
    }

    long quantity(TestOrg org, String sku) {
        JsonNode item = item(org, sku);
        return item == null ? -1 : item.path("quantity").asLong();
    }

    long logSize(TestOrg org, String sku) {
        return data(org.api().get(org.v2("/inventory/" + sku.toLowerCase() + "/log"))).size();
    }

    void connectFeed(TestOrg org, String path, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "http_json");
        body.put("url", feedUrl(path));
        if (token != null) {
            body.put("bearer_token", token);
        }
        ApiClient.Response configured = org.api().put("/api/v1/locations/" + mainLocation(org) + "/pos-connector", body);
        assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
        assertThat(configured.raw()).doesNotContain(token == null ? "no-token-here" : token);
    }

    JsonNode syncAndWait(TestOrg org, String syncType) {
        ApiClient.Response started = org.api().post(INVENTORY + "/sync", Map.of("location_id", mainLocation(org), "sync_type", syncType));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.body().path("status").asString()).isIn("queued", "running", "succeeded", "failed");
        String jobId = started.body().path("job_id").asString();
        assertThat(started.header("Location")).isEqualTo(INVENTORY + "/sync/" + jobId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String status = org.api().get(INVENTORY + "/sync/" + jobId).body().path("status").asString();
            return status.equals("succeeded") || status.equals("failed");
        });
        return org.api().get(INVENTORY + "/sync/" + jobId).body();
    }

    @Test
    void fullSyncCountsEveryDifferenceAndLeavesEqualItemsUntouched() {
        listenForEvents();
        TestOrg org = newOrg();
        addSkuProduct(org, "A", 10);
        addSkuProduct(org, "B", 5);
        addSkuProduct(org, "C", 0);
        addSkuProduct(org, "D", 3);
        String productC = catalog.findProductBySku(org.orgId(), "C").orElseThrow().productId().toString();
        String path = "/" + org.orgId() + "/counts";
        answers.put(path, json("""
                [{"sku": "A", "quantity": 12}, {"sku": "B", "quantity": 5}, {"product_id": "%s", "quantity": 7.5},
                 {"sku": "NOPE", "quantity": 1}, {"sku": "A2"}, {"quantity": 3}]""".formatted(productC)));
        connectFeed(org, path, "s3cret-token");

        JsonNode job = syncAndWait(org, "full");
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("sync_type").asString()).isEqualTo("full");
        assertThat(job.path("location_id").asString()).isEqualTo(mainLocation(org));
        assertThat(job.path("items_seen").asInt()).isEqualTo(6);
        assertThat(job.path("items_changed").asInt()).isEqualTo(2);
        assertThat(job.path("unknown_skus").asInt()).isEqualTo(1);
        assertThat(job.path("errors").asInt()).isEqualTo(2);
        assertThat(job.path("failure_reason").isNull()).isTrue();
        assertThat(job.path("created_at").asString()).endsWith("Z");
        assertThat(job.path("started_at").asString()).endsWith("Z");
        assertThat(job.path("finished_at").asString()).endsWith("Z");
        assertThat(requests.get(path)).singleElement().asString().isEqualTo("null auth=Bearer s3cret-token");

        assertThat(quantity(org, "A")).isEqualTo(12);
        assertThat(quantity(org, "B")).isEqualTo(5);
        assertThat(item(org, "C").path("quantity").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(quantity(org, "D")).isEqualTo(3);
        assertThat(logSize(org, "B")).isEqualTo(1);
        JsonNode movement = data(org.api().get(org.v2("/inventory/a/log"))).get(0);
        assertThat(movement.path("kind").asString()).isEqualTo("sync");
        assertThat(movement.path("reason_code").asString()).isEqualTo("SYNC");
        assertThat(movement.path("delta_on_hand").asLong()).isEqualTo(2);
        assertThat(item(org, "A").path("last_sync").asString()).endsWith("Z");
        assertThat(item(org, "B").path("last_sync").asString()).endsWith("Z");
        assertThat(item(org, "D").path("last_sync").isNull()).isTrue();

        JsonNode connector = org.api().get("/api/v1/locations/" + mainLocation(org) + "/pos-connector").body();
        assertThat(connector.path("type").asString()).isEqualTo("http_json");
        assertThat(connector.path("has_bearer_token").asBoolean()).isTrue();
        assertThat(connector.toString()).doesNotContain("s3cret-token");

        IntegrationEvent completed = published.stream().filter(event -> event.orgId().equals(org.orgId())).findFirst().orElseThrow();
        assertThat(completed.type()).isEqualTo("inventory.sync.completed");
        assertThat(completed.payload()).containsEntry("status", "succeeded").containsEntry("items_changed", 2)
                .containsEntry("job_id", job.path("job_id").asString());
        assertVerifyClean(org);
    }

    @Test
    void incrementalSyncAppliesOnlyWhatThePosChangedSinceTheLastSuccessfulSync() {
        TestOrg org = newOrg();
        addSkuProduct(org, "A", 10);
        addSkuProduct(org, "B", 5);
        String path = "/" + org.orgId() + "/inc";
        answers.put(path, json("""
                {"data": [{"sku": "A", "quantity": 10}, {"sku": "B", "quantity": 5}]}"""));
        connectFeed(org, path, null);
        assertThat(syncAndWait(org, "full").path("items_changed").asInt()).isZero();

        // A sells 2 here (the POS has not reported it yet); the POS changes B only
        assertThat(org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", "a", "delta_on_hand", -2, "reason", "web sale")).status())
                .isEqualTo(200);
        answers.put(path, json("""
                {"data": [{"sku": "A", "quantity": 10}, {"sku": "B", "quantity": 7}]}"""));
        JsonNode job = syncAndWait(org, "incremental");
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("items_seen").asInt()).isEqualTo(2);
        assertThat(job.path("items_changed").asInt()).isEqualTo(1);
        assertThat(quantity(org, "A")).isEqualTo(8);
        assertThat(quantity(org, "B")).isEqualTo(7);
        List<String> seen = requests.get(path);
        assertThat(seen.get(0)).startsWith("null");
        assertThat(seen.get(1)).startsWith("updated_after=");

        // a full sync reconciles everything again
        JsonNode full = syncAndWait(org, "full");
        assertThat(full.path("items_changed").asInt()).isEqualTo(1);
        assertThat(quantity(org, "A")).isEqualTo(10);
        assertVerifyClean(org);
    }

    @Test
    void aFeedFailingMidwayFailsTheJobAndChangesNothing() {
        TestOrg org = newOrg();
        addSkuProduct(org, "A", 10);
        addSkuProduct(org, "B", 5);
        String path = "/" + org.orgId() + "/broken";
        answers.put(path, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("[{\"sku\": \"A\", \"quantity\": 1}, {\"sku\": \"B\", \"quan".getBytes(StandardCharsets.UTF_8));
            out.flush();
            // the connection ends here, mid-document
        });
        connectFeed(org, path, null);
        JsonNode job = syncAndWait(org, "full");
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("failed");
        assertThat(job.path("failure_reason").asString()).containsAnyOf("not valid JSON", "could not be read");
        assertThat(job.path("items_changed").asInt()).isZero();
        assertThat(job.path("finished_at").asString()).endsWith("Z");

        answers.put(path, exchange -> exchange.sendResponseHeaders(500, -1));
        JsonNode serverError = syncAndWait(org, "full");
        assertThat(serverError.path("status").asString()).isEqualTo("failed");
        assertThat(serverError.path("failure_reason").asString()).contains("HTTP 500");

        ApiClient.Response moved = org.api().put("/api/v1/locations/" + mainLocation(org) + "/pos-connector",
                Map.of("type", "http_json", "url", "http://127.0.0.1:1/unreachable"));
        assertThat(moved.status()).isEqualTo(200);
        JsonNode unreachable = syncAndWait(org, "full");
        assertThat(unreachable.path("status").asString()).isEqualTo("failed");
        assertThat(unreachable.path("failure_reason").asString()).contains("could not be read");

        assertThat(quantity(org, "A")).isEqualTo(10);
        assertThat(quantity(org, "B")).isEqualTo(5);
        assertThat(logSize(org, "A")).isEqualTo(1);
        assertThat(item(org, "A").path("last_sync").isNull()).isTrue();
        assertVerifyClean(org);
    }

    @Test
    void aRefusedCountFailsTheWholeSync() {
        TestOrg org = newOrg();
        addSkuProduct(org, "A", 10);
        addSkuProduct(org, "B", 5);
        UUID productB = catalog.findProductBySku(org.orgId(), "B").orElseThrow().productId();
        CommandOutcome reserved = ledger.applyCommand(org.orgId(), Actor.system("test"), StockCommand.of(
                StockChange.reserve(new LevelKey(productB, UUID.fromString(mainLocation(org)), Room.SALES_FLOOR), new BigDecimal("4"), false),
                "ORDER", "held"));
        assertThat(reserved).isInstanceOf(CommandOutcome.Applied.class);
        String path = "/" + org.orgId() + "/reserved";
        answers.put(path, json("""
                [{"sku": "A", "quantity": 20}, {"sku": "B", "quantity": 1}]"""));
        connectFeed(org, path, null);
        JsonNode job = syncAndWait(org, "full");
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("failed");
        assertThat(job.path("failure_reason").asString()).contains("sku B").contains("insufficient_stock");
        assertThat(quantity(org, "A")).isEqualTo(10);
        assertThat(logSize(org, "A")).isEqualTo(1);
    }

    @Test
    void csvUploadConnectorSyncsTheUploadedCounts() throws Exception {
        TestOrg org = newOrg();
        addSkuProduct(org, "A", 10);
        addSkuProduct(org, "B", 5);
        String location = mainLocation(org);
        assertThat(org.api().put("/api/v1/locations/" + location + "/pos-connector", Map.of("type", "csv_upload")).status()).isEqualTo(200);
        JsonNode noFile = syncAndWait(org, "full");
        assertThat(noFile.path("status").asString()).isEqualTo("failed");
        assertThat(noFile.path("failure_reason").asString()).contains("no CSV");

        ApiClient.Response uploaded = org.api().put("/api/v1/locations/" + location + "/pos-connector/csv",
                Map.of("csv", "sku,quantity\nA,4\n\"B\",5\nZZ,1\n"));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        assertThat(uploaded.body().path("row_count").asInt()).isEqualTo(3);
        JsonNode job = syncAndWait(org, "full");
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("connector_type").asString()).isEqualTo("csv_upload");
        assertThat(job.path("items_changed").asInt()).isEqualTo(1);
        assertThat(job.path("unknown_skus").asInt()).isEqualTo(1);
        assertThat(quantity(org, "A")).isEqualTo(4);

        HttpResponse<String> asText = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/locations/" + location + "/pos-connector/csv"))
                .header("Authorization", "Bearer " + org.token()).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString("quantity,sku\n6,A\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asText.statusCode()).as(asText.body()).isEqualTo(200);
        assertThat(syncAndWait(org, "full").path("items_changed").asInt()).isEqualTo(1);
        assertThat(quantity(org, "A")).isEqualTo(6);

        assertProblem(org.api().put("/api/v1/locations/" + location + "/pos-connector/csv", Map.of("csv", "name,count\nA,1\n")),
                400, "malformed_csv");
        assertProblem(org.api().put("/api/v1/locations/" + location + "/pos-connector/csv", Map.of("csv", "sku,quantity\nA,-1\n")),
                400, "malformed_csv");
        assertThat(org.api().get("/api/v1/locations/" + location + "/pos-connector").body().path("csv_upload").path("row_count").asInt())
                .isEqualTo(1);
    }

    @Test
    void aSyncStartedWithAnIdempotencyKeyRunsOnceAfterItsRequestCommits() {
        TestOrg org = newOrg();
        addSkuProduct(org, "A", 1);
        String path = "/" + org.orgId() + "/idem";
        answers.put(path, json("[{\"sku\": \"A\", \"quantity\": 3}]"));
        connectFeed(org, path, null);
        Map<String, Object> body = Map.of("location_id", mainLocation(org), "sync_type", "full");
        ApiClient.Response first = org.api().post(INVENTORY + "/sync", body, Map.of("Idempotency-Key", "sync-1"));
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        String jobId = first.body().path("job_id").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> org.api().get(INVENTORY + "/sync/" + jobId).body().path("status").asString().equals("succeeded"));
        ApiClient.Response again = org.api().post(INVENTORY + "/sync", body, Map.of("Idempotency-Key", "sync-1"));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body().path("job_id").asString()).isEqualTo(jobId);
        assertThat(requests.get(path)).hasSize(1);
        assertThat(quantity(org, "A")).isEqualTo(3);
    }

    @Test
    void badSyncRequestsAreRefusedAndStartNothing() {
        TestOrg org = newOrg();
        addSkuProduct(org, "A", 10);
        String location = mainLocation(org);
        assertProblem(org.api().post(INVENTORY + "/sync", Map.of("location_id", location, "sync_type", "full")), 409, "no_pos_connector");
        assertProblem(org.api().get("/api/v1/locations/" + location + "/pos-connector"), 404, "no_pos_connector");
        assertProblem(org.api().put("/api/v1/locations/" + location + "/pos-connector", Map.of("type", "square")), 400, "invalid_field");
        assertProblem(org.api().put("/api/v1/locations/" + location + "/pos-connector", Map.of("type", "http_json")), 400, "missing_field");
        assertProblem(org.api().put("/api/v1/locations/" + location + "/pos-connector",
                Map.of("type", "http_json", "url", "file:///etc/passwd")), 400, "invalid_url");
        assertProblem(org.api().put("/api/v1/locations/" + UUID.randomUUID() + "/pos-connector",
                Map.of("type", "csv_upload")), 404, "unknown_location");
        connectFeed(org, "/" + org.orgId() + "/never", null);
        assertProblem(org.api().post(INVENTORY + "/sync", Map.of("location_id", location, "sync_type", "partial")), 400, "invalid_field");
        assertProblem(org.api().post(INVENTORY + "/sync", Map.of("location_id", location)), 400, "missing_field");
        assertProblem(org.api().post(INVENTORY + "/sync", Map.of("sync_type", "full")), 400, "missing_field");
        assertProblem(org.api().post(INVENTORY + "/sync", Map.of("location_id", UUID.randomUUID().toString(), "sync_type", "full")),
                404, "unknown_location");
        assertProblem(org.api().withToken(tokenFor(org, Set.of(Scope.INVENTORY_READ))).post(INVENTORY + "/sync",
                Map.of("location_id", location, "sync_type", "full")), 403, "insufficient_scope");
        assertProblem(org.api().get(INVENTORY + "/sync/" + UUID.randomUUID()), 404, "unknown_sync_job");
        assertProblem(org.api().get(INVENTORY + "/sync/nope"), 404, "unknown_sync_job");
        assertThat(requests.getOrDefault("/" + org.orgId() + "/never", new ArrayList<>())).isEmpty();
        assertThat(quantity(org, "A")).isEqualTo(10);

        TestOrg other = newOrg();
        String path = "/" + org.orgId() + "/other";
        answers.put(path, json("[]"));
        connectFeed(org, path, null);
        JsonNode job = syncAndWait(org, "full");
        assertProblem(other.api().get(INVENTORY + "/sync/" + job.path("job_id").asString()), 404, "unknown_sync_job");
        assertProblem(other.api().get("/api/v1/locations/" + location + "/pos-connector"), 404, "unknown_location");
    }
}
