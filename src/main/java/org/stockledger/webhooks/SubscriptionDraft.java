package org.stockledger.webhooks;

import java.util.List;

/**
 * What a caller asks for at creation or update. At update a null field keeps its value;
 * {@code enabled} true re-enables a subscription the service disabled.
 */
public record SubscriptionDraft(String url, List<String> eventTypes, String description, Boolean enabled) {
}
