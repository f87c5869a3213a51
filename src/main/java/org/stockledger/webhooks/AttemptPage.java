package org.stockledger.webhooks;

import java.util.List;
import java.util.UUID;

/** A page of the delivery log, newest first; {@code nextBefore} is the cursor of the next page, or null at the end. */
public record AttemptPage(List<DeliveryAttempt> attempts, UUID nextBefore) {
}
