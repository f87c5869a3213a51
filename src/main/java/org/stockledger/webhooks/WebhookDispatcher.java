package org.stockledger.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.stockledger.support.DatabaseUnavailable;
import org.stockledger.support.DomainException;
import org.stockledger.support.Ids;
import org.stockledger.webhooks.internal.DeliverySender;
import org.stockledger.webhooks.internal.DeliverySender.SendResult;
import org.stockledger.webhooks.internal.OutboxRepository;
import org.stockledger.webhooks.internal.OutboxRepository.ClaimedDelivery;
import org.stockledger.webhooks.internal.OutboxRepository.StoredEvent;
import org.stockledger.webhooks.internal.RetrySchedule;
import org.stockledger.webhooks.internal.SubscriptionRepository;
import org.stockledger.webhooks.internal.SubscriptionRepository.StoredSubscription;
import org.stockledger.support.UrlGuard;
import org.stockledger.webhooks.internal.WebhookSigner;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers the outbox. Each round claims up to {@link #BATCH_SIZE_MAX} due deliveries in a short
 * transaction ({@code FOR UPDATE SKIP LOCKED}, so concurrent dispatchers in any number of service
 * instances never claim the same one) and leases them for {@link #LEASE}: their attempt is
 * counted and they are hidden until the lease ends. Then it sends them, in parallel, outside any
 * transaction, and settles each attempt in its own transaction: delivered, retried later per
 * {@link RetrySchedule}, or failed. A dispatcher that dies mid-send leaves a lease that ends, and
 * the delivery is sent again (at least once). A delivery is claimable only when every earlier
 * delivery of its (subscription, ordering key) is finished, so a key's events arrive in order.
 * Every scheduling decision reads the injected {@link Clock}.
 */
@Service
public class WebhookDispatcher {

    public static final int BATCH_SIZE_MAX = 50;
    public static final int ROUNDS_PER_RUN_MAX = 20;
    public static final Duration LEASE = Duration.ofMinutes(2);
    /** An endpoint whose attempts all failed for this long is disabled. */
    public static final Duration FAILING_ENDPOINT_DISABLE_AFTER = Duration.ofDays(5);
    /** Finished deliveries, their attempts and their events are kept this long, then purged. */
    public static final Duration RETENTION = Duration.ofDays(30);
    public static final int PURGE_BATCH_MAX = 10_000;
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final OutboxRepository outbox;
    private final SubscriptionRepository subscriptions;
    private final DeliverySender sender;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final boolean allowPrivateTargets;
    private final boolean scheduleEnabled;

    public WebhookDispatcher(OutboxRepository outbox, SubscriptionRepository subscriptions, DeliverySender sender,
            TransactionTemplate transactions, JsonMapper json, Clock clock, MeterRegistry meters,
            @Value("${stockledger.webhooks.allow-private:false}") boolean allowPrivateTargets,
            @Value("${stockledger.webhooks.dispatcher.enabled:true}") boolean scheduleEnabled) {
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.allowPrivateTargets = allowPrivateTargets;
        this.scheduleEnabled = scheduleEnabled;
    }

    @Scheduled(fixedDelayString = "${stockledger.webhooks.dispatch-interval:PT1S}", initialDelayString = "PT5S")
    public void dispatchOnSchedule() {
        if (!scheduleEnabled) {
            return;
        }
        try {
            dispatchDueDeliveries();
        } catch (RuntimeException failure) {
            // A database outage fails every round until it ends: one line per round says so, and
            // the stack trace, the same each time, is there at DEBUG.
            DatabaseUnavailable.reasonOf(failure).ifPresentOrElse(
                    reason -> {
                        log.warn("webhook dispatch round failed, the database is unavailable ({}); the next round retries", reason);
                        log.debug("webhook dispatch round failed", failure);
                    },
                    () -> log.warn("webhook dispatch round failed; the next round retries", failure));
        }
    }

    /** Deletes what {@link #RETENTION} no longer keeps, a bounded batch per run; returns how many rows went. */
    @Scheduled(fixedDelayString = "${stockledger.webhooks.purge-interval:PT1H}", initialDelayString = "PT10M")
    public int purgeExpiredDeliveries() {
        Instant cutoff = clock.instant().minus(RETENTION);
        int purged = transactions.execute(status -> outbox.purgeOlderThan(cutoff, PURGE_BATCH_MAX));
        if (purged > 0) {
            log.info("purged {} webhook rows older than {}", purged, RETENTION);
        }
        return purged;
    }

    /** Sends every delivery due now (bounded by {@link #ROUNDS_PER_RUN_MAX} batches); returns how many attempts were made. */
    public int dispatchDueDeliveries() {
        int attempts = 0;
        for (int round = 0; round < ROUNDS_PER_RUN_MAX; round++) {
            Instant now = clock.instant();
            List<ClaimedDelivery> claimed = transactions.execute(status -> {
                List<ClaimedDelivery> due = outbox.readDueDeliveriesAndLock(now, BATCH_SIZE_MAX);
                due.forEach(delivery -> outbox.leaseDelivery(delivery, now, now.plus(LEASE)));
                return due;
            });
            if (claimed.isEmpty()) {
                break;
            }
            attempts += sendAll(claimed);
        }
        return attempts;
    }

    private int sendAll(List<ClaimedDelivery> claimed) {
        if (claimed.size() == 1) {
            attemptDelivery(claimed.getFirst());
            return 1;
        }
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sending = new ArrayList<>(claimed.size());
            claimed.forEach(delivery -> sending.add(senders.submit(() -> attemptDelivery(delivery))));
            for (Future<?> future : sending) {
                try {
                    future.get();
                } catch (ExecutionException failure) {
                    Throwable cause = failure.getCause();
                    DatabaseUnavailable.reasonOf(cause).ifPresentOrElse(
                            reason -> {
                                log.warn("webhook attempt not settled, the database is unavailable ({}); its lease will end and it is sent again",
                                        reason);
                                log.debug("webhook attempt not settled", cause);
                            },
                            () -> log.error("webhook attempt failed unexpectedly; its lease will end and it is sent again", cause));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return claimed.size();
    }

    /** Sends one claimed delivery and settles the attempt. */
    void attemptDelivery(ClaimedDelivery delivery) {
        Optional<StoredSubscription> found = subscriptions.findSubscription(delivery.orgId(), delivery.subscriptionId());
        Optional<StoredEvent> event = outbox.findEvent(delivery.orgId(), delivery.eventId());
        if (found.isEmpty() || event.isEmpty()) {
            return; // deleted with its subscription in the meantime
        }
        StoredSubscription subscription = found.get();
        Instant attemptedAt = clock.instant();
        SendResult result;
        if (!subscription.view().enabled()) {
            result = new SendResult(null, 0, null, "subscription disabled");
        } else {
            result = send(delivery, subscription, event.get(), attemptedAt);
        }
        settle(delivery, result, attemptedAt, subscription.view().enabled());
    }

    private SendResult send(ClaimedDelivery delivery, StoredSubscription subscription, StoredEvent event, Instant attemptedAt) {
        URI url;
        try {
            // Checked again at every send: a host may resolve elsewhere than when it was subscribed.
            url = UrlGuard.requireDeliverableUrl(subscription.view().url(), allowPrivateTargets);
        } catch (DomainException refused) {
            return new SendResult(null, 0, null, "refused target: " + refused.getMessage());
        }
        String body = body(delivery, event);
        long timestamp = attemptedAt.getEpochSecond();
        String messageId = event.eventId().toString();
        String signature = WebhookSigner.signature(subscription.signingSecret(), messageId, timestamp, body);
        return sender.send(url, messageId, timestamp, signature, body);
    }

    /** The delivered JSON: the same bytes on every attempt of a delivery. */
    private String body(ClaimedDelivery delivery, StoredEvent event) {
        ObjectNode root = json.createObjectNode();
        root.put("id", event.eventId().toString());
        root.put("type", delivery.deliveredType());
        root.put("timestamp", event.occurredAt().toString());
        root.put("org_id", delivery.orgId());
        root.set("data", json.readTree(event.payloadJson()));
        return json.writeValueAsString(root);
    }

    private void settle(ClaimedDelivery delivery, SendResult result, Instant attemptedAt, boolean subscriptionEnabled) {
        Instant now = clock.instant();
        String outcome = transactions.execute(status -> {
            outbox.appendAttempt(delivery, Ids.newId(), attemptedAt, result.statusCode(), result.latencyMillis(), result.succeeded(),
                    result.error(), result.responseExcerpt());
            if (result.succeeded()) {
                outbox.settleDelivery(delivery, OutboxRepository.DELIVERED, now, result.statusCode(), null, now);
                subscriptions.markEndpointHealthy(delivery.orgId(), delivery.subscriptionId());
                return "delivered";
            }
            String error = result.error() != null ? result.error() : "HTTP " + result.statusCode();
            Duration delay = subscriptionEnabled ? RetrySchedule.delayAfterFailedAttempt(delivery.attemptNumber()) : null;
            if (delay == null) {
                outbox.settleDelivery(delivery, OutboxRepository.FAILED, now, result.statusCode(), error, now);
            } else {
                outbox.settleDelivery(delivery, OutboxRepository.PENDING, now.plus(delay), result.statusCode(), error, now);
            }
            if (subscriptionEnabled) {
                Optional<Instant> failingSince = subscriptions.markEndpointFailing(delivery.orgId(), delivery.subscriptionId(), attemptedAt);
                if (failingSince.isPresent() && !failingSince.get().isAfter(now.minus(FAILING_ENDPOINT_DISABLE_AFTER))) {
                    String reason = "disabled after every attempt failed since " + failingSince.get() + " (last: " + error + ")";
                    subscriptions.disableSubscription(delivery.orgId(), delivery.subscriptionId(), reason, now);
                    outbox.failPendingDeliveries(delivery.orgId(), delivery.subscriptionId(), "subscription disabled: " + reason, now);
                    meters.counter("stockledger.webhooks.subscriptions.disabled").increment();
                    log.warn("webhook subscription {} of org {} {}", delivery.subscriptionId(), delivery.orgId(), reason);
                }
            }
            return delay == null ? "failed" : "retry_scheduled";
        });
        meters.counter("stockledger.webhooks.attempts", "outcome", outcome).increment();
        meters.timer("stockledger.webhooks.attempt.latency").record(Duration.ofMillis(result.latencyMillis()));
    }

    /** Claims one specific delivery (a ping) and sends it now; returns false when another dispatcher holds it. */
    boolean dispatchDeliveryNow(String orgId, UUID deliveryId) {
        Instant now = clock.instant();
        Optional<ClaimedDelivery> claimed = transactions.execute(status -> {
            Optional<ClaimedDelivery> one = outbox.readDeliveryAndLock(orgId, deliveryId, now);
            one.ifPresent(delivery -> outbox.leaseDelivery(delivery, now, now.plus(LEASE)));
            return one;
        });
        claimed.ifPresent(this::attemptDelivery);
        return claimed.isPresent();
    }
}
