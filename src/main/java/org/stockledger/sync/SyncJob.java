package org.stockledger.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * One sync of a location. Status: queued, running, succeeded, failed (with {@code failureReason});
 * counts: rows seen in the feed, items whose stock changed, rows naming no known product, rows
 * that could not be read.
 */
public record SyncJob(UUID jobId, UUID locationId, String syncType, String connectorType, String status, int itemsSeen,
        int itemsChanged, int unknownSkus, int errors, String failureReason, Instant feedCursor, Instant createdAt,
        Instant startedAt, Instant finishedAt) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public boolean isActive() {
        return status.equals(QUEUED) || status.equals(RUNNING);
    }
}
