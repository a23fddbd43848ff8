package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.junit.jupiter.api.Test;

class ReplyBatchTest {
    private final DummySession io = new DummySession();
    private final List<IoBuffer> written = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final ReplyBatch batch = new ReplyBatch(io, () -> events.add("read done, " + written.size() + " written"));

    ReplyBatchTest() {
        io.getFilterChain().addLast("capture", new IoFilterAdapter() {
            @Override
            public void filterWrite(NextFilter next, IoSession session, WriteRequest request) {
                written.add((IoBuffer) request.getMessage());
            }
        });
    }

    /** Three thousand 25-byte replies to one read: 75,000 bytes, more than one batch holds. */
    private byte[] answerALongRead() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        batch.begin();
        for (int i = 0; i < 3000; i++) {
            byte[] reply = String.format("reply %018d%n", i).getBytes(StandardCharsets.US_ASCII);
            all.writeBytes(reply);
            batch.add(reply);
        }
        batch.end();
        return all.toByteArray();
    }

    @Test
    void aLongBatchIsWrittenInArraysNoLargerThanTheFlushSize() {
        answerALongRead();

        assertThat(written).hasSizeGreaterThan(1)
                .allSatisfy(buffer -> assertThat(buffer.array().length).isLessThanOrEqualTo(ReplyBatch.FLUSH_AT));
    }

    @Test
    void repliesLeaveInTheOrderTheyWereAdded() {
        byte[] expected = answerALongRead();

        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (IoBuffer buffer : written) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            sent.writeBytes(bytes);
        }
        assertThat(sent.toByteArray()).isEqualTo(expected);
    }

    @Test
    void theEndOfAReadIsToldOnceBeforeItsRepliesAreWritten() {
        batch.begin();
        batch.add(new byte[] {1, 2, 3});
        events.add("handled");
        batch.end();

        assertThat(written).hasSize(1);
        assertThat(events).containsExactly("handled", "read done, 0 written");
    }
}
