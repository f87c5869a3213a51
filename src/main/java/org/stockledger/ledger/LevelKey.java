package org.stockledger.ledger;

import java.util.Comparator;
import java.util.UUID;

/** Identifies one stock level: a product in a bin (location and room). Ordered as the locks are taken. */
public record LevelKey(UUID productId, UUID locationId, Room room) implements Comparable<LevelKey> {

    private static final Comparator<LevelKey> ORDER = Comparator
            .comparing((LevelKey key) -> key.productId().toString())
            .thenComparing(key -> key.locationId().toString())
            .thenComparing(key -> key.room().wireName());

    public LevelKey {
        if (productId == null || locationId == null || room == null) {
            throw new IllegalArgumentException("a level key needs product, location and room");
        }
    }

    @Override
    public int compareTo(LevelKey other) {
        return ORDER.compare(this, other);
    }
}
