package org.stockledger.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service's clock in every test context: real UTC time plus an offset a test may move
 * forward ({@link #advance}) instead of sleeping, and must {@link #reset} when done, so other
 * suites in the same context see real time again. Registered for all contexts through
 * {@code META-INF/spring.factories} (an initializer there is not part of the context cache key,
 * so each database keeps one shared context); the main Clock bean is conditional on its absence.
 */
public final class MovableClock extends Clock {

    public static final MovableClock INSTANCE = new MovableClock();

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private MovableClock() {
    }

    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the test clock only moves forward; reset() returns to real time");
        }
        offset.updateAndGet(current -> current.plus(amount));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    /** Puts {@link #INSTANCE} into a context before its configuration is read. */
    public static final class Registrar implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getBeanFactory().registerSingleton("movableTestClock", INSTANCE);
        }
    }
}
