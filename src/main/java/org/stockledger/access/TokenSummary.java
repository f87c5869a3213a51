package org.stockledger.access;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A token as listed: never its secret, which is not stored. */
public record TokenSummary(String orgId, UUID tokenId, String name, Set<Scope> scopes, Instant createdAt, Instant revokedAt) {
}
