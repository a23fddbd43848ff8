package dev.mtk.bench;

import dev.mtk.bench.result.IntervalLog;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Once a second while a run goes: the rate, the p99 and the errors of the last second, on one line rewritten in
 * place. Only on a terminal; when the output is piped it prints nothing, but still collects the histograms, and
 * writes each second's into the interval log ({@code --hlog}) when there is one.
 */
final class Progress implements Runnable {
    private final LoadRun run;
    private final PrintStream out;
    private final boolean terminal;
    private final long start;
    private final Instant wallAtStart;
    private final IntervalLog log;
    private volatile boolean stopped;
    private boolean printed;
    /** The end of the last interval taken ({@link System#nanoTime}); read by {@link #stop} after the join. */
    private long last;

    /**
     * @param start       the run's start on {@link System#nanoTime}
     * @param wallAtStart the same moment on the wall clock, for the log's timestamps
     * @param log         where each second's latencies go, or {@code null}
     */
    Progress(LoadRun run, PrintStream out, boolean terminal, long start, Instant wallAtStart, IntervalLog log) {
        this.run = run;
        this.out = out;
        this.terminal = terminal;
        this.start = start;
        this.wallAtStart = wallAtStart;
        this.log = log;
        this.last = start;
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            Histogram interval = take(now);
            if (terminal && !stopped) {
                double seconds = (now - last) / 1e9;
                out.printf(Locale.ROOT, "\r%6.1f s  %,12.0f msgs/s  p99 %8.3f ms  errors %,d   ", (now - start) / 1e9,
                        interval.getTotalCount() / seconds, interval.getValueAtPercentile(99) / 1e6, run.errorCount());
                out.flush();
                printed = true;
            }
            last = now;
        }
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

    /**
     * Stops the line and clears it; a run stopped by the user keeps its last line and ends it (the terminal has
     * echoed {@code ^C} onto it), so the report starts on a line of its own. What was recorded since the last second
     * is taken, so that the run's total holds every latency.
     */
    void stop(Thread thread, boolean keep) throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
        take(System.nanoTime());
        if (printed) {
            out.print(keep ? System.lineSeparator() : "\r" + " ".repeat(72) + "\r");
            out.flush();
        }
    }
}
