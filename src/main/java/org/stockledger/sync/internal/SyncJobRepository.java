package org.stockledger.sync.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.sync.SyncJob;

/** Sync jobs: created queued, then running, then succeeded or failed with their counts and times. */
@Repository
public class SyncJobRepository {

    private static final String COLUMNS = """
            job_id, location_id, sync_type, connector_type, status, items_seen, items_changed, unknown_skus, errors,
            failure_reason, feed_cursor, created_at, started_at, finished_at
            """;

    private final JdbcClient jdbc;

    public SyncJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertQueuedJob(String orgId, UUID jobId, UUID locationId, String syncType, String connectorType, Instant createdAt) {
        jdbc.sql("""
                insert into sync_jobs (org_id, job_id, location_id, sync_type, connector_type, status, created_at)
                values (:orgId, :jobId, :locationId, :syncType, :connectorType, 'queued', :createdAt)
                """)
                .param("orgId", orgId)
                .param("jobId", jobId)
                .param("locationId", locationId)
                .param("syncType", syncType)
                .param("connectorType", connectorType)
                .param("createdAt", SyncRows.utc(createdAt))
                .update();
    }

    public void markRunning(String orgId, UUID jobId, Instant startedAt) {
        jdbc.sql("update sync_jobs set status = 'running', started_at = :startedAt where org_id = :orgId and job_id = :jobId")
                .param("orgId", orgId)
                .param("jobId", jobId)
                .param("startedAt", SyncRows.utc(startedAt))
                .update();
    }

    /** Ends a job; {@code feedCursor} is set for a successful one (the next incremental sync's cursor). */
    public void finishJob(String orgId, UUID jobId, String status, int itemsSeen, int itemsChanged, int unknownSkus, int errors,
            String failureReason, Instant feedCursor, Instant finishedAt) {
        jdbc.sql("""
                update sync_jobs
                set status = :status, items_seen = :itemsSeen, items_changed = :itemsChanged, unknown_skus = :unknownSkus,
                    errors = :errors, failure_reason = :failureReason, feed_cursor = :feedCursor, finished_at = :finishedAt
                where org_id = :orgId and job_id = :jobId
                """)
                .param("orgId", orgId)
                .param("jobId", jobId)
                .param("status", status)
                .param("itemsSeen", itemsSeen)
                .param("itemsChanged", itemsChanged)
                .param("unknownSkus", unknownSkus)
                .param("errors", errors)
                .param("failureReason", failureReason)
                .param("feedCursor", SyncRows.utc(feedCursor))
                .param("finishedAt", SyncRows.utc(finishedAt))
                .update();
    }

    public Optional<SyncJob> findJob(String orgId, UUID jobId) {
        return jdbc.sql("select " + COLUMNS + " from sync_jobs where org_id = :orgId and job_id = :jobId")
                .param("orgId", orgId)
                .param("jobId", jobId)
                .query(SyncJobRepository::toJob)
                .optional();
    }

    /** Whether a job of the location created after {@code createdAfter} is still queued or running. */
    public boolean hasActiveJob(String orgId, UUID locationId, Instant createdAfter) {
        return jdbc.sql("""
                select count(*) from sync_jobs
                where org_id = :orgId and location_id = :locationId and status in ('queued', 'running')
                  and created_at > :createdAfter
                """)
                .param("orgId", orgId)
                .param("locationId", locationId)
                .param("createdAfter", SyncRows.utc(createdAfter))
                .query(Long.class)
                .single() > 0;
    }

    /** The cursor of the latest successful sync of the location, if any. */
    public Optional<Instant> lastSuccessfulCursor(String orgId, UUID locationId) {
        return jdbc.sql("""
                select max(feed_cursor) as last_cursor from sync_jobs
                where org_id = :orgId and location_id = :locationId and status = 'succeeded'
                """)
                .param("orgId", orgId)
                .param("locationId", locationId)
                .query((rs, row) -> Optional.ofNullable(SyncRows.instant(rs, "last_cursor")))
                .single();
    }

    private static SyncJob toJob(ResultSet rs, int row) throws SQLException {
        return new SyncJob(
                rs.getObject("job_id", UUID.class),
                rs.getObject("location_id", UUID.class),
                rs.getString("sync_type"),
                rs.getString("connector_type"),
                rs.getString("status"),
                rs.getInt("items_seen"),
                rs.getInt("items_changed"),
                rs.getInt("unknown_skus"),
                rs.getInt("errors"),
                rs.getString("failure_reason"),
                SyncRows.instant(rs, "feed_cursor"),
                SyncRows.instant(rs, "created_at"),
                SyncRows.instant(rs, "started_at"),
                SyncRows.instant(rs, "finished_at"));
    }
}
