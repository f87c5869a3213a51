package org.stockledger.webhooks;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.stockledger.support.DomainException;
import org.stockledger.support.Ids;
import org.stockledger.support.Texts;
import org.stockledger.webhooks.internal.OutboxRecorder;
import org.stockledger.webhooks.internal.OutboxRepository;
import org.stockledger.webhooks.internal.SubscriptionRepository;
import org.stockledger.webhooks.internal.SubscriptionRepository.StoredSubscription;
import org.stockledger.support.UrlGuard;
import org.stockledger.webhooks.internal.WebhookSigner;

/**
 * An org's webhook subscriptions: create, list, read, update, delete, rotate the signing secret,
 * ping; the delivery log; replay of one event or of every failed delivery since a time.
 * URLs pass the SSRF guard unless {@code stockledger.webhooks.allow-private} is true.
 */
@Service
public class WebhookService {

    public static final int SUBSCRIPTIONS_PER_ORG_MAX = 25;
    public static final int EVENT_TYPES_PER_SUBSCRIPTION_MAX = 20;
    public static final int DESCRIPTION_LENGTH_MAX = 500;
    public static final int LOG_PAGE_SIZE_MAX = 200;
    public static final int URL_LENGTH_MAX = UrlGuard.URL_LENGTH_MAX;

    private final SubscriptionRepository subscriptions;
    private final OutboxRepository outbox;
    private final OutboxRecorder recorder;
    private final WebhookDispatcher dispatcher;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean allowPrivateTargets;

    public WebhookService(SubscriptionRepository subscriptions, OutboxRepository outbox, OutboxRecorder recorder,
            WebhookDispatcher dispatcher, TransactionTemplate transactions, Clock clock,
            @Value("${stockledger.webhooks.allow-private:false}") boolean allowPrivateTargets) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.recorder = recorder;
        this.dispatcher = dispatcher;
        this.transactions = transactions;
        this.clock = clock;
        this.allowPrivateTargets = allowPrivateTargets;
    }

    @Transactional
    public SubscriptionWithSecret createSubscription(String orgId, SubscriptionDraft draft) {
        URI url = UrlGuard.requireDeliverableUrl(draft.url(), allowPrivateTargets);
        List<String> eventTypes = requireEventTypes(draft.eventTypes());
        String description = Texts.optional("description", draft.description(), DESCRIPTION_LENGTH_MAX);
        if (subscriptions.countSubscriptions(orgId) >= SUBSCRIPTIONS_PER_ORG_MAX) {
            throw new DomainException(409, "subscription_limit_reached",
                    "an org has at most " + SUBSCRIPTIONS_PER_ORG_MAX + " webhook subscriptions", null,
                    Map.of("limit", SUBSCRIPTIONS_PER_ORG_MAX));
        }
        UUID subscriptionId = Ids.newId();
        String secret = WebhookSigner.newSecret();
        subscriptions.insertSubscription(orgId, subscriptionId, url.toString(), eventTypes, description, secret, clock.instant());
        return new SubscriptionWithSecret(requireSubscription(orgId, subscriptionId).view(), secret);
    }

    public List<WebhookSubscription> listSubscriptions(String orgId) {
        return subscriptions.listSubscriptions(orgId);
    }

    public WebhookSubscription getSubscription(String orgId, String subscriptionId) {
        return requireSubscription(orgId, parseId(subscriptionId)).view();
    }

    /** Changes what the draft names; {@code enabled} true re-enables, false disables and gives up pending deliveries. */
    @Transactional
    public WebhookSubscription updateSubscription(String orgId, String subscriptionId, SubscriptionDraft draft) {
        UUID id = parseId(subscriptionId);
        if (draft.url() == null && draft.eventTypes() == null && draft.description() == null && draft.enabled() == null) {
            throw new DomainException(400, "empty_update", "give at least one of url, event_types, description, enabled",
                    null, Map.of());
        }
        WebhookSubscription current = requireSubscription(orgId, id).view();
        String url = draft.url() == null ? current.url() : UrlGuard.requireDeliverableUrl(draft.url(), allowPrivateTargets).toString();
        List<String> eventTypes = draft.eventTypes() == null ? current.eventTypes() : requireEventTypes(draft.eventTypes());
        String description = draft.description() == null ? current.description()
                : Texts.optional("description", draft.description(), DESCRIPTION_LENGTH_MAX);
        boolean enabled = draft.enabled() == null ? current.enabled() : draft.enabled();
        Instant now = clock.instant();
        subscriptions.updateSubscription(orgId, id, url, eventTypes, description, enabled, now);
        if (current.enabled() && !enabled) {
            outbox.failPendingDeliveries(orgId, id, "subscription disabled by its owner", now);
        }
        return requireSubscription(orgId, id).view();
    }

    @Transactional
    public void deleteSubscription(String orgId, String subscriptionId) {
        if (!subscriptions.deleteSubscription(orgId, parseId(subscriptionId))) {
            throw notFound();
        }
    }

    /** A new signing secret, effective for every attempt from now on; the old one stops working at once. */
    @Transactional
    public SubscriptionWithSecret rotateSigningSecret(String orgId, String subscriptionId) {
        UUID id = parseId(subscriptionId);
        requireSubscription(orgId, id);
        String secret = WebhookSigner.newSecret();
        subscriptions.updateSigningSecret(orgId, id, secret, clock.instant());
        return new SubscriptionWithSecret(requireSubscription(orgId, id).view(), secret);
    }

    /** Records a ping for this subscription and sends it now; returns the attempt (empty when a dispatcher got it first). */
    public Optional<DeliveryAttempt> pingSubscription(String orgId, String subscriptionId) {
        UUID id = parseId(subscriptionId);
        UUID deliveryId = transactions.execute(status -> {
            requireSubscription(orgId, id);
            return recorder.recordPing(orgId, id);
        });
        dispatcher.dispatchDeliveryNow(orgId, deliveryId);
        return outbox.latestAttemptOfDelivery(orgId, deliveryId);
    }

    public AttemptPage deliveryLog(String orgId, String subscriptionId, int limit, String before) {
        UUID id = parseId(subscriptionId);
        if (limit < 1 || limit > LOG_PAGE_SIZE_MAX) {
            throw new DomainException(400, "invalid_parameter", "limit must be between 1 and " + LOG_PAGE_SIZE_MAX, "limit", Map.of());
        }
        UUID beforeId = null;
        if (before != null) {
            beforeId = Ids.parse(before).orElseThrow(() -> new DomainException(400, "invalid_parameter",
                    "before must be an attempt id from a previous page", "before", Map.of()));
        }
        requireSubscription(orgId, id);
        List<DeliveryAttempt> attempts = new ArrayList<>(outbox.attemptsOfSubscription(orgId, id, beforeId, limit + 1));
        UUID next = null;
        if (attempts.size() > limit) {
            attempts = new ArrayList<>(attempts.subList(0, limit));
            next = attempts.getLast().attemptId();
        }
        return new AttemptPage(attempts, next);
    }

    /** Sends one event to this subscription again, now, with a fresh attempt budget. */
    @Transactional
    public int replayEvent(String orgId, String subscriptionId, String eventId) {
        UUID id = parseId(subscriptionId);
        requireSubscription(orgId, id);
        UUID event = Ids.parse(eventId).orElseThrow(() -> DomainException.invalidField("event_id", "event_id must be an event id (UUID)"));
        if (!outbox.resetDeliveryOfEvent(orgId, id, event, clock.instant())) {
            throw DomainException.notFound("unknown_event", "this subscription has no delivery of event " + eventId);
        }
        return 1;
    }

    /** Sends every delivery of this subscription that failed and was created at or after {@code since} again, now. */
    @Transactional
    public int replayFailedDeliveries(String orgId, String subscriptionId, Instant since) {
        UUID id = parseId(subscriptionId);
        requireSubscription(orgId, id);
        if (since == null) {
            throw new DomainException(400, "missing_field", "since is required", "since", Map.of());
        }
        return outbox.resetFailedDeliveriesSince(orgId, id, since, clock.instant());
    }

    private List<String> requireEventTypes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new DomainException(400, "missing_field", "event_types needs at least one event type", "event_types", Map.of());
        }
        if (requested.size() > EVENT_TYPES_PER_SUBSCRIPTION_MAX) {
            throw DomainException.invalidField("event_types", "at most " + EVENT_TYPES_PER_SUBSCRIPTION_MAX + " event types");
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (String type : requested) {
            if (type == null || !(EventTypes.ALL.equals(type) || EventTypes.canonicalOf(type).isPresent())) {
                throw new DomainException(400, "unknown_event_type", "unknown event type " + type + "; known: "
                        + EventTypes.catalogue().keySet() + " with their aliases, or *", "event_types",
                        Map.of("known", EventTypes.catalogue()));
            }
            types.add(type);
        }
        return List.copyOf(types);
    }

    private StoredSubscription requireSubscription(String orgId, UUID subscriptionId) {
        return subscriptions.findSubscription(orgId, subscriptionId).orElseThrow(WebhookService::notFound);
    }

    private static UUID parseId(String subscriptionId) {
        return Ids.parse(subscriptionId).orElseThrow(WebhookService::notFound);
    }

    private static DomainException notFound() {
        return DomainException.notFound("unknown_subscription", "no such webhook subscription");
    }
}
