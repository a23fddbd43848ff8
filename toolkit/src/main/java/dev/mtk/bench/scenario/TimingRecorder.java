package dev.mtk.bench.scenario;

import dev.mtk.bench.result.Timing;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What is measured of one step (or of the iteration) while users run: latencies into an HdrHistogram
 * {@link Recorder}, which many threads write without a lock and one reads interval by interval; failures counted by
 * kind, with the first message of each.
 */
final class TimingRecorder {
    private final String name;
    private final Recorder recorder = new Recorder(Timing.DIGITS);
    private final Histogram total = new Histogram(Timing.DIGITS);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, String> examples = new ConcurrentHashMap<>();

    TimingRecorder(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void passed(long nanos) {
        recorder.recordValue(Math.max(0, nanos));
    }

    /**
     * Only the first example of each kind is kept, so {@code example} is asked for only then: describing every
     * failure (a walk of its stack for the script's line) would cost the most when every iteration fails.
     */
    void failed(String kind, Supplier<String> example) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (!examples.containsKey(kind)) {
            examples.putIfAbsent(kind, example.get());
        }
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The latencies recorded since the last call (or the start), now also part of the total. */
    synchronized Histogram interval() {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        return interval;
    }

    /** Everything recorded so far. */
    synchronized Timing timing() {
        interval();
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((kind, n) -> counts.put(kind, n.sum()));
        return Timing.of(name, total, counts, examples);
    }
}
