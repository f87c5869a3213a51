package org.stockledger.stock;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** The inventory at the end of {@code date} in {@code timeZone}, one page of it. */
public record Snapshot(LocalDate date, ZoneId timeZone, UUID locationId, ItemPage<SnapshotItem> page) {
}
