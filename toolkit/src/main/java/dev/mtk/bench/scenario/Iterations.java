package dev.mtk.bench.scenario;

import dev.mtk.script.Scenario;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one iteration on the calling user's thread and records it: from its start (closed model) or its scheduled
 * start (open model, so that an iteration that waited for a free user counts the wait, as {@code --rate} does for
 * requests). Catches everything the script throws: a failed iteration is counted, never the end of the run.
 */
final class Iterations {
    private final Scenario scenario;
    private final Measurements measurements;
    private final LongAdder active = new LongAdder();
    private final LongAdder completed = new LongAdder();

    Iterations(Scenario scenario, Measurements measurements) {
        this.scenario = scenario;
        this.measurements = measurements;
    }

    /** @param fromNanos when the iteration was due, on {@link System#nanoTime()} */
    void run(long user, long iteration, long fromNanos) {
        active.increment();
        try {
            scenario.iterate(user, iteration, measurements);
            measurements.iterationPassed(System.nanoTime() - fromNanos);
        } catch (Throwable e) {
            measurements.iterationFailed(e);
        } finally {
            active.decrement();
            completed.increment();
        }
    }

    /** Users in an iteration now. */
    long active() {
        return active.sum();
    }

    /** Iterations ended so far, passed or failed. */
    long completed() {
        return completed.sum();
    }

    long errors() {
        return measurements.errors();
    }
}
