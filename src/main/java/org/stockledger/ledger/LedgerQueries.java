package org.stockledger.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.stockledger.ledger.internal.LevelRepository;
import org.stockledger.ledger.internal.MovementRepository;
import org.stockledger.ledger.internal.RollupRepository;
import org.stockledger.ledger.internal.RollupRepository.ProductDay;

/** Reads of levels, movements and daily history. History never scans the ledger: it reads rollups. */
@Service
public class LedgerQueries {

    public static final int HISTORY_DAYS_MAX = 365;

    private final LevelRepository levels;
    private final MovementRepository movements;
    private final RollupRepository rollups;
    private final Clock clock;

    public LedgerQueries(LevelRepository levels, MovementRepository movements, RollupRepository rollups, Clock clock) {
        this.levels = levels;
        this.movements = movements;
        this.rollups = rollups;
        this.clock = clock;
    }

    public Optional<StockLevel> level(String orgId, LevelKey key) {
        return levels.findLevel(orgId, key);
    }

    public Optional<StockLevel> levelById(String orgId, UUID levelId) {
        return levels.findLevelById(orgId, levelId);
    }

    public List<StockLevel> levelsOfProducts(String orgId, Collection<UUID> productIds) {
        return levels.findLevelsOfProducts(orgId, productIds);
    }

    /** Totals per product over all bins; products without any level get zero totals. */
    public Map<UUID, StockTotals> totalsOfProducts(String orgId, Collection<UUID> productIds) {
        Map<UUID, StockTotals> totals = new HashMap<>();
        BigDecimal zero = BigDecimal.ZERO.setScale(3);
        productIds.forEach(id -> totals.put(id, new StockTotals(id, new Balance(zero, zero, zero), 0, null)));
        for (StockLevel level : levels.findLevelsOfProducts(orgId, productIds)) {
            totals.computeIfPresent(level.key().productId(), (id, sum) -> new StockTotals(id,
                    sum.balance().plus(level.balance().onHand(), level.balance().incoming(), level.balance().reserved()),
                    sum.movementCount() + level.movementCount(),
                    later(sum.lastMovementAt(), level.lastMovementAt())));
        }
        return totals;
    }

    private static java.time.Instant later(java.time.Instant a, java.time.Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    public List<Movement> recentMovementsOfProduct(String orgId, UUID productId, int limit) {
        return movements.recentMovementsOfProduct(orgId, productId, limit);
    }

    public List<Movement> movementsOfReference(String orgId, String referenceType, String referenceId) {
        return movements.movementsOfReference(orgId, referenceType, referenceId);
    }

    /**
     * The last {@code days} days of a product (today included, in the org's time zone), oldest
     * first, one entry per day. The closing balance of a day is the current balance minus the
     * deltas of every later day, so the cost depends on the days asked for, not on the ledger.
     */
    public List<DailyStock> dailyHistoryOfProduct(String orgId, UUID productId, int days, ZoneId zone) {
        if (days < 1 || days > HISTORY_DAYS_MAX) {
            throw new IllegalArgumentException("days must be within 1.." + HISTORY_DAYS_MAX);
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, ProductDay> byDay = new HashMap<>();
        for (ProductDay day : rollups.productDaysFrom(orgId, productId, first)) {
            byDay.put(day.day(), day);
        }
        Balance current = totalsOfProducts(orgId, List.of(productId)).get(productId).balance();
        BigDecimal onHand = current.onHand();
        BigDecimal incoming = current.incoming();
        for (ProductDay day : byDay.values()) {
            if (day.day().isAfter(today)) {
                onHand = onHand.subtract(day.deltaOnHand());
                incoming = incoming.subtract(day.deltaIncoming());
            }
        }
        BigDecimal zero = BigDecimal.ZERO.setScale(3);
        List<DailyStock> history = new ArrayList<>(days);
        for (LocalDate date = today; !date.isBefore(first); date = date.minusDays(1)) {
            ProductDay day = byDay.get(date);
            if (day == null) {
                history.add(new DailyStock(date, zero, zero, zero, zero, 0, onHand, incoming));
                continue;
            }
            history.add(new DailyStock(date, day.deltaOnHand(), day.onHandIn(), day.onHandOut(), day.deltaIncoming(),
                    day.movementCount(), onHand, incoming));
            onHand = onHand.subtract(day.deltaOnHand());
            incoming = incoming.subtract(day.deltaIncoming());
        }
        return history.reversed();
    }
}
