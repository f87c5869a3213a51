package org.stockledger.ledger;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.stockledger.ledger.internal.SyncMarkRepository;

/**
 * Sets {@code last_synced_at} of stock levels: when a point-of-sale system last confirmed them.
 * It is a level attribute, not stock, so no movement is written; it joins the caller's
 * transaction, so a sync marks its levels in the same commit as its count movements.
 */
@Service
public class LevelSyncMarks {

    private final SyncMarkRepository syncMarks;

    public LevelSyncMarks(SyncMarkRepository syncMarks) {
        this.syncMarks = syncMarks;
    }

    @Transactional
    public void markLevelsSynced(String orgId, List<LevelKey> keys, Instant syncedAt) {
        syncMarks.markLevelsSynced(orgId, keys, syncedAt);
    }
}
