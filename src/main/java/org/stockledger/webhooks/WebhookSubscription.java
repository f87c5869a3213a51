package org.stockledger.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as its owner sees it. The signing secret is not part of it: it is shown once,
 * at creation and at rotation ({@link SubscriptionWithSecret}).
 *
 * @param disabledReason why the service disabled it (an endpoint failing for days), or null
 * @param failingSince the first failed attempt since the last successful one, or null
 */
public record WebhookSubscription(
        UUID subscriptionId,
        String url,
        List<String> eventTypes,
        String description,
        boolean enabled,
        String disabledReason,
        Instant disabledAt,
        Instant failingSince,
        Instant createdAt,
        Instant updatedAt) {
}
