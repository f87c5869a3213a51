package org.stockledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The lock order of ids is PostgreSQL's order of uuids: the order of their text forms. */
class LevelKeyProperties {

    @Property(tries = 2000)
    void idsAreOrderedAsTheirTextForms(@ForAll("ids") UUID a, @ForAll("ids") UUID b) {
        assertThat(Integer.signum(LevelKey.ID_ORDER.compare(a, b))).isEqualTo(Integer.signum(a.toString().compareTo(b.toString())));
    }

    @Property(tries = 500)
    void levelKeysAreOrderedByProductThenLocationAsText(@ForAll("ids") UUID productA, @ForAll("ids") UUID productB,
            @ForAll("ids") UUID location) {
        LevelKey a = new LevelKey(productA, location, Room.SALES_FLOOR);
        LevelKey b = new LevelKey(productB, location, Room.SALES_FLOOR);
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(productA.toString().compareTo(productB.toString())));
    }

    @Example
    void anIdWithItsHighBitSetComesLastUnlikeInUuidsOwnOrder() {
        UUID high = UUID.fromString("f0000000-0000-7000-8000-000000000000");
        UUID low = UUID.fromString("10000000-0000-7000-8000-000000000000");
        assertThat(high.compareTo(low)).isNegative();
        assertThat(LevelKey.ID_ORDER.compare(high, low)).isPositive();
    }

    @Provide
    Arbitrary<UUID> ids() {
        Arbitrary<Long> halves = Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L, 0x7000_0000_0000_0000L));
        return halves.flatMap(high -> halves.map(low -> new UUID(high, low)));
    }
}
