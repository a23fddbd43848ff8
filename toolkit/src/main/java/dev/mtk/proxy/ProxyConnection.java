package dev.mtk.proxy;

import dev.mtk.record.Direction;
import dev.mtk.record.StreamDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;

/**
 * One client and its own upstream connection: forwards each read as it came, closes one side when the other closes,
 * and stops a side reading while the other cannot take its bytes as fast (or the decoding thread falls behind).
 */
final class ProxyConnection {

    private final long id;
    /** A side stops reading when this many bytes wait to be written to the other, and reads again below the low. */
    private final long highWater;
    private final long lowWater;
    private final IoSession client;
    private final TrafficTap tap;
    private final ProtocolDecoder[] decoders;
    private final StreamDecoder[] streams = new StreamDecoder[2];
    private final AtomicLong clientBytes = new AtomicLong();
    private final AtomicLong serverBytes = new AtomicLong();
    private final Object lock = new Object();
    private volatile IoSession upstream;
    /** Reads from the client before the upstream connection was open; guarded by {@code lock}. */
    private List<IoBuffer> pending = new ArrayList<>();
    private boolean clientClosed;
    private boolean upstreamClosed;
    private boolean connectFailed;
    private String closedBy;
    private String reason;

    /**
     * @param decoders  the decoder of what clients send, then of what servers send
     * @param highWater bytes waiting to be written to one side past which the other stops reading (a quarter of
     *                  max-pending); it reads again below a quarter of that
     */
    ProxyConnection(long id, IoSession client, TrafficTap tap, ProtocolDecoder[] decoders, long highWater) {
        this.id = id;
        this.highWater = highWater;
        this.lowWater = highWater / 4;
        this.client = client;
        this.tap = tap;
        this.decoders = decoders;
    }

    long id() {
        return id;
    }

    /** This direction's decoder; for the decoding thread only. */
    StreamDecoder decoder(Direction dir) {
        int index = dir.ordinal();
        if (streams[index] == null) {
            streams[index] = new StreamDecoder(decoders[index]);
        }
        return streams[index];
    }

    /** The upstream connection opened: send what the client said meanwhile, then let it go on. */
    void linked(IoSession upstream) {
        boolean orphan;
        synchronized (lock) {
            for (IoBuffer buffer : pending) {
                upstream.write(buffer);
            }
            pending = null;
            this.upstream = upstream;
            orphan = clientClosed;
        }
        if (orphan) {
            upstream.closeOnFlush();
        } else {
            resume(client);
        }
    }

    /** The upstream connection could not be opened: the client is closed with the reason. */
    void connectFailed(String why) {
        boolean done;
        synchronized (lock) {
            connectFailed = true;
            if (closedBy == null) {
                closedBy = "proxy";
                reason = why;
            }
            done = clientClosed;
        }
        client.closeNow();
        if (done) {
            finished();
        }
    }

    /** The proxy closes the connection for a limit it broke (idle, write deadline, budget): both sides, at once. */
    void closeFor(String why) {
        IoSession up;
        synchronized (lock) {
            if (closedBy == null) {
                closedBy = "proxy";
                reason = why;
            }
            up = upstream;
        }
        client.closeNow();
        if (up != null) {
            up.closeNow();
        }
    }

    /** Forwards one read from {@code source} to the other side, unchanged. */
    void forward(IoSession source, IoBuffer buffer) {
        boolean fromClient = source == client;
        Direction dir = fromClient ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
        (fromClient ? clientBytes : serverBytes).addAndGet(buffer.remaining());
        if (tap.active()) {
            // Copied and queued before the write, so the decoding thread sees a request before its reply.
            byte[] copy = new byte[buffer.remaining()];
            buffer.buf().get(buffer.position(), copy);
            tap.bytes(this, dir, copy, System.nanoTime());
        }
        IoSession target = fromClient ? upstream : client;
        if (target == null) {
            synchronized (lock) {
                if (upstream == null) {
                    pending.add(buffer);
                    return;
                }
                target = upstream;
            }
        }
        target.write(buffer);
        checkFlow(source, target);
    }

    /** {@code session} wrote something: the other side may read again if it was waiting for that. */
    void sent(IoSession session) {
        IoSession other = session == client ? upstream : client;
        if (other != null && other.isReadSuspended()) {
            checkFlow(other, session);
        }
    }

    /** Re-checks both sides, once the decoding backlog drained. */
    void checkFlow() {
        IoSession up = upstream;
        if (up != null) {
            checkFlow(client, up);
            checkFlow(up, client);
        }
    }

    private void checkFlow(IoSession source, IoSession target) {
        long waiting = target.getScheduledWriteBytes();
        if (!source.isReadSuspended()) {
            if (waiting > highWater || tap.backlogged()) {
                source.suspendRead();
                if (tap.backlogged()) {
                    tap.stalled(this);
                }
            }
        } else if (waiting < lowWater && !source.isClosing()) {
            if (tap.drained()) {
                resume(source);
            } else {
                // Stopped for the other side, now held by the decoding backlog: resumed when that drains.
                tap.stalled(this);
            }
        }
    }

    /** Lets {@code session} read again; {@link dev.mtk.session.SyscallSavingProcessor} wakes its selector. */
    private static void resume(IoSession session) {
        session.resumeRead();
    }

    /** One side closed: close the other after what was already forwarded to it. */
    void closed(IoSession session, boolean stopping) {
        IoSession other;
        boolean done;
        synchronized (lock) {
            boolean fromClient = session == client;
            if (closedBy == null) {
                closedBy = stopping ? "proxy" : fromClient ? "client" : "server";
                reason = stopping ? "the proxy stopped" : null;
            }
            if (fromClient) {
                clientClosed = true;
            } else {
                upstreamClosed = true;
            }
            other = fromClient ? upstream : client;
            done = clientClosed && (upstreamClosed || connectFailed);
        }
        if (other != null) {
            other.closeOnFlush();
        }
        if (done) {
            finished();
        }
    }

    private void finished() {
        tap.closed(this, closedBy, reason, clientBytes.get(), serverBytes.get(), System.nanoTime());
    }
}
