package org.stockledger.access;

import java.util.UUID;

/** A newly created token. The secret exists only here; show it once. */
public record IssuedToken(String orgId, UUID tokenId, String name, String secret) {
}
