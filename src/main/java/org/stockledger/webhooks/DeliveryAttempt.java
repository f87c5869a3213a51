package org.stockledger.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a subscription's delivery log: one HTTP attempt of one delivery.
 *
 * @param statusCode the endpoint's HTTP status, null when no answer came (timeout, connection error)
 * @param deliveryState the delivery's state now: pending (more attempts to come), delivered or failed
 */
public record DeliveryAttempt(
        UUID attemptId,
        UUID deliveryId,
        UUID eventId,
        String eventType,
        int attemptNumber,
        Instant attemptedAt,
        Integer statusCode,
        long latencyMillis,
        boolean succeeded,
        String error,
        String responseExcerpt,
        String deliveryState) {
}
