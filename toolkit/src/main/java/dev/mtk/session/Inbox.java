package dev.mtk.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A client session's received messages, in arrival order, until they are taken: the first that matches
 * ({@link #takeFirst}; the head when anything matches), which is how a reply is found by its id while earlier replies
 * wait.
 *
 * <p>Bounded: past {@link #MAX_MESSAGES} messages or {@link #MAX_BYTES} bytes waiting, its {@link Flow} is told to stop
 * reading the socket, and told to go on once half of either has been taken. The close is queued after the messages
 * that arrived before it, so they still come out first.
 */
final class Inbox {
    static final int MAX_MESSAGES = 4096;
    static final long MAX_BYTES = 16L << 20;

    /** What the inbox tells its session when it fills and drains. */
    interface Flow {
        void pause();

        void resume();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    private final Flow flow;
    private long bytes;
    private boolean closed;
    private boolean paused;

    Inbox(Flow flow) {
        this.flow = flow;
    }

    void add(Message message) {
        lock.lock();
        try {
            messages.add(message);
            bytes += message.body().length;
            if (!paused && (messages.size() >= MAX_MESSAGES || bytes >= MAX_BYTES)) {
                paused = true;
                flow.pause();
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No more messages: waits end once what arrived before is taken. */
    void close() {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first message that {@code match} accepts, waiting up to {@code nanos} for one to arrive, or {@code null};
     * the others stay in their order. Once the session closed and nothing waiting matches, throws {@code whenClosed}.
     */
    Message takeFirst(Predicate<Message> match, long nanos, Supplier<? extends RuntimeException> whenClosed)
            throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        lock.lockInterruptibly();
        try {
            while (true) {
                for (Iterator<Message> waiting = messages.iterator(); waiting.hasNext(); ) {
                    Message message = waiting.next();
                    if (match.test(message)) {
                        waiting.remove();
                        taken(message);
                        return message;
                    }
                }
                if (closed) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                arrived.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        // Made here, outside the lock: the reason for the close may be a moment behind, and waiting for it must not
        // block add().
        throw whenClosed.get();
    }

    private void taken(Message message) {
        bytes -= message.body().length;
        if (paused && messages.size() <= MAX_MESSAGES / 2 && bytes <= MAX_BYTES / 2) {
            paused = false;
            flow.resume();
        }
    }

    /** What is waiting, oldest first. */
    List<Message> waiting() {
        lock.lock();
        try {
            return new ArrayList<>(messages);
        } finally {
            lock.unlock();
        }
    }
}
