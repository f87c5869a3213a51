package org.stockledger.ledger.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What new movements of one level change in {@code stocked_level_changes}: the days on which the
 * level starts or stops holding stock (on hand or reserved) at the end of the day, by the
 * snapshot's rule (today's balance minus the rollup deltas of later days). A level's balance at
 * the end of a day only changes on days it has rollups, so only those days and the movements'
 * own need looking at.
 */
final class StockedDays {

    private StockedDays() {
    }

    /** A net change of one day: a rollup's, or a movement's on its day of occurrence. */
    record DayNet(LocalDate day, BigDecimal onHand, BigDecimal reserved) {
    }

    /**
     * @param onHandBefore the level's on hand before the movements
     * @param reservedBefore the level's reserved quantity before the movements
     * @param laterRollups the level's rollup nets of the days after the earliest movement's day,
     *        before the movements were added to them
     * @param movements the movements, each on its day of occurrence
     * @return per day, +1 where the level now holds stock at the end of the day and before these
     *         movements did not (counting from that day on), -1 the other way round; days without
     *         change are left out
     */
    static NavigableMap<LocalDate, Integer> changes(BigDecimal onHandBefore, BigDecimal reservedBefore,
            Map<LocalDate, DayNet> laterRollups, List<DayNet> movements) {
        NavigableMap<LocalDate, Integer> changes = new TreeMap<>();
        if (movements.isEmpty()) {
            return changes;
        }
        TreeMap<LocalDate, DayNet> moved = new TreeMap<>();
        for (DayNet movement : movements) {
            moved.merge(movement.day(), movement, (a, b) -> new DayNet(a.day(), a.onHand().add(b.onHand()), a.reserved().add(b.reserved())));
        }
        LocalDate first = moved.firstKey();
        TreeSet<LocalDate> days = new TreeSet<>(moved.keySet());
        // The balance at the end of the first day, before these movements: today's minus every later day.
        BigDecimal oldOnHand = onHandBefore;
        BigDecimal oldReserved = reservedBefore;
        for (DayNet rollup : laterRollups.values()) {
            if (!rollup.day().isAfter(first)) {
                throw new IllegalArgumentException("rollup of " + rollup.day() + " is not later than " + first);
            }
            days.add(rollup.day());
            oldOnHand = oldOnHand.subtract(rollup.onHand());
            oldReserved = oldReserved.subtract(rollup.reserved());
        }
        BigDecimal addedOnHand = BigDecimal.ZERO;
        BigDecimal addedReserved = BigDecimal.ZERO;
        int previousDifference = 0;
        for (LocalDate day : days) {
            DayNet rollup = laterRollups.get(day);
            if (rollup != null) {
                oldOnHand = oldOnHand.add(rollup.onHand());
                oldReserved = oldReserved.add(rollup.reserved());
            }
            DayNet movement = moved.get(day);
            if (movement != null) {
                addedOnHand = addedOnHand.add(movement.onHand());
                addedReserved = addedReserved.add(movement.reserved());
            }
            int difference = stocked(oldOnHand.add(addedOnHand), oldReserved.add(addedReserved)) - stocked(oldOnHand, oldReserved);
            if (difference != previousDifference) {
                changes.put(day, difference - previousDifference);
                previousDifference = difference;
            }
        }
        return changes;
    }

    private static int stocked(BigDecimal onHand, BigDecimal reserved) {
        return onHand.signum() != 0 || reserved.signum() != 0 ? 1 : 0;
    }
}
