package org.stockledger.webhooks.internal;

import static org.stockledger.webhooks.internal.SubscriptionRepository.instant;
import static org.stockledger.webhooks.internal.SubscriptionRepository.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.webhooks.DeliveryAttempt;

/**
 * The outbox: webhook_events, webhook_deliveries and the delivery log webhook_attempts.
 * A delivery is {@code pending} (due at next_attempt_at), {@code delivered} or {@code failed}.
 */
@Repository
public class OutboxRepository {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    /** An event as stored; {@code payloadJson} is the {@code data} object of the delivered body. */
    public record StoredEvent(UUID eventId, String eventType, String orderingKey, Instant occurredAt, String payloadJson) {
    }

    /** A delivery a dispatcher claimed: its attempt number is already counted. */
    public record ClaimedDelivery(String orgId, UUID deliveryId, UUID subscriptionId, UUID eventId, String deliveredType,
            int attemptNumber) {
    }

    private final JdbcClient jdbc;

    public OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertEvent(String orgId, StoredEvent event, Instant now) {
        jdbc.sql("""
                insert into webhook_events (org_id, event_id, event_type, ordering_key, occurred_at, payload, created_at)
                values (:orgId, :eventId, :eventType, :orderingKey, :occurredAt, :payload, :now)
                """)
                .param("orgId", orgId)
                .param("eventId", event.eventId())
                .param("eventType", event.eventType())
                .param("orderingKey", event.orderingKey())
                .param("occurredAt", utc(event.occurredAt()))
                .param("payload", event.payloadJson())
                .param("now", utc(now))
                .update();
    }

    public void insertDelivery(String orgId, UUID deliveryId, UUID subscriptionId, StoredEvent event, String deliveredType, Instant now) {
        jdbc.sql("""
                insert into webhook_deliveries (org_id, delivery_id, subscription_id, event_id, delivered_type, ordering_key, state,
                    attempt_count, next_attempt_at, created_at)
                values (:orgId, :deliveryId, :subscriptionId, :eventId, :deliveredType, :orderingKey, 'pending', 0, :now, :now)
                """)
                .param("orgId", orgId)
                .param("deliveryId", deliveryId)
                .param("subscriptionId", subscriptionId)
                .param("eventId", event.eventId())
                .param("deliveredType", deliveredType)
                .param("orderingKey", event.orderingKey())
                .param("now", utc(now))
                .update();
    }

    public Optional<StoredEvent> findEvent(String orgId, UUID eventId) {
        return jdbc.sql("""
                select event_id, event_type, ordering_key, occurred_at, payload from webhook_events
                where org_id = :orgId and event_id = :eventId
                """)
                .param("orgId", orgId)
                .param("eventId", eventId)
                .query((rs, row) -> new StoredEvent(rs.getObject("event_id", UUID.class), rs.getString("event_type"),
                        rs.getString("ordering_key"), instant(rs, "occurred_at"), rs.getString("payload")))
                .optional();
    }

    /**
     * Locks up to {@code batchSizeMax} due deliveries that no other dispatcher holds (SKIP LOCKED)
     * and whose every earlier delivery with the same (subscription, ordering key) is finished, so
     * a key's events go out in order. Must run in a transaction; the caller leases what it gets.
     * Same SQL on both databases. H2 2.4 applies the row limit before skipping locked rows, so
     * under contention a second H2 dispatcher may claim fewer rows than are due (never the same
     * ones); the next round picks them up. PostgreSQL skips first, then limits.
     */
    public List<ClaimedDelivery> readDueDeliveriesAndLock(Instant now, int batchSizeMax) {
        return jdbc.sql("""
                select d.org_id, d.delivery_id, d.subscription_id, d.event_id, d.delivered_type, d.attempt_count
                from webhook_deliveries d
                where d.state = 'pending' and d.next_attempt_at <= :now
                  and not exists (
                    select 1 from webhook_deliveries earlier
                    where earlier.org_id = d.org_id and earlier.subscription_id = d.subscription_id
                      and earlier.ordering_key = d.ordering_key and earlier.state = 'pending'
                      and earlier.event_id < d.event_id)
                order by d.next_attempt_at
                fetch first %d rows only
                for update skip locked
                """.formatted(batchSizeMax))
                .param("now", utc(now))
                .query((rs, row) -> new ClaimedDelivery(rs.getString("org_id"), rs.getObject("delivery_id", UUID.class),
                        rs.getObject("subscription_id", UUID.class), rs.getObject("event_id", UUID.class),
                        rs.getString("delivered_type"), rs.getInt("attempt_count") + 1))
                .list();
    }

    /** Locks one pending delivery, due or not, unless another dispatcher holds it. */
    public Optional<ClaimedDelivery> readDeliveryAndLock(String orgId, UUID deliveryId, Instant now) {
        return jdbc.sql("""
                select org_id, delivery_id, subscription_id, event_id, delivered_type, attempt_count
                from webhook_deliveries
                where org_id = :orgId and delivery_id = :deliveryId and state = 'pending'
                for update skip locked
                """)
                .param("orgId", orgId)
                .param("deliveryId", deliveryId)
                .query((rs, row) -> new ClaimedDelivery(rs.getString("org_id"), rs.getObject("delivery_id", UUID.class),
                        rs.getObject("subscription_id", UUID.class), rs.getObject("event_id", UUID.class),
                        rs.getString("delivered_type"), rs.getInt("attempt_count") + 1))
                .optional();
    }

    /** Counts the attempt and hides the delivery from other dispatchers until the lease ends. */
    public void leaseDelivery(ClaimedDelivery delivery, Instant now, Instant leaseEnd) {
        jdbc.sql("""
                update webhook_deliveries set attempt_count = :attemptNumber, last_attempt_at = :now, next_attempt_at = :leaseEnd
                where org_id = :orgId and delivery_id = :deliveryId
                """)
                .param("orgId", delivery.orgId())
                .param("deliveryId", delivery.deliveryId())
                .param("attemptNumber", delivery.attemptNumber())
                .param("now", utc(now))
                .param("leaseEnd", utc(leaseEnd))
                .update();
    }

    public void appendAttempt(ClaimedDelivery delivery, UUID attemptId, Instant attemptedAt, Integer statusCode, long latencyMillis,
            boolean succeeded, String error, String responseExcerpt) {
        jdbc.sql("""
                insert into webhook_attempts (org_id, attempt_id, subscription_id, delivery_id, event_id, delivered_type, attempt_number,
                    attempted_at, status_code, latency_millis, succeeded, error, response_excerpt)
                values (:orgId, :attemptId, :subscriptionId, :deliveryId, :eventId, :deliveredType, :attemptNumber,
                    :attemptedAt, :statusCode, :latencyMillis, :succeeded, :error, :responseExcerpt)
                """)
                .param("orgId", delivery.orgId())
                .param("attemptId", attemptId)
                .param("subscriptionId", delivery.subscriptionId())
                .param("deliveryId", delivery.deliveryId())
                .param("eventId", delivery.eventId())
                .param("deliveredType", delivery.deliveredType())
                .param("attemptNumber", delivery.attemptNumber())
                .param("attemptedAt", utc(attemptedAt))
                .param("statusCode", statusCode)
                .param("latencyMillis", latencyMillis)
                .param("succeeded", succeeded)
                .param("error", error)
                .param("responseExcerpt", responseExcerpt)
                .update();
    }

    /**
     * Settles a claimed attempt: delivered, failed, or pending again at {@code nextAttemptAt}.
     * Only while the delivery is still at this attempt (a replay in between starts it afresh).
     */
    public void settleDelivery(ClaimedDelivery delivery, String state, Instant nextAttemptAt, Integer statusCode, String error, Instant now) {
        jdbc.sql("""
                update webhook_deliveries
                set state = :state, next_attempt_at = :nextAttemptAt, last_status_code = :statusCode, last_error = :error,
                    completed_at = case when :state = 'pending' then null else :now end
                where org_id = :orgId and delivery_id = :deliveryId and attempt_count = :attemptNumber and state = 'pending'
                """)
                .param("orgId", delivery.orgId())
                .param("deliveryId", delivery.deliveryId())
                .param("attemptNumber", delivery.attemptNumber())
                .param("state", state)
                .param("nextAttemptAt", utc(nextAttemptAt))
                .param("statusCode", statusCode)
                .param("error", error)
                .param("now", utc(now))
                .update();
    }

    /** Gives up every unfinished delivery of a subscription (it was disabled); replay brings them back. */
    public int failPendingDeliveries(String orgId, UUID subscriptionId, String error, Instant now) {
        return jdbc.sql("""
                update webhook_deliveries set state = 'failed', last_error = :error, completed_at = :now
                where org_id = :orgId and subscription_id = :subscriptionId and state = 'pending'
                """)
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .param("error", error)
                .param("now", utc(now))
                .update();
    }

    /** Makes one delivery due now, with a fresh attempt budget, whatever its state. */
    public boolean resetDeliveryOfEvent(String orgId, UUID subscriptionId, UUID eventId, Instant now) {
        return jdbc.sql("""
                update webhook_deliveries
                set state = 'pending', attempt_count = 0, next_attempt_at = :now, completed_at = null, last_error = null
                where org_id = :orgId and subscription_id = :subscriptionId and event_id = :eventId
                """)
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .param("eventId", eventId)
                .param("now", utc(now))
                .update() > 0;
    }

    /** Makes every failed delivery of a subscription created since {@code since} due now again; returns how many. */
    public int resetFailedDeliveriesSince(String orgId, UUID subscriptionId, Instant since, Instant now) {
        return jdbc.sql("""
                update webhook_deliveries
                set state = 'pending', attempt_count = 0, next_attempt_at = :now, completed_at = null, last_error = null
                where org_id = :orgId and subscription_id = :subscriptionId and state = 'failed' and created_at >= :since
                """)
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .param("since", utc(since))
                .param("now", utc(now))
                .update();
    }

    public int countFailedDeliveriesSince(String orgId, UUID subscriptionId, Instant since) {
        return jdbc.sql("""
                select count(*) from webhook_deliveries
                where org_id = :orgId and subscription_id = :subscriptionId and state = 'failed' and created_at >= :since
                """)
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .param("since", utc(since))
                .query(Integer.class)
                .single();
    }

    /** The delivery log of a subscription, newest first, before the attempt {@code before} (null: from the newest). */
    public List<DeliveryAttempt> attemptsOfSubscription(String orgId, UUID subscriptionId, UUID before, int limit) {
        return jdbc.sql("""
                select a.attempt_id, a.delivery_id, a.event_id, a.delivered_type, a.attempt_number, a.attempted_at, a.status_code,
                    a.latency_millis, a.succeeded, a.error, a.response_excerpt, d.state
                from webhook_attempts a
                join webhook_deliveries d on d.org_id = a.org_id and d.delivery_id = a.delivery_id
                where a.org_id = :orgId and a.subscription_id = :subscriptionId
                  %s
                order by a.attempt_id desc
                fetch first %d rows only
                """.formatted(before == null ? "" : "and a.attempt_id < :before", limit))
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .params(before == null ? java.util.Map.of() : java.util.Map.of("before", before))
                .query(OutboxRepository::toAttempt)
                .list();
    }

    public Optional<DeliveryAttempt> latestAttemptOfDelivery(String orgId, UUID deliveryId) {
        return jdbc.sql("""
                select a.attempt_id, a.delivery_id, a.event_id, a.delivered_type, a.attempt_number, a.attempted_at, a.status_code,
                    a.latency_millis, a.succeeded, a.error, a.response_excerpt, d.state
                from webhook_attempts a
                join webhook_deliveries d on d.org_id = a.org_id and d.delivery_id = a.delivery_id
                where a.org_id = :orgId and a.delivery_id = :deliveryId
                order by a.attempt_id desc
                fetch first 1 rows only
                """)
                .param("orgId", orgId)
                .param("deliveryId", deliveryId)
                .query(OutboxRepository::toAttempt)
                .optional();
    }

    /**
     * Deletes up to {@code rowsMax} rows of each kind older than {@code cutoff}: attempts, finished
     * deliveries, and events no delivery refers to any more. Returns how many rows went.
     */
    public int purgeOlderThan(Instant cutoff, int rowsMax) {
        int attempts = jdbc.sql("""
                delete from webhook_attempts where (org_id, attempt_id) in (
                    select org_id, attempt_id from webhook_attempts where attempted_at < :cutoff fetch first %d rows only)
                """.formatted(rowsMax))
                .param("cutoff", utc(cutoff))
                .update();
        int deliveries = jdbc.sql("""
                delete from webhook_deliveries where (org_id, delivery_id) in (
                    select org_id, delivery_id from webhook_deliveries
                    where state <> 'pending' and completed_at < :cutoff fetch first %d rows only)
                """.formatted(rowsMax))
                .param("cutoff", utc(cutoff))
                .update();
        int events = jdbc.sql("""
                delete from webhook_events where (org_id, event_id) in (
                    select e.org_id, e.event_id from webhook_events e
                    where e.created_at < :cutoff and not exists (
                        select 1 from webhook_deliveries d where d.org_id = e.org_id and d.event_id = e.event_id)
                    fetch first %d rows only)
                """.formatted(rowsMax))
                .param("cutoff", utc(cutoff))
                .update();
        return attempts + deliveries + events;
    }

    private static DeliveryAttempt toAttempt(ResultSet rs, int row) throws SQLException {
        return new DeliveryAttempt(
                rs.getObject("attempt_id", UUID.class),
                rs.getObject("delivery_id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getString("delivered_type"),
                rs.getInt("attempt_number"),
                instant(rs, "attempted_at"),
                (Integer) rs.getObject("status_code"),
                rs.getLong("latency_millis"),
                rs.getBoolean("succeeded"),
                rs.getString("error"),
                rs.getString("response_excerpt"),
                rs.getString("state"));
    }
}
