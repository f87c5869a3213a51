package org.stockledger.ledger.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.stockledger.ledger.Movement;
import org.stockledger.ledger.MovementKind;
import org.stockledger.ledger.internal.MovementDayCountRepository.DayCount;

/**
 * Adds a transaction's on-hand movements to the per-day counts just before it commits, once for
 * all the ledger calls the transaction made (an order, a sync in chunks). Taking the counter row
 * locks last means a transaction waiting for one holds no lock its holder still needs: the holder
 * has every level it will lock and is about to commit, so counter rows shared by two transactions
 * cannot deadlock them.
 */
@Component
public class MovementDayCounter {

    private static final Object PENDING_KEY = new Object();

    private final MovementDayCountRepository counts;

    public MovementDayCounter(MovementDayCountRepository counts) {
        this.counts = counts;
    }

    private record CountKey(LocalDate day, UUID locationId, MovementKind kind) {

        static final Comparator<CountKey> ORDER = Comparator.comparing(CountKey::day)
                .thenComparing(CountKey::locationId)
                .thenComparing(key -> key.kind().wireName());
    }

    /** What the current transaction has counted so far, per org, in key order; written before its commit. */
    private static final class Pending {
        final int lane;
        final Map<String, Map<CountKey, Long>> byOrg = new LinkedHashMap<>();

        Pending(int lane) {
            this.lane = lane;
        }
    }

    /** Counts the movements that changed on-hand under their UTC day of recording, in {@code lane}. */
    public void countAtCommit(String orgId, int lane, List<Movement> appended) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("movements are counted in the transaction that appends them");
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(PENDING_KEY);
        if (pending == null) {
            Pending fresh = new Pending(lane);
            TransactionSynchronizationManager.bindResource(PENDING_KEY, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    fresh.byOrg.forEach((org, sums) -> counts.add(org, fresh.lane, toList(sums)));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING_KEY);
                }
            });
            pending = fresh;
        }
        Map<CountKey, Long> sums = pending.byOrg.computeIfAbsent(orgId, org -> new TreeMap<>(CountKey.ORDER));
        for (Movement movement : appended) {
            if (movement.deltaOnHand().signum() != 0) {
                sums.merge(new CountKey(LocalDate.ofInstant(movement.createdAt(), ZoneOffset.UTC), movement.level().locationId(),
                        movement.kind()), 1L, Long::sum);
            }
        }
    }

    private static List<DayCount> toList(Map<CountKey, Long> sums) {
        List<DayCount> list = new ArrayList<>(sums.size());
        sums.forEach((key, count) -> list.add(new DayCount(key.day(), key.locationId(), key.kind(), count)));
        return list;
    }
}
