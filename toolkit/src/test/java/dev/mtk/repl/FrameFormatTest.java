package dev.mtk.repl;

import dev.mtk.payload.NamedPayload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.payload.BytesPayloadCodec;
import dev.mtk.payload.JsonPayloadCodec;
import dev.mtk.payload.TextPayloadCodec;
import dev.mtk.session.Profile;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameFormatTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonIsStyledAsJson() {
        assertThat(FrameFormat.body(NamedPayload.of("json", new JsonPayloadCodec()), utf8("{ \"n\": 1 }"), true).toString()).isEqualTo("{\"n\":1}");
    }

    @Test
    void textIsShownAsItIs() {
        assertThat(FrameFormat.body(NamedPayload.of("text", new TextPayloadCodec()), utf8("hello there"), true).toString()).isEqualTo("hello there");
    }

    @Test
    void aBinaryBodyIsAHexDumpWhateverTheTextCodecs() {
        byte[] body = {0x00, 0x01, (byte) 0xff, 0x41};

        assertThat(FrameFormat.body(NamedPayload.of("text", new TextPayloadCodec()), body, true).toString())
                .isEqualTo("00000000  00 01 ff 41                                       |...A|");
        assertThat(FrameFormat.body(NamedPayload.of("json", new JsonPayloadCodec()), body, true).toString()).startsWith("00000000  00 01 ff 41");
        assertThat(FrameFormat.body(NamedPayload.of("bytes", new BytesPayloadCodec()), body, true).toString()).startsWith("00000000  00 01 ff 41");
    }

    @Test
    void anUnframedHandshakeIsText() {
        assertThat(FrameFormat.body(NamedPayload.of("text", new TextPayloadCodec()), utf8("我收到了"), false).toString()).isEqualTo("我收到了");
    }

    @Test
    void anEmptyBodySaysSo() {
        assertThat(FrameFormat.body(NamedPayload.of("json", new JsonPayloadCodec()), new byte[0], true).toString()).isEqualTo("(empty)");
    }

    @Test
    void theWireBytesOfAFrameHaveItsHeader() {
        assertThat(FrameFormat.wire(Profile.json(), utf8("1"), true)).isEqualTo(utf8("Headers\0\0\0\u00011"));
        assertThat(FrameFormat.wire(Profile.seed(), utf8("ok"), false)).isEqualTo(utf8("ok"));
    }
}
