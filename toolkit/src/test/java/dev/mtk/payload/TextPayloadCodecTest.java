package dev.mtk.payload;

import static dev.mtk.testing.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.PayloadException;
import org.junit.jupiter.api.Test;

class TextPayloadCodecTest {
    private final TextPayloadCodec text = new TextPayloadCodec();

    @Test
    void takesTypedTextAsUtf8() {
        assertThat(text.parse("我收到了")).isEqualTo(utf8("我收到了"));
    }

    @Test
    void decodesValidUtf8() throws Exception {
        assertThat(text.decode(utf8("ok 好"))).isEqualTo("ok 好");
    }

    @Test
    void refusesInvalidUtf8NamingTheByte() {
        assertThatThrownBy(() -> text.decode(new byte[] {'o', 'k', (byte) 0xff}))
                .isInstanceOf(PayloadException.class)
                .hasMessage("invalid UTF-8 at byte 2");
    }

    @Test
    void rendersControlCharactersEscapedOnOneLine() {
        assertThat(text.render(utf8("a\tb\r\nc\u0001"))).isEqualTo("a\\tb\\r\\nc\\x01");
    }
}
