package dev.mtk.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command (the server) learns it should stop, and how the launcher's shutdown hook learns it has.
 * Only an armed signal holds the JVM's shutdown: a client interrupted with Ctrl-C just ends.
 */
public final class StopSignal {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean armed;

    /** A command that stops cleanly when {@link #stop} is called is running. */
    void arm() {
        armed = true;
    }

    /**
     * Arms this signal and runs {@code onStop} on a daemon thread when it comes: SIGINT or SIGTERM (Main's shutdown
     * hook, which then waits for the command to return) ends a bench run early, with its report. Interrupt the
     * thread returned when the command ends by itself.
     */
    Thread armAndWatch(Runnable onStop) {
        Thread watcher = new Thread(() -> {
            try {
                await();
                onStop.run();
            } catch (InterruptedException e) {
                // the command ended by itself
            }
        }, "mtk-bench-stop");
        watcher.setDaemon(true);
        watcher.start();
        arm();
        return watcher;
    }

    /** Blocks until {@link #stop}. */
    void await() throws InterruptedException {
        stop.await();
    }

    /** Asks the running command to stop. */
    public void stop() {
        stop.countDown();
    }

    /** The command has returned. */
    public void finished() {
        finished.countDown();
    }

    /**
     * Stops an armed command and waits for it to return; {@code false} at once when nothing is armed.
     */
    public boolean stopAndWait(Duration timeout) throws InterruptedException {
        if (!armed) {
            return false;
        }
        stop();
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
