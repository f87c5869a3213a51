package org.stockledger.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KeptResultsTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(60);

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));

        void advance(Duration amount) {
            now.updateAndGet(instant -> instant.plus(amount));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final HandClock clock = new HandClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Each computation answers the number of computations so far: a new answer shows a new computation. */
    private final AtomicInteger computations = new AtomicInteger();

    private KeptResults<String, Integer> results(Duration keepSlowerThan, Function<String, Integer> computation) {
        return new KeptResults<>("test.results", computation, MAX_AGE, keepSlowerThan, clock, meters);
    }

    private KeptResults<String, Integer> keepingEverything() {
        return results(Duration.ZERO, key -> computations.incrementAndGet());
    }

    @Test
    void aKeptResultIsServedWithItsAgeUntilItIsMaxAgeOld() {
        KeptResults<String, Integer> results = keepingEverything();

        KeptResults.Served<Integer> first = results.get("org");
        assertThat(first.value()).isEqualTo(1);
        assertThat(first.kept()).isFalse();
        assertThat(first.age()).isZero();

        clock.advance(Duration.ofSeconds(59));
        KeptResults.Served<Integer> again = results.get("org");
        assertThat(again.value()).isEqualTo(1);
        assertThat(again.kept()).isTrue();
        assertThat(again.age()).isEqualTo(Duration.ofSeconds(59));
        assertThat(results.get("other org").value()).as("keys are kept apart").isEqualTo(2);
        assertThat(computations).hasValue(2);
        assertThat(meters.counter("test.results.served", "result", "kept").count()).isEqualTo(1);
    }

    @Test
    void anOlderResultIsServedOnceMoreWhileOneComputationReplacesItInTheBackground() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        KeptResults<String, Integer> results = results(Duration.ZERO, key -> {
            int number = computations.incrementAndGet();
            if (number > 1) {
                await(release);
            }
            return number;
        });
        results.get("org");
        clock.advance(Duration.ofSeconds(90));

        KeptResults.Served<Integer> stale = results.get("org");
        KeptResults.Served<Integer> staleAgain = results.get("org");
        assertThat(stale.value()).isEqualTo(1);
        assertThat(stale.age()).isEqualTo(Duration.ofSeconds(90));
        assertThat(staleAgain.value()).isEqualTo(1);
        release.countDown();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (results.get("org").value() == 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        KeptResults.Served<Integer> replaced = results.get("org");
        assertThat(replaced.value()).as("the background computation's result").isEqualTo(2);
        assertThat(replaced.age()).isZero();
        assertThat(computations).as("one background computation for both stale answers").hasValue(2);
    }

    @Test
    void aResultOlderThanTwiceMaxAgeIsNeverServed() {
        KeptResults<String, Integer> results = keepingEverything();
        results.get("org");
        clock.advance(MAX_AGE.multipliedBy(2).plusMillis(1));

        KeptResults.Served<Integer> served = results.get("org");
        assertThat(served.value()).isEqualTo(2);
        assertThat(served.kept()).isFalse();
    }

    @Test
    void resultsComputedFasterThanTheThresholdAreNeverServedAgain() {
        KeptResults<String, Integer> results = results(Duration.ofHours(1), key -> computations.incrementAndGet());
        assertThat(results.get("org").value()).isEqualTo(1);
        assertThat(results.get("org").value()).isEqualTo(2);
        assertThat(results.get("org").kept()).isFalse();
    }

    @Test
    void aSlowComputationIsKept() {
        KeptResults<String, Integer> results = results(Duration.ofMillis(20), key -> {
            sleep(Duration.ofMillis(30));
            return computations.incrementAndGet();
        });
        results.get("org");
        assertThat(results.get("org").kept()).isTrue();
        assertThat(computations).hasValue(1);
    }

    @Test
    void aFreshResultIsComputedForItsCallerAndReplacesTheKeptOne() {
        KeptResults<String, Integer> results = keepingEverything();
        results.get("org");
        clock.advance(Duration.ofSeconds(10));

        assertThat(results.fresh("org").value()).isEqualTo(2);
        KeptResults.Served<Integer> after = results.get("org");
        assertThat(after.value()).isEqualTo(2);
        assertThat(after.age()).isZero();
    }

    @Test
    void concurrentCallersShareOneComputation() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        KeptResults<String, Integer> results = results(Duration.ofHours(1), key -> {
            entered.countDown();
            await(release);
            return computations.incrementAndGet();
        });
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            answers.add(callers.submit(() -> results.get("org").value()));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                answers.add(callers.submit(() -> results.get("org").value()));
            }
            Thread.sleep(100);
            release.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
        }
        assertThat(computations).as("eight callers, one computation").hasValue(1);
    }

    @Test
    void aFailedComputationReachesItsCallersAndKeepsNothing() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>(new IllegalStateException("database down"));
        KeptResults<String, Integer> results = results(Duration.ZERO, key -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return computations.incrementAndGet();
        });
        assertThatThrownBy(() -> results.get("org")).hasMessage("database down");
        failure.set(null);
        assertThat(results.get("org").value()).isEqualTo(1);
    }

    @Test
    void aMaxAgeOfZeroKeepsNothing() {
        KeptResults<String, Integer> results = new KeptResults<>("test.results", key -> computations.incrementAndGet(),
                Duration.ZERO, Duration.ZERO, clock, meters);
        results.get("org");
        assertThat(results.get("org").value()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the computation");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
