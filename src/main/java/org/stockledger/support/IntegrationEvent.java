package org.stockledger.support;

import java.time.Instant;
import java.util.Map;

/**
 * A fact another system may want to hear about (an order's status changed, a sync job ended).
 * A capability publishes it with Spring's {@code ApplicationEventPublisher} inside the
 * transaction that made the change; the webhook capability records it in its outbox in that same
 * transaction (invariant 6), so publishers never depend on webhooks. Stock changes need no
 * IntegrationEvent: the ledger's {@code StockChanged} covers them.
 *
 * @param type canonical event type, e.g. {@code order_status_updated}, {@code inventory.sync.completed}
 * @param orderingKey events with the same key are delivered in the order they happened (e.g. the order id)
 * @param payload the event's JSON payload: plain maps, lists, strings, numbers, booleans
 */
public record IntegrationEvent(String orgId, String type, String orderingKey, Instant occurredAt, Map<String, Object> payload) {
}
