package dev.mtk.session;

import dev.mtk.spi.Handler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that run handler callbacks (scripts, plugins: anything that may block), so that the I/O threads only
 * read, decode and write. Sessions with work wait in one queue; a worker takes a session and runs its
 * {@link SessionQueue}, so each session's callbacks stay in order and one slow callback delays only its session.
 *
 * <p>Why: callbacks used to run on the I/O threads, one per core, each serving many sessions. A script that slept
 * 200 ms per message held every session of its I/O thread: 16 clients together got 8.9 messages a second on 2 cores;
 * on the workers, 39.6 (8 workers at 5 a second each). The price is a hand-off per read each way: bench/ack.groovy,
 * {@code mtk bench -c 4 -d 5s}, went from about 80,000 to 41,000 msg/s at pipeline 1 and from about 830,000 to
 * 480,000-530,000 at pipeline 16 ({@link ReadBatchFilter} keeps a pipelined read's replies in one write). Built-ins
 * that cannot block stay on the I/O threads ({@link NonBlocking}).
 *
 * <p>The handler timeout: a callback still running after it is reported in one warning line that says where it is
 * stuck (the script's {@code FILE:LINE}, or the handler's class) and its session is closed at once; its thread is
 * interrupted. A thread still stuck at the next check is abandoned and replaced, so the pool keeps its capacity; at
 * most {@link #MAX_ABANDONED} threads are abandoned at once, after which stuck threads are no longer replaced (said
 * once in the log).
 */
final class HandlerWorkers implements AutoCloseable {
    /** Enough for a few callbacks to block briefly on every core without holding up the rest. */
    static final int DEFAULT_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    static final int MAX_ABANDONED = 16;
    private static final Logger LOG = LoggerFactory.getLogger(HandlerWorkers.class);
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** Put in the queue once per worker by {@link #close()}: after the work queued before it, the worker ends. */
    private static final SessionQueue STOP = new SessionQueue(null, null, null, null);

    private final BlockingQueue<SessionQueue> ready = new LinkedBlockingQueue<>();
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger names = new AtomicInteger();
    private final AtomicInteger stuck = new AtomicInteger();
    private final Duration timeout;
    private final Handler behaviour;
    private final ScheduledFuture<?> watch;
    private volatile boolean limitLogged;

    /** Starts {@code threads} workers, and a check of {@code behaviour}'s callbacks against {@code timeout}. */
    HandlerWorkers(int threads, Duration timeout, Handler behaviour, ScheduledExecutorService timer) {
        this.timeout = timeout;
        this.behaviour = behaviour;
        for (int i = 0; i < threads; i++) {
            startWorker();
        }
        long period = Math.max(10, Math.min(1_000, timeout.toMillis() / 4));
        this.watch = timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** {@code session} has work: a worker runs it. */
    void schedule(SessionQueue session) {
        ready.add(session);
    }

    /** Sessions with work that no worker has taken yet. */
    int waiting() {
        return ready.size();
    }

    private void startWorker() {
        Worker worker = new Worker("mtk-handler-" + names.incrementAndGet());
        workers.add(worker);
        worker.start();
    }

    /** Closes the sessions of callbacks past the timeout, and replaces the threads that stay stuck after it. */
    private void check() {
        long now = System.nanoTime();
        for (Worker worker : workers) {
            synchronized (worker) {
                if (worker.session == null) {
                    continue;
                }
                if (!worker.timedOut && now - worker.since > timeout.toNanos()) {
                    worker.timedOut = true;
                    String where = where(worker.getStackTrace());
                    worker.session.abort(worker.callback + " ran past the handler timeout ("
                            + ClientSession.human(timeout) + ") at " + where);
                    worker.interrupt();
                } else if (worker.timedOut) {
                    abandon(worker);
                }
            }
        }
    }

    /**
     * Where a stuck callback is: what the handler says ({@link CallbackSite}: a script's {@code FILE:LINE}), else the
     * first frame of the handler's class, else the class.
     */
    private String where(StackTraceElement[] stack) {
        if (behaviour instanceof CallbackSite site) {
            String at = site.locate(stack);
            if (at != null) {
                return at;
            }
        }
        String type = behaviour.getClass().getName();
        // A lambda's class, Outer$$Lambda$12/0x..., runs in frames of Outer.
        String host = type.contains("$$") ? type.substring(0, type.indexOf("$$")) : type;
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith(host)) {
                return frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                        + frame.getLineNumber() + ")";
            }
        }
        return type;
    }

    private void abandon(Worker worker) {
        if (stuck.get() >= MAX_ABANDONED) {
            if (!limitLogged) {
                limitLogged = true;
                LOG.warn("{} handler threads are stuck past the handler timeout; no more are replaced", MAX_ABANDONED);
            }
            return;
        }
        stuck.incrementAndGet();
        worker.abandoned = true;
        workers.remove(worker);
        startWorker();
    }

    /**
     * Stops the workers once they have run what is already queued (the {@code onClose} of the sessions the server
     * has just closed, say), waiting at most {@link #CLOSE_WAIT_MILLIS}; then interrupts those still running.
     */
    @Override
    public void close() {
        watch.cancel(false);
        for (int i = 0; i < workers.size(); i++) {
            ready.add(STOP);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        try {
            for (Worker worker : workers) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(worker, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Worker worker : workers) {
            worker.interrupt();
        }
    }

    /** A pool thread, and what it is running now for the timeout check. */
    final class Worker extends Thread {
        /** The session whose callback runs now, or {@code null}; guarded by {@code this}, as are the fields below. */
        private ServerSession session;
        private String callback;
        private long since;
        private boolean timedOut;
        /** Set by the check: this thread finishes its session's drain, then ends. */
        private volatile boolean abandoned;

        private Worker(String name) {
            super(name);
            setDaemon(true);
        }

        synchronized void begin(ServerSession running, String name) {
            session = running;
            callback = name;
            since = System.nanoTime();
            timedOut = false;
        }

        /** The callback returned: an interrupt meant for it must not reach the next one. */
        synchronized void end() {
            session = null;
            Thread.interrupted();
        }

        @Override
        public void run() {
            try {
                while (!abandoned) {
                    SessionQueue next = ready.take();
                    if (next == STOP) {
                        break;
                    }
                    try {
                        next.drain(this);
                    } catch (RuntimeException e) {
                        // Callbacks catch their own failures; this is the server's, and the thread stays.
                        LOG.warn("handler thread failed: {}", e.toString());
                    }
                }
            } catch (InterruptedException e) {
                // closing
            } finally {
                if (abandoned) {
                    stuck.decrementAndGet();
                }
            }
        }
    }
}
