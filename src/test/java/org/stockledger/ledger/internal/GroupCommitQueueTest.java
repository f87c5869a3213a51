package org.stockledger.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stockledger.idempotency.IdempotencyKeyTaken;
import org.stockledger.idempotency.IdempotentCommand;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.CommandOutcome;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.MovementKind;
import org.stockledger.ledger.Room;
import org.stockledger.ledger.StockChange;
import org.stockledger.ledger.StockCommand;
import org.stockledger.ledger.internal.GroupCommitQueue.Submission;

class GroupCommitQueueTest {

    private static final StockCommand COMMAND = StockCommand.of(
            StockChange.adjust(new LevelKey(UUID.randomUUID(), UUID.randomUUID(), Room.SALES_FLOOR), MovementKind.SHIPMENT,
                    BigDecimal.ONE.negate(), BigDecimal.ZERO),
            "ADJUSTMENT", "test");

    @Test
    void aCallerWhoseKeyIsTakenIsAnsweredAloneAndTheRestOfItsBatchStaysOneBatch() throws Exception {
        CountDownLatch firstBatchRunning = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
        GroupCommitQueue queue = new GroupCommitQueue(100, 200, 1, (orgId, submissions, writer) -> {
            List<String> keys = submissions.stream().map(s -> s.idempotency() == null ? "-" : s.idempotency().key()).toList();
            calls.add(keys);
            if (calls.size() == 1) {
                firstBatchRunning.countDown();
                await(releaseFirstBatch);
            }
            if (keys.contains("taken")) {
                throw new IdempotencyKeyTaken("taken", null);
            }
            return submissions.stream().map(s -> (CommandOutcome) new CommandOutcome.Aborted()).toList();
        }, new SimpleMeterRegistry());
        try {
            CompletableFuture<List<CommandOutcome>> blocker = submitAsync(queue, "first");
            await(firstBatchRunning);
            CompletableFuture<List<CommandOutcome>> a = submitAsync(queue, "a");
            waitUntilQueued(calls, a);
            CompletableFuture<List<CommandOutcome>> taken = submitAsync(queue, "taken");
            waitUntilQueued(calls, taken);
            CompletableFuture<List<CommandOutcome>> c = submitAsync(queue, "c");
            waitUntilQueued(calls, c);
            releaseFirstBatch.countDown();

            assertThat(blocker.get(5, TimeUnit.SECONDS)).hasSize(1);
            assertThat(a.get(5, TimeUnit.SECONDS)).hasSize(1);
            assertThat(c.get(5, TimeUnit.SECONDS)).hasSize(1);
            try {
                taken.get(5, TimeUnit.SECONDS);
                throw new AssertionError("the caller whose key is taken must fail");
            } catch (ExecutionException expected) {
                assertThat(expected.getCause()).isInstanceOf(IdempotencyKeyTaken.class);
            }
            assertThat(calls).containsExactly(List.of("first"), List.of("a", "taken", "c"), List.of("a", "c"));
        } finally {
            queue.stop();
        }
    }

    private static CompletableFuture<List<CommandOutcome>> submitAsync(GroupCommitQueue queue, String key) {
        Actor actor = new Actor(UUID.randomUUID(), "test");
        return CompletableFuture.supplyAsync(() -> queue.submit("org",
                new Submission(actor, List.of(COMMAND), IdempotentCommand.first("org", key, "hash"))),
                runnable -> Thread.ofVirtual().start(runnable));
    }

    /** Gives the first submission time to enter the queue before the next, so the batch order is known. */
    private static void waitUntilQueued(List<List<String>> calls, CompletableFuture<?> submitted) throws InterruptedException {
        Thread.sleep(200);
        assertThat(submitted).isNotDone();
        assertThat(calls).hasSize(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
