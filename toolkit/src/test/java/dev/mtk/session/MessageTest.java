package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.payload.TextPayloadCodec;
import dev.mtk.spi.Frame;
import dev.mtk.spi.RawBytes;
import java.nio.charset.StandardCharsets;
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
}
