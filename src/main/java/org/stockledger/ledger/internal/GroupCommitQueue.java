package org.stockledger.ledger.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.CommandOutcome;
import org.stockledger.ledger.CommitFailed;
import org.stockledger.idempotency.IdempotencyKeyTaken;
import org.stockledger.idempotency.IdempotentCommand;
import org.stockledger.ledger.StockCommand;
import org.stockledger.support.DomainException;

/**
 * Group commit for the one write path: concurrent callers hand their commands to a bounded
 * queue; writer threads each take what is queued (never waiting when the queue is idle: a batch is
 * whatever arrived while the previous one committed), apply it in one transaction through the
 * batch operation, and answer every caller with its own outcomes after the commit. A batch that
 * fails before its commit (it rolled back) is retried caller by caller, so one caller's failure is
 * never another's (a caller whose Idempotency-Key another request holds is answered alone, and the
 * rest of its batch is applied again together); a failed commit answers every caller of the batch
 * with an error. No caller hears of success for a command that was not committed.
 *
 * <p>Each org has one queue (chosen by the org id), so an org's commands form one batch at a
 * time: as large as the load makes it, never split among writers that would then wait for each
 * other's row locks (all callers on one product) or pay a transaction per few commands. Two writer
 * threads serve a queue in turns: one takes a batch and applies it; when its transaction has sent
 * its last statement it hands the turn over, and while it commits and answers its callers the other
 * takes what queued meanwhile and starts applying it (on levels both touch, its lock waits for the
 * commit). Other orgs' queues run at the same time. Writers are platform threads: a batch is a
 * series of round trips to the database, and a writer that waited behind hundreds of request
 * threads for a carrier after each of them would make every batch, and with it every caller, slower.
 */
public final class GroupCommitQueue {

    /**
     * Applies the submissions of several callers of one org in one transaction; outcomes in
     * command order. {@code writer} (0 to writers - 1) tells the writer thread applying it, so
     * that per-writer rows (counter lanes) are never contended by two writers of one instance.
     */
    @FunctionalInterface
    public interface BatchApplier {
        /**
         * {@code lastStatementSent} must run once the transaction has sent its last statement,
         * just before its commit or rollback (it lets the writer's partner take the next batch).
         */
        List<CommandOutcome> applyInOneTransaction(String orgId, List<Submission> submissions, int writer, Runnable lastStatementSent);
    }

    /** One caller's commands, with the idempotency key (or null) to record with them. */
    public record Submission(Actor actor, List<StockCommand> commands, IdempotentCommand idempotency) {
    }

    private record Request(String orgId, Submission submission, long enqueuedNanos,
            CompletableFuture<List<CommandOutcome>> outcomes) {

        List<StockCommand> commands() {
            return submission.commands();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(GroupCommitQueue.class);

    /** Writer threads per queue: while one commits and answers its callers, the other takes and applies the next batch. */
    public static final int WRITERS_PER_QUEUE = 2;
    /**
     * The range the queue-wait histogram resolves (about 55 buckets): a wait is about one batch's
     * commit, a few milliseconds; one of 5 s is an outage however much longer it is, and is still
     * counted above the last bucket.
     */
    private static final Duration QUEUE_WAIT_EXPECTED_MIN = Duration.ofMillis(1);
    private static final Duration QUEUE_WAIT_EXPECTED_MAX = Duration.ofSeconds(5);

    private final List<BlockingQueue<Request>> queues = new ArrayList<>();
    /** Per queue, the turn to take a batch: held from taking a batch until its last statement is sent. */
    private final List<Semaphore> turns = new ArrayList<>();
    private final int batchCommandsMax;
    private final BatchApplier applier;
    private final Timer queueWait;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * {@code queueCount} queues, each with {@link #WRITERS_PER_QUEUE} writers (numbered so that
     * writer {@code w} serves queue {@code w % queueCount}); {@code queueLengthMax} bounds the
     * requests queued in all, each queue holds its share.
     */
    public GroupCommitQueue(int queueLengthMax, int batchCommandsMax, int queueCount, BatchApplier applier, MeterRegistry meters) {
        if (queueCount < 1 || queueLengthMax < queueCount) {
            throw new IllegalArgumentException("need at least one queue and room for one request per queue");
        }
        this.batchCommandsMax = batchCommandsMax;
        this.applier = applier;
        this.queueWait = Timer.builder("stockledger.ledger.queue.wait")
                .description("time a command waited in the group-commit queue before its batch started")
                .publishPercentileHistogram()
                .minimumExpectedValue(QUEUE_WAIT_EXPECTED_MIN)
                .maximumExpectedValue(QUEUE_WAIT_EXPECTED_MAX)
                .register(meters);
        for (int i = 0; i < queueCount; i++) {
            queues.add(new ArrayBlockingQueue<>(queueLengthMax / queueCount));
            turns.add(new Semaphore(1, true));
        }
        Gauge.builder("stockledger.ledger.queue.length", queues, all -> all.stream().mapToInt(BlockingQueue::size).sum())
                .description("requests waiting in the group-commit queues for a batch")
                .register(meters);
        for (int i = 0; i < queueCount * WRITERS_PER_QUEUE; i++) {
            int writer = i;
            writers.add(Thread.ofPlatform().daemon().name("ledger-writer-" + i).start(() -> writeBatches(writer)));
        }
    }

    /** Queues the commands and waits for their outcomes; 503 {@code overloaded} when the queue is full. */
    public List<CommandOutcome> submit(String orgId, Submission submission) {
        Request request = new Request(orgId, submission, System.nanoTime(), new CompletableFuture<>());
        if (!running || !queueOf(orgId).offer(request)) {
            throw new DomainException(503, "overloaded",
                    "the ledger's write queue is full; retry in a moment", null, Map.of("retry_after_seconds", 1));
        }
        try {
            return request.outcomes().get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ledger", interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("ledger batch failed", failed.getCause());
        }
    }

    /** The queue of an org: always the same one, spread over the queues by the org id's hash. */
    int queueIndexOf(String orgId) {
        int spread = orgId.hashCode() * 0x9E3779B9;
        return Math.floorMod(spread ^ (spread >>> 16), queues.size());
    }

    private BlockingQueue<Request> queueOf(String orgId) {
        return queues.get(queueIndexOf(orgId));
    }

    public void stop() {
        running = false;
        writers.forEach(Thread::interrupt);
        for (BlockingQueue<Request> queue : queues) {
            Request left;
            while ((left = queue.poll()) != null) {
                left.outcomes().completeExceptionally(new DomainException(503, "overloaded", "the service is shutting down; retry"));
            }
        }
    }

    private void writeBatches(int writer) {
        BlockingQueue<Request> queue = queues.get(writer % queues.size());
        Semaphore turn = turns.get(writer % queues.size());
        while (running) {
            List<Request> batch = new ArrayList<>();
            try {
                turn.acquire();
            } catch (InterruptedException stopping) {
                return;
            }
            AtomicBoolean handedOver = new AtomicBoolean();
            Runnable handOver = () -> {
                if (handedOver.compareAndSet(false, true)) {
                    turn.release();
                }
            };
            try {
                takeAndApply(queue, batch, writer, handOver);
            } catch (InterruptedException stopping) {
                batch.forEach(request -> request.outcomes().completeExceptionally(
                        new DomainException(503, "overloaded", "the service is shutting down; retry")));
                return;
            } finally {
                handOver.run();
            }
        }
    }

    /**
     * Takes what is queued and applies it; {@code handOver} runs when the last transaction has
     * sent its last statement, so the partner writer's next batch (taken then) locks its levels
     * after this one's: for an org, batches still lock in the order they were taken.
     */
    private void takeAndApply(BlockingQueue<Request> queue, List<Request> batch, int writer, Runnable handOver)
            throws InterruptedException {
        Request first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        int commands = first.commands().size();
        Request next;
        while (commands < batchCommandsMax && (next = queue.peek()) != null
                && commands + next.commands().size() <= batchCommandsMax && (next = queue.poll()) != null) {
            batch.add(next);
            commands += next.commands().size();
        }
        long startedNanos = System.nanoTime();
        batch.forEach(request -> queueWait.record(Duration.ofNanos(startedNanos - request.enqueuedNanos())));
        Map<String, List<Request>> byOrg = new LinkedHashMap<>();
        batch.forEach(request -> byOrg.computeIfAbsent(request.orgId(), org -> new ArrayList<>()).add(request));
        String lastOrg = List.copyOf(byOrg.keySet()).getLast();
        byOrg.forEach((orgId, requests) -> applyOrgBatch(orgId, requests, writer, orgId.equals(lastOrg) ? handOver : () -> { }));
    }

    private void applyOrgBatch(String orgId, List<Request> batch, int writer, Runnable handOver) {
        List<Request> requests = new ArrayList<>(batch);
        List<CommandOutcome> outcomes;
        while (true) {
            try {
                outcomes = applier.applyInOneTransaction(orgId, requests.stream().map(Request::submission).toList(), writer, handOver);
                break;
            } catch (IdempotencyKeyTaken taken) {
                // One caller's key is held by another request: that caller alone hears of it, the
                // rest of the batch (rolled back with it) is applied again without it.
                Request holder = requests.stream()
                        .filter(request -> request.submission().idempotency() != null
                                && request.submission().idempotency().key().equals(taken.key()))
                        .findFirst().orElse(null);
                if (holder == null) {
                    requests.forEach(request -> applyAlone(request, writer));
                    return;
                }
                holder.outcomes().completeExceptionally(taken);
                requests.remove(holder);
                if (requests.isEmpty()) {
                    return;
                }
            } catch (CommitFailed commitFailed) {
                // The commit itself failed (it may even have taken effect), so nothing is retried and
                // every caller of the batch hears of the failure, none of them of a success.
                requests.forEach(request -> request.outcomes().completeExceptionally(commitFailed));
                return;
            } catch (RuntimeException batchFailed) {
                // Failed before commit, so the transaction rolled back and nothing of it was applied.
                if (requests.size() > 1) {
                    log.info("a batch of {} requests failed ({}); applying them one by one", requests.size(), batchFailed.toString());
                }
                requests.forEach(request -> applyAlone(request, writer));
                return;
            }
        }
        int next = 0;
        for (Request request : requests) {
            int size = request.commands().size();
            request.outcomes().complete(List.copyOf(outcomes.subList(next, next + size)));
            next += size;
        }
    }

    private void applyAlone(Request request, int writer) {
        try {
            request.outcomes().complete(applier.applyInOneTransaction(request.orgId(), List.of(request.submission()), writer, () -> { }));
        } catch (RuntimeException failed) {
            request.outcomes().completeExceptionally(failed);
        }
    }
}
