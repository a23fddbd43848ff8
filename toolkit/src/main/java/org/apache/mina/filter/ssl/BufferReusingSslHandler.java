package org.apache.mina.filter.ssl;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
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
 * two hooks. Here each handler keeps a few of those buffers and copies what the engine produced into a buffer of
 * its size (a copy of a hundred bytes, where zeroing 16 KB cost microseconds and the garbage collector's time).
 *
 * <p>And each decrypted record went up the filter chain alone: a read of 16 records was 16 trips through the codec.
 * The records decrypted from one read now go up as one buffer, as plain TCP's read does.
 *
 * <p>Threads: MINA encrypts and decrypts under the handler's lock, and forwards outside it, possibly from several
 * threads at once; the spare buffers are in a concurrent queue and a buffer goes back only once its bytes are copied.
 */
public final class BufferReusingSslHandler extends SSLHandlerG1 {
    /** Spare engine buffers kept per handler and direction: a read or a write needs one at a time, a burst a few. */
    static final int SPARES = 4;

    private final Queue<IoBuffer> spareEncode = new ConcurrentLinkedQueue<>();
    private final Queue<IoBuffer> spareDecode = new ConcurrentLinkedQueue<>();
    private final Object forwarding = new Object();

    public BufferReusingSslHandler(SSLEngine engine, Executor executor, IoSession session) {
        super(engine, executor, session);
    }

    @Override
    protected IoBuffer allocate_encode_buffer(int estimate) {
        int packet = engineSession().getPacketBufferSize();
        return estimate < packet ? spare(spareEncode, packet) : super.allocate_encode_buffer(estimate);
    }

    @Override
    protected IoBuffer allocate_app_buffer(int estimate) {
        SSLSession session = engineSession();
        return estimate < session.getPacketBufferSize() ? spare(spareDecode, session.getApplicationBufferSize())
                : super.allocate_app_buffer(estimate);
    }

    /** The session whose sizes MINA's own allocation reads: the handshake's while there is one. */
    private SSLSession engineSession() {
        SSLSession handshake = mEngine.getHandshakeSession();
        return handshake != null ? handshake : mEngine.getSession();
    }

    private static IoBuffer spare(Queue<IoBuffer> spares, int size) {
        IoBuffer spare = spares.poll();
        return spare != null && spare.capacity() == size ? spare : IoBuffer.allocate(size);
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
                giveBack(spareEncode, produced);
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
            // One record, the usual read one request at a time: no list to gather it in.
            IoBuffer read = copy(first);
            giveBack(spareDecode, first);
            next.messageReceived(mSession, read);
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
            giveBack(spareDecode, record);
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
    private void giveBack(Queue<IoBuffer> spares, IoBuffer buffer) {
        SSLSession session = engineSession();
        int size = spares == spareEncode ? session.getPacketBufferSize() : session.getApplicationBufferSize();
        if (buffer.capacity() == size && spares.size() < SPARES) {
            buffer.clear();
            spares.offer(buffer);
        }
    }
}
