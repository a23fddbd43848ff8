package dev.mtk.bench;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Once a second while a run goes: the rate, the p99 and the errors of the last second, on one line rewritten in
 * place. Only on a terminal; when the output is piped it prints nothing, but still collects the histograms.
 */
final class Progress implements Runnable {
    private final LoadRun run;
    private final PrintStream out;
    private final boolean terminal;
    private final long start;
    private volatile boolean stopped;
    private boolean printed;

    Progress(LoadRun run, PrintStream out, boolean terminal, long start) {
        this.run = run;
        this.out = out;
        this.terminal = terminal;
        this.start = start;
    }

    @Override
    public void run() {
        long last = System.nanoTime();
        while (!stopped) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            Histogram interval = run.interval();
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

    /**
     * Stops the line and clears it; a run stopped by the user keeps its last line and ends it (the terminal has
     * echoed {@code ^C} onto it), so the report starts on a line of its own.
     */
    void stop(Thread thread, boolean keep) throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
        if (printed) {
            out.print(keep ? System.lineSeparator() : "\r" + " ".repeat(72) + "\r");
            out.flush();
        }
    }
}
