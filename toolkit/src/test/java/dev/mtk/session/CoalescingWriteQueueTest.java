package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.DefaultWriteFuture;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;
import org.junit.jupiter.api.Test;

class CoalescingWriteQueueTest {
    private final DummySession session = new DummySession();
    private final CoalescingWriteQueue queue = new CoalescingWriteQueue();

    private WriteRequest offer(byte... bytes) {
        WriteRequest request = new DefaultWriteRequest(IoBuffer.wrap(bytes), new DefaultWriteFuture(session));
        queue.offer(session, request);
        return request;
    }

    private static byte[] bytesOf(WriteRequest request) {
        IoBuffer buffer = (IoBuffer) request.getMessage();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void mergesEverythingQueuedIntoOneBufferInOrder() {
        offer((byte) 1, (byte) 2);
        offer((byte) 3);
        offer((byte) 4, (byte) 5, (byte) 6);

        WriteRequest merged = queue.poll(session);

        assertThat(bytesOf(merged)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(queue.isEmpty(session)).isTrue();
    }

    @Test
    void handsOverASingleRequestUnchanged() {
        WriteRequest only = offer((byte) 1);

        assertThat(queue.poll(session)).isSameAs(only);
    }

    @Test
    void completesEveryMergedRequestWhenTheMergedWriteIsDone() {
        WriteRequest first = offer((byte) 1);
        WriteRequest second = offer((byte) 2);

        queue.poll(session).getFuture().setWritten();

        assertThat(first.getFuture().isWritten()).isTrue();
        assertThat(second.getFuture().isWritten()).isTrue();
    }

    @Test
    void failsEveryMergedRequestWhenTheMergedWriteFails() {
        WriteRequest first = offer((byte) 1);
        WriteRequest second = offer((byte) 2);
        IOException failure = new IOException("reset");

        queue.poll(session).getFuture().setException(failure);

        assertThat(first.getFuture().getException()).isSameAs(failure);
        assertThat(second.getFuture().getException()).isSameAs(failure);
    }

    @Test
    void stopsMergingAtTheCloseRequest() {
        offer((byte) 1);
        offer((byte) 2);
        queue.offer(session, AbstractIoSession.CLOSE_REQUEST);
        offer((byte) 3);

        assertThat(bytesOf(queue.poll(session))).containsExactly(1, 2);
        assertThat(queue.poll(session)).isNull();
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void sendsALargeBufferAloneAndInItsPlace() {
        offer((byte) 1);
        WriteRequest large = offer(new byte[CoalescingWriteQueue.MAX_PART + 1]);
        offer((byte) 2);
        offer((byte) 3);

        assertThat(bytesOf(queue.poll(session))).containsExactly(1);
        assertThat(queue.poll(session)).isSameAs(large);
        assertThat(bytesOf(queue.poll(session))).containsExactly(2, 3);
    }

    @Test
    void mergesNoMoreThanTheLimitAtOnce() {
        int parts = CoalescingWriteQueue.MAX_MERGED / 1024 + 3;
        for (int i = 0; i < parts; i++) {
            offer(new byte[1024]);
        }

        assertThat(bytesOf(queue.poll(session))).hasSize(CoalescingWriteQueue.MAX_MERGED);
        assertThat(bytesOf(queue.poll(session))).hasSize(3 * 1024);
    }
}
