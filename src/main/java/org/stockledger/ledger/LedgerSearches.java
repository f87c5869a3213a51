package org.stockledger.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.stockledger.ledger.internal.LevelRepository;
import org.stockledger.ledger.internal.LocationDayFlowRepository;
import org.stockledger.ledger.internal.LocationStockRepository;
import org.stockledger.ledger.internal.MovementDayCountRepository;
import org.stockledger.ledger.internal.MovementSearchRepository;
import org.stockledger.ledger.internal.RollupAnalyticsRepository;

/**
 * Filtered, paged reads over the ledger for list and analytics endpoints: stock summed per
 * (product, location) over the location's rooms, a movement search, and period sums of the daily
 * rollups. Analytics read per-day totals, rollups and levels only, never the movements table.
 */
@Service
public class LedgerSearches {

    private final LocationStockRepository locationStock;
    private final MovementSearchRepository movementSearch;
    private final RollupAnalyticsRepository rollupAnalytics;
    private final MovementDayCountRepository movementDayCounts;
    private final LocationDayFlowRepository locationDayFlows;
    private final LevelRepository levels;

    public LedgerSearches(LocationStockRepository locationStock, MovementSearchRepository movementSearch,
            RollupAnalyticsRepository rollupAnalytics, MovementDayCountRepository movementDayCounts,
            LocationDayFlowRepository locationDayFlows, LevelRepository levels) {
        this.locationStock = locationStock;
        this.movementSearch = movementSearch;
        this.rollupAnalytics = rollupAnalytics;
        this.movementDayCounts = movementDayCounts;
        this.locationDayFlows = locationDayFlows;
        this.levels = levels;
    }

    /**
     * A product's stock in one location, summed over its rooms. {@code reorderPoint} is the sum of
     * the rooms' reorder points, or the org default when no room has one; {@code maxStockLevel}
     * the sum of the rooms' maxima (null when none is set).
     */
    public record LocationStock(UUID productId, UUID locationId, BigDecimal onHand, BigDecimal reserved,
            BigDecimal reorderPoint, BigDecimal maxStockLevel, Instant lastCountedAt) {

        public BigDecimal available() {
            return onHand.subtract(reserved);
        }
    }

    /**
     * Which (product, location) records to read. {@code lowStockOnly}: 0 &lt; on_hand &lt;=
     * reorder point; {@code outOfStockOnly}: on_hand = 0. Null ids mean any.
     */
    public record LocationStockFilter(UUID productId, UUID locationId, boolean lowStockOnly, boolean outOfStockOnly,
            BigDecimal defaultReorderPoint) {
    }

    public List<LocationStock> locationStock(String orgId, LocationStockFilter filter, int limit, long offset) {
        return locationStock.findPage(orgId, filter, limit, offset);
    }

    public long countLocationStock(String orgId, LocationStockFilter filter) {
        return locationStock.count(orgId, filter);
    }

    /**
     * Current stock of one location (null: all locations) at a glance: {@code products} with a
     * level, {@code stockValue} = the sum of on-hand times the product's unit cost (unrounded;
     * products without a cost count 0), and how many (product, location) records the
     * {@link LocationStockFilter} would find low ({@code lowStockRecords}) or out of stock
     * ({@code outOfStockRecords}). One pass over the levels, whatever the catalogue size.
     */
    public record StockOverview(long products, BigDecimal stockValue, long lowStockRecords, long outOfStockRecords) {
    }

    public StockOverview stockOverview(String orgId, UUID locationIdOrNull, BigDecimal defaultReorderPoint) {
        return locationStock.overview(orgId, locationIdOrNull, defaultReorderPoint);
    }

    /**
     * A movement search, newest first (movement ids are time-ordered). Only movements that changed
     * on-hand, of the given kinds; {@code createdFrom} inclusive, {@code createdBefore} exclusive.
     */
    public record MovementSearch(UUID productId, UUID locationId, Set<MovementKind> kinds, Instant createdFrom,
            Instant createdBefore) {

        public MovementSearch {
            kinds = Set.copyOf(kinds);
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("a movement search needs at least one kind");
            }
        }

        MovementSearch createdBetween(Instant from, Instant before) {
            return new MovementSearch(productId, locationId, kinds, from, before);
        }
    }

    public List<Movement> searchMovements(String orgId, MovementSearch search, int limit, long offset) {
        return movementSearch.search(orgId, search, limit, offset);
    }

    /**
     * How many movements a search finds. All of a product's on-hand movements (every kind that
     * can move on-hand, no dates) are the sum of the counts its levels keep. Its movements of some
     * kinds or dates are counted in the ledger (its index holds just them). Otherwise the whole
     * UTC days of the range come from the per-day counts the write path keeps, and only the parts
     * of a day at either end of the range from the ledger: the cost follows the days asked for,
     * never the size of the ledger.
     */
    public long countMovements(String orgId, MovementSearch search) {
        if (search.productId() != null) {
            boolean allOnHandMovements = search.createdFrom() == null && search.createdBefore() == null
                    && search.kinds().containsAll(MovementKind.movingOnHand());
            return allOnHandMovements
                    ? levels.countOnHandMovements(orgId, search.productId(), search.locationId())
                    : movementSearch.count(orgId, search);
        }
        Instant from = search.createdFrom();
        Instant before = search.createdBefore();
        LocalDate firstWholeDay = from == null ? null : utcDayStartingAtOrAfter(from);
        LocalDate endOfWholeDays = before == null ? null : LocalDate.ofInstant(before, ZoneOffset.UTC);
        if (firstWholeDay != null && endOfWholeDays != null && !firstWholeDay.isBefore(endOfWholeDays)) {
            return movementSearch.count(orgId, search); // less than two days
        }
        long total = movementDayCounts.count(orgId, search.kinds(), search.locationId(), firstWholeDay, endOfWholeDays);
        if (from != null && from.isBefore(startOf(firstWholeDay))) {
            total += movementSearch.count(orgId, search.createdBetween(from, startOf(firstWholeDay)));
        }
        if (before != null && startOf(endOfWholeDays).isBefore(before)) {
            total += movementSearch.count(orgId, search.createdBetween(startOf(endOfWholeDays), before));
        }
        return total;
    }

    private static LocalDate utcDayStartingAtOrAfter(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        return startOf(day).equals(instant) ? day : day.plusDays(1);
    }

    private static Instant startOf(LocalDate utcDay) {
        return utcDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * On-hand flows over a range of days (of occurrence, org time zone): {@code stockIn} /
     * {@code stockOut} what movements other than adjustments, counts and syncs put in and took
     * out; {@code adjustments} how many of those there were and {@code adjustmentsNet} their net
     * on-hand change. So stockIn - stockOut + adjustmentsNet is the net on-hand change.
     */
    public record FlowSums(BigDecimal stockIn, BigDecimal stockOut, long adjustments, BigDecimal adjustmentsNet) {
    }

    public FlowSums flowSums(String orgId, UUID locationIdOrNull, LocalDate fromDay, LocalDate toDay) {
        return locationDayFlows.sums(orgId, locationIdOrNull, fromDay, toDay);
    }

    /** A product's activity over a range of days: its ledger entries and the on-hand it moved in plus out. */
    public record ProductActivity(UUID productId, long movementCount, BigDecimal totalQuantity) {
    }

    @Transactional(readOnly = true)
    public List<ProductActivity> mostActiveProducts(String orgId, UUID locationIdOrNull, LocalDate fromDay, LocalDate toDay, int limit) {
        return rollupAnalytics.mostActiveProducts(orgId, locationIdOrNull, fromDay, toDay, limit);
    }
}
