package org.stockledger.ledger.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.stockledger.ledger.LevelKey;

/** Writes {@code last_synced_at}, a level attribute (when a POS last confirmed it), never stock. */
@Repository
public class SyncMarkRepository {

    private final JdbcTemplate jdbcTemplate;

    public SyncMarkRepository(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    public void markLevelsSynced(String orgId, List<LevelKey> keys, Instant syncedAt) {
        if (keys.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                update stock_levels set last_synced_at = ?
                where org_id = ? and product_id = ? and location_id = ? and room = ?
                """, keys, keys.size(), (statement, key) -> {
                    statement.setObject(1, Rows.utc(syncedAt));
                    statement.setString(2, orgId);
                    statement.setObject(3, key.productId());
                    statement.setObject(4, key.locationId());
                    statement.setString(5, key.room().wireName());
                });
    }
}
