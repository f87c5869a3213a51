package org.stockledger.sync.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The POS count per product the last successful sync of a location saw: the incremental cursor. */
@Repository
public class LastCountRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public LastCountRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    public Map<UUID, BigDecimal> lastCounts(String orgId, UUID locationId) {
        Map<UUID, BigDecimal> counts = new HashMap<>();
        jdbc.sql("select product_id, quantity from pos_last_counts where org_id = :orgId and location_id = :locationId")
                .param("orgId", orgId)
                .param("locationId", locationId)
                .query(rs -> {
                    counts.put(rs.getObject("product_id", UUID.class), rs.getBigDecimal("quantity"));
                });
        return counts;
    }

    public record LastCount(UUID productId, BigDecimal quantity) {
    }

    /** Records the counts a successful sync saw; runs in the sync's transaction. */
    public void saveLastCounts(String orgId, UUID locationId, UUID jobId, List<LastCount> counts, Instant countedAt) {
        if (counts.isEmpty()) {
            return;
        }
        int[] updated = jdbcTemplate.batchUpdate("""
                update pos_last_counts set quantity = ?, job_id = ?, counted_at = ?
                where org_id = ? and location_id = ? and product_id = ?
                """, counts, counts.size(), (statement, count) -> {
                    statement.setBigDecimal(1, count.quantity());
                    statement.setObject(2, jobId);
                    statement.setObject(3, SyncRows.utc(countedAt));
                    statement.setString(4, orgId);
                    statement.setObject(5, locationId);
                    statement.setObject(6, count.productId());
                })[0];
        List<LastCount> missing = new java.util.ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            if (updated[i] == 0) {
                missing.add(counts.get(i));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                insert into pos_last_counts (org_id, location_id, product_id, quantity, job_id, counted_at)
                values (?, ?, ?, ?, ?, ?)
                """, missing, missing.size(), (statement, count) -> {
                    statement.setString(1, orgId);
                    statement.setObject(2, locationId);
                    statement.setObject(3, count.productId());
                    statement.setBigDecimal(4, count.quantity());
                    statement.setObject(5, jobId);
                    statement.setObject(6, SyncRows.utc(countedAt));
                });
    }
}
