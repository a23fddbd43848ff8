package dev.mtk.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets one event a second through, and counts the ones it held back, so that a flood (refused connections, accept
 * errors) becomes a line a second saying how many there were instead of a line each.
 *
 * <pre>{@code
 * long held = throttle.pass();
 * if (held >= 0) {
 *     log.warn(line + (held > 0 ? " (" + held + " more in the last second)" : ""));
 * }
 * }</pre>
 */
public final class Throttle {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final AtomicLong nextNanos;
    private final AtomicLong held = new AtomicLong();

    /** A throttle on the system's monotonic clock. */
    public Throttle() {
        this(System::nanoTime);
    }

    /** A throttle on {@code nanoClock}, for tests. */
    public Throttle(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.nextNanos = new AtomicLong(nanoClock.getAsLong());
    }

    /**
     * Whether this event may be reported: {@code -1} when not (it is counted), else how many were held back since the
     * last one reported.
     */
    public long pass() {
        long now = nanoClock.getAsLong();
        long next = nextNanos.get();
        if (now - next >= 0 && nextNanos.compareAndSet(next, now + SECOND_NANOS)) {
            return held.getAndSet(0);
        }
        held.incrementAndGet();
        return -1;
    }
}
