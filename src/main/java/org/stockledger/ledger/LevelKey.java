package org.stockledger.ledger;

import java.util.Comparator;
import java.util.UUID;

/** Identifies one stock level: a product in a bin (location and room). Ordered as the locks are taken. */
public record LevelKey(UUID productId, UUID locationId, Room room) implements Comparable<LevelKey> {

    /**
     * Ids in the order their rows are locked (products first, then locations); whoever locks
     * several products' rows takes them in this order too. It is PostgreSQL's order of uuids, byte
     * by byte, which is the order of their text forms (and not {@link UUID#compareTo}, which
     * compares signed halves). Compares the halves unsigned, so sorting a batch's keys builds no strings.
     */
    public static final Comparator<UUID> ID_ORDER = (a, b) -> {
        int byHigh = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return byHigh != 0 ? byHigh : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private static final Comparator<LevelKey> ORDER = Comparator
            .comparing(LevelKey::productId, ID_ORDER)
            .thenComparing(LevelKey::locationId, ID_ORDER)
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
