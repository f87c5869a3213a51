package org.stockledger.idempotency;

import java.time.Instant;

/**
 * A claimed key; {@code responseStatus} is null while the first request is still running, or when
 * a single ledger command committed ({@code appliedOutcome} set) but its response was not stored.
 */
public record IdempotencyRecord(String orgId, String key, String requestHash, Integer responseStatus,
        String responseBody, String responseType, String appliedOutcome, Instant createdAt) {

    public boolean isComplete() {
        return responseStatus != null;
    }
}
