package org.stockledger.sync;

import java.time.Instant;
import java.util.UUID;

/** The latest CSV of counts uploaded for a location: how many rows it holds and when it came. */
public record CsvUpload(UUID locationId, int rowCount, Instant uploadedAt) {
}
