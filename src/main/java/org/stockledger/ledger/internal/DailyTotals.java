package org.stockledger.ledger.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.stockledger.ledger.Balance;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.Movement;
import org.stockledger.ledger.MovementKind;
import org.stockledger.ledger.internal.LocationDayFlowRepository.DayFlow;
import org.stockledger.ledger.internal.MovementDayCountRepository.DayCount;
import org.stockledger.ledger.internal.StockedDays.DayNet;
import org.stockledger.ledger.internal.StockedLevelRepository.StockedChange;

/**
 * The per-day totals of a transaction's movements: on-hand movements per UTC day of recording
 * ({@code movement_day_counts}, for list totals), on-hand flows per day of occurrence in the
 * org's time zone ({@code location_day_flows}, for analytics trends) and the levels that start or
 * stop holding stock per day of occurrence ({@code stocked_level_changes}, for snapshot totals).
 * Collected over every ledger call of the transaction (an order, a sync in chunks) and written
 * once, just before it commits; a transaction that is one ledger batch alone (a group-committed
 * batch) writes them with the batch's other writes instead ({@link #addWith}), after its level
 * locks and before only inserts of new rows (its events).
 * Taking these row locks last means a transaction waiting for one holds no lock its holder still
 * needs: the holder has every level it will lock and waits for nothing else before it commits, so
 * rows shared by two transactions (the same lane) cannot deadlock them.
 */
@Component
public class DailyTotals {

    /** Rows each (day, location, kind) total is spread over; see {@code V8__movement_day_counts.sql}. */
    public static final int LANES = 16;

    private static final Object PENDING_KEY = new Object();

    private final MovementDayCountRepository counts;
    private final LocationDayFlowRepository flows;
    private final StockedLevelRepository stocked;
    private final RollupRepository rollups;
    private final StatementRound.Rounds rounds;

    public DailyTotals(MovementDayCountRepository counts, LocationDayFlowRepository flows, StockedLevelRepository stocked,
            RollupRepository rollups, StatementRound.Rounds rounds) {
        this.counts = counts;
        this.flows = flows;
        this.stocked = stocked;
        this.rollups = rollups;
        this.rounds = rounds;
    }

    private record DayKey(LocalDate day, UUID locationId, MovementKind kind) {

        static final Comparator<DayKey> ORDER = Comparator.comparing(DayKey::day)
                .thenComparing(DayKey::locationId)
                .thenComparing(key -> key.kind().wireName());
    }

    private static final class Flow {
        BigDecimal in = BigDecimal.ZERO;
        BigDecimal out = BigDecimal.ZERO;
        long movements;
    }

    private record LocationDay(UUID locationId, LocalDate day) {

        static final Comparator<LocationDay> ORDER = Comparator.comparing(LocationDay::locationId).thenComparing(LocationDay::day);
    }

    /** One org's totals so far in the current transaction, each in key order. */
    private static final class OrgTotals {
        final Map<DayKey, Long> counts = new TreeMap<>(DayKey.ORDER);
        final Map<DayKey, Flow> flows = new TreeMap<>(DayKey.ORDER);
        final Map<LocationDay, Long> stocked = new TreeMap<>(LocationDay.ORDER);
    }

    private static final class Pending {
        final int lane;
        final Map<String, OrgTotals> byOrg = new LinkedHashMap<>();

        Pending(int lane) {
            this.lane = lane;
        }
    }

    /**
     * Adds the movements to the current transaction's totals, written in {@code lane} before it
     * commits. Call it before the movements are added to the daily rollups: which days a level
     * starts or stops holding stock on follows from its rollups as they were before them, and
     * {@code lastRollupDays} (each moved level's last rollup day then, null: none) saves reading
     * them for levels whose rollups do not reach past the movements' days (the usual case).
     */
    public void addAtCommit(String orgId, ZoneId orgZone, int lane, List<Movement> appended, Map<LevelKey, LocalDate> lastRollupDays) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("movements are added up in the transaction that appends them");
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(PENDING_KEY);
        if (pending == null) {
            pending = new Pending(lane);
            Pending fresh = pending;
            TransactionSynchronizationManager.bindResource(PENDING_KEY, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    StatementRound round = rounds.begin();
                    fresh.byOrg.forEach((org, totals) -> write(org, fresh.lane, totals, round));
                    round.send();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING_KEY);
                }
            });
        }
        add(orgId, orgZone, appended, lastRollupDays, pending.byOrg.computeIfAbsent(orgId, org -> new OrgTotals()));
    }

    /**
     * Adds the movements to the totals in {@code lane} with the writes of {@code round}, for a
     * transaction whose only ledger batch this is (it knows no more movements follow), so that
     * they travel with the batch's other writes instead of in a round trip of their own before the
     * commit. The same rule on rollups as {@link #addAtCommit}.
     */
    public void addWith(StatementRound round, String orgId, ZoneId orgZone, int lane, List<Movement> appended,
            Map<LevelKey, LocalDate> lastRollupDays) {
        OrgTotals totals = new OrgTotals();
        add(orgId, orgZone, appended, lastRollupDays, totals);
        write(orgId, lane, totals, round);
    }

    private void add(String orgId, ZoneId orgZone, List<Movement> appended, Map<LevelKey, LocalDate> lastRollupDays, OrgTotals totals) {
        for (Movement movement : appended) {
            BigDecimal delta = movement.deltaOnHand();
            UUID locationId = movement.level().locationId();
            if (delta.signum() != 0) {
                totals.counts.merge(new DayKey(LocalDate.ofInstant(movement.createdAt(), ZoneOffset.UTC), locationId, movement.kind()),
                        1L, Long::sum);
            }
            Flow flow = totals.flows.computeIfAbsent(
                    new DayKey(LocalDate.ofInstant(movement.occurredAt(), orgZone), locationId, movement.kind()), key -> new Flow());
            if (delta.signum() > 0) {
                flow.in = flow.in.add(delta);
            } else {
                flow.out = flow.out.subtract(delta);
            }
            flow.movements++;
        }
        addStockedChanges(orgId, orgZone, appended, lastRollupDays, totals.stocked);
    }

    private void addStockedChanges(String orgId, ZoneId orgZone, List<Movement> appended, Map<LevelKey, LocalDate> lastRollupDays,
            Map<LocationDay, Long> into) {
        Map<LevelKey, List<Movement>> byLevel = new LinkedHashMap<>();
        Map<LevelKey, LocalDate> firstDays = new HashMap<>();
        for (Movement movement : appended) {
            if (movement.deltaOnHand().signum() != 0 || movement.deltaReserved().signum() != 0) {
                byLevel.computeIfAbsent(movement.level(), level -> new ArrayList<>()).add(movement);
                firstDays.merge(movement.level(), LocalDate.ofInstant(movement.occurredAt(), orgZone),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        if (byLevel.isEmpty()) {
            return;
        }
        firstDays.entrySet().removeIf(first -> {
            LocalDate lastRollupDay = lastRollupDays.get(first.getKey());
            return lastRollupDay == null || !lastRollupDay.isAfter(first.getValue());
        });
        Map<LevelKey, Map<LocalDate, DayNet>> later = rollups.netsAfter(orgId, firstDays);
        byLevel.forEach((level, movements) -> {
            Balance before = movements.getFirst().balanceBefore();
            List<DayNet> nets = movements.stream()
                    .map(movement -> new DayNet(LocalDate.ofInstant(movement.occurredAt(), orgZone), movement.deltaOnHand(),
                            movement.deltaReserved()))
                    .toList();
            StockedDays.changes(before.onHand(), before.reserved(), later.getOrDefault(level, Map.of()), nets)
                    .forEach((day, change) -> into.merge(new LocationDay(level.locationId(), day), (long) change, Long::sum));
        });
    }

    private void write(String orgId, int lane, OrgTotals totals, StatementRound round) {
        List<DayCount> dayCounts = new ArrayList<>(totals.counts.size());
        totals.counts.forEach((key, count) -> dayCounts.add(new DayCount(key.day(), key.locationId(), key.kind(), count)));
        counts.add(orgId, lane, dayCounts, round);
        List<DayFlow> dayFlows = new ArrayList<>(totals.flows.size());
        totals.flows.forEach((key, flow) -> dayFlows.add(new DayFlow(key.day(), key.locationId(), key.kind(), flow.in, flow.out,
                flow.movements)));
        flows.add(orgId, lane, dayFlows, round);
        List<StockedChange> stockedChanges = new ArrayList<>(totals.stocked.size());
        totals.stocked.forEach((key, levels) -> {
            if (levels != 0) {
                stockedChanges.add(new StockedChange(key.locationId(), key.day(), levels));
            }
        });
        stocked.add(orgId, lane, stockedChanges, round);
    }
}
