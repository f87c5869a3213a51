package org.stockledger.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Results that are slow to compute, served again for a while instead of being computed for every
 * caller. A result whose computation took at least {@code keepSlowerThan} is kept and served for
 * {@code maxAge}; once older, it is still served while one background computation replaces it,
 * up to twice {@code maxAge}, after which the caller waits for a new one. Results computed faster
 * are never served again, so small data stay exact to the moment. However many callers ask at
 * once, each key has at most one computation running (a caller asking for a fresh result, see
 * {@link #fresh}, starts its own). Kept results live in this instance's memory only.
 */
public final class KeptResults<K, V> {

    private static final Logger log = LoggerFactory.getLogger(KeptResults.class);
    private static final int KEYS_MAX = 10_000;

    /** A result and how long ago its computation started (zero when computed for this caller). */
    public record Served<V>(V value, Duration age, boolean kept) {
    }

    private record Kept<V>(V value, Instant computedAt) {
    }

    private final String name;
    private final Function<K, V> computation;
    private final Duration maxAge;
    private final Duration keepSlowerThan;
    private final Clock clock;
    private final Cache<K, Kept<V>> kept;
    private final ConcurrentMap<K, CompletableFuture<Kept<V>>> running = new ConcurrentHashMap<>();
    private final Counter servedKept;
    private final Counter servedStale;
    private final Counter servedComputed;
    private final Timer computations;

    /**
     * @param name           names the metrics ({@code <name>.served} by outcome, {@code <name>.computation})
     * @param maxAge         how long a kept result is served as it is; zero keeps nothing
     * @param keepSlowerThan results computed faster are not kept
     */
    public KeptResults(String name, Function<K, V> computation, Duration maxAge, Duration keepSlowerThan, Clock clock,
            MeterRegistry meters) {
        if (maxAge.isNegative() || keepSlowerThan.isNegative()) {
            throw new IllegalArgumentException(name + ": max age and keep threshold must not be negative");
        }
        this.name = name;
        this.computation = computation;
        this.maxAge = maxAge;
        this.keepSlowerThan = keepSlowerThan;
        this.clock = clock;
        // The expiry only frees memory; which results are served is decided on the clock below.
        this.kept = Caffeine.newBuilder()
                .maximumSize(KEYS_MAX)
                .expireAfterWrite(maxAge.multipliedBy(2))
                .build();
        this.servedKept = served(meters, "kept");
        this.servedStale = served(meters, "stale");
        this.servedComputed = served(meters, "computed");
        this.computations = Timer.builder(name + ".computation")
                .description("Computations of a result, whether kept or not")
                .register(meters);
    }

    private Counter served(MeterRegistry meters, String result) {
        return Counter.builder(name + ".served")
                .description("Results served: kept (young enough), stale (served while replaced) or computed for the caller")
                .tag("result", result)
                .register(meters);
    }

    /** The kept result of {@code key} if it is young enough, else a new one (see the class comment). */
    public Served<V> get(K key) {
        Kept<V> result = maxAge.isZero() ? null : kept.getIfPresent(key);
        if (result != null) {
            Duration age = Duration.between(result.computedAt(), clock.instant());
            if (age.compareTo(maxAge) <= 0) {
                servedKept.increment();
                return new Served<>(result.value(), age, true);
            }
            if (age.compareTo(maxAge.multipliedBy(2)) <= 0) {
                replaceInBackground(key);
                servedStale.increment();
                return new Served<>(result.value(), age, true);
            }
        }
        servedComputed.increment();
        return new Served<>(shared(key).value(), Duration.ZERO, false);
    }

    /** A result computed for this caller (which replaces the kept one when slow enough to keep). */
    public Served<V> fresh(K key) {
        servedComputed.increment();
        return new Served<>(compute(key).value(), Duration.ZERO, false);
    }

    /** The computation running for the key, joined, or one started on this thread. */
    private Kept<V> shared(K key) {
        CompletableFuture<Kept<V>> mine = new CompletableFuture<>();
        CompletableFuture<Kept<V>> other = running.putIfAbsent(key, mine);
        if (other == null) {
            return computeInto(key, mine);
        }
        try {
            return other.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Registers the computation before its thread starts, so callers meanwhile neither start nor wait for another. */
    private void replaceInBackground(K key) {
        CompletableFuture<Kept<V>> mine = new CompletableFuture<>();
        if (running.putIfAbsent(key, mine) != null) {
            return;
        }
        Thread.ofVirtual().name(name + "-refresh").start(() -> {
            try {
                computeInto(key, mine);
            } catch (RuntimeException e) {
                log.warn("{}: computing a result in the background failed; the kept one is served until it is too old", name, e);
            }
        });
    }

    private Kept<V> computeInto(K key, CompletableFuture<Kept<V>> mine) {
        try {
            Kept<V> result = compute(key);
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    private Kept<V> compute(K key) {
        Instant startedAt = clock.instant();
        long started = System.nanoTime();
        V value = computation.apply(key);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        computations.record(took);
        Kept<V> result = new Kept<>(value, startedAt);
        // A computation that started earlier than the kept result's never replaces it.
        if (!maxAge.isZero() && took.compareTo(keepSlowerThan) >= 0) {
            kept.asMap().merge(key, result, (old, mine) -> old.computedAt().isAfter(startedAt) ? old : mine);
        } else {
            kept.asMap().computeIfPresent(key, (k, old) -> old.computedAt().isAfter(startedAt) ? old : null);
        }
        return result;
    }
}
