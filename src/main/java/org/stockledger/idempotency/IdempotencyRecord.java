package org.stockledger.idempotency;

import java.time.Instant;

/** A claimed key; {@code responseStatus} is null while the first request is still running. */
public record IdempotencyRecord(String orgId, String key, String requestHash, Integer responseStatus,
        String responseBody, String responseType, Instant createdAt) {

    public boolean isComplete() {
        return responseStatus != null;
    }
}
