package org.stockledger.webhooks;

/** A subscription together with its signing secret ({@code whsec_...}), returned only at creation and rotation. */
public record SubscriptionWithSecret(WebhookSubscription subscription, String signingSecret) {
}
