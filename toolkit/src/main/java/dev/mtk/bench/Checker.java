package dev.mtk.bench;

import dev.mtk.session.Message;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ReplyCheck} that is user code (a Groovy closure) on a thread of its own, so that a slow or stuck
 * closure never holds an I/O thread. The reply's request keeps its place in the pipeline until its check is done, so
 * a slow check slows the load rather than piling replies up: the queue never holds more than the requests in flight
 * ({@code connections x pipeline}), and that is its bound.
 */
final class Checker implements AutoCloseable {
    /** Where a checked reply goes back to. */
    interface Done {
        void checked(Message reply, String failure);
    }

    private final ReplyCheck check;
    private final ThreadPoolExecutor thread;
    /** When the check now running began, 0 when none runs; read by the ticker. */
    private volatile long startedAt;
    private volatile Thread running;
    private volatile boolean overrun;
    private volatile long overrunMillis;

    Checker(ReplyCheck check, int capacity) {
        this.check = check;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                runnable -> {
                    Thread named = new Thread(runnable, "mtk-bench-expect");
                    named.setDaemon(true);
                    return named;
                });
    }

    /** Checks {@code reply} off the calling thread, then tells {@code done}; never blocks. */
    void submit(Message reply, Done done) {
        try {
            thread.execute(() -> done.checked(reply, timed(reply)));
        } catch (RejectedExecutionException e) {
            done.checked(reply, "not checked: the checker is closed or behind");
        }
    }

    /**
     * The check's verdict, or that it did not finish: a closure that never returns would keep its request's place in
     * the pipeline, and the run would never end (its closure is compiled interruptible, see {@link #interruptIfOver}).
     */
    private String timed(Message reply) {
        running = Thread.currentThread();
        startedAt = System.nanoTime();
        try {
            String failure = check.failure(reply);
            return overrun ? "did not finish within " + overrunMillis + " ms (--timeout)" : failure;
        } finally {
            startedAt = 0;
            overrun = false;
            Thread.interrupted();
        }
    }

    /** Called by the bench's ticker: interrupts a check that has run longer than {@code limitNanos}. */
    void interruptIfOver(long now, long limitNanos) {
        long started = startedAt;
        Thread current = running;
        if (started != 0 && now - started > limitNanos && !overrun && current != null) {
            overrunMillis = limitNanos / 1_000_000;
            overrun = true;
            current.interrupt();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
