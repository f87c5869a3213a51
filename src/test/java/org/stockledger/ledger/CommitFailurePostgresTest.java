package org.stockledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.stockledger.testing.ApiClient;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.FailAtCommit;
import org.stockledger.testing.OnPostgres;
import org.stockledger.testing.TestOrg;

/**
 * A group-committed batch whose COMMIT fails: every caller of the batch is answered with an error,
 * none with a 2xx, nothing of the batch is applied, and nothing is retried on its own (a retry
 * after a commit whose outcome is unknown could apply a change twice). The failure is staged with
 * a deferred constraint trigger, which runs inside COMMIT: it either raises an error (PostgreSQL
 * answers the COMMIT with it) or terminates its own backend (the connection breaks mid-commit).
 * PostgreSQL only: H2 has no deferred triggers.
 */
@OnPostgres
class CommitFailurePostgresTest extends ApiTestBase {

    private static final int BATCH = 8;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    private final ExecutorService callers = Executors.newFixedThreadPool(BATCH + 1);

    @BeforeEach
    void installCommitTrigger() {
        FailAtCommit.install(jdbc, "movements", "reason");
    }

    @AfterEach
    void dropCommitTrigger() {
        FailAtCommit.drop(jdbc, "movements");
        callers.shutdownNow();
    }

    /**
     * {@code fail at commit}: PostgreSQL answers the COMMIT with an error (it rolled back);
     * {@code die at commit}: the connection breaks mid-commit (the outcome is unknown to the service).
     */
    @ParameterizedTest
    @ValueSource(strings = {FailAtCommit.FAIL, FailAtCommit.DIE})
    void aFailedCommitFailsEveryCallerOfItsBatchAndAppliesNothing(String poison) throws Exception {
        TestOrg org = newOrg();
        List<ApiClient.Response> answers = failOneBatch(org, poison);

        assertThat(answers).hasSize(BATCH).allSatisfy(answer -> {
            assertProblem(answer, 503, CommitFailed.CODE);
            assertThat(answer.header("Retry-After")).as("a blind retry is not safe").isNull();
        });
        assertNothingOfTheBatchApplied(org);
        // Nothing was committed, so the keyed caller's retry applies its change, once, on a sound connection.
        ApiClient.Response retried = retryKeyedCaller(org);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(onHand(org, "batched")).isEqualTo(99);
        assertVerifyClean(org);
    }

    /**
     * Holds the row lock of product "held" so that the writer taking its adjustment waits (and
     * keeps its turn), queues {@link #BATCH} adjustments of product "batched" behind it (one keyed,
     * one poisoned with {@code poison} as its reason), then lets go: they form the next batch.
     */
    private List<ApiClient.Response> failOneBatch(TestOrg org, String poison) throws Exception {
        addProduct(org, "held", 10);
        addProduct(org, "batched", 100);
        CompletableFuture<ApiClient.Response> heldAdjustment;
        List<CompletableFuture<ApiClient.Response>> batched = new ArrayList<>();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("""
                    select l.on_hand from stock_levels l join products p on p.org_id = l.org_id and p.product_id = l.product_id
                    where p.org_id = ? and p.p1_id = 'held' for update of l
                    """)) {
                lock.setString(1, org.orgId());
                lock.executeQuery().close();
            }
            heldAdjustment = adjustAsync(org, "held", "waits for the lock", Map.of());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> writersWaitingForALock() > 0);
            for (int i = 0; i < BATCH; i++) {
                String reason = i == BATCH / 2 ? poison : "sale " + i;
                batched.add(adjustAsync(org, "batched", reason, i == 1 ? Map.of("Idempotency-Key", keyOf(org)) : Map.of()));
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> meters.get("stockledger.ledger.queue.length").gauge().value() == BATCH);
            holder.rollback();
        }
        assertThat(heldAdjustment.get().status()).as(heldAdjustment.get().toString()).isEqualTo(200);
        List<ApiClient.Response> answers = new ArrayList<>();
        for (CompletableFuture<ApiClient.Response> each : batched) {
            answers.add(each.get());
        }
        return answers;
    }

    private CompletableFuture<ApiClient.Response> adjustAsync(TestOrg org, String p1Id, String reason, Map<String, String> headers) {
        return CompletableFuture.supplyAsync(() -> org.api().post(org.v2("/inventory/adjust"),
                Map.of("p1_id", p1Id, "delta_on_hand", -1, "reason", reason), headers), callers);
    }

    private ApiClient.Response retryKeyedCaller(TestOrg org) {
        return org.api().post(org.v2("/inventory/adjust"), Map.of("p1_id", "batched", "delta_on_hand", -1, "reason", "sale 1"),
                Map.of("Idempotency-Key", keyOf(org)));
    }

    private static String keyOf(TestOrg org) {
        return "retry-me-" + org.orgId();
    }

    private int writersWaitingForALock() {
        return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
                .query(Integer.class).single();
    }

    private void assertNothingOfTheBatchApplied(TestOrg org) {
        assertThat(onHand(org, "batched")).isEqualTo(100);
        assertThat(onHand(org, "held")).isEqualTo(9);
        long batchedMovements = jdbc.sql("""
                select count(*) from movements m join products p on p.org_id = m.org_id and p.product_id = m.product_id
                where p.org_id = :orgId and p.p1_id = 'batched'
                """).param("orgId", org.orgId()).query(Long.class).single();
        assertThat(batchedMovements).as("only the initial stock's movement").isEqualTo(1);
    }

    private int onHand(TestOrg org, String p1Id) {
        ApiClient.Response log = org.api().get(org.v2("/inventory/" + p1Id + "/log?limit=1"));
        return data(log).get(0).path("on_hand_after").asInt();
    }
}
