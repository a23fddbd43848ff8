package dev.mtk.session;

import dev.mtk.limits.ReadGate;
import java.util.ArrayDeque;
import org.apache.mina.core.session.IoSession;

/**
 * One session's handler callbacks, waiting for a {@link HandlerWorkers} thread: run in the order they came, by one
 * worker at a time, so a handler sees its session's events one after the other as it did on the I/O thread, while
 * a slow callback holds up only its own session.
 *
 * <p>A worker runs everything queued (up to {@link #DRAIN_AT_ONCE} callbacks) inside the session's {@link ReplyBatch},
 * then writes the batch once: the replies to a pipelined read still leave in one socket write, as they did when
 * callbacks ran on the I/O thread.
 *
 * <p>Back-pressure: when more than {@link #MAX_MESSAGES} messages or {@link #MAX_BYTES} bytes wait (or are held by
 * the worker, not yet answered), the session's reading is suspended ({@link ReadGate}, beside the write backlog's
 * reason); it resumes once the worker has brought both under half. A client that pipelines faster than its handler
 * answers then waits in its own socket buffer instead of in the server's heap.
 *
 * <p>And the other way: while the session's unsent replies are past the write backlog's high mark (reading held for
 * {@link ReadGate.Reason#WRITE_BACKLOG}), the worker stops handing it messages; they wait here until the peer has
 * taken enough ({@link #written()}). Why: one read can carry thousands of small requests, all queued before reading
 * stops, and a worker answering every one of them wrote past {@code max-pending} (1,000 requests of 18 B per read,
 * 113 B replies, 64 KiB socket buffer: 1,054,208 B unsent against a max-pending of 1 MiB, and the session closed as
 * if it had written too much, where a peer that does not read should meet the write timeout).
 *
 * <p>What is queued: a {@link Message}, an {@link Event}, or a {@code String}, the reason to close the session once
 * what was queued before has been answered (a decoding error after good frames in the same read).
 */
final class SessionQueue {
    static final int MAX_MESSAGES = 1024;
    static final long MAX_BYTES = 1024 * 1024;
    /** After this many callbacks in a row, the worker lets other sessions go first. */
    static final int DRAIN_AT_ONCE = 256;

    /** A session event that is not a message. */
    enum Event {
        OPENED("onOpen"), IDLE("onIdle"), CLOSED("onClose");

        private final String callback;

        Event(String callback) {
            this.callback = callback;
        }
    }

    private final ServerSession session;
    private final IoSession io;
    private final HandlerCalls calls;
    private final HandlerWorkers workers;
    /** Guarded by {@code this}, as are the counts and flags below. */
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private int messages;
    private long bytes;
    private boolean scheduled;
    /** The I/O thread is decoding a read: what it queues goes to a worker when the read is done. */
    private boolean reading;
    private boolean suspended;
    /** The worker stopped for the write backlog: its release ({@link #written()}) hands the session back to one. */
    private volatile boolean awaitingWrites;
    /** Bytes read that never became a frame, taken when the session closed; for its last log line. */
    private volatile long pendingAtClose;

    SessionQueue(ServerSession session, IoSession io, HandlerCalls calls, HandlerWorkers workers) {
        this.session = session;
        this.io = io;
        this.calls = calls;
        this.workers = workers;
        if (io != null) {
            ReadGate.onRelease(io, ReadGate.Reason.WRITE_BACKLOG, this::written);
        }
    }

    void message(Message message) {
        add(message, message.wireSize());
    }

    void event(Event event) {
        add(event, 0);
    }

    /** The session closed: {@code onClose} runs after what was queued before it. */
    void closed(long pending) {
        pendingAtClose = pending;
        add(Event.CLOSED, 0);
    }

    /** Closes the session with {@code reason} once what was queued before has been answered. */
    void closeAfterQueued(String reason) {
        add(reason, 0);
    }

    private void add(Object item, int size) {
        boolean schedule;
        synchronized (this) {
            queued.add(item);
            if (size > 0) {
                messages++;
                bytes += size;
                if (!suspended && (messages > MAX_MESSAGES || bytes > MAX_BYTES)) {
                    suspended = true;
                    ReadGate.hold(io, ReadGate.Reason.HANDLER_QUEUE);
                }
            }
            if (item == Event.CLOSED) {
                // onClose runs whatever the backlog: what was written will never be taken now.
                awaitingWrites = false;
            }
            schedule = !scheduled && !reading && !awaitingWrites;
            scheduled |= schedule;
        }
        if (schedule) {
            workers.schedule(this);
        }
    }

    /**
     * The write backlog released the session (the peer took enough of its replies; on the I/O thread, from
     * {@link ReadGate#release}): if the worker stopped for the backlog, the session goes back to a worker. Why from
     * the gate and not from the handler's {@code messageSent}: that is one step removed from the release (over TLS,
     * MINA's filter passes {@code messageSent} on only for a write's last record, not for the record whose sending
     * released the backlog), and it cost every write a session lookup.
     */
    private void written() {
        if (!awaitingWrites || backlogged()) {
            return;
        }
        boolean schedule;
        synchronized (this) {
            schedule = awaitingWrites && !scheduled && !queued.isEmpty();
            awaitingWrites = false;
            scheduled |= schedule;
        }
        if (schedule) {
            workers.schedule(this);
        }
    }

    /** Whether the worker stopped for the write backlog, the session's messages waiting for {@link #written()}. */
    boolean awaitingWrites() {
        return awaitingWrites;
    }

    /**
     * Whether the session's unsent replies hold its reading; never once it is closing, so that onClose runs. With
     * nothing unsent (most drains) the gate's lock is not taken.
     */
    private boolean backlogged() {
        return io.getScheduledWriteBytes() > 0 && ReadGate.holds(io, ReadGate.Reason.WRITE_BACKLOG) && !io.isClosing();
    }

    /** Bytes of the messages waiting, for the server's buffer budget. */
    synchronized long queuedBytes() {
        return bytes;
    }

    /** The I/O thread starts decoding a read; see {@link ReadBatchFilter}. */
    synchronized void readStarted() {
        reading = true;
    }

    /** The read is decoded: what it queued goes to a worker, in one drain. */
    void readEnded() {
        boolean schedule;
        synchronized (this) {
            reading = false;
            schedule = !scheduled && !awaitingWrites && !queued.isEmpty();
            scheduled |= schedule;
        }
        if (schedule) {
            workers.schedule(this);
        }
    }

    /**
     * Runs on a worker: what is queued, in order, replies gathered; then gives the session back.
     *
     * <p>The worker takes what is queued in chunks, a lock each, not one item a lock: the I/O thread queueing the next
     * read contended for that lock with every message taken (27 ns per message on the worker and 20 on the I/O
     * thread, bench/ack.groovy pipelined, async-profiler, 2026-12-02). The counts of what waits fall as the items are
     * answered, so that the back-pressure and the buffer budget still see the messages a worker holds.
     */
    void drain(HandlerWorkers.Worker worker) {
        ReplyBatch batch = session.batch();
        Object[] taken = worker.taken();
        worker.enter(session);
        batch.begin();
        int handled = 0;
        long handledBytes = 0;
        long nanos = 0;
        int count = 0;
        int done = 0;
        // The backlog is asked at the start and after each write of the batch, not per message: a write is what
        // can take it past the high mark.
        int writes = -1;
        try {
            // The messages' time, for the metrics: the clock is read around the drain and around any other event.
            long from = System.nanoTime();
            for (int left = DRAIN_AT_ONCE; left > 0 && done == count; left -= count) {
                count = take(taken, left);
                done = 0;
                while (done < count) {
                    if (writes != batch.writes()) {
                        writes = batch.writes();
                        if (backlogged()) {
                            break;
                        }
                    }
                    // Taken before it runs: an item whose callback fails is not given back to run again.
                    Object item = taken[done];
                    taken[done++] = null;
                    if (item instanceof Message message) {
                        handled++;
                        handledBytes += message.wireSize();
                        run(worker, message);
                    } else {
                        nanos += System.nanoTime() - from;
                        run(worker, item);
                        from = System.nanoTime();
                    }
                }
                if (count == 0) {
                    break;
                }
            }
            nanos += System.nanoTime() - from;
        } finally {
            try {
                giveBack(taken, done, count, handled, handledBytes);
                batch.end();
            } finally {
                worker.leave();
            }
        }
        if (handled > 0) {
            calls.timed(handled, nanos);
        }
        boolean again;
        synchronized (this) {
            // The flag is set before the backlog is asked, and written() asks the flag after the backlog was
            // released: so either this sees the backlog gone, or written() sees the flag and hands the session back.
            // Set after asking, a release in between found the flag still down and the session kept no worker.
            awaitingWrites = !queued.isEmpty();
            if (awaitingWrites && !backlogged()) {
                awaitingWrites = false;
            }
            again = !queued.isEmpty() && !awaitingWrites;
            scheduled = again;
            if (suspended && messages <= MAX_MESSAGES / 2 && bytes <= MAX_BYTES / 2) {
                suspended = false;
                ReadGate.release(io, ReadGate.Reason.HANDLER_QUEUE);
            }
        }
        if (again) {
            workers.schedule(this);
        }
    }

    /** Moves up to {@code most} queued items into {@code into}, in order; how many. */
    private synchronized int take(Object[] into, int most) {
        int count = 0;
        Object item;
        while (count < most && (item = queued.poll()) != null) {
            into[count++] = item;
        }
        return count;
    }

    /**
     * The drain is over: what it took and did not run (the write backlog stopped it, or a failure) goes back in front,
     * in order, and the counts lose what was answered.
     */
    private synchronized void giveBack(Object[] taken, int done, int count, int handled, long handledBytes) {
        for (int i = count - 1; i >= done; i--) {
            queued.addFirst(taken[i]);
            taken[i] = null;
        }
        messages -= handled;
        bytes -= handledBytes;
    }

    private void run(HandlerWorkers.Worker worker, Message message) {
        worker.begin("onMessage");
        calls.message(session, message);
    }

    private void run(HandlerWorkers.Worker worker, Object item) {
        if (item instanceof Event event) {
            worker.begin(event.callback);
            switch (event) {
                case OPENED -> calls.open(session);
                case IDLE -> calls.idle(session);
                case CLOSED -> calls.closed(session, pendingAtClose);
            }
        } else {
            session.close((String) item);
        }
    }
}
