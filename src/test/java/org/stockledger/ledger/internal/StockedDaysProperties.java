package org.stockledger.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.stockledger.ledger.internal.StockedDays.DayNet;

/**
 * The changes {@link StockedDays} works out transaction by transaction add up, on every day, to
 * the snapshot's own rule applied afresh: a level holds stock at the end of day d when its
 * balance minus the rollup deltas of the days after d is not zero. Movements land on any day of a
 * window (back-dated ones too), in any order, some changing nothing but incoming stock.
 */
class StockedDaysProperties {

    private static final LocalDate FIRST = LocalDate.of(2026, 3, 1);
    private static final int DAYS = 8;

    @Property(tries = 300)
    void changesAddUpToTheStockedRuleOnEveryDay(@ForAll("transactions") List<List<DayNet>> transactions) {
        BigDecimal onHand = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
        TreeMap<LocalDate, DayNet> rollups = new TreeMap<>();
        TreeMap<LocalDate, Integer> kept = new TreeMap<>();
        for (List<DayNet> transaction : transactions) {
            List<DayNet> moving = transaction.stream()
                    .filter(movement -> movement.onHand().signum() != 0 || movement.reserved().signum() != 0)
                    .toList();
            if (!moving.isEmpty()) {
                LocalDate first = moving.stream().map(DayNet::day).min(LocalDate::compareTo).orElseThrow();
                Map<LocalDate, DayNet> later = new HashMap<>(rollups.tailMap(first, false));
                StockedDays.changes(onHand, reserved, later, moving).forEach((day, change) -> kept.merge(day, change, Integer::sum));
            }
            for (DayNet movement : transaction) {
                rollups.merge(movement.day(), movement,
                        (a, b) -> new DayNet(a.day(), a.onHand().add(b.onHand()), a.reserved().add(b.reserved())));
                onHand = onHand.add(movement.onHand());
                reserved = reserved.add(movement.reserved());
            }
            for (LocalDate day = FIRST.minusDays(1); !day.isAfter(FIRST.plusDays(DAYS)); day = day.plusDays(1)) {
                BigDecimal onHandThen = onHand;
                BigDecimal reservedThen = reserved;
                for (DayNet rollup : rollups.tailMap(day, false).values()) {
                    onHandThen = onHandThen.subtract(rollup.onHand());
                    reservedThen = reservedThen.subtract(rollup.reserved());
                }
                int stocked = onHandThen.signum() != 0 || reservedThen.signum() != 0 ? 1 : 0;
                int counted = kept.headMap(day, true).values().stream().mapToInt(Integer::intValue).sum();
                assertThat(counted).as("levels holding stock at the end of " + day + " after " + transactions).isEqualTo(stocked);
            }
        }
    }

    @Provide
    Arbitrary<List<List<DayNet>>> transactions() {
        Arbitrary<DayNet> movement = Combinators.combine(
                        Arbitraries.integers().between(0, DAYS - 1),
                        Arbitraries.integers().between(-3, 3),
                        Arbitraries.integers().between(-1, 1))
                .as((day, onHand, reserved) -> new DayNet(FIRST.plusDays(day), BigDecimal.valueOf(onHand), BigDecimal.valueOf(reserved)));
        return movement.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(12);
    }
}
