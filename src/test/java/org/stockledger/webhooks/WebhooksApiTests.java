package org.stockledger.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.stockledger.access.Scope;
import org.stockledger.catalog.CatalogService;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.LedgerService;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.MovementKind;
import org.stockledger.ledger.Room;
import org.stockledger.ledger.StockChange;
import org.stockledger.ledger.StockCommand;
import org.stockledger.support.IntegrationEvent;
import org.stockledger.testing.ApiClient;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.MovableClock;
import org.stockledger.testing.TestOrg;
import org.stockledger.webhooks.WebhookReceiver.Arrival;
import org.stockledger.webhooks.internal.OutboxRepository;
import org.stockledger.webhooks.internal.RetrySchedule;
import tools.jackson.databind.JsonNode;

/** Webhook subscriptions, the outbox and the dispatcher, spoken over HTTP to a receiver the test runs. */
abstract class WebhooksApiTests extends ApiTestBase {

    private static final MovableClock CLOCK = MovableClock.INSTANCE;

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    LedgerService ledger;

    @Autowired
    CatalogService catalog;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    OutboxRepository outbox;

    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void stopReceiversAndResetClock() {
        receivers.forEach(WebhookReceiver::stop);
        CLOCK.reset();
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = WebhookReceiver.started();
        receivers.add(receiver);
        return receiver;
    }

    private static String hooks(TestOrg org) {
        return org.v2("/webhooks");
    }

    /** Subscribes the receiver and teaches it the secret; returns the subscription id. */
    private String subscribe(TestOrg org, WebhookReceiver receiver, String... types) {
        ApiClient.Response created = org.api().post(hooks(org), Map.of("url", receiver.url(), "event_types", List.of(types)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        receiver.useSecret(created.body().path("secret").asString());
        return created.body().path("id").asString();
    }

    private static void adjust(TestOrg org, String p1Id, int delta) {
        ApiClient.Response adjusted = org.api().post(org.v2("/inventory/adjust"),
                Map.of("p1_id", p1Id, "delta_on_hand", delta, "reason", "test"));
        assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
    }

    private long storedEventsOf(TestOrg org) {
        return jdbc.sql("select count(*) from webhook_events where org_id = :orgId").param("orgId", org.orgId()).query(Long.class).single();
    }

    private List<Arrival> deliverAll(WebhookReceiver receiver) {
        dispatcher.dispatchDueDeliveries();
        return receiver.arrivals();
    }

    @Test
    void aTokenWithoutTheScopeGetsNoReplayOfASubscriptionAndItsSecretWhateverKeyItSends() {
        TestOrg org = newOrg();
        Map<String, Object> request = Map.of("url", "http://127.0.0.1:9/hook", "event_types", List.of("inventory.updated"));
        Map<String, String> key = Map.of("Idempotency-Key", "hook-1");
        ApiClient.Response created = org.api().post(hooks(org), request, key);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        ApiClient readOnly = org.api().withToken(tokenFor(org, Set.of(Scope.INVENTORY_READ)));
        ApiClient.Response refused = readOnly.post(hooks(org), request, key);
        assertProblem(refused, 403, "insufficient_scope");
        assertThat(refused.header("Idempotent-Replayed")).isNull();
        assertThat(refused.raw()).doesNotContain("whsec_");
        ApiClient.Response rotateRefused = readOnly.post(hooks(org) + "/" + created.body().path("id").asString() + "/rotate-secret",
                null, Map.of("Idempotency-Key", "rotate-1"));
        assertProblem(rotateRefused, 403, "insufficient_scope");

        ApiClient.Response replayed = org.api().post(hooks(org), request, key);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body().path("secret").asString()).isEqualTo(created.body().path("secret").asString());
        // The refused rotation left nothing under its key: the manager's own request with it rotates.
        ApiClient.Response rotated = org.api().post(hooks(org) + "/" + created.body().path("id").asString() + "/rotate-secret",
                null, Map.of("Idempotency-Key", "rotate-1"));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.header("Idempotent-Replayed")).isNull();
        assertThat(rotated.body().path("secret").asString()).startsWith("whsec_").isNotEqualTo(created.body().path("secret").asString());
    }

    @Test
    void subscriptionLifecycleShowsTheSecretOnlyAtCreationAndRotation() {
        TestOrg org = newOrg();
        ApiClient.Response created = org.api().post(hooks(org), Map.of(
                "url", "http://127.0.0.1:9/hook", "event_types", List.of("inventory.updated", "inventory.low_stock"),
                "description", "POS alerts"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.body();
        String id = body.path("id").asString();
        assertThat(id).hasSize(36);
        assertThat(body.path("url").asString()).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(body.path("event_types").isArray()).isTrue();
        assertThat(body.path("event_types").get(0).asString()).isEqualTo("inventory.updated");
        assertThat(body.path("event_types").get(1).asString()).isEqualTo("inventory.low_stock");
        assertThat(body.path("description").asString()).isEqualTo("POS alerts");
        assertThat(body.path("enabled").isBoolean()).isTrue();
        assertThat(body.path("enabled").asBoolean()).isTrue();
        assertThat(body.path("disabled_reason").isNull()).isTrue();
        assertThat(body.path("created_at").asString()).endsWith("Z");
        String secret = body.path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);

        ApiClient.Response read = org.api().get(hooks(org) + "/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().has("secret")).as(read.toString()).isFalse();
        JsonNode listed = data(org.api().get(hooks(org)));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).has("secret")).isFalse();

        ApiClient.Response updated = org.api().patch(hooks(org) + "/" + id,
                Map.of("event_types", List.of("low_stock", "inventory.sync.completed"), "description", "changed"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.body().path("event_types").toString()).isEqualTo("[\"low_stock\",\"inventory.sync.completed\"]");
        assertThat(updated.body().path("description").asString()).isEqualTo("changed");
        assertThat(updated.body().path("url").asString()).isEqualTo("http://127.0.0.1:9/hook");

        ApiClient.Response rotated = org.api().post(hooks(org) + "/" + id + "/rotate-secret", null);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.body().path("secret").asString()).startsWith("whsec_").isNotEqualTo(secret);

        ApiClient.Response types = org.api().get(hooks(org) + "/event-types");
        assertThat(types.status()).isEqualTo(200);
        assertThat(types.body().path("data").toString()).contains("\"name\":\"low_stock\",\"aliases\":[\"inventory.low_stock\"]");

        assertThat(org.api().delete(hooks(org) + "/" + id).status()).isEqualTo(204);
        assertProblem(org.api().get(hooks(org) + "/" + id), 404, "unknown_subscription");
        assertProblem(org.api().delete(hooks(org) + "/" + id), 404, "unknown_subscription");
        assertThat(data(org.api().get(hooks(org)))).isEmpty();

        ApiClient.Response openApi = anonymous().get("/openapi.json");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.raw()).contains("/api/v2/public/orgs/{orgId}/webhooks/{subscriptionId}/replay-failed")
                .contains("/api/v2/public/orgs/{orgId}/webhooks/{subscriptionId}/deliveries").contains("whsec_");
    }

    @Test
    void badSubscriptionsAreRefusedAndWriteNothing() {
        TestOrg org = newOrg();
        List<String> types = List.of("inventory.updated");
        assertProblem(org.api().post(hooks(org), Map.of("event_types", types)), 400, "missing_field");
        assertProblem(org.api().post(hooks(org), Map.of("url", "not a url", "event_types", types)), 400, "invalid_url");
        assertProblem(org.api().post(hooks(org), Map.of("url", "ftp://example.com/x", "event_types", types)), 400, "invalid_url");
        assertProblem(org.api().post(hooks(org), Map.of("url", "https://user:pw@example.com/x", "event_types", types)), 400, "invalid_url");
        assertProblem(org.api().post(hooks(org), Map.of("url", "https://example.com/" + "x".repeat(2048), "event_types", types)),
                400, "invalid_field");
        assertProblem(org.api().post(hooks(org), Map.of("url", "https://example.com/x", "event_types", List.of())), 400, "missing_field");
        assertProblem(org.api().post(hooks(org), Map.of("url", "https://example.com/x", "event_types", List.of("stock.exploded"))),
                400, "unknown_event_type");
        assertProblem(org.api().post(hooks(org), Map.of("url", "https://example.com/x",
                "event_types", IntStream.range(0, 21).mapToObj(i -> "low_stock").toList())), 400, "invalid_field");
        assertProblem(org.api().post(hooks(org), Map.of("url", "https://example.com/x", "event_types", "low_stock")), 400, "invalid_field");
        assertProblem(org.api().post(hooks(org), Map.of("url", "https://example.com/x", "event_types", types,
                "description", "d".repeat(501))), 400, "invalid_field");
        assertThat(data(org.api().get(hooks(org)))).isEmpty();

        assertProblem(org.api().get(hooks(org) + "/not-a-uuid"), 404, "unknown_subscription");
        ApiClient.Response created = org.api().post(hooks(org), Map.of("url", "https://example.com/x", "event_types", types));
        String id = created.body().path("id").asString();
        assertProblem(org.api().patch(hooks(org) + "/" + id, Map.of("url", "gopher://x")), 400, "invalid_url");
        assertProblem(org.api().patch(hooks(org) + "/" + id, Map.of()), 400, "empty_update");
        assertProblem(org.api().patch(hooks(org) + "/" + id, Map.of("secret", "whsec_AAAA")), 400, "empty_update");
        assertProblem(org.api().get(hooks(org) + "/" + id + "/deliveries?limit=0"), 400, "invalid_parameter");
        assertProblem(org.api().get(hooks(org) + "/" + id + "/deliveries?before=nope"), 400, "invalid_parameter");
        assertProblem(org.api().post(hooks(org) + "/" + id + "/replay", Map.of("event_id", "nope")), 400, "invalid_field");
        assertProblem(org.api().post(hooks(org) + "/" + id + "/replay", Map.of("event_id", java.util.UUID.randomUUID().toString())),
                404, "unknown_event");
        assertProblem(org.api().post(hooks(org) + "/" + id + "/replay-failed", Map.of()), 400, "missing_field");
        JsonNode unchanged = org.api().get(hooks(org) + "/" + id).body();
        assertThat(unchanged.path("url").asString()).isEqualTo("https://example.com/x");
    }

    @Test
    void subscriptionsNeedTheWebhooksScopeAndStayInTheirOrg() {
        TestOrg org = newOrg();
        TestOrg other = newOrg();
        ApiClient readOnly = org.api().withToken(tokenFor(org, Set.of(Scope.INVENTORY_READ, Scope.INVENTORY_WRITE)));
        assertProblem(readOnly.get(hooks(org)), 403, "insufficient_scope");
        assertProblem(readOnly.post(hooks(org), Map.of("url", "https://example.com/x", "event_types", List.of("low_stock"))),
                403, "insufficient_scope");
        String id = org.api().post(hooks(org), Map.of("url", "https://example.com/x", "event_types", List.of("low_stock")))
                .body().path("id").asString();
        assertProblem(other.api().get(hooks(org) + "/" + id), 404, "not_found");
        assertProblem(other.api().get(hooks(other) + "/" + id), 404, "unknown_subscription");
        assertThat(data(readOnly.withToken(org.token()).get(hooks(org)))).hasSize(1);
    }

    @Test
    void stockChangesArriveSignedInOrderWithThresholdEventsOncePerCrossing() {
        TestOrg org = newOrg();
        access.updateOrgSettings(org.orgId(), true, true, new BigDecimal("5"), "UTC");
        addProduct(org, "777", 0);
        WebhookReceiver receiver = receiver();
        subscribe(org, receiver, "inventory.updated", "inventory.low_stock", "out_of_stock", "back_in_stock");

        adjust(org, "777", 10);  // back in stock
        adjust(org, "777", -6);  // 10 -> 4: low stock (threshold 5)
        adjust(org, "777", -1);  // 4 -> 3: still low, no second low_stock
        adjust(org, "777", -3);  // 3 -> 0: out of stock

        List<Arrival> arrivals = deliverAll(receiver);
        assertThat(arrivals).allMatch(Arrival::signatureValid);
        assertThat(arrivals.stream().map(Arrival::type).toList()).containsExactly(
                "inventory.updated", "back_in_stock", "inventory.updated", "inventory.low_stock",
                "inventory.updated", "inventory.updated", "out_of_stock");
        assertThat(arrivals.stream().map(Arrival::webhookId).distinct()).hasSize(7);

        JsonNode first = arrivals.get(0).json();
        assertThat(first.path("id").asString()).isEqualTo(arrivals.get(0).webhookId());
        assertThat(first.path("org_id").asString()).isEqualTo(org.orgId());
        assertThat(first.path("timestamp").asString()).endsWith("Z");
        JsonNode updated = first.path("data");
        String productId = catalog.findProductByP1Id(org.orgId(), "777").orElseThrow().productId().toString();
        assertThat(updated.path("product_id").asString()).isEqualTo(productId);
        assertThat(updated.path("p1_id").asString()).isEqualTo("777");
        assertThat(updated.path("room").asString()).isEqualTo("sales_floor");
        assertThat(updated.path("location_id").asString()).hasSize(36);
        assertThat(updated.path("on_hand_before").isIntegralNumber()).isTrue();
        assertThat(updated.path("on_hand_before").asInt()).isZero();
        assertThat(updated.path("on_hand_after").asInt()).isEqualTo(10);
        assertThat(updated.path("available_before").asInt()).isZero();
        assertThat(updated.path("available_after").asInt()).isEqualTo(10);
        assertThat(updated.path("movement_id").asString()).isEqualTo(
                data(org.api().get(org.v2("/inventory/777/log"))).get(3).path("id").asString());
        assertThat(updated.path("reason").asString()).isEqualTo("test");
        assertThat(updated.path("occurred_at").asString()).endsWith("Z");

        JsonNode low = arrivals.get(3).data();
        assertThat(low.path("available_before").asInt()).isEqualTo(10);
        assertThat(low.path("available_after").asInt()).isEqualTo(4);
        assertThat(low.path("reorder_point").asInt()).isEqualTo(5);
        assertThat(low.path("p1_id").asString()).isEqualTo("777");
        assertThat(arrivals.get(6).data().path("available_after").asInt()).isZero();
    }

    @Test
    void aSubscriptionGetsTheChangesMadeRightAfterItIsCreatedOrChanged() {
        TestOrg org = newOrg();
        addProduct(org, "31", 0);
        adjust(org, "31", 1);  // no subscription yet: the ledger learns the org has none
        WebhookReceiver receiver = receiver();
        String id = subscribe(org, receiver, "inventory.updated");

        adjust(org, "31", 2);
        assertThat(deliverAll(receiver)).extracting(Arrival::type).containsExactly("inventory.updated");
        assertThat(deliverAll(receiver).getFirst().data().path("on_hand_after").asInt()).isEqualTo(3);

        ApiClient.Response changed = org.api().patch(hooks(org) + "/" + id, Map.of("event_types", List.of("out_of_stock")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        adjust(org, "31", 4);  // no longer wanted
        adjust(org, "31", -7); // out of stock
        assertThat(deliverAll(receiver)).extracting(Arrival::type).containsExactly("inventory.updated", "out_of_stock");
    }

    @Test
    void eventsWaitingForADownEndpointAllArriveInOrderOnceItIsUp() {
        TestOrg org = newOrg();
        addProduct(org, "1", 0);
        addProduct(org, "2", 0);
        WebhookReceiver receiver = receiver();
        String subscriptionId = subscribe(org, receiver, "inventory.updated");
        receiver.stop();
        for (int i = 1; i <= 4; i++) {
            adjust(org, "1", i);
            adjust(org, "2", 10 * i);
        }
        int attempts = dispatcher.dispatchDueDeliveries();
        assertThat(attempts).isGreaterThanOrEqualTo(2);
        JsonNode log = data(org.api().get(hooks(org) + "/" + subscriptionId + "/deliveries"));
        assertThat(log).hasSize(2); // only the head of each product's queue was tried
        assertThat(log.get(0).path("status_code").isNull()).isTrue();
        assertThat(log.get(0).path("error").asString()).startsWith("connection error");
        assertThat(log.get(0).path("delivery_state").asString()).isEqualTo("pending");

        receiver.start();
        CLOCK.advance(Duration.ofSeconds(7));
        List<Arrival> arrivals = deliverAll(receiver);
        assertThat(arrivals).hasSize(8).allMatch(Arrival::signatureValid);
        Map<String, List<Integer>> afterByProduct = new HashMap<>();
        arrivals.forEach(arrival -> afterByProduct.computeIfAbsent(arrival.data().path("p1_id").asString(), key -> new ArrayList<>())
                .add(arrival.data().path("on_hand_after").asInt()));
        assertThat(afterByProduct.get("1")).containsExactly(1, 3, 6, 10);
        assertThat(afterByProduct.get("2")).containsExactly(10, 30, 60, 100);
        assertThat(dispatcher.dispatchDueDeliveries()).isZero();
        assertThat(receiver.arrivals()).hasSize(8);
    }

    @Test
    void failingEndpointIsRetriedOnTheScheduleThenFailedAndReplayDeliversIt() {
        TestOrg org = newOrg();
        addProduct(org, "9", 0);
        WebhookReceiver receiver = receiver();
        receiver.answerWith(500);
        String subscriptionId = subscribe(org, receiver, "inventory.updated");
        adjust(org, "9", 3);

        dispatcher.dispatchDueDeliveries();
        assertThat(receiver.arrivals()).hasSize(1);
        dispatcher.dispatchDueDeliveries();
        assertThat(receiver.arrivals()).as("no retry before its time").hasSize(1);
        for (int attempt = 1; attempt < RetrySchedule.ATTEMPTS_MAX; attempt++) {
            Duration delay = RetrySchedule.DELAYS.get(attempt - 1);
            CLOCK.advance(delay.minusSeconds(1));
            dispatcher.dispatchDueDeliveries();
            assertThat(receiver.arrivals()).as("attempt %d waits at least %s", attempt + 1, delay).hasSize(attempt);
            CLOCK.advance(Duration.ofMillis((long) (delay.toMillis() * RetrySchedule.JITTER_FRACTION_MAX) + 1000));
            dispatcher.dispatchDueDeliveries();
            assertThat(receiver.arrivals()).as("attempt %d comes after %s plus jitter", attempt + 1, delay).hasSize(attempt + 1);
        }
        assertThat(receiver.arrivals()).allMatch(Arrival::signatureValid);
        assertThat(receiver.arrivals().stream().map(Arrival::webhookId).distinct()).hasSize(1);
        CLOCK.advance(Duration.ofDays(1));
        dispatcher.dispatchDueDeliveries();
        assertThat(receiver.arrivals()).as("failed after %d attempts", RetrySchedule.ATTEMPTS_MAX).hasSize(RetrySchedule.ATTEMPTS_MAX);

        ApiClient.Response firstPage = org.api().get(hooks(org) + "/" + subscriptionId + "/deliveries?limit=5");
        JsonNode log = data(firstPage);
        assertThat(log).hasSize(5);
        JsonNode newest = log.get(0);
        assertThat(newest.path("attempt_number").asInt()).isEqualTo(RetrySchedule.ATTEMPTS_MAX);
        assertThat(newest.path("status_code").asInt()).isEqualTo(500);
        assertThat(newest.path("succeeded").asBoolean()).isFalse();
        assertThat(newest.path("latency_millis").isIntegralNumber()).isTrue();
        assertThat(newest.path("response_excerpt").asString()).isEqualTo("receiver says no");
        assertThat(newest.path("delivery_state").asString()).isEqualTo("failed");
        assertThat(newest.path("event_type").asString()).isEqualTo("inventory.updated");
        assertThat(newest.path("attempted_at").asString()).endsWith("Z");
        String before = firstPage.body().path("next_before").asString();
        JsonNode secondPage = data(org.api().get(hooks(org) + "/" + subscriptionId + "/deliveries?limit=5&before=" + before));
        assertThat(secondPage).hasSize(RetrySchedule.ATTEMPTS_MAX - 5);
        assertThat(secondPage.get(secondPage.size() - 1).path("attempt_number").asInt()).isEqualTo(1);
        JsonNode subscription = org.api().get(hooks(org) + "/" + subscriptionId).body();
        assertThat(subscription.path("enabled").asBoolean()).isTrue();
        assertThat(subscription.path("failing_since").asString()).endsWith("Z");

        receiver.answerWith(200);
        ApiClient.Response replay = org.api().post(hooks(org) + "/" + subscriptionId + "/replay-failed",
                Map.of("since", CLOCK.instant().minus(Duration.ofDays(3)).toString()));
        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        assertThat(replay.body().path("replayed").asInt()).isEqualTo(1);
        dispatcher.dispatchDueDeliveries();
        assertThat(receiver.arrivals()).hasSize(RetrySchedule.ATTEMPTS_MAX + 1);
        JsonNode delivered = data(org.api().get(hooks(org) + "/" + subscriptionId + "/deliveries?limit=1")).get(0);
        assertThat(delivered.path("succeeded").asBoolean()).isTrue();
        assertThat(delivered.path("delivery_state").asString()).isEqualTo("delivered");
        assertThat(org.api().get(hooks(org) + "/" + subscriptionId).body().path("failing_since").isNull()).isTrue();

        ApiClient.Response again = org.api().post(hooks(org) + "/" + subscriptionId + "/replay",
                Map.of("event_id", delivered.path("event_id").asString()));
        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        dispatcher.dispatchDueDeliveries();
        List<Arrival> arrivals = receiver.arrivals();
        assertThat(arrivals).hasSize(RetrySchedule.ATTEMPTS_MAX + 2);
        assertThat(arrivals.getLast().webhookId()).isEqualTo(arrivals.getFirst().webhookId());
        assertThat(arrivals.getLast().body()).isEqualTo(arrivals.getFirst().body());
    }

    @Test
    void endpointFailingForFiveDaysIsDisabledWithAVisibleReason() {
        TestOrg org = newOrg();
        addProduct(org, "5", 0);
        WebhookReceiver receiver = receiver();
        receiver.answerWith(503);
        String subscriptionId = subscribe(org, receiver, "inventory.updated");
        adjust(org, "5", 1);
        dispatcher.dispatchDueDeliveries();
        CLOCK.advance(Duration.ofDays(5));
        adjust(org, "5", 1);
        for (int i = 0; i < RetrySchedule.ATTEMPTS_MAX; i++) {
            CLOCK.advance(Duration.ofHours(12));
            dispatcher.dispatchDueDeliveries();
        }
        JsonNode subscription = org.api().get(hooks(org) + "/" + subscriptionId).body();
        assertThat(subscription.path("enabled").asBoolean()).as(subscription.toString()).isFalse();
        assertThat(subscription.path("disabled_reason").asString()).contains("failed").contains("HTTP 503");
        assertThat(subscription.path("disabled_at").asString()).endsWith("Z");
        int arrived = receiver.arrivals().size();
        adjust(org, "5", 1);
        CLOCK.advance(Duration.ofDays(1));
        dispatcher.dispatchDueDeliveries();
        assertThat(receiver.arrivals()).as("a disabled subscription gets nothing").hasSize(arrived);

        receiver.answerWith(200);
        ApiClient.Response enabled = org.api().patch(hooks(org) + "/" + subscriptionId, Map.of("enabled", true));
        assertThat(enabled.body().path("enabled").asBoolean()).isTrue();
        assertThat(enabled.body().path("disabled_reason").isNull()).isTrue();
    }

    @Test
    void rolledBackChangesEmitNothingAndCommittedOnesAlwaysDo() {
        TestOrg org = newOrg();
        addProduct(org, "42", 0);
        WebhookReceiver receiver = receiver();
        subscribe(org, receiver, "*");

        assertProblem(org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", "42", "delta_on_hand", -5, "reason", "x")),
                409, "insufficient_stock");
        assertProblem(org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", "42", "delta_on_hand", -5, "reason", "x"),
                Map.of("Idempotency-Key", "refused-1")), 409, "insufficient_stock");
        var product = catalog.findProductByP1Id(org.orgId(), "42").orElseThrow();
        LevelKey level = new LevelKey(product.productId(), access.requireOrg(org.orgId()).defaultLocationId(), Room.SALES_FLOOR);
        transactions.executeWithoutResult(status -> {
            ledger.applyCommand(org.orgId(), new Actor(null, "test"),
                    StockCommand.of(StockChange.adjust(level, MovementKind.RECEIPT, new BigDecimal("7"), BigDecimal.ZERO), "ADJUSTMENT", "rolled back"));
            publisher.publishEvent(new IntegrationEvent(org.orgId(), "order_status_updated", "ORD-1", Instant.now(), Map.of("status", "x")));
            status.setRollbackOnly();
        });
        assertThat(storedEventsOf(org)).isZero();
        assertThat(deliverAll(receiver)).isEmpty();

        adjust(org, "42", 2);
        transactions.executeWithoutResult(status -> publisher.publishEvent(new IntegrationEvent(org.orgId(), "order_status_updated",
                "ORD-1", Instant.parse("2026-06-05T12:00:00Z"),
                Map.of("order_id", "ORD-1", "status", "ready_pickup", "updated_at", "2026-06-05T12:00:00Z"))));
        List<Arrival> arrivals = deliverAll(receiver);
        assertThat(arrivals.stream().map(Arrival::type).toList())
                .containsExactlyInAnyOrder("inventory.updated", "back_in_stock", "order_status_updated");
        Arrival order = arrivals.stream().filter(arrival -> arrival.type().equals("order_status_updated")).findFirst().orElseThrow();
        assertThat(order.signatureValid()).isTrue();
        assertThat(order.data().path("order_id").asString()).isEqualTo("ORD-1");
        assertThat(order.data().path("status").asString()).isEqualTo("ready_pickup");
        assertThat(order.json().path("timestamp").asString()).isEqualTo("2026-06-05T12:00:00Z");
    }

    @Test
    void twoDispatchersRunningAtOnceSendEachAttemptOnce() throws Exception {
        TestOrg org = newOrg();
        WebhookReceiver receiver = receiver();
        subscribe(org, receiver, "inventory.updated");
        int products = 30;
        for (int i = 0; i < products; i++) {
            addProduct(org, "p" + i, 0);
            adjust(org, "p" + i, 1);
        }
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> runs = List.of(
                    pool.submit(() -> { start.await(); return dispatcher.dispatchDueDeliveries(); }),
                    pool.submit(() -> { start.await(); return dispatcher.dispatchDueDeliveries(); }));
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        }
        dispatcher.dispatchDueDeliveries();
        List<Arrival> arrivals = receiver.arrivals();
        Map<String, Long> perId = arrivals.stream().collect(Collectors.groupingBy(Arrival::webhookId, Collectors.counting()));
        assertThat(perId).hasSize(products);
        assertThat(perId.values()).allMatch(count -> count == 1);
        assertThat(arrivals).allMatch(Arrival::signatureValid);
    }

    @Test
    void deliveryClaimedByADispatcherThatDiedIsSentAfterItsLeaseEnds() {
        TestOrg org = newOrg();
        addProduct(org, "d1", 0);
        WebhookReceiver receiver = receiver();
        subscribe(org, receiver, "inventory.updated");
        adjust(org, "d1", 4);
        // A dispatcher claims and leases the delivery, then dies before sending (nothing settles it).
        Instant now = CLOCK.instant();
        List<OutboxRepository.ClaimedDelivery> claimed = transactions.execute(status -> {
            List<OutboxRepository.ClaimedDelivery> due = outbox.readDueDeliveriesAndLock(now, WebhookDispatcher.BATCH_SIZE_MAX).stream()
                    .filter(delivery -> delivery.orgId().equals(org.orgId())).toList();
            due.forEach(delivery -> outbox.leaseDelivery(delivery, now, now.plus(WebhookDispatcher.LEASE)));
            return due;
        });
        assertThat(claimed).hasSize(1);
        assertThat(deliverAll(receiver)).as("leased to the dead dispatcher").isEmpty();
        CLOCK.advance(WebhookDispatcher.LEASE.plusSeconds(1));
        List<Arrival> arrivals = deliverAll(receiver);
        assertThat(arrivals).hasSize(1).allMatch(Arrival::signatureValid);
        assertThat(arrivals.getFirst().data().path("on_hand_after").asInt()).isEqualTo(4);
    }

    @Test
    void finishedDeliveriesArePurgedAfterTheRetentionButPendingOnesStay() {
        TestOrg org = newOrg();
        addProduct(org, "r1", 0);
        WebhookReceiver receiver = receiver();
        String subscriptionId = subscribe(org, receiver, "inventory.updated");
        adjust(org, "r1", 1);
        assertThat(deliverAll(receiver)).hasSize(1);
        receiver.stop();
        adjust(org, "r1", 1);
        dispatcher.dispatchDueDeliveries();
        CLOCK.advance(WebhookDispatcher.RETENTION.plusDays(1));
        while (dispatcher.purgeExpiredDeliveries() > 0) {
            // bounded batches until nothing old is left
        }
        assertThat(data(org.api().get(hooks(org) + "/" + subscriptionId + "/deliveries"))).isEmpty();
        assertThat(storedEventsOf(org)).as("the pending delivery keeps its event").isEqualTo(1);
        receiver.start();
        List<Arrival> arrivals = deliverAll(receiver);
        assertThat(arrivals).hasSize(2);
        assertThat(arrivals.getLast().data().path("on_hand_after").asInt()).isEqualTo(2);
    }

    @Test
    void disablingASubscriptionGivesUpItsPendingDeliveriesAndReplayFailedResumesThemInOrder() {
        TestOrg org = newOrg();
        addProduct(org, "s1", 0);
        WebhookReceiver receiver = receiver();
        String subscriptionId = subscribe(org, receiver, "inventory.updated", "inventory.sync.completed");
        Instant before = CLOCK.instant().minusSeconds(1);
        adjust(org, "s1", 1);
        adjust(org, "s1", 2);
        transactions.executeWithoutResult(status -> publisher.publishEvent(new IntegrationEvent(org.orgId(), "inventory.sync.completed",
                "job-1", CLOCK.instant(), Map.of("job_id", "job-1", "status", "completed"))));
        ApiClient.Response disabled = org.api().patch(hooks(org) + "/" + subscriptionId, Map.of("enabled", false));
        assertThat(disabled.body().path("enabled").asBoolean()).as(disabled.toString()).isFalse();
        assertThat(deliverAll(receiver)).isEmpty();
        adjust(org, "s1", 3);
        assertThat(deliverAll(receiver)).as("nothing is recorded for a disabled subscription").isEmpty();

        org.api().patch(hooks(org) + "/" + subscriptionId, Map.of("enabled", true));
        ApiClient.Response replay = org.api().post(hooks(org) + "/" + subscriptionId + "/replay-failed", Map.of("since", before.toString()));
        assertThat(replay.body().path("replayed").asInt()).as(replay.toString()).isEqualTo(3);
        List<Arrival> arrivals = deliverAll(receiver);
        assertThat(arrivals).hasSize(3).allMatch(Arrival::signatureValid);
        List<Arrival> stock = arrivals.stream().filter(arrival -> arrival.type().equals("inventory.updated")).toList();
        assertThat(stock.stream().map(arrival -> arrival.data().path("on_hand_after").asInt()).toList()).containsExactly(1, 3);
        Arrival sync = arrivals.stream().filter(arrival -> arrival.type().equals("inventory.sync.completed")).findFirst().orElseThrow();
        assertThat(sync.data().path("job_id").asString()).isEqualTo("job-1");
    }

    @Test
    void pingIsSentNowAndAnswersWithTheAttempt() {
        TestOrg org = newOrg();
        WebhookReceiver receiver = receiver();
        String subscriptionId = subscribe(org, receiver, "low_stock");
        ApiClient.Response ping = org.api().post(hooks(org) + "/" + subscriptionId + "/ping", null);
        assertThat(ping.status()).as(ping.toString()).isEqualTo(200);
        assertThat(ping.body().path("event_type").asString()).isEqualTo("ping");
        assertThat(ping.body().path("status_code").asInt()).isEqualTo(200);
        assertThat(ping.body().path("succeeded").asBoolean()).isTrue();
        assertThat(ping.body().path("delivery_state").asString()).isEqualTo("delivered");
        assertThat(ping.body().path("response_excerpt").asString()).isEqualTo("ok");
        assertThat(receiver.arrivals()).hasSize(1);
        Arrival arrival = receiver.arrivals().getFirst();
        assertThat(arrival.signatureValid()).isTrue();
        assertThat(arrival.type()).isEqualTo("ping");
        assertThat(arrival.webhookId()).isEqualTo(ping.body().path("event_id").asString());
        assertThat(arrival.data().path("subscription_id").asString()).isEqualTo(subscriptionId);

        String rotated = org.api().post(hooks(org) + "/" + subscriptionId + "/rotate-secret", null).body().path("secret").asString();
        org.api().post(hooks(org) + "/" + subscriptionId + "/ping", null);
        assertThat(receiver.arrivals().getLast().signatureValid()).as("signed with the new secret, which the receiver does not know yet").isFalse();
        receiver.useSecret(rotated);
        org.api().post(hooks(org) + "/" + subscriptionId + "/ping", null);
        assertThat(receiver.arrivals().getLast().signatureValid()).isTrue();
    }
}
