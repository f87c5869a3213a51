package org.stockledger.ledger;

import java.util.Comparator;
import java.util.UUID;

/** Identifies one stock level: a product in a bin (location and room). Ordered as the locks are taken. */
public record LevelKey(UUID productId, UUID locationId, Room room) implements Comparable<LevelKey> {

    /**
     * Products in the order their levels are locked (ids compared as text, as PostgreSQL orders
     * uuids); whoever locks several products' rows takes them in this order too.
     */
    public static final Comparator<UUID> PRODUCT_ORDER = Comparator.comparing(UUID::toString);

    private static final Comparator<LevelKey> ORDER = Comparator
            .comparing(LevelKey::productId, PRODUCT_ORDER)
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
