package dev.mtk.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.service.IoServiceStatistics;

/**
 * One {@link IoServiceStatistics} per I/O thread.
 *
 * <p>Why: MINA updates its service-wide statistics several times per message (bytes and messages, read, written and
 * scheduled), each under one lock shared by every I/O thread; with several threads busy, that lock is contended on
 * every message. mtk reads no service-wide statistics (sessions keep their own counts), so each I/O thread keeps its
 * own, uncontended, in a field of the thread itself (a thread-local lookup per update measured slower still).
 * Updates from other threads (the acceptor's, for instance) share one fallback.
 */
final class PerThreadStatistics {
    private final AtomicInteger threads = new AtomicInteger();
    private volatile IoService service;
    private volatile IoServiceStatistics shared;

    /** The service is made after its I/O threads' executor, so it is told here, before any session exists. */
    void bind(IoService owner) {
        this.service = owner;
        this.shared = new IoServiceStatistics(owner);
    }

    IoServiceStatistics get() {
        if (Thread.currentThread() instanceof IoThread thread && thread.owner == this) {
            if (thread.statistics == null) {
                thread.statistics = new IoServiceStatistics(service);
            }
            return thread.statistics;
        }
        return shared;
    }

    /**
     * The executor the I/O processors run on: its threads carry their statistics. A processor left with no session
     * ends its loop; its thread then goes after a second, so threads come back down after a burst of connections.
     */
    ExecutorService executor(String name) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            IoThread thread = new IoThread(runnable, name + "-" + threads.incrementAndGet(), this);
            thread.setDaemon(true);
            return thread;
        });
    }

    private static final class IoThread extends Thread {
        private final PerThreadStatistics owner;
        /** Touched by this thread only. */
        private IoServiceStatistics statistics;

        IoThread(Runnable task, String name, PerThreadStatistics owner) {
            super(task, name);
            this.owner = owner;
        }
    }
}
