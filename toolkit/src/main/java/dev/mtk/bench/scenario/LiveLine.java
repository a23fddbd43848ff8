package dev.mtk.bench.scenario;

import dev.mtk.bench.StatusLine;
import dev.mtk.bench.result.IntervalLog;
import java.time.Instant;
import java.util.Locale;

/**
 * Each second of a scenario run's {@link StatusLine}: elapsed time, users in an iteration, iterations a second over the
 * last second, failed iterations; with {@code --hlog}, each timing's latencies of that second as a line of the
 * interval log.
 */
final class LiveLine implements StatusLine.Second {
    private final Iterations iterations;
    private final Measurements measurements;
    private final long start;
    private final IntervalLog intervals;
    private long last;
    private long lastCompleted;
    private Instant intervalStart = Instant.now();

    /** @param intervals the interval log, or {@code null} */
    LiveLine(Iterations iterations, Measurements measurements, long start, IntervalLog intervals) {
        this.iterations = iterations;
        this.measurements = measurements;
        this.start = start;
        this.last = start;
        this.intervals = intervals;
    }

    @Override
    public String line(long now) {
        long completed = iterations.completed();
        writeIntervals();
        String text = String.format(Locale.ROOT, "%6.1f s  users %,7d  %,10.1f iterations/s  errors %,d   ",
                (now - start) / 1e9, iterations.active(), (completed - lastCompleted) / ((now - last) / 1e9),
                iterations.errors());
        last = now;
        lastCompleted = completed;
        return text;
    }

    /**
     * The latencies each timing recorded since the last interval, as one log line each; once more after the line
     * has stopped, for the last, partial second.
     */
    synchronized void writeIntervals() {
        if (intervals == null) {
            return;
        }
        Instant now = Instant.now();
        for (TimingRecorder recorder : measurements.recorders()) {
            intervals.write(recorder.name(), recorder.interval(), intervalStart, now);
        }
        intervalStart = now;
    }
}
