package dev.mtk.testkit;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * Time in a {@link HandlerHarness}: it stands still until the test advances it, and then runs what fell due, in the
 * order it fell due (in the order it was scheduled, for equal times). A test then says how long a delay is, rather
 * than sleeping through it and hoping.
 */
final class ManualClock {
    /**
     * Held tasks at most: a handler that schedules a reply per reply without end fills memory; the kit fails
     * naming it instead.
     */
    static final int MAX_HELD = 100_000;

    private final PriorityQueue<Held> held = new PriorityQueue<>();
    private long now;
    private long scheduled;

    private record Held(long due, long order, Runnable task) implements Comparable<Held> {
        @Override
        public int compareTo(Held other) {
            return due != other.due ? Long.compare(due, other.due) : Long.compare(order, other.order);
        }
    }

    /** Holds {@code task} until the clock has advanced by {@code delay}; a negative delay counts as none. */
    synchronized void schedule(Duration delay, Runnable task) {
        if (held.size() >= MAX_HELD) {
            throw new AssertionError("more than " + MAX_HELD + " delayed replies held at once: does the handler"
                    + " schedule replies without end?");
        }
        held.add(new Held(now + Math.max(0, delay.toNanos()), scheduled++, task));
    }

    /** Advances the clock by {@code by}, running each task that falls due at its time. */
    void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only goes forward: " + by);
        }
        long target;
        synchronized (this) {
            target = now + by.toNanos();
        }
        while (true) {
            Held next;
            synchronized (this) {
                next = held.peek();
                if (next == null || next.due() > target) {
                    now = target;
                    return;
                }
                held.poll();
                now = next.due();
            }
            next.task().run();
        }
    }

    synchronized Duration elapsed() {
        return Duration.ofNanos(now);
    }

    synchronized int held() {
        return held.size();
    }
}
