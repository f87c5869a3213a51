package org.stockledger.ledger;

import java.util.UUID;

/** Who made a change: a token (id and name) or a named system job with no token. */
public record Actor(UUID tokenId, String name) {

    public static Actor system(String name) {
        return new Actor(null, name);
    }
}
