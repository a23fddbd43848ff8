package dev.mtk.session;

import dev.mtk.metrics.Refusal;
import dev.mtk.spi.Handler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that run handler callbacks (scripts, plugins: anything that may block), so that the I/O threads only
 * read, decode and write. Sessions with work wait in one queue; a worker takes a session and runs its
 * {@link SessionQueue}, so each session's callbacks stay in order and one slow callback delays only its session.
 *
 * <p>Why: callbacks used to run on the I/O threads, one per core, each serving many sessions. A script that slept
 * 200 ms per message held every session of its I/O thread: 16 clients together got 8.9 messages a second on 2 cores;
 * on the workers, 38-40 (the pool grows to 8 while callbacks block). The price is a hand-off per read each way:
 * bench/ack.groovy against the built-in handler, {@code mtk bench -c 16 -d 8}, went from 0.90-1.04x to 0.69-0.72x at
 * pipeline 1 and from 0.93-1.02x to 0.69-0.74x at pipeline 32 ({@link ReadBatchFilter} keeps a pipelined read's
 * replies in one write). Measured and not kept: a queue where an idle worker spins 50 us before parking (0.45x on two
 * shared cores), handing off once per turn of the I/O loop instead of once per read (no change beyond noise), one
 * worker instead of two (no change). Built-ins that cannot block stay on the I/O threads ({@link NonBlocking}).
 *
 * <p>The pool keeps one worker per core (at least two). While every worker has been in one callback since the last
 * growth check (20 ms ago) and sessions wait, it adds one, up to {@link #MAX_THREADS}; one that then finds nothing to
 * do for two seconds ends. The sessions wait in a {@link ReadyQueue}, which wakes a sleeping worker only when none is
 * on its way already; so a session queued just behind one whose callback then blocks is taken by a sleeping worker
 * at the next growth check, up to 20 ms later, rather than at once.
 *
 * <p>Time: a worker does not read the clock per callback. It numbers its callbacks, and the checks, which run on the
 * timer, note when they first saw each number: a callback is timed from then, so it is never taken as stuck early
 * and at most one check period late. Why: the clock read per callback was 17 ns of the acknowledging script's
 * 765 ns per message pipelined (async-profiler, {@code clock_gettime} under {@code Worker.begin}, 2026-12-02).
 *
 * <p>The handler timeout: a callback still running after it is reported in one warning line that says where it is
 * stuck (the script's {@code FILE:LINE}, or the handler's class) and its session is closed at once; its thread is
 * interrupted. A thread still stuck at the next check is abandoned and replaced, so the pool keeps its capacity; at
 * most {@link #MAX_ABANDONED} threads are abandoned at once, after which stuck threads are no longer replaced (said
 * once in the log).
 */
final class HandlerWorkers implements AutoCloseable {
    /**
     * Workers always there: one per core. More measured slower for callbacks that do not block (bench/ack.groovy,
     * 16 connections: 80-82k msg/s one request at a time and 1.04-1.11M pipelined with 8 workers, 81-95k and
     * 1.14-1.17M with 2), as each extra thread only adds wake-ups and context switches on two cores.
     */
    static final int DEFAULT_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** Workers at most, while callbacks block: enough for a few to block briefly on every core. */
    static final int MAX_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    /** A callback seen at two growth checks in a row is taken as blocked: while all are, a worker is added. */
    private static final long GROWTH_CHECK_MILLIS = 20;
    /** A worker beyond the always-there ones that finds nothing to do this long ends. */
    private static final long SURPLUS_IDLE_MILLIS = 2_000;
    static final int MAX_ABANDONED = 16;
    private static final Logger LOG = LoggerFactory.getLogger(HandlerWorkers.class);
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** Put in the queue once per worker by {@link #close()}: after the work queued before it, the worker ends. */
    private static final SessionQueue STOP = new SessionQueue(null, null, null, null);

    private final ReadyQueue ready;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger names = new AtomicInteger();
    private final AtomicInteger stuck = new AtomicInteger();
    private final Duration timeout;
    private final LongSupplier clock;
    private final Behaviour behaviour;
    private final ScheduledFuture<?> watch;
    private final ScheduledFuture<?> growth;
    private final int coreThreads;
    private final long idleMillis;
    private volatile boolean limitLogged;

    /** Starts {@code threads} workers, and a check of {@code behaviour}'s callbacks against {@code timeout}. */
    HandlerWorkers(int threads, Duration timeout, Behaviour behaviour, ScheduledExecutorService timer) {
        this(threads, timeout, behaviour, timer, System::nanoTime);
    }

    /** The same, with the clock the timeout check reads (a test's, to move time by hand). */
    HandlerWorkers(int threads, Duration timeout, Behaviour behaviour, ScheduledExecutorService timer,
            LongSupplier clock) {
        this(threads, timeout, behaviour, timer, clock, new ReadyQueue(), Duration.ofMillis(SURPLUS_IDLE_MILLIS));
    }

    /**
     * The same, with the queue of sessions waiting for a worker (a test's, whose lock the test can hold) and how long
     * a worker waits for work before it asks whether it is surplus (a test's, so long that only the growth check can
     * wake a sleeping worker for a session that waits).
     */
    HandlerWorkers(int threads, Duration timeout, Behaviour behaviour, ScheduledExecutorService timer,
            LongSupplier clock, ReadyQueue ready, Duration idle) {
        this.ready = ready;
        this.idleMillis = idle.toMillis();
        this.clock = clock;
        this.timeout = timeout;
        this.behaviour = behaviour;
        this.coreThreads = threads;
        for (int i = 0; i < threads; i++) {
            startWorker();
        }
        // A callback is timed from the first check that sees it, up to one period after it began: with a period of
        // an eighth of the timeout the close comes at most a quarter of the timeout late (from 80 ms up).
        long period = Math.max(10, Math.min(1_000, timeout.toMillis() / 8));
        this.watch = timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
        this.growth = timer.scheduleWithFixedDelay(this::grow, GROWTH_CHECK_MILLIS, GROWTH_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** {@code session} has work: a worker runs it. */
    void schedule(SessionQueue session) {
        ready.add(session);
    }

    /** Sessions with work that no worker has taken yet. */
    int waiting() {
        return ready.size();
    }

    /**
     * Wakes a sleeping worker for sessions that wait (the queue wakes one at a time), and adds a worker while every
     * worker is held by a blocked callback and sessions wait for one.
     */
    private void grow() {
        ready.wakeIfWaiting();
        if (ready.isEmpty() || workers.size() >= MAX_THREADS) {
            return;
        }
        boolean allBlocked = true;
        for (Worker worker : workers) {
            synchronized (worker) {
                allBlocked &= worker.session != null && worker.calls == worker.callAtGrowthCheck;
                worker.callAtGrowthCheck = worker.calls;
            }
        }
        if (allBlocked) {
            startWorker();
        }
    }

    /** Worker threads now, abandoned ones not counted. */
    int threads() {
        return workers.size();
    }

    private synchronized void startWorker() {
        Worker worker = new Worker("mtk-handler-" + names.incrementAndGet());
        workers.add(worker);
        worker.start();
    }

    /** Closes the sessions of callbacks past the timeout, and replaces the threads that stay stuck after it. */
    void check() {
        long now = clock.getAsLong();
        for (Worker worker : workers) {
            synchronized (worker) {
                if (worker.session == null) {
                    continue;
                }
                long calls = worker.calls;
                if (calls != worker.callAtCheck) {
                    worker.callAtCheck = calls;
                    worker.callSeen = now;
                    worker.timedOut = false;
                    continue;
                }
                if (!worker.timedOut && now - worker.callSeen > timeout.toNanos()) {
                    worker.timedOut = true;
                    String where = where(worker.getStackTrace());
                    worker.session.abort(Refusal.HANDLER_TIMEOUT, worker.callback + " ran past the handler timeout ("
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
        Handler handler = behaviour.current();
        if (handler instanceof CallbackSite site) {
            String at = site.locate(stack);
            if (at != null) {
                return at;
            }
        }
        String type = handler.getClass().getName();
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
        growth.cancel(false);
        for (int i = 0; i < workers.size(); i++) {
            ready.addAndWakeAll(STOP);
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
        /** The session whose callbacks this thread runs now, or {@code null}; guarded by {@code this}. */
        private ServerSession session;
        /**
         * The callback running now, for the timeout's log line; written by this thread alone and without the lock
         * (a name that the check reads a callback late would only mislabel that line).
         */
        private String callback;
        /** Callbacks begun: the number of the one running now; written by this thread alone. */
        private volatile long calls;
        /** Guarded by {@code this}, as are the fields below: the callback the timeout check saw last, and when. */
        private long callAtCheck = -1;
        private long callSeen;
        /** The callback the growth check saw last. */
        private long callAtGrowthCheck = -1;
        private boolean timedOut;
        /** Where a drain puts the items it takes from its session's queue; this thread's alone. */
        private final Object[] taken = new Object[SessionQueue.DRAIN_AT_ONCE];
        /** Set by the check: this thread finishes its session's drain, then ends. */
        private volatile boolean abandoned;

        private Worker(String name) {
            super(name);
            setDaemon(true);
        }

        Object[] taken() {
            return taken;
        }

        /** Ends this worker if it is one more than the pool keeps; it found nothing to do for a while. */
        private boolean retire() {
            synchronized (HandlerWorkers.this) {
                if (workers.size() <= coreThreads) {
                    return false;
                }
                workers.remove(this);
                return true;
            }
        }

        /**
         * A drain of {@code running}'s callbacks starts on this thread. It takes a number of its own, so that the
         * checks do not time its first steps from the last callback of an earlier drain (and, seeing a new number,
         * forget an earlier timeout). The batch's write after the last callback is timed with that callback.
         */
        synchronized void enter(ServerSession running) {
            session = running;
            calls++;
        }

        /**
         * A callback starts. Why no lock here: a monitor entered and left around every callback was two atomic
         * operations per message on the worker, and the checks, which read the count under the lock, need only
         * see it change.
         */
        void begin(String name) {
            callback = name;
            calls++;
        }

        /**
         * The drain is done: an interrupt meant for one of its callbacks must not reach another session's. An
         * interrupt sent by the check once a callback ran past the timeout can still land in a later callback of
         * the same drain; that session is being closed for it.
         */
        synchronized void leave() {
            session = null;
            Thread.interrupted();
        }

        @Override
        public void run() {
            try {
                while (!abandoned) {
                    SessionQueue next = ready.poll(idleMillis, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        if (retire()) {
                            break;
                        }
                        continue;
                    }
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
