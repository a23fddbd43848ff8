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
            thread.execute(() -> done.checked(reply, check.failure(reply)));
        } catch (RejectedExecutionException e) {
            done.checked(reply, "not checked: the checker is closed or behind");
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
