package dev.mtk.bench.scenario;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Once a second while users run, on one line rewritten in place: elapsed time, users in an iteration, iterations a
 * second over the last second, failed iterations. Only on a terminal: the command gives no stream when piped.
 */
final class LiveLine implements Runnable {
    private static final int WIDTH = 72;

    private final Iterations iterations;
    private final PrintStream out;
    private final long start;
    private volatile boolean stopped;
    private boolean printed;

    LiveLine(Iterations iterations, PrintStream out, long start) {
        this.iterations = iterations;
        this.out = out;
        this.start = start;
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
            if (!stopped) {
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

    /** Stops the line; clears it, or keeps it when the user stopped the run (the terminal echoed ^C onto it). */
    void stop(Thread thread, boolean keep) throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
        if (printed) {
            out.print(keep ? System.lineSeparator() : "\r" + " ".repeat(WIDTH) + "\r");
            out.flush();
        }
    }
}
