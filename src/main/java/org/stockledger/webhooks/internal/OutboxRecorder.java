package org.stockledger.webhooks.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.stockledger.access.AccessService;
import org.stockledger.catalog.CatalogService;
import org.stockledger.catalog.Product;
import org.stockledger.ledger.AppliedChange;
import org.stockledger.ledger.Balance;
import org.stockledger.ledger.StockChanged;
import org.stockledger.ledger.StockCommand;
import org.stockledger.ledger.StockLevel;
import org.stockledger.support.Ids;
import org.stockledger.support.IntegrationEvent;
import org.stockledger.webhooks.EventTypes;
import org.stockledger.webhooks.internal.OutboxRepository.StoredEvent;
import org.stockledger.webhooks.internal.SubscriptionRepository.ActiveSubscription;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records events in the outbox inside the transaction that made the change (invariant 6): the
 * listeners are plain synchronous {@code @EventListener}s, so a rolled-back change takes its
 * events with it and a committed one always has them.
 *
 * <p>Fan-out happens here, at record time: one delivery per matching enabled subscription, so
 * the dispatcher never has to match types, and a subscription created later does not receive
 * older events. An event no subscription wants is not stored at all. On the hot write path an
 * org without subscriptions costs no round trip: its enabled subscriptions are kept in memory for
 * a few seconds ({@link SubscriptionRepository#activeSubscriptions}).
 */
@Component
public class OutboxRecorder {

    public static final int PAYLOAD_LENGTH_MAX = 1_000_000;
    public static final int ORDERING_KEY_LENGTH_MAX = 200;

    private final SubscriptionRepository subscriptions;
    private final OutboxRepository outbox;
    private final CatalogService catalog;
    private final AccessService access;
    private final JsonMapper json;
    private final Clock clock;

    public OutboxRecorder(SubscriptionRepository subscriptions, OutboxRepository outbox, CatalogService catalog,
            AccessService access, JsonMapper json, Clock clock) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.catalog = catalog;
        this.access = access;
        this.json = json;
        this.clock = clock;
    }

    /** Derives inventory.updated, low_stock, out_of_stock and back_in_stock from one applied command. */
    @EventListener
    public void recordStockChanged(StockChanged changed) {
        List<ActiveSubscription> active = subscriptions.activeSubscriptions(changed.orgId());
        if (active.isEmpty()) {
            return;
        }
        StockCommand command = changed.command();
        List<AppliedChange> changes = changed.outcome().changes();
        Map<UUID, Product> products = new HashMap<>();
        Supplier<BigDecimal> orgReorderPoint = memoize(() -> access.requireOrg(changed.orgId()).defaultReorderPoint());
        for (int i = 0; i < changes.size(); i++) {
            AppliedChange change = changes.get(i);
            if (change.movement() == null || !change.movement().changesStock()) {
                continue; // events report changes; a count that found the stock as it was is none
            }
            StockLevel levelAfter = changed.levelsAfter().get(i);
            UUID productId = change.level().productId();
            Product product = products.computeIfAbsent(productId,
                    id -> catalog.findProduct(changed.orgId(), id).orElseThrow(
                            () -> new IllegalStateException("stock changed for unknown product " + id)));
            Instant occurredAt = change.movement().occurredAt();
            String orderingKey = productId.toString();
            Balance before = change.before();
            Balance after = change.after();

            Map<String, Object> common = new LinkedHashMap<>();
            common.put("product_id", productId.toString());
            common.put("p1_id", product.p1Id());
            common.put("sku", product.sku());
            common.put("location_id", change.level().locationId().toString());
            common.put("room", change.level().room().wireName());

            if (wanted(active, EventTypes.INVENTORY_UPDATED)) {
                Map<String, Object> payload = new LinkedHashMap<>(common);
                payload.put("on_hand_before", before.onHand());
                payload.put("on_hand_after", after.onHand());
                payload.put("available_before", before.available());
                payload.put("available_after", after.available());
                payload.put("reserved_before", before.reserved());
                payload.put("reserved_after", after.reserved());
                payload.put("incoming_before", before.incoming());
                payload.put("incoming_after", after.incoming());
                payload.put("movement_id", change.movement().movementId().toString());
                payload.put("command_id", changed.outcome().commandId().toString());
                payload.put("kind", change.movement().kind().wireName());
                payload.put("reason_code", command.reasonCode());
                payload.put("reason", command.reason());
                payload.put("reference_type", command.referenceType());
                payload.put("reference_id", command.referenceId());
                payload.put("shop_id", command.shopId());
                payload.put("occurred_at", occurredAt.toString());
                record(changed.orgId(), active, EventTypes.INVENTORY_UPDATED, orderingKey, occurredAt, payload);
            }

            BigDecimal availableBefore = before.available();
            BigDecimal availableAfter = after.available();
            BigDecimal threshold = levelAfter.reorderPoint() != null ? levelAfter.reorderPoint() : orgReorderPoint.get();
            List<String> crossings = new ArrayList<>(2);
            if (availableBefore.compareTo(threshold) > 0 && availableAfter.compareTo(threshold) <= 0) {
                crossings.add(EventTypes.LOW_STOCK);
            }
            if (availableBefore.signum() > 0 && availableAfter.signum() <= 0) {
                crossings.add(EventTypes.OUT_OF_STOCK);
            }
            if (availableBefore.signum() <= 0 && availableAfter.signum() > 0) {
                crossings.add(EventTypes.BACK_IN_STOCK);
            }
            for (String type : crossings) {
                if (!wanted(active, type)) {
                    continue;
                }
                Map<String, Object> payload = new LinkedHashMap<>(common);
                payload.put("available_before", availableBefore);
                payload.put("available_after", availableAfter);
                payload.put("on_hand_after", after.onHand());
                payload.put("reorder_point", threshold);
                payload.put("movement_id", change.movement().movementId().toString());
                payload.put("occurred_at", occurredAt.toString());
                record(changed.orgId(), active, type, orderingKey, occurredAt, payload);
            }
        }
    }

    /** Records an event another capability published (order_status_updated, inventory.sync.completed) as given. */
    @EventListener
    public void recordIntegrationEvent(IntegrationEvent event) {
        List<ActiveSubscription> active = subscriptions.activeSubscriptions(event.orgId());
        String type = EventTypes.canonicalOf(event.type()).orElse(event.type());
        if (active.isEmpty() || !wanted(active, type)) {
            return;
        }
        Instant occurredAt = event.occurredAt() != null ? event.occurredAt() : clock.instant();
        record(event.orgId(), active, type, event.orderingKey(), occurredAt, event.payload());
    }

    /** Records a ping for one subscription only, whatever types it subscribes to; returns the delivery id. */
    public UUID recordPing(String orgId, UUID subscriptionId) {
        Instant now = clock.instant();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("subscription_id", subscriptionId.toString());
        payload.put("message", "ping from Stockledger");
        StoredEvent event = storeEvent(orgId, EventTypes.PING, null, now, payload);
        UUID deliveryId = Ids.newId();
        outbox.insertDelivery(orgId, deliveryId, subscriptionId, event, EventTypes.PING, now);
        return deliveryId;
    }

    private void record(String orgId, List<ActiveSubscription> active, String canonicalType, String orderingKey, Instant occurredAt,
            Map<String, Object> payload) {
        StoredEvent event = storeEvent(orgId, canonicalType, orderingKey, occurredAt, payload);
        Instant now = clock.instant();
        for (ActiveSubscription subscription : active) {
            Optional<String> deliveredName = EventTypes.deliveredName(subscription.eventTypes(), canonicalType);
            if (deliveredName.isPresent()) {
                outbox.insertDelivery(orgId, Ids.newId(), subscription.subscriptionId(), event, deliveredName.get(), now);
            }
        }
    }

    private StoredEvent storeEvent(String orgId, String type, String orderingKey, Instant occurredAt, Map<String, Object> payload) {
        UUID eventId = Ids.newId();
        String payloadJson = json.writeValueAsString(payload);
        if (payloadJson.length() > PAYLOAD_LENGTH_MAX) {
            throw new IllegalStateException("event " + type + " has a payload of " + payloadJson.length()
                    + " characters, more than " + PAYLOAD_LENGTH_MAX);
        }
        // Events without a key (a ping) are ordered by nothing but themselves.
        String key = orderingKey == null || orderingKey.isEmpty() ? eventId.toString() : orderingKey;
        if (key.length() > ORDERING_KEY_LENGTH_MAX) {
            throw new IllegalStateException("ordering key of event " + type + " is longer than " + ORDERING_KEY_LENGTH_MAX);
        }
        StoredEvent event = new StoredEvent(eventId, type, key, occurredAt, payloadJson);
        outbox.insertEvent(orgId, event, clock.instant());
        return event;
    }

    private static boolean wanted(List<ActiveSubscription> active, String canonicalType) {
        return active.stream().anyMatch(subscription -> EventTypes.deliveredName(subscription.eventTypes(), canonicalType).isPresent());
    }

    private static <T> Supplier<T> memoize(Supplier<T> source) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = source.get();
                }
                return value;
            }
        };
    }
}
