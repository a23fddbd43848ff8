package dev.mtk.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.PayloadException;
import org.junit.jupiter.api.Test;

class BytesPayloadCodecTest {
    private final BytesPayloadCodec bytes = new BytesPayloadCodec();

    @Test
    void parsesHexWithSpacesColonsAndPrefix() throws Exception {
        assertThat(bytes.parse("0x0a ff:10")).containsExactly(0x0a, 0xff, 0x10);
        assertThat(bytes.parse("DEADbeef")).containsExactly(0xde, 0xad, 0xbe, 0xef);
    }

    @Test
    void refusesANonHexDigitNamingItsPosition() {
        assertThatThrownBy(() -> bytes.parse("0a zz"))
                .isInstanceOf(PayloadException.class)
                .hasMessage("invalid hex digit 'z' at position 4");
    }

    @Test
    void refusesAnOddNumberOfDigits() {
        assertThatThrownBy(() -> bytes.parse("abc")).isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("odd number of hex digits");
    }

    @Test
    void rendersAHexDump() {
        byte[] body = "Headers\0\0\0\u0002ok and more".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(bytes.render(body)).isEqualTo(
                "00000000  48 65 61 64 65 72 73 00  00 00 02 6f 6b 20 61 6e  |Headers....ok an|\n"
                + "00000010  64 20 6d 6f 72 65                                 |d more|");
    }

    @Test
    void decodesToTheBodyItself() {
        byte[] body = {1, 2, 3};

        assertThat(bytes.decode(body)).isSameAs(body);
    }
}
