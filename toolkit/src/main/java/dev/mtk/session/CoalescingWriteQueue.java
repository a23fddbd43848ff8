package dev.mtk.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.DefaultWriteFuture;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.core.write.WriteRequestQueue;

/**
 * A session's write queue that hands the I/O processor everything queued so far as one buffer, so the replies written
 * while one read is handled leave in one socket write.
 *
 * <p>Why: MINA's processor makes one {@code write} system call per queued buffer. Pipelined, that is a system call per
 * reply, which made plain MINA 8-10 times slower than Netty when pipelined on a 2-core machine. The processor
 * polls this queue only when it flushes, after the read that produced the replies has been handled, so merging at
 * {@link #poll} coalesces exactly what is pending, and never delays a reply.
 *
 * <p>Order is kept: merging stops at the close request and at anything that is not a small buffer. Each merged
 * request's future and {@code messageSent} event fire when the merged buffer is written, or fail with it.
 */
final class CoalescingWriteQueue implements WriteRequestQueue {
    /** Buffers larger than this go alone: copying them would cost more than the system call saved. */
    static final int MAX_PART = 8 * 1024;
    /** At most this much is merged into one write. */
    static final int MAX_MERGED = 64 * 1024;

    private final Queue<WriteRequest> queue = new ConcurrentLinkedQueue<>();

    @Override
    public WriteRequest poll(IoSession session) {
        WriteRequest first = queue.poll();
        if (first == AbstractIoSession.CLOSE_REQUEST) {
            session.closeNow();
            return null;
        }
        if (first == null || !mergeable(first) || !mergeable(queue.peek())) {
            return first;
        }
        List<WriteRequest> parts = new ArrayList<>();
        parts.add(first);
        int size = remaining(first);
        for (WriteRequest next = queue.peek(); mergeable(next) && size + remaining(next) <= MAX_MERGED;
                next = queue.peek()) {
            parts.add(queue.poll());
            size += remaining(next);
        }
        if (parts.size() == 1) {
            return first;
        }
        return merge(session, parts, size);
    }

    private static WriteRequest merge(IoSession session, List<WriteRequest> parts, int size) {
        IoBuffer merged = IoBuffer.allocate(size, false);
        for (WriteRequest part : parts) {
            merged.put((IoBuffer) part.getMessage());
        }
        merged.flip();
        DefaultWriteFuture future = new DefaultWriteFuture(session);
        future.addListener(done -> {
            Throwable failure = future.getException();
            for (WriteRequest part : parts) {
                if (failure == null) {
                    session.getFilterChain().fireMessageSent(part);
                } else {
                    part.getFuture().setException(failure);
                }
            }
        });
        return new MergedWriteRequest(merged, future);
    }

    private static boolean mergeable(WriteRequest request) {
        return request != null && request != AbstractIoSession.CLOSE_REQUEST
                && request.getMessage() instanceof IoBuffer buffer && buffer.remaining() <= MAX_PART;
    }

    private static int remaining(WriteRequest request) {
        return ((IoBuffer) request.getMessage()).remaining();
    }

    @Override
    public void offer(IoSession session, WriteRequest writeRequest) {
        queue.offer(writeRequest);
    }

    @Override
    public boolean isEmpty(IoSession session) {
        return queue.isEmpty();
    }

    @Override
    public void clear(IoSession session) {
        queue.clear();
    }

    /** Nothing to release; requests still queued are failed by the processor, so their futures complete. */
    @Override
    public void dispose(IoSession session) {
    }

    @Override
    public int size() {
        return queue.size();
    }

    /** Encoded: the filter chain hears of its parts, not of the merged buffer. */
    private static final class MergedWriteRequest extends DefaultWriteRequest {
        MergedWriteRequest(IoBuffer merged, DefaultWriteFuture future) {
            super(merged, future);
        }

        @Override
        public boolean isEncoded() {
            return true;
        }
    }
}
