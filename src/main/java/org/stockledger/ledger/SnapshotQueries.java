package org.stockledger.ledger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.stockledger.ledger.internal.SnapshotRepository;
import org.stockledger.ledger.internal.StockedLevelRepository;

/**
 * Point-in-time reads of stock levels from the daily rollups (never a ledger scan), totals from
 * the per-day changes in stocked levels. Rollups are keyed by the day a change occurred, so
 * back-dated movements land in the snapshot of the day they happened.
 */
@Service
public class SnapshotQueries {

    private final SnapshotRepository snapshots;
    private final StockedLevelRepository stocked;
    private final Clock clock;

    public SnapshotQueries(SnapshotRepository snapshots, StockedLevelRepository stocked, Clock clock) {
        this.snapshots = snapshots;
        this.stocked = stocked;
        this.clock = clock;
    }

    /** Today in the given zone, by the service clock. */
    public LocalDate today(ZoneId zone) {
        return LocalDate.now(clock.withZone(zone));
    }

    public record SnapshotPage(LocalDate day, List<LevelSnapshot> levels, long total) {
    }

    /**
     * The levels (of one location, or all when {@code locationIdOrNull} is null) that held stock
     * or a reservation at the end of {@code day} in {@code zone}, in level key order.
     */
    @Transactional(readOnly = true)
    public SnapshotPage levelsAtEndOfDay(String orgId, UUID locationIdOrNull, LocalDate day, ZoneId zone, int limit, long offset) {
        if (day.isAfter(today(zone))) {
            throw new IllegalArgumentException("a snapshot day must not lie in the future");
        }
        List<LevelSnapshot> levels = snapshots.snapshotPage(orgId, locationIdOrNull, day, limit, offset);
        long total = stocked.stockedAtEndOf(orgId, locationIdOrNull, day);
        return new SnapshotPage(day, levels, total);
    }
}
