package org.apache.mina.filter.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.testing.EnginePair;
import dev.mtk.testing.TestCertificates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.FilterEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferReusingSslHandlerTest {
    @TempDir
    static Path dir;
    private static TestCertificates certificates;

    private EnginePair engines;
    private BufferReusingSslHandler server;
    private final Recording next = new Recording();

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.in(dir);
    }

    @BeforeEach
    void shakeHands() throws Exception {
        engines = EnginePair.handshaken(certificates);
        server = new BufferReusingSslHandler(engines.server(), null, new DummySession());
    }

    @Test
    void recordsDecryptedFromOneReadGoUpAsOneBuffer() throws Exception {
        ByteBuffer read = ByteBuffer.allocate(4096);
        for (String part : List.of("one ", "two ", "three")) {
            read.put(engines.clientRecords(part.getBytes(StandardCharsets.US_ASCII)));
        }

        server.receive(next, IoBuffer.wrap(read.flip()));

        assertThat(next.received).hasSize(1);
        assertThat(text(next.received.get(0))).isEqualTo("one two three");
    }

    @Test
    void aReadOfOneRecordGoesUpInABufferOfTheReadsSizeNotTheEnginesApplicationSize() throws Exception {
        ByteBuffer record = engines.clientRecords("x".repeat(75).getBytes(StandardCharsets.US_ASCII));
        int recordSize = record.remaining();

        server.receive(next, IoBuffer.wrap(record));

        assertThat(next.received).hasSize(1);
        assertThat(next.received.get(0).capacity()).isLessThanOrEqualTo(recordSize);
        assertThat(text(next.received.get(0))).isEqualTo("x".repeat(75));
    }

    @Test
    void aRecordOfTheLargestSizeDecryptsFromAReadOfJustItsBytes() throws Exception {
        String largest = "y".repeat(16_384);
        ByteBuffer record = engines.clientRecords(largest.getBytes(StandardCharsets.US_ASCII));

        server.receive(next, IoBuffer.wrap(record));

        assertThat(next.received).hasSize(1);
        assertThat(text(next.received.get(0))).isEqualTo(largest);
    }

    @Test
    void aRecordSplitAcrossTwoReadsAtAnyByteGoesUpOnceWhole() throws Exception {
        byte[] request = "split me".getBytes(StandardCharsets.US_ASCII);
        // Each record carries the next sequence number, so every one made is also received, the first one whole.
        ByteBuffer first = engines.clientRecords(request);
        int size = first.remaining();
        server.receive(next, IoBuffer.wrap(first));
        for (int cut = 1; cut < size; cut++) {
            ByteBuffer record = engines.clientRecords(request);
            byte[] bytes = new byte[record.remaining()];
            record.get(bytes);
            next.received.clear();

            server.receive(next, IoBuffer.wrap(bytes, 0, cut));
            assertThat(next.received).as("after %d of %d bytes", cut, bytes.length).isEmpty();
            server.receive(next, IoBuffer.wrap(bytes, cut, bytes.length - cut));

            assertThat(next.received).as("split after %d bytes", cut).hasSize(1);
            assertThat(text(next.received.get(0))).isEqualTo("split me");
        }
    }

    @Test
    void aRecordLeavesInABufferOfItsOwnSizeNotTheEnginesPacketSize() throws Exception {
        byte[] reply = "x".repeat(75).getBytes(StandardCharsets.US_ASCII);

        server.write(next, new DefaultWriteRequest(IoBuffer.wrap(reply)));
        server.write(next, new DefaultWriteRequest(IoBuffer.wrap(reply)));

        assertThat(next.written).hasSize(2);
        for (WriteRequest record : next.written) {
            IoBuffer bytes = (IoBuffer) record.getMessage();
            assertThat(bytes.capacity()).as("buffer of a 75-byte reply's record").isEqualTo(bytes.remaining())
                    .isLessThan(200);
            ByteBuffer decrypted = ByteBuffer.allocate(engines.client().getSession().getApplicationBufferSize());
            engines.client().unwrap(bytes.buf(), decrypted);
            assertThat(decrypted.flip().remaining()).isEqualTo(reply.length);
        }
    }

    private static String text(IoBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** What the handler passes on: decrypted reads up, records down. */
    private static final class Recording implements NextFilter {
        final List<IoBuffer> received = new ArrayList<>();
        final List<WriteRequest> written = new ArrayList<>();

        @Override
        public void messageReceived(IoSession session, Object message) {
            received.add((IoBuffer) message);
        }

        @Override
        public void filterWrite(IoSession session, WriteRequest request) {
            written.add(request);
        }

        @Override
        public void sessionCreated(IoSession session) {
        }

        @Override
        public void sessionOpened(IoSession session) {
        }

        @Override
        public void sessionClosed(IoSession session) {
        }

        @Override
        public void sessionIdle(IoSession session, IdleStatus status) {
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
        }

        @Override
        public void inputClosed(IoSession session) {
        }

        @Override
        public void messageSent(IoSession session, WriteRequest request) {
        }

        @Override
        public void filterClose(IoSession session) {
        }

        @Override
        public void event(IoSession session, FilterEvent event) {
        }
    }
}
