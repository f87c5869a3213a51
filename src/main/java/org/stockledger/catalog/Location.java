package org.stockledger.catalog;

import java.time.Instant;
import java.util.UUID;

/** A warehouse, shop or pharmacy of an org. */
public record Location(String orgId, UUID locationId, String code, String name, boolean isDefault, Instant createdAt) {
}
