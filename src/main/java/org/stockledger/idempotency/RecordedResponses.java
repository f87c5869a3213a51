package org.stockledger.idempotency;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.stockledger.idempotency.IdempotencyRecords.RecordedResponse;

/**
 * Stores the responses of keyed ledger commands after their commit, off the request path and
 * many per statement: one writer takes whatever has queued while its previous statement ran (at
 * most {@value #STATEMENT_ROWS_MAX}), so the busier the service, the more responses a round trip
 * stores; an idle one stores each at once. A stored response only spares a retry the rendering
 * of its answer from the recorded outcome, so a response not stored yet, or lost with a crash or
 * a failed statement, costs a retry nothing but that. When the queue is full (or the service is
 * stopping), the caller stores its own.
 */
@Component
public class RecordedResponses {

    private static final Logger log = LoggerFactory.getLogger(RecordedResponses.class);
    private static final int QUEUE_MAX = 10_000;
    private static final int STATEMENT_ROWS_MAX = 500;
    private static final Duration STOP_WAIT_MAX = Duration.ofSeconds(5);
    /** How often an idle writer looks whether the service is stopping. */
    private static final Duration POLL = Duration.ofMillis(200);

    private final IdempotencyRecords records;
    private final BlockingQueue<RecordedResponse> queue = new ArrayBlockingQueue<>(QUEUE_MAX);
    private final Thread writer;
    private volatile boolean stopping;

    public RecordedResponses(IdempotencyRecords records) {
        this.records = records;
        this.writer = Thread.ofVirtual().name("idempotency-responses").start(this::writeQueued);
    }

    /** Queues the response to be stored; stores it on the caller's thread when the queue cannot take it. */
    public void store(RecordedResponse response) {
        if (stopping || !queue.offer(response)) {
            write(List.of(response));
        }
    }

    private void writeQueued() {
        List<RecordedResponse> batch = new ArrayList<>();
        while (!stopping) {
            RecordedResponse first;
            try {
                first = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                return;
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, STATEMENT_ROWS_MAX - 1);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<RecordedResponse> responses) {
        try {
            records.completeRecorded(responses);
        } catch (RuntimeException failed) {
            log.warn("storing {} idempotent responses failed; a retry of those requests gets its answer rendered from the "
                    + "recorded outcome", responses.size(), failed);
        }
    }

    /** Stores what is queued before the database goes away. */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        writer.join(STOP_WAIT_MAX);
        List<RecordedResponse> left = new ArrayList<>();
        queue.drainTo(left);
        for (int from = 0; from < left.size(); from += STATEMENT_ROWS_MAX) {
            write(left.subList(from, Math.min(left.size(), from + STATEMENT_ROWS_MAX)));
        }
    }
}
