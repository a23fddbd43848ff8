package org.apache.mina.filter.ssl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;

/**
 * MINA's TLS handler ({@link SSLHandlerG1}, what {@link SslFilter} uses by default) with its engine buffers reused,
 * and the records decrypted from one read handed on together. It lives in MINA's package because the handler it
 * extends is package-private; it overrides only the buffer hooks, and the TLS logic stays MINA's.
 *
 * <p>Why: the JDK's {@link SSLEngine} wraps only into a buffer of at least a whole packet (16,709 bytes for TLS 1.3),
 * and MINA allocated one, zeroed, for every record it sent, and one of an application buffer's size (16,676 bytes)
 * for every record it received: about 33 KB of fresh memory per request and reply of 75 bytes. JFR's execution
 * samples of {@code mtk bench} pipelining over TLS put 57% of the time in {@code ByteBuffer.allocate} under these
 * two hooks. Here each handler keeps one packet buffer and copies what the engine wrapped into a buffer of its size
 * (a copy of a hundred bytes, where zeroing 16 KB cost microseconds and the garbage collector's time), and a read
 * decrypts into a buffer of its own size ({@link #allocate_app_buffer}).
 *
 * <p>And each decrypted record went up the filter chain alone: a read of 16 records was 16 trips through the codec.
 * The records decrypted from one read now go up as one buffer, as plain TCP's read does.
 *
 * <p>Threads: MINA encrypts and decrypts under the handler's lock, and forwards outside it, possibly from several
 * threads at once; a kept buffer is in an atomic slot and goes back only once its bytes are copied.
 */
public final class BufferReusingSslHandler extends SSLHandlerG1 {
    /**
     * The engine buffer kept for the next record to encrypt: one, as a write needs one at a time. Taken under MINA's
     * handler lock (when it wraps), given back under {@link #forwarding} (once the record is copied out): two locks,
     * hence an atomic slot. A queue of spares cost more than it saved: one read and one reply a record, one at a time
     * on 16 connections, spent 0.6 µs a message in {@code ConcurrentLinkedQueue.poll} (async-profiler, round four).
     */
    private final AtomicReference<IoBuffer> spareEncode = new AtomicReference<>();
    private final Object forwarding = new Object();
    /** The engine's sizes once the handshake is done; null before. Asking the engine takes its lock, twice a record. */
    private volatile Sizes sizes;

    /** An engine's packet and application buffer sizes. */
    private record Sizes(int packet, int application) {
    }

    public BufferReusingSslHandler(SSLEngine engine, Executor executor, IoSession session) {
        super(engine, executor, session);
    }

    @Override
    protected IoBuffer allocate_encode_buffer(int estimate) {
        int packet = sizes().packet();
        if (estimate >= packet) {
            return super.allocate_encode_buffer(estimate);
        }
        IoBuffer spare = spareEncode.getAndSet(null);
        return spare != null && spare.capacity() == packet ? spare : IoBuffer.allocate(packet);
    }

    /**
     * A buffer of the bytes received (at most an application buffer), not a whole application buffer: a complete record
     * decrypts to fewer bytes than it has (the engine checks the room against the record, not against
     * {@code getApplicationBufferSize()}), and an incomplete one to nothing. The buffer then goes up the chain as it
     * is, with no copy. A read of several records allocates one per record, each of the bytes still unread: a square
     * of the read's size in the worst case, where MINA's own allocated a 16 KB buffer per record.
     */
    @Override
    protected IoBuffer allocate_app_buffer(int estimate) {
        return IoBuffer.allocate(Math.min(estimate, sizes().application()), false);
    }

    /** The engine's sizes: asked of it until the handshake is done, then kept (TLS 1.3 cannot renegotiate). */
    private Sizes sizes() {
        Sizes known = sizes;
        if (known != null) {
            return known;
        }
        SSLSession session = engineSession();
        Sizes asked = new Sizes(session.getPacketBufferSize(), session.getApplicationBufferSize());
        if (mHandshakeComplete) {
            sizes = asked;
        }
        return asked;
    }

    /** The session whose sizes MINA's own allocation reads: the handshake's while there is one. */
    private SSLSession engineSession() {
        SSLSession handshake = mEngine.getHandshakeSession();
        return handshake != null ? handshake : mEngine.getSession();
    }

    /**
     * Each record the engine wrapped leaves in a buffer of its own size; the engine's buffer is kept. Under a lock of
     * its own: records must reach the socket in the order they were encrypted (each carries its sequence number), and
     * MINA forwards from whichever thread wrote, outside the handler's lock; two threads taking records from the
     * queue at once could pass each other (a bench's ticker and its I/O thread did, with the copy in between, and the
     * server closed the connection on a record out of order).
     */
    @Override
    protected void forward_writes(NextFilter next) {
        synchronized (forwarding) {
            EncryptedWriteRequest encrypted;
            while ((encrypted = mWriteQueue.poll()) != null) {
                IoBuffer produced = (IoBuffer) encrypted.getMessage();
                WriteRequest original = encrypted.getOriginalRequest();
                EncryptedWriteRequest sized = new EncryptedWriteRequest(copy(produced),
                        original == encrypted ? null : original);
                giveBack(produced);
                mAckQueue.add(sized);
                next.filterWrite(mSession, sized);
            }
        }
    }

    @Override
    protected void forward_received(NextFilter next) {
        IoBuffer first = mReceiveQueue.poll();
        if (first == null) {
            return;
        }
        IoBuffer second = mReceiveQueue.poll();
        if (second == null) {
            // One record, the usual read: its buffer is of the read's size and goes up as it is.
            next.messageReceived(mSession, first);
            return;
        }
        List<IoBuffer> records = new ArrayList<>();
        records.add(first);
        records.add(second);
        int size = first.remaining() + second.remaining();
        for (IoBuffer record = mReceiveQueue.poll(); record != null; record = mReceiveQueue.poll()) {
            records.add(record);
            size += record.remaining();
        }
        IoBuffer read = IoBuffer.allocate(size, false);
        for (IoBuffer record : records) {
            read.put(record);
        }
        read.flip();
        next.messageReceived(mSession, read);
    }

    private static IoBuffer copy(IoBuffer produced) {
        IoBuffer sized = IoBuffer.allocate(produced.remaining(), false);
        sized.put(produced);
        sized.flip();
        return sized;
    }

    /** Keeps a one-packet buffer for the next record; a larger one (from a large write) goes to the collector. */
    private void giveBack(IoBuffer buffer) {
        if (buffer.capacity() == sizes().packet()) {
            buffer.clear();
            spareEncode.set(buffer);
        }
    }
}
