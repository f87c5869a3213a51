package org.stockledger.webhooks.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again. Attempt 1 goes out at once; after a failed attempt n
 * the next waits {@code DELAYS[n-1]} plus up to 20 % random jitter (never less, so the whole
 * schedule spans at least its nominal 27 h 35 min 5 s, which is over 24 hours); after
 * {@link #ATTEMPTS_MAX} failed attempts the delivery is failed.
 */
public final class RetrySchedule {

    public static final List<Duration> DELAYS = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));
    public static final int ATTEMPTS_MAX = DELAYS.size() + 1;
    public static final double JITTER_FRACTION_MAX = 0.2;

    private RetrySchedule() {
    }

    /** The wait after failed attempt {@code attemptNumber} (1-based), or null when that was the last. */
    public static Duration delayAfterFailedAttempt(int attemptNumber) {
        if (attemptNumber >= ATTEMPTS_MAX) {
            return null;
        }
        Duration nominal = DELAYS.get(attemptNumber - 1);
        long jitterMillis = (long) (nominal.toMillis() * JITTER_FRACTION_MAX * ThreadLocalRandom.current().nextDouble());
        return nominal.plusMillis(jitterMillis);
    }
}
