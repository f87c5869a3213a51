package org.stockledger.idempotency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.stockledger.support.SqlDialect;

/**
 * Stores idempotency keys per org. A key is claimed by inserting its row inside the request's
 * transaction; a concurrent request with the same key waits on that row (or fails on it) and
 * then replays the stored response. Keys are kept for {@link #RETENTION}.
 */
@Repository
public class IdempotencyRecords {

    public static final Duration RETENTION = Duration.ofHours(48);
    public static final int RESPONSE_LENGTH_MAX = 1_000_000;
    private static final int PURGE_BATCH_MAX = 10_000;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyRecords.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    private final SqlDialect dialect;
    private final JdbcTemplate batches;

    public IdempotencyRecords(JdbcClient jdbc, JdbcTemplate batches, Clock clock, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
        this.dialect = dialect;
    }

    /** Inserts the claim; false when the key exists (committed by another request). */
    public boolean tryClaim(String orgId, String key, String requestHash) {
        try {
            jdbc.sql("""
                    insert into idempotency_records (org_id, idempotency_key, request_hash, created_at)
                    values (:orgId, :key, :requestHash, :createdAt)
                    """)
                    .param("orgId", orgId)
                    .param("key", key)
                    .param("requestHash", requestHash)
                    .param("createdAt", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** A key to record with the outcome of the ledger command it guards. */
    public record AppliedKey(String key, String requestHash, String appliedOutcome) {
    }

    /** A statement for the ledger to send with its batch's writes, named parameters bound. */
    public record BatchStatement(String sql, SqlParameterSource parameters) {
    }

    // The keys in the order given (the ledger sorts them), one statement for any number of keys. No
    // ON CONFLICT: a key another request recorded (or holds uncommitted: the insert waits for it)
    // fails the statement with a unique violation, and the ledger's transaction with it.
    private static final String RECORD_APPLIED_ON_POSTGRES = """
            insert into idempotency_records (org_id, idempotency_key, request_hash, applied_outcome, created_at)
            select :orgId, k.idempotency_key, k.request_hash, k.applied_outcome, :createdAt
            from unnest(cast(:keys as varchar[]), cast(:requestHashes as varchar[]), cast(:appliedOutcomes as varchar[]))
                 with ordinality as k (idempotency_key, request_hash, applied_outcome, position)
            order by k.position
            """;

    /**
     * Records keys with the outcomes of the ledger commands they guard, inside the ledger's
     * transaction. On PostgreSQL it returns the statement for the ledger to send with the batch's
     * other writes (one round trip for all of them); a taken key then fails that round with a
     * {@link DuplicateKeyException}, and the transaction must roll back. On H2 it records them
     * row by row at once and throws {@link IdempotencyKeyTaken} for the first key another request
     * holds.
     */
    public Optional<BatchStatement> recordApplied(String orgId, List<AppliedKey> keys) {
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (dialect.isPostgres()) {
            return Optional.of(new BatchStatement(RECORD_APPLIED_ON_POSTGRES, new MapSqlParameterSource()
                    .addValue("orgId", orgId)
                    .addValue("keys", keys.stream().map(AppliedKey::key).toArray(String[]::new))
                    .addValue("requestHashes", keys.stream().map(AppliedKey::requestHash).toArray(String[]::new))
                    .addValue("appliedOutcomes", keys.stream().map(AppliedKey::appliedOutcome).toArray(String[]::new))
                    .addValue("createdAt", createdAt)));
        }
        for (AppliedKey applied : keys) {
            try {
                batches.update("""
                        insert into idempotency_records (org_id, idempotency_key, request_hash, applied_outcome, created_at)
                        values (?, ?, ?, ?, ?)""",
                        orgId, applied.key(), applied.requestHash(), applied.appliedOutcome(), createdAt);
            } catch (DuplicateKeyException | PessimisticLockingFailureException taken) {
                throw new IdempotencyKeyTaken(applied.key(), taken);
            }
        }
        return Optional.empty();
    }

    /** The response to store for a key the ledger recorded with its command's outcome. */
    public record RecordedResponse(String orgId, String key, int status, String body, String contentType) {
    }

    /**
     * Stores the responses of recorded ledger commands, each unless another attempt stored one
     * first. The changes and their keys are already durable; these rows only save a retry from
     * re-rendering the response from the recorded outcome. So on PostgreSQL they go as one JDBC
     * batch (one round trip, one implicit transaction) that commits without waiting for its WAL
     * flush ({@code synchronous_commit} off for that transaction only, set by
     * {@code set_config(..., true)} inside it): a crash may lose stored responses, never a change.
     * Each row is updated by its primary key, so the plan cannot depend on the statistics (an
     * update joined to arrays of keys was planned as a scan of the table when they were stale).
     */
    public void completeRecorded(List<RecordedResponse> responses) {
        if (responses.isEmpty()) {
            return;
        }
        if (!dialect.isPostgres()) {
            responses.forEach(response -> complete(response.orgId(), response.key(), response.status(), response.body(),
                    response.contentType()));
            return;
        }
        batches.batchUpdate(COMPLETE_RECORDED_ON_POSTGRES, responses, responses.size(), (statement, response) -> {
            statement.setInt(1, response.status());
            statement.setString(2, response.body());
            statement.setString(3, response.contentType());
            statement.setString(4, response.orgId());
            statement.setString(5, response.key());
        });
    }

    /** PostgreSQL's statement of {@link #completeRecorded}, one per response; package-private for the plan test. */
    static final String COMPLETE_RECORDED_ON_POSTGRES = """
            with async_commit as (select set_config('synchronous_commit', 'off', true) as setting)
            update idempotency_records
            set response_status = ?, response_body = ?, response_type = ?
            where org_id = ? and idempotency_key = ? and response_status is null
                and exists (select 1 from async_commit)
            """;

    /** Stores the response of a claimed key (in the caller's transaction, if any); a stored one stays. */
    public void complete(String orgId, String key, int status, String body, String contentType) {
        jdbc.sql("""
                update idempotency_records
                set response_status = :status, response_body = :body, response_type = :contentType
                where org_id = :orgId and idempotency_key = :key and response_status is null
                """)
                .param("orgId", orgId)
                .param("key", key)
                .param("status", status)
                .param("body", body)
                .param("contentType", contentType, Types.VARCHAR)
                .update();
    }

    /** Stores a finished response under a key that was not claimed (the request changed nothing). */
    public void insertCompleted(String orgId, String key, String requestHash, int status, String body, String contentType) {
        try {
            jdbc.sql("""
                    insert into idempotency_records (org_id, idempotency_key, request_hash, response_status, response_body,
                        response_type, created_at)
                    values (:orgId, :key, :requestHash, :status, :body, :contentType, :createdAt)
                    """)
                    .param("orgId", orgId)
                    .param("key", key)
                    .param("requestHash", requestHash)
                    .param("status", status)
                    .param("body", body)
                    .param("contentType", contentType, Types.VARCHAR)
                    .param("createdAt", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException takenMeanwhile) {
            // A concurrent request with the same key completed first; its response stands.
        }
    }

    public Optional<IdempotencyRecord> find(String orgId, String key) {
        return jdbc.sql("select " + RECORD_COLUMNS + " from idempotency_records where org_id = :orgId and idempotency_key = :key")
                .param("orgId", orgId)
                .param("key", key)
                .query(IdempotencyRecords::toRecord)
                .optional();
    }

    /**
     * The records of those of the keys that exist. On PostgreSQL each key is a LATERAL probe of
     * the primary key (fenced by {@code offset 0}, so the plan does not depend on the statistics);
     * on H2 one primary-key lookup per key.
     */
    public List<IdempotencyRecord> findAll(String orgId, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        if (dialect.isPostgres()) {
            return jdbc.sql(FIND_ALL_ON_POSTGRES)
                    .param("orgId", orgId)
                    .param("keys", keys.toArray(String[]::new))
                    .query(IdempotencyRecords::toRecord)
                    .list();
        }
        // H2 runs in the process, so a lookup per key costs no round trip; an IN list of keys would
        // use the primary key's org prefix only and read all the org's records.
        return keys.stream().map(key -> find(orgId, key)).flatMap(Optional::stream).toList();
    }

    private static final String RECORD_COLUMNS = """
            org_id, idempotency_key, request_hash, response_status, response_body, response_type, applied_outcome, created_at
            """;

    /** PostgreSQL's statement of {@link #findAll}; package-private for the plan test. */
    static final String FIND_ALL_ON_POSTGRES = "select r.* from unnest(cast(:keys as varchar[])) as k (idempotency_key)\n"
            + "cross join lateral (select " + RECORD_COLUMNS + """
                    from idempotency_records
                    where org_id = :orgId and idempotency_key = k.idempotency_key
                    offset 0
                ) r
            """;

    private static IdempotencyRecord toRecord(ResultSet rs, int row) throws SQLException {
        return new IdempotencyRecord(
                rs.getString("org_id"),
                rs.getString("idempotency_key"),
                rs.getString("request_hash"),
                (Integer) rs.getObject("response_status"),
                rs.getString("response_body"),
                rs.getString("response_type"),
                rs.getString("applied_outcome"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    @Scheduled(fixedDelayString = "${stockledger.idempotency.purge-interval:PT1H}", initialDelayString = "PT5M")
    public void purgeExpired() {
        Instant cutoff = clock.instant().minus(RETENTION);
        int deleted = jdbc.sql("""
                delete from idempotency_records
                where created_at < :cutoff and idempotency_key in (
                    select idempotency_key from idempotency_records where created_at < :cutoff
                    fetch first %d rows only)
                """.formatted(PURGE_BATCH_MAX))
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .update();
        if (deleted > 0) {
            log.info("purged {} idempotency records older than {}", deleted, RETENTION);
        }
    }
}
