package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.exchange.Correlation;
import dev.mtk.payload.JsonPayloadCodec;
import dev.mtk.payload.TextPayloadCodec;
import dev.mtk.spi.Frame;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.RawBytes;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MessageTest {
    private static final byte[] MEBIBYTE = "z".repeat(1024 * 1024).getBytes(StandardCharsets.UTF_8);

    @Test
    void aMebibyteFrameRendersAsOneKibibyteAndWhatWasLeftOut() {
        Message message = Message.of(new Frame(MEBIBYTE), new TextPayloadCodec());

        assertThat(message.render()).isEqualTo("z".repeat(1024) + " ... (1047552 B more)");
    }

    @Test
    void aMebibyteOfUnframedBytesRendersCutToo() {
        Message message = Message.of(new RawBytes(MEBIBYTE), new TextPayloadCodec());

        assertThat(message.render()).endsWith(" ... (1047552 B more)");
    }

    @Test
    void theBodyOfAMessageRenderedCutStaysWhole() {
        Message message = Message.of(new Frame(MEBIBYTE), new TextPayloadCodec());

        assertThat(message.body()).hasSize(MEBIBYTE.length);
        assertThat(message.text()).hasSize(MEBIBYTE.length);
    }

    @Test
    void aMessagesKeyIsReadFromItsBodyOnce() {
        AtomicInteger decoded = new AtomicInteger();
        Message message = Message.of(new Frame("{\"id\": 7}".getBytes(StandardCharsets.UTF_8)),
                new CountingJson(decoded));
        Correlation byId = Correlation.parse("$.id");

        message.key(byId);
        message.key(byId);

        assertThat(message.key(byId)).isEqualTo("7");
        assertThat(decoded).hasValue(1);
    }

    /** JSON that counts its decodes: what a key costs. */
    private record CountingJson(AtomicInteger decoded) implements PayloadCodec {
        private static final JsonPayloadCodec JSON = new JsonPayloadCodec();

        @Override
        public byte[] parse(String text) throws PayloadException {
            return JSON.parse(text);
        }

        @Override
        public Object decode(byte[] body) throws PayloadException {
            decoded.incrementAndGet();
            return JSON.decode(body);
        }

        @Override
        public String render(byte[] body) {
            return JSON.render(body);
        }
    }
}
