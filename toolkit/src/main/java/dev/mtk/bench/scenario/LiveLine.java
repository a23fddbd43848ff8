package dev.mtk.bench.scenario;

import dev.mtk.bench.result.IntervalLog;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * Once a second while users run: on a terminal, one line rewritten in place (elapsed time, users in an iteration,
 * iterations a second over the last second, failed iterations); with {@code --hlog}, each timing's latencies of
 * that second as a line of the interval log. Piped and without a log, it does not run.
 */
final class LiveLine implements Runnable {
    private static final int WIDTH = 72;

    private final Iterations iterations;
    private final Measurements measurements;
    private final PrintStream out;
    private final long start;
    private final IntervalLog intervals;
    private volatile boolean stopped;
    private boolean printed;
    private Instant intervalStart = Instant.now();

    /**
     * @param out       the terminal, or {@code null}
     * @param intervals the interval log, or {@code null}
     */
    LiveLine(Iterations iterations, Measurements measurements, PrintStream out, long start, IntervalLog intervals) {
        this.iterations = iterations;
        this.measurements = measurements;
        this.out = out;
        this.start = start;
        this.intervals = intervals;
    }

    @Override
    public void run() {
        long last = System.nanoTime();
        long lastCompleted = 0;
        while (!stopped) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long completed = iterations.completed();
            writeIntervals();
            if (out != null && !stopped) {
                out.printf(Locale.ROOT, "\r%6.1f s  users %,7d  %,10.1f iterations/s  errors %,d   ",
                        (now - start) / 1e9, iterations.active(), (completed - lastCompleted) / ((now - last) / 1e9),
                        iterations.errors());
                out.flush();
                printed = true;
            }
            last = now;
            lastCompleted = completed;
        }
    }

    /** The latencies each timing recorded since the last interval, as one log line each. */
    private synchronized void writeIntervals() {
        if (intervals == null) {
            return;
        }
        Instant now = Instant.now();
        for (TimingRecorder recorder : measurements.recorders()) {
            intervals.write(recorder.name(), recorder.interval(), intervalStart, now);
        }
        intervalStart = now;
    }

    /**
     * Stops the line and writes the last, partial interval; clears the line, or keeps it when the user stopped the
     * run (the terminal echoed ^C onto it).
     */
    void stop(Thread thread, boolean keep) throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
        writeIntervals();
        if (printed) {
            out.print(keep ? System.lineSeparator() : "\r" + " ".repeat(WIDTH) + "\r");
            out.flush();
        }
    }
}
