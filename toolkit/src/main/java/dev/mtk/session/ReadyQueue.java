package dev.mtk.session;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sessions that have work and no worker yet, in the order they came, for {@link HandlerWorkers}. It wakes a
 * sleeping worker only when none is already on its way: sessions that come while one is woken wait for it, or for a
 * worker that finishes its drain, rather than waking a worker each.
 *
 * <p>Why not {@code LinkedBlockingQueue}: its {@code poll} wakes the next sleeping worker whenever it leaves work
 * behind, so with two workers and a stream of short drains they woke each other about as often as the I/O threads
 * woke them (bench/ack.groovy pipelined, {@code perf trace -e futex}: 1,980 worker-to-worker and 1,850 I/O-to-worker
 * wake-ups a second, 2026-12-02). A wake-up is a system call and a context switch on each side.
 *
 * <p>What that costs a session behind a stuck callback: it waits for {@link #wakeIfWaiting()}, which the pool's
 * periodic check calls, instead of a second worker woken at once.
 */
final class ReadyQueue {
    private final ReentrantLock lock;
    private final Condition work;
    /** Guarded by {@code lock}, as are the fields below. */
    private final ArrayDeque<SessionQueue> sessions = new ArrayDeque<>();
    /** Workers asleep in {@link #poll}. */
    private int sleeping;
    /** A worker was woken and has not yet come back for work: sessions added meanwhile wait for it. */
    private boolean wakeSent;

    ReadyQueue() {
        this(new ReentrantLock());
    }

    /**
     * A queue guarding its state with {@code lock}: a test holding it keeps a woken worker from coming back, so that
     * what the queue does meanwhile does not depend on the scheduler.
     */
    ReadyQueue(ReentrantLock lock) {
        this.lock = lock;
        this.work = lock.newCondition();
    }

    /** {@code session} has work; wakes a sleeping worker unless one is already on its way. */
    void add(SessionQueue session) {
        lock.lock();
        try {
            sessions.add(session);
            wakeOne();
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code session} and wakes every sleeping worker: for the pool's stop markers. */
    void addAndWakeAll(SessionQueue session) {
        lock.lock();
        try {
            sessions.add(session);
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next session with work, waiting up to {@code timeout}; {@code null} when none came. */
    SessionQueue poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (sessions.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                sleeping++;
                try {
                    nanos = work.awaitNanos(nanos);
                } finally {
                    sleeping--;
                    wakeSent = false;
                }
            }
            return sessions.poll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wakes a sleeping worker if sessions wait and none is on its way: what the pool's periodic check does, so that a
     * session that came while the only awake worker is held by a long callback gets another.
     */
    void wakeIfWaiting() {
        lock.lock();
        try {
            if (!sessions.isEmpty()) {
                wakeOne();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a sleeping worker unless one is already on its way; under {@code lock}. */
    private void wakeOne() {
        if (sleeping > 0 && !wakeSent) {
            wakeSent = true;
            work.signal();
        }
    }

    /** Workers asleep waiting for a session. */
    int sleeping() {
        lock.lock();
        try {
            return sleeping;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return sessions.size();
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        return size() == 0;
    }
}
