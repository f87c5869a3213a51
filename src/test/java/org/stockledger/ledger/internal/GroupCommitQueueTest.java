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
import org.stockledger.idempotency.RequestFingerprint;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.CommandOutcome;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.MovementKind;
import org.stockledger.ledger.Room;
import org.stockledger.ledger.StockChange;
import org.stockledger.ledger.StockCommand;
import org.stockledger.ledger.internal.GroupCommitQueue.Submission;
import org.stockledger.support.DomainException;

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
        GroupCommitQueue queue = new GroupCommitQueue(100, 200, 1, (orgId, submissions, writer, lastStatementSent) -> {
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

    @Test
    void anOrgsCommandsQueuedDuringItsBatchFormTheNextBatchOfItsOneWriterWhileAnotherOrgsWriterProceeds() throws Exception {
        CountDownLatch firstBatchRunning = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        record Call(String orgId, int writer, int submissions) {
        }
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        GroupCommitQueue queue = new GroupCommitQueue(100, 200, 4, (orgId, submissions, writer, lastStatementSent) -> {
            calls.add(new Call(orgId, writer, submissions.size()));
            if (calls.size() == 1) {
                firstBatchRunning.countDown();
                await(releaseFirstBatch);
            }
            return submissions.stream().map(s -> (CommandOutcome) new CommandOutcome.Aborted()).toList();
        }, new SimpleMeterRegistry());
        try {
            String busy = "shop";
            String other = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "other-" + i)
                    .filter(orgId -> queue.queueIndexOf(orgId) != queue.queueIndexOf(busy)).findFirst().orElseThrow();
            CompletableFuture<List<CommandOutcome>> blocker = submitAsync(queue, busy, "first");
            await(firstBatchRunning);
            List<CompletableFuture<List<CommandOutcome>>> queued = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                queued.add(submitAsync(queue, busy, "queued-" + i));
            }
            // Three writers are idle: none of them may take the busy org's commands.
            assertThat(submitAsync(queue, other, "elsewhere").get(5, TimeUnit.SECONDS)).hasSize(1);
            Thread.sleep(200);
            assertThat(queued).noneMatch(CompletableFuture::isDone);
            releaseFirstBatch.countDown();

            assertThat(blocker.get(5, TimeUnit.SECONDS)).hasSize(1);
            for (CompletableFuture<List<CommandOutcome>> each : queued) {
                assertThat(each.get(5, TimeUnit.SECONDS)).hasSize(1);
            }
            // Writers w and w + 4 serve queue w.
            assertThat(calls).extracting(call -> call.orgId() + "@" + call.writer() % 4 + " x" + call.submissions())
                    .containsExactly(busy + "@" + queue.queueIndexOf(busy) + " x1", other + "@" + queue.queueIndexOf(other) + " x1",
                            busy + "@" + queue.queueIndexOf(busy) + " x10");
        } finally {
            queue.stop();
        }
    }

    @Test
    void theNextBatchOfAnOrgIsTakenAndAppliedWhileThePreviousCommitsButNotBefore() throws Exception {
        CountDownLatch firstBatchRunning = new CountDownLatch(1);
        CountDownLatch sendLastStatement = new CountDownLatch(1);
        CountDownLatch finishCommit = new CountDownLatch(1);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        GroupCommitQueue queue = new GroupCommitQueue(100, 200, 1, (orgId, submissions, writer, lastStatementSent) -> {
            sizes.add(submissions.size());
            if (sizes.size() == 1) {
                firstBatchRunning.countDown();
                await(sendLastStatement);
                lastStatementSent.run();
                await(finishCommit);
            }
            return submissions.stream().map(s -> (CommandOutcome) new CommandOutcome.Aborted()).toList();
        }, new SimpleMeterRegistry());
        try {
            CompletableFuture<List<CommandOutcome>> first = submitAsync(queue, "first");
            await(firstBatchRunning);
            List<CompletableFuture<List<CommandOutcome>>> next = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                next.add(submitAsync(queue, "next-" + i));
            }
            // The partner writer is idle, but the first batch still sends statements: it must wait.
            Thread.sleep(200);
            assertThat(next).noneMatch(CompletableFuture::isDone);
            sendLastStatement.countDown();
            for (CompletableFuture<List<CommandOutcome>> each : next) {
                assertThat(each.get(5, TimeUnit.SECONDS)).hasSize(1);
            }
            assertThat(first).isNotDone();
            finishCommit.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).hasSize(1);
            assertThat(sizes).containsExactly(1, 3);
        } finally {
            finishCommit.countDown();
            queue.stop();
        }
    }

    @Test
    void aFullQueueAnswersOverloaded() throws Exception {
        CountDownLatch releaseBatches = new CountDownLatch(1);
        GroupCommitQueue queue = new GroupCommitQueue(4, 200, 2, (orgId, submissions, writer, lastStatementSent) -> {
            await(releaseBatches);
            return submissions.stream().map(s -> (CommandOutcome) new CommandOutcome.Aborted()).toList();
        }, new SimpleMeterRegistry());
        try {
            // Each writer's queue holds its share of the four: one batch running, two queued, then full.
            List<CompletableFuture<List<CommandOutcome>>> accepted = new ArrayList<>();
            accepted.add(submitAsync(queue, "shop", "running"));
            Thread.sleep(200);
            accepted.add(submitAsync(queue, "shop", "queued-1"));
            accepted.add(submitAsync(queue, "shop", "queued-2"));
            Thread.sleep(200);
            CompletableFuture<List<CommandOutcome>> refused = submitAsync(queue, "shop", "one-too-many");
            try {
                refused.get(5, TimeUnit.SECONDS);
                throw new AssertionError("a full queue must refuse");
            } catch (ExecutionException expected) {
                assertThat(expected.getCause()).isInstanceOfSatisfying(DomainException.class,
                        overloaded -> assertThat(overloaded.status()).isEqualTo(503));
            }
            releaseBatches.countDown();
            for (CompletableFuture<List<CommandOutcome>> each : accepted) {
                assertThat(each.get(5, TimeUnit.SECONDS)).hasSize(1);
            }
        } finally {
            releaseBatches.countDown();
            queue.stop();
        }
    }

    private static CompletableFuture<List<CommandOutcome>> submitAsync(GroupCommitQueue queue, String key) {
        return submitAsync(queue, "org", key);
    }

    private static CompletableFuture<List<CommandOutcome>> submitAsync(GroupCommitQueue queue, String orgId, String key) {
        Actor actor = new Actor(UUID.randomUUID(), "test");
        return CompletableFuture.supplyAsync(() -> queue.submit(orgId,
                new Submission(actor, List.of(COMMAND), new IdempotentCommand(orgId, key, new RequestFingerprint("hash", "hash")))),
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
