package dev.mtk.session;

import java.util.concurrent.Executor;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * MINA's NIO processor, minus two system calls per read batch that it makes for nothing.
 *
 * <ul>
 * <li><b>The wake-up a write makes from the processor's own thread.</b> Every {@code session.write} schedules a flush
 * and wakes the selector: one system call to set the wake-up, another to clear it at the next select. When the
 * writer is the processor thread itself (a reply written while a read is handled, the common case), the same loop
 * flushes right after handling the read, so the wake-up is not sent. Instead the next select waits at most a
 * millisecond, which covers the rarer writes made after the loop's flush step (from an idle or close callback).
 * <li><b>The wake-up a write makes from another thread while the loop is busy.</b> A handler thread's reply (scripts
 * and plugins answer there) woke the selector once per read: an {@code eventfd} write, and a read to clear it at the
 * next select. While the loop is handling reads it does not need one: it flushes before it selects again. The
 * wake-up is then only noted, and the next select does not block; a writer that finds the loop in (or entering) a
 * select still wakes it. The two flags are volatile, written then read in opposite orders on each side, so one of
 * the two always sees the other's write.</li>
 * <li><b>The read that finds nothing.</b> MINA reads a ready socket until a read returns nothing, which costs a
 * failing {@code read} after every successful one. A read that did not fill the buffer has (almost surely) drained
 * the socket, so the next read of the same session in the same loop reports nothing without asking the kernel;
 * if more bytes did arrive meanwhile, the selector, level-triggered, reports the socket again at once.</li>
 * </ul>
 *
 * Measured effect in docs/PERFORMANCE.md.
 */
public final class SyscallSavingProcessor extends NioProcessor {
    /** How long the select after a skipped wake-up may block. */
    private static final long AFTER_SKIPPED_WAKEUP_MILLIS = 1;

    private volatile Thread loop;
    /** The loop is in a select that may block, or about to enter one. */
    private volatile boolean selecting;
    /** Another thread skipped its wake-up while the loop was busy: the next select must not block. */
    private volatile boolean wakeupPending;
    /** A wake-up from the loop's own thread was skipped; touched by the loop thread only. */
    private boolean wakeupSkipped;
    /** The session whose last read came back short; touched by the loop thread only. */
    private NioSession drained;

    /** Used by MINA's {@code SimpleIoProcessorPool}, which creates processors reflectively. */
    public SyscallSavingProcessor(Executor executor) {
        super(executor);
    }

    @Override
    protected int select(long timeout) throws Exception {
        if (enterSelect()) {
            return selectNow();
        }
        try {
            if (wakeupSkipped) {
                wakeupSkipped = false;
                // Tell MINA's spin detection this short select was asked for, as a real wake-up would.
                wakeupCalled.set(true);
                return super.select(Math.min(timeout, AFTER_SKIPPED_WAKEUP_MILLIS));
            }
            return super.select(timeout);
        } finally {
            selecting = false;
        }
    }

    @Override
    protected int select() throws Exception {
        if (enterSelect()) {
            return selectNow();
        }
        try {
            return super.select();
        } finally {
            selecting = false;
        }
    }

    /** Marks the loop as selecting; true when a wake-up was skipped meanwhile, so that it must not block. */
    private boolean enterSelect() {
        loop = Thread.currentThread();
        drained = null;
        selecting = true;
        if (wakeupPending) {
            wakeupPending = false;
            selecting = false;
            return true;
        }
        return false;
    }

    private int selectNow() throws Exception {
        // Tell MINA's spin detection this select returned at once on purpose, as after a real wake-up.
        wakeupCalled.set(true);
        return selector.selectNow();
    }

    @Override
    protected void wakeup() {
        if (Thread.currentThread() == loop) {
            wakeupSkipped = true;
            return;
        }
        wakeupPending = true;
        if (selecting || loop == null) {
            super.wakeup();
        }
    }

    /**
     * MINA applies {@code suspendRead}/{@code resumeRead} to the selection key without waking the selector, so a
     * session resumed from another thread (the proxy's flow control does) would read only after the selector's next
     * wake-up, up to a second later.
     */
    @Override
    public void updateTrafficControl(NioSession session) {
        super.updateTrafficControl(session);
        if (Thread.currentThread() != loop) {
            super.wakeup();
        }
    }

    @Override
    protected int read(NioSession session, IoBuffer buffer) throws Exception {
        if (drained == session) {
            drained = null;
            return 0;
        }
        int room = buffer.remaining();
        int read = super.read(session, buffer);
        drained = read > 0 && read < room ? session : null;
        return read;
    }
}
