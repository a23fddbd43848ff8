package dev.mtk.bench;

import dev.mtk.bench.result.IntervalLog;
import java.time.Instant;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Each second of a run's {@link StatusLine}: the rate, the p99 and the errors of the last second. Piped, nothing is
 * shown, but the histograms are still collected, and each second's written into the interval log ({@code --hlog})
 * when there is one.
 */
final class Progress implements StatusLine.Second {
    private final LoadRun run;
    private final long start;
    private final Instant wallAtStart;
    private final IntervalLog log;
    /** The end of the last interval taken ({@link System#nanoTime}); read by {@link #last} after the line's join. */
    private long last;

    /**
     * @param start       the run's start on {@link System#nanoTime}
     * @param wallAtStart the same moment on the wall clock, for the log's timestamps
     * @param log         where each second's latencies go, or {@code null}
     */
    Progress(LoadRun run, long start, Instant wallAtStart, IntervalLog log) {
        this.run = run;
        this.start = start;
        this.wallAtStart = wallAtStart;
        this.log = log;
        this.last = start;
    }

    @Override
    public String line(long now) {
        Histogram interval = take(now);
        double seconds = (now - last) / 1e9;
        last = now;
        return String.format(Locale.ROOT, "%6.1f s  %,12.0f msgs/s  p99 %8.3f ms  errors %,d   ", (now - start) / 1e9,
                interval.getTotalCount() / seconds, interval.getValueAtPercentile(99) / 1e6, run.errorCount());
    }

    /** What was recorded since the last second, once the line has stopped: the run's total then holds every latency. */
    void last() {
        take(System.nanoTime());
    }

    /** The latencies since {@link #last}, also into the log. */
    private Histogram take(long now) {
        Histogram interval = run.interval();
        if (log != null) {
            log.write(BenchReport.TIMING, interval, wall(last), wall(now));
        }
        return interval;
    }

    private Instant wall(long nanos) {
        return wallAtStart.plusNanos(nanos - start);
    }
}
