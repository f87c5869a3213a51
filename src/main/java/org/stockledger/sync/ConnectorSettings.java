package org.stockledger.sync;

import java.time.Instant;
import java.util.UUID;

/** How a location's POS counts are fetched. {@code bearerToken} is a secret: never rendered. */
public record ConnectorSettings(String orgId, UUID locationId, String type, String url, String bearerToken,
        Instant createdAt, Instant updatedAt) {

    public boolean hasBearerToken() {
        return bearerToken != null;
    }
}
