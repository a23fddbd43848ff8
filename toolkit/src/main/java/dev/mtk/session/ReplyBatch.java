package dev.mtk.session;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;

/**
 * The replies a behaviour writes while one read is handled, gathered in one buffer and written once when the read
 * is done.
 *
 * <p>Why: a pipelining client's read carries many messages; written one by one, each reply costs MINA a write
 * request, a future, a trip down the filter chain and the encoder. Gathered, the read costs one of each, as Netty's
 * flush-on-read-complete does. Only the I/O thread handling the read adds to the batch; replies from other threads
 * (delayed replies) are written at once, as before.
 */
final class ReplyBatch {
    /** A batch this large is written at once, so that a read answered with large replies stays bounded. */
    static final int FLUSH_AT = 64 * 1024;
    private static final int INITIAL = 512;

    private final IoSession io;
    /** Runs on the reading thread when a read is done, before its replies are written: what it counted is added up. */
    private final Runnable readDone;
    private volatile Thread owner;
    /** A close another thread asked for while a read was handled; guarded by this. */
    private Runnable pendingClose;
    private byte[] buffer = new byte[INITIAL];
    private int size;
    /** Writes so far, by the thread handling reads; for {@link SessionQueue}, which stops at a write backlog. */
    private int writes;

    ReplyBatch(IoSession io, Runnable readDone) {
        this.io = io;
        this.readDone = readDone;
    }

    /** A read is being handled on this thread: replies from it are gathered. */
    void begin() {
        owner = Thread.currentThread();
    }

    /** Whether a reply from this thread would be gathered. */
    boolean open() {
        return owner == Thread.currentThread();
    }

    /** Adds the encoded reply; the caller has checked {@link #open()}. */
    void add(byte[] encoded) {
        if (size > 0 && size + encoded.length > FLUSH_AT) {
            // Written before it would grow past FLUSH_AT: doubling there made 128 KiB arrays carry 64 KiB each, and
            // the buffer budget, which counts the bytes waiting to be sent, saw half the heap they took.
            flush();
        }
        if (size + encoded.length > buffer.length) {
            byte[] larger = new byte[Math.max(Math.min(buffer.length * 2, FLUSH_AT), size + encoded.length)];
            System.arraycopy(buffer, 0, larger, 0, size);
            buffer = larger;
        }
        System.arraycopy(encoded, 0, buffer, size, encoded.length);
        size += encoded.length;
        if (size >= FLUSH_AT) {
            flush();
        }
    }

    /** Writes what was gathered, so that something written after it (a close) stays after it. */
    void flush() {
        if (size > 0) {
            io.write(IoBuffer.wrap(buffer, 0, size));
            buffer = new byte[Math.max(INITIAL, Math.min(size, FLUSH_AT))];
            size = 0;
            writes++;
        }
    }

    /** How many times the batch was written; read by the thread that handles reads. */
    int writes() {
        return writes;
    }

    /**
     * From a thread other than the one handling a read: runs {@code close} once that read is done and what it gathered
     * is written, and returns {@code true}; returns {@code false} when no other thread is handling a read (close now).
     * Without it a close from another thread (a load generator's connection that got its last answer) went out
     * before the confirmation the read had just gathered, and the peer never got it.
     */
    synchronized boolean closeAfterRead(Runnable close) {
        Thread reading = owner;
        if (reading == null || reading == Thread.currentThread()) {
            return false;
        }
        pendingClose = close;
        return true;
    }

    /** The read is done: writes what was gathered, then a close asked for meanwhile. */
    void end() {
        // Counted before written: a peer that has its answer then finds it counted.
        readDone.run();
        flush();
        Runnable close;
        // A monitor per read, not per message: uncontended, it costs tens of nanoseconds against a read's microseconds.
        synchronized (this) {
            owner = null;
            close = pendingClose;
            pendingClose = null;
        }
        if (close != null) {
            close.run();
        }
    }
}
